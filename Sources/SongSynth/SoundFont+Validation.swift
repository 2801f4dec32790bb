import Foundation

extension SoundFont {
    /// Checks the file's RIFF structure before FluidSynth sees it (chunk layout from the SoundFont 2.04
    /// specification: RIFF `sfbk` holding LIST `INFO`, `sdta` and `pdta`, the last with nine sub-chunks of
    /// fixed-size records). A file that fails would otherwise go on to FluidSynth's DLS loader, whose library
    /// prints its complaints straight to stderr.
    public func validate() throws(SynthError) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw SynthError("cannot read the SoundFont \(url.path)") }
        defer { try? handle.close() }
        let fileSize = (try? handle.seekToEnd()).map(Int.init) ?? 0
        func fail(_ why: String) -> SynthError { SynthError("\(url.path) is not a SoundFont FluidSynth can load (\(why))") }
        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            guard offset >= 0, offset + count <= fileSize else { return nil }
            try? handle.seek(toOffset: UInt64(offset))
            guard let data = try? handle.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        func le32(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24 }
        guard let head = read(0, 12), head[0..<4] == [0x52, 0x49, 0x46, 0x46][...], head[8..<12] == Array("sfbk".utf8)[...] else {
            throw fail("no RIFF sfbk header")
        }
        guard le32(head, 4) + 8 <= fileSize else { throw fail("the file is shorter than its header says; it may be truncated") }
        var lists: [String: (offset: Int, size: Int)] = [:]
        var offset = 12
        while offset + 12 <= fileSize {
            guard let chunk = read(offset, 12) else { break }
            let size = le32(chunk, 4)
            guard offset + 8 + size <= fileSize else { throw fail("a chunk runs past the end of the file") }
            if chunk[0..<4] == Array("LIST".utf8)[...] { lists[String(decoding: chunk[8..<12], as: UTF8.self)] = (offset + 12, size - 4) }
            offset += 8 + size + (size & 1)
        }
        for name in ["INFO", "sdta", "pdta"] where lists[name] == nil { throw fail("no \(name) list") }
        let pdta = lists["pdta"]!
        let recordSizes = ["phdr": 38, "pbag": 4, "pmod": 10, "pgen": 4, "inst": 22, "ibag": 4, "imod": 10, "igen": 4, "shdr": 46]
        var seen: Set<String> = []
        var sub = pdta.offset
        while sub + 8 <= pdta.offset + pdta.size {
            guard let chunk = read(sub, 8) else { break }
            let id = String(decoding: chunk[0..<4], as: UTF8.self), size = le32(chunk, 4)
            if let record = recordSizes[id] {
                guard size % record == 0, size >= record else { throw fail("the \(id) chunk is damaged") }
                seen.insert(id)
            }
            sub += 8 + size
        }
        if let missing = recordSizes.keys.sorted().first(where: { !seen.contains($0) }) { throw fail("no \(missing) chunk") }
    }
}
