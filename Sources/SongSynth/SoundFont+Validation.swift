import Foundation

extension SoundFont {
    /// Checks the file's RIFF structure before FluidSynth sees it (chunk layout from the SoundFont 2.04
    /// specification: RIFF `sfbk` holding LIST `INFO`, `sdta` and `pdta`, the last with nine sub-chunks of
    /// fixed-size records). A file that fails would otherwise go on to FluidSynth's DLS loader, whose library
    /// prints its complaints straight to stderr.
    public func validate() throws(SynthError) {
        guard let file = SoundFontFile(url) else { throw SynthError("cannot read the SoundFont \(url.path)") }
        defer { file.close() }
        func fail(_ why: String) -> SynthError { SynthError("\(url.path) is not a SoundFont FluidSynth can load (\(why))") }
        guard let head = file.read(0, 12), head[0..<4] == [0x52, 0x49, 0x46, 0x46][...], head[8..<12] == Array("sfbk".utf8)[...] else {
            throw fail("no RIFF sfbk header")
        }
        guard SoundFontFile.le(head, 4) + 8 <= file.size else { throw fail("the file is shorter than its header says; it may be truncated") }
        guard let lists = file.lists() else { throw fail("a chunk runs past the end of the file") }
        for name in ["INFO", "sdta", "pdta"] where lists[name] == nil { throw fail("no \(name) list") }
        let recordSizes = ["phdr": 38, "pbag": 4, "pmod": 10, "pgen": 4, "inst": 22, "ibag": 4, "imod": 10, "igen": 4, "shdr": 46]
        var seen: Set<String> = []
        for chunk in file.chunks(in: lists["pdta"]!) {
            if let record = recordSizes[chunk.id] {
                guard chunk.size % record == 0, chunk.size >= record else { throw fail("the \(chunk.id) chunk is damaged") }
                seen.insert(chunk.id)
            }
        }
        if let missing = recordSizes.keys.sorted().first(where: { !seen.contains($0) }) { throw fail("no \(missing) chunk") }
    }
}
