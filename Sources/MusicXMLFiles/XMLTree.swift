import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read into elements, safely: the document type declaration is blanked out before parsing (so
/// no DTD is fetched, from the network or from a file), a document that declares entities is refused (so none can
/// expand, a billion laughs or otherwise, and no external entity can read a file), and elements, depth and text
/// are counted against limits as they are read.
final class XMLTree {
    /// One element: its name, attributes, children, text and the line it starts on.
    final class Element {
        let name: String
        let attributes: [String: String]
        let line: Int
        var children: [Element] = []
        var text = ""

        init(name: String, attributes: [String: String], line: Int) {
            self.name = name
            self.attributes = attributes
            self.line = line
        }

        func child(_ name: String) -> Element? { children.first { $0.name == name } }
        func all(_ name: String) -> [Element] { children.filter { $0.name == name } }
        /// A child's text, trimmed.
        func value(_ name: String) -> String? { child(name).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } }
    }

    static let maximumElements = 2_000_000
    static let maximumDepth = 64
    static let maximumText = 64 * 1024

    /// The root element of `data`.
    static func parse(_ data: Data, name: String) throws(ScoreImportError) -> Element {
        let cleaned = try withoutDoctype(data, name: name)
        let parser = XMLParser(data: cleaned)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let builder = Builder(name: name)
        parser.delegate = builder
        let ok = parser.parse()
        if let problem = builder.problem { throw problem }
        guard ok, let root = builder.root else {
            let error = parser.parserError.map { " (\(($0 as NSError).localizedDescription))" } ?? ""
            throw ScoreImportError("\(name):\(parser.lineNumber):\(parser.columnNumber): not well-formed XML\(error)")
        }
        return root
    }

    /// `data` with its `<!DOCTYPE …>` replaced by spaces (its newlines kept, so lines still count right); refused
    /// if it declares an entity anywhere.
    static func withoutDoctype(_ data: Data, name: String) throws(ScoreImportError) -> Data {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if contains(bytes, Array("<!ENTITY".utf8)) {
            throw ScoreImportError("\(name): the file declares XML entities, which Songbridge never expands; export it again from your notation program")
        }
        guard let start = find(bytes, Array("<!DOCTYPE".utf8)) else { return Data(bytes) }
        var i = start + 9, depth = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "[") { depth += 1 } else if bytes[i] == UInt8(ascii: "]") { depth -= 1 } else if bytes[i] == UInt8(ascii: ">") && depth <= 0 { break }
            i += 1
        }
        guard i < bytes.count else { throw ScoreImportError("\(name): the document type declaration never ends") }
        for k in start...i where bytes[k] != 0x0A { bytes[k] = 0x20 }
        return Data(bytes)
    }

    static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        outer: while i <= last {
            for k in 0..<needle.count where haystack[i + k] != needle[k] {
                i += 1
                continue outer
            }
            return i
        }
        return nil
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool { find(haystack, needle) != nil }

    /// Builds elements from the parser's events, counting as it goes.
    final class Builder: NSObject, XMLParserDelegate {
        let name: String
        var root: Element?
        var stack: [Element] = []
        var count = 0
        var problem: ScoreImportError?

        init(name: String) { self.name = name }

        func stop(_ parser: XMLParser, _ problem: ScoreImportError) {
            if self.problem == nil { self.problem = problem }
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            count += 1
            guard count <= XMLTree.maximumElements else { return stop(parser, ScoreImportError("\(name): more than \(XMLTree.maximumElements) elements; refused")) }
            guard stack.count < XMLTree.maximumDepth else { return stop(parser, ScoreImportError("\(name):\(parser.lineNumber): elements nested more than \(XMLTree.maximumDepth) deep; refused")) }
            let element = Element(name: elementName, attributes: attributes, line: parser.lineNumber)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let current = stack.last else { return }
            guard current.text.utf8.count + string.utf8.count <= XMLTree.maximumText else {
                return stop(parser, ScoreImportError("\(name):\(parser.lineNumber): <\(current.name)> holds more than \(XMLTree.maximumText / 1024) KB of text; refused"))
            }
            current.text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
        }
    }
}
