import Foundation
import Synchronization

extension SoundFont {
    /// Whether every sample is followed by the 46 zero sample points the SoundFont 2.04 specification asks for
    /// (section 6.1; the sample headers, `shdr`, section 7.10). Only then may FluidSynth load a font's samples as
    /// its presets are chosen (`synth.dynamic-sample-loading`): before 2.4.4 it reads past the end of a sample loaded
    /// on its own, which is silence in a font that keeps the standard and a click in one that does not (FluidSynth
    /// issue #1484). FluidR3_GM keeps it (1,418 samples); TimGM6mb does not (508 of its 520 samples). Read once a
    /// file (its path, size and date), from the sample headers and 92 bytes after each sample: a few milliseconds.
    public var samplesArePadded: Bool { readOnce(Self.padded, checkPadding) }

    private static let padded = Mutex<[String: Bool]>([:])

    private func checkPadding() -> Bool {
        guard let file = SoundFontFile(url) else { return false }
        defer { file.close() }
        guard let lists = file.lists(), let sdta = lists["sdta"], let pdta = lists["pdta"],
              let smpl = file.chunks(in: sdta).first(where: { $0.id == "smpl" }), let shdr = file.chunks(in: pdta).first(where: { $0.id == "shdr" }),
              shdr.size % 46 == 0, shdr.size >= 92, let headers = file.read(shdr.offset, shdr.size) else { return false }
        for n in 0..<(shdr.size / 46 - 1) {   // the last header is the terminal EOS record
            let end = SoundFontFile.le(headers, 46 * n + 24), type = SoundFontFile.le(headers, 46 * n + 44, 2)
            if type & 0x8000 != 0 { continue }   // a ROM sample: not in this file
            guard 2 * (end + 46) <= smpl.size, let pad = file.read(smpl.offset + 2 * end, 92), pad.allSatisfy({ $0 == 0 }) else { return false }
        }
        return true
    }
}
