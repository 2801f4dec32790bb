import SongCore

/// Our `x_songbridge_…` directives, which other ChordPro tools ignore as the spec asks:
/// `{x_songbridge_stop: id=…; place=…; nation=…; venue=…; date=…; partners=A, B}`,
/// `{x_songbridge_contributor: id=…; generation=…; role=…; consent=…; name=…; guardian=yes}`,
/// `{x_songbridge_credit: c1,c2; part=lines; section=Verse 1; lines=1-2}`,
/// `{x_songbridge_form: Verse 1, Chorus, Verse 2, Chorus x2}`, `{x_songbridge_theme: seaside}`.
enum ProvenanceDirectives {
    /// Splits `a=1; b=two` into ordered pairs; `\;` is a literal semicolon. A leading item without `=` has the empty key.
    static func pairs(_ value: String) -> [(String, String)] {
        // Most provenance is plain ASCII: split on its bytes (a Character at a time was a tenth of reading a song).
        // Anything else is split by Characters, so a separator joined to a combining mark stays part of the text.
        value.utf8.allSatisfy({ $0 < 0x80 }) ? asciiPairs(value) : characterPairs(value)
    }

    /// `pairs`, a Character at a time.
    static func characterPairs(_ value: String) -> [(String, String)] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for c in value {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == ";" { items.append(current); current = ""; continue }
            current.append(c)
        }
        items.append(current)
        return items.compactMap { item in
            let t = item.trimmingWhitespace()
            if t.isEmpty { return nil }
            guard let eq = t.firstIndex(of: "=") else { return ("", t) }
            return (t[..<eq].trimmingWhitespace().lowercased(), t[t.index(after: eq)...].trimmingWhitespace())
        }
    }

    /// `pairs` for text that is all ASCII, over its bytes.
    static func asciiPairs(_ value: String) -> [(String, String)] {
        let semicolon = UInt8(ascii: ";"), backslash = UInt8(ascii: "\\"), equals = UInt8(ascii: "=")
        func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var slice = bytes
            // (Spaces and tabs, as `trimmingWhitespace`.)
            while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
            while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
            return slice
        }
        var out: [(String, String)] = []
        func finish(_ item: [UInt8]) {
            let t = trimmed(item[...])
            guard !t.isEmpty else { return }
            guard let eq = t.firstIndex(of: equals) else { out.append(("", String(decoding: t, as: UTF8.self))); return }
            out.append((String(decoding: trimmed(t[..<eq]), as: UTF8.self).lowercased(), String(decoding: trimmed(t[(eq + 1)...]), as: UTF8.self)))
        }
        var current: [UInt8] = []
        var escaped = false
        for b in value.utf8 {
            if escaped { current.append(b); escaped = false; continue }
            if b == backslash { escaped = true; continue }
            if b == semicolon { finish(current); current.removeAll(keepingCapacity: true); continue }
            current.append(b)
        }
        finish(current)
        return out
    }

    /// Contributor ids: the model's rule (`Contributor.isValidID`).
    static func isValidID(_ s: String) -> Bool { Contributor.isValidID(s) }

    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;") }

    /// An error in a provenance directive.
    struct Problem: Error {
        var message: String
        var expected: String
    }

    static func stop(_ value: String) throws(Problem) -> TourStop {
        var id: String?, place: String?, nation: TourStop.Nation?, venue: TourStop.Venue?, date: String?, partners: [String] = []
        for (k, v) in pairs(value) {
            switch k {
            case "id": id = v
            case "place": place = v
            case "nation":
                guard let n = TourStop.Nation(rawValue: v.lowercased()) else {
                    throw Problem(message: "'\(v)' is not a nation", expected: TourStop.Nation.allCases.map(\.rawValue).joined(separator: ", "))
                }
                nation = n
            case "venue":
                guard let n = TourStop.Venue(rawValue: v.lowercased()) else {
                    throw Problem(message: "'\(v)' is not a venue kind", expected: TourStop.Venue.allCases.map(\.rawValue).joined(separator: ", "))
                }
                venue = n
            case "date":
                guard isISODate(v) else { throw Problem(message: "'\(v)' is not a date", expected: "a date as YYYY-MM-DD") }
                date = v
            case "partners": partners = v.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            default: throw Problem(message: "unknown stop field '\(k)'", expected: "id, place, nation, venue, date or partners")
            }
        }
        guard let place, let nation else { throw Problem(message: "stop needs a place and a nation", expected: "place=…; nation=…") }
        return TourStop(id: id ?? place.lowercased().replacingOccurrences(of: " ", with: "-"), place: place, nation: nation, venue: venue ?? .other, date: date, partners: partners)
    }

    static func write(_ stop: TourStop) -> String {
        var parts = ["id=\(escape(stop.id))", "place=\(escape(stop.place))", "nation=\(stop.nation.rawValue)", "venue=\(stop.venue.rawValue)"]
        if let date = stop.date { parts.append("date=\(date)") }
        if !stop.partners.isEmpty { parts.append("partners=\(escape(stop.partners.joined(separator: ", ")))") }
        return parts.joined(separator: "; ")
    }

    static func contributor(_ value: String) throws(Problem) -> Contributor {
        var c = Contributor(id: "")
        for (k, v) in pairs(value) {
            switch k {
            case "id": c.id = v
            case "name": c.name = v
            case "generation":
                guard let g = Generation(rawValue: v.lowercased()) else {
                    throw Problem(message: "'\(v)' is not a generation", expected: Generation.allCases.map(\.rawValue).joined(separator: ", "))
                }
                c.generation = g
            case "role":
                guard let r = Role(rawValue: v.lowercased()) else {
                    throw Problem(message: "'\(v)' is not a role", expected: Role.allCases.map(\.rawValue).joined(separator: ", "))
                }
                c.role = r
            case "consent":
                guard let r = Consent(rawValue: v.lowercased()) else {
                    throw Problem(message: "'\(v)' is not a consent level", expected: Consent.allCases.map(\.rawValue).joined(separator: ", "))
                }
                c.consent = r
            case "guardian":
                guard ["yes", "no"].contains(v.lowercased()) else { throw Problem(message: "'\(v)' is not yes or no", expected: "guardian=yes or guardian=no") }
                c.guardianConsent = v.lowercased() == "yes"
            default: throw Problem(message: "unknown contributor field '\(k)'", expected: "id, name, generation, role, consent or guardian")
            }
        }
        guard !c.id.isEmpty else { throw Problem(message: "contributor has no id", expected: "id=… (a stable pseudonymous id)") }
        guard isValidID(c.id) else { throw Problem(message: "'\(c.id)' is not a contributor id", expected: "an id made of letters, digits, - _ and .") }
        return c
    }

    static func write(_ c: Contributor) -> String {
        var parts = ["id=\(escape(c.id))", "generation=\(c.generation.rawValue)", "role=\(c.role.rawValue)", "consent=\(c.consent.rawValue)"]
        if c.guardianConsent { parts.append("guardian=yes") }
        if let name = c.name { parts.append("name=\(escape(name))") }
        return parts.joined(separator: "; ")
    }

    static func credit(_ value: String) throws(Problem) -> Credit {
        var credit = Credit(contributors: [], part: .lines)
        var sawPart = false
        for (k, v) in pairs(value) {
            switch k {
            case "", "by":
                credit.contributors = v.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                if let bad = credit.contributors.first(where: { !isValidID($0) }) {
                    throw Problem(message: "'\(bad)' is not a contributor id", expected: "ids made of letters, digits, - _ and .")
                }
            case "part":
                guard let p = Credit.Part(rawValue: v.lowercased()) else {
                    throw Problem(message: "'\(v)' is not a credited part", expected: Credit.Part.allCases.map(\.rawValue).joined(separator: ", "))
                }
                credit.part = p
                sawPart = true
            case "section": credit.section = v
            case "lines":
                guard let lines = lineList(v) else { throw Problem(message: "'\(v)' is not a list of line numbers", expected: "line numbers such as 1-2 or 1,3") }
                credit.lines = lines
            default: throw Problem(message: "unknown credit field '\(k)'", expected: "contributor ids, then part, section and lines")
            }
        }
        guard !credit.contributors.isEmpty else { throw Problem(message: "credit names no contributor", expected: "contributor ids first, as in {x_songbridge_credit: c1,c2; part=lines; section=Verse 1}") }
        guard sawPart else { throw Problem(message: "credit has no part", expected: "part=lines, chords, melody, structure, title or idea") }
        return credit
    }

    static func write(_ credit: Credit) -> String {
        var parts = [credit.contributors.joined(separator: ","), "part=\(credit.part.rawValue)"]
        if let section = credit.section { parts.append("section=\(escape(section))") }
        if !credit.lines.isEmpty { parts.append("lines=\(writeLines(credit.lines))") }
        return parts.joined(separator: "; ")
    }

    static func lineList(_ text: String) -> [Int]? {
        var out: [Int] = []
        for item in text.split(separator: ",") {
            let bounds = item.split(separator: "-").map { Int($0.trimmingWhitespace()) }
            if bounds.count == 1, let a = bounds[0], a > 0 { out.append(a) } else if bounds.count == 2, let a = bounds[0], let b = bounds[1], a > 0, b >= a, b - a < 1000 { out += Array(a...b) } else { return nil }
        }
        return out.isEmpty ? nil : out
    }

    static func writeLines(_ lines: [Int]) -> String {
        var runs: [String] = []
        var i = 0
        while i < lines.count {
            var j = i
            while j + 1 < lines.count, lines[j + 1] == lines[j] + 1 { j += 1 }
            runs.append(j > i ? "\(lines[i])-\(lines[j])" : "\(lines[i])")
            i = j + 1
        }
        return runs.joined(separator: ",")
    }

    static func isISODate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return false }
        return y > 1900 && (1...12).contains(m) && (1...31).contains(d)
    }
}

import Foundation
