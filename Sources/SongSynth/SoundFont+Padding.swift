import Foundation
import Synchronization

extension SoundFont {
    /// Whether every sample is followed by the 46 zero sample points the SoundFont 2.04 specification asks for
    /// (section 6.1; the sample headers, `shdr`, section 7.10). Only then may FluidSynth load a font's samples as
    /// its presets are chosen (`synth.dynamic-sample-loading`): before 2.4.4 it reads past the end of a sample loaded
    /// on its own, which is silence in a font that keeps the standard and a click in one that does not (FluidSynth
    /// issue #1484). FluidR3_GM keeps it (1,418 samples); TimGM6mb does not (508 of its 520 samples). Read once a
    /// file (its path, size and date), from the sample headers and 92 bytes after each sample: a few milliseconds.
    public var samplesArePadded: Bool {
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(url.path)|\(size)|\(modified)"
        if let known = Self.padded.withLock({ $0[key] }) { return known }
        let found = checkPadding()
        Self.padded.withLock { $0[key] = found }
        return found
    }

    private static let padded = Mutex<[String: Bool]>([:])

    private func checkPadding() -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        let fileSize = (try? handle.seekToEnd()).map(Int.init) ?? 0
        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            guard offset >= 0, count >= 0, offset + count <= fileSize else { return nil }
            try? handle.seek(toOffset: UInt64(offset))
            guard let data = try? handle.read(upToCount: count), data.count == count else { return nil }
            return [UInt8](data)
        }
        func le(_ b: [UInt8], _ i: Int, _ bytes: Int) -> Int { (0..<bytes).reduce(0) { $0 | Int(b[i + $1]) << (8 * $1) } }
        /// The sub-chunks of a LIST: id → (offset of the data, size).
        func subchunks(_ start: Int, _ end: Int) -> [String: (Int, Int)] {
            var found: [String: (Int, Int)] = [:]
            var at = start
            while at + 8 <= end, let head = read(at, 8) {
                let size = le(head, 4, 4)
                found[String(decoding: head[0..<4], as: UTF8.self)] = (at + 8, size)
                at += 8 + size + (size & 1)
            }
            return found
        }
        var lists: [String: (Int, Int)] = [:]
        var at = 12
        while at + 12 <= fileSize, let head = read(at, 12) {
            let size = le(head, 4, 4)
            if head[0..<4] == Array("LIST".utf8)[...] { lists[String(decoding: head[8..<12], as: UTF8.self)] = (at + 12, size - 4) }
            at += 8 + size + (size & 1)
        }
        guard let sdta = lists["sdta"], let pdta = lists["pdta"],
              let smpl = subchunks(sdta.0, sdta.0 + sdta.1)["smpl"], let shdr = subchunks(pdta.0, pdta.0 + pdta.1)["shdr"],
              shdr.1 % 46 == 0, shdr.1 >= 92, let headers = read(shdr.0, shdr.1) else { return false }
        for n in 0..<(shdr.1 / 46 - 1) {   // the last header is the terminal EOS record
            let end = le(headers, 46 * n + 24, 4), type = le(headers, 46 * n + 44, 2)
            if type & 0x8000 != 0 { continue }   // a ROM sample: not in this file
            guard 2 * (end + 46) <= smpl.1, let pad = read(smpl.0 + 2 * end, 92), pad.allSatisfy({ $0 == 0 }) else { return false }
        }
        return true
    }
}
