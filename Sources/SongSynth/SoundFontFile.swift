import Foundation

/// A SoundFont file read by its RIFF chunks (SoundFont 2.04 specification: RIFF `sfbk` holding LIST `INFO`, `sdta`
/// and `pdta`), for checking it before FluidSynth sees it and for finding how its samples are laid out.
struct SoundFontFile {
    let size: Int
    private let handle: FileHandle

    init?(_ url: URL) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        self.handle = handle
        size = (try? handle.seekToEnd()).map(Int.init) ?? 0
    }

    func close() { try? handle.close() }

    /// `count` bytes at `offset`, or nil past the end.
    func read(_ offset: Int, _ count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset + count <= size else { return nil }
        try? handle.seek(toOffset: UInt64(offset))
        guard let data = try? handle.read(upToCount: count), data.count == count else { return nil }
        return [UInt8](data)
    }

    /// A little-endian number of `bytes` bytes at `i`.
    static func le(_ b: [UInt8], _ i: Int, _ bytes: Int = 4) -> Int { (0..<bytes).reduce(0) { $0 | Int(b[i + $1]) << (8 * $1) } }

    /// The form's LIST chunks by kind: where each one's contents start, and their size. Nil when a chunk runs past
    /// the end of the file.
    func lists() -> [String: (offset: Int, size: Int)]? {
        var lists: [String: (offset: Int, size: Int)] = [:]
        var offset = 12
        while offset + 12 <= size, let chunk = read(offset, 12) {
            let length = Self.le(chunk, 4)
            guard offset + 8 + length <= size else { return nil }
            if chunk[0..<4] == Array("LIST".utf8)[...] { lists[String(decoding: chunk[8..<12], as: UTF8.self)] = (offset + 12, length - 4) }
            offset += 8 + length + (length & 1)
        }
        return lists
    }

    /// The chunks inside a list, in order: id, where the contents start, and their size.
    func chunks(in list: (offset: Int, size: Int)) -> [(id: String, offset: Int, size: Int)] {
        var found: [(id: String, offset: Int, size: Int)] = []
        var at = list.offset
        while at + 8 <= list.offset + list.size, let head = read(at, 8) {
            let length = Self.le(head, 4)
            found.append((String(decoding: head[0..<4], as: UTF8.self), at + 8, length))
            at += 8 + length + (length & 1)
        }
        return found
    }
}
