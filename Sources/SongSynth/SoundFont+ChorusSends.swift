import Foundation
import Synchronization

extension SoundFont {
    /// A preset's number in a font: its MIDI bank (128 for percussion) and program.
    public struct PresetNumber: Sendable, Hashable {
        public var bank: Int
        public var program: Int
        public init(bank: Int, program: Int) {
            self.bank = bank
            self.program = program
        }
    }

    /// Whether any of `presets` can send sound to the chorus by itself: a positive `chorusEffectsSend` generator
    /// (number 15) in the preset's zones or in those of an instrument it plays, or a modulator aimed at that generator
    /// (SoundFont 2.04 specification, sections 7.2–7.9, 8.1.2 and 8.2). Without one, only MIDI controller 93 (the one
    /// default modulator to the chorus) or an NRPN can, and a render whose music sends neither has a chorus that only
    /// ever processes silence. A preset the font does not have (FluidSynth would fall back to another), or a font
    /// that cannot be read, counts as sending. The font is read once a file, like `samplesArePadded`.
    public func sendsToChorus(presets: Set<PresetNumber>) -> Bool {
        guard let known = readOnce(Self.chorusSends, { ChorusSends(self) }) else { return true }
        return presets.contains { !known.present.contains($0) || known.sending.contains($0) }
    }

    private static let chorusSends = Mutex<[String: ChorusSends?]>([:])

    /// The presets a font has, and those of them that send to the chorus.
    private struct ChorusSends: Sendable {
        var present: Set<PresetNumber> = []
        var sending: Set<PresetNumber> = []

        /// The generator numbers of `chorusEffectsSend` and of a preset zone's `instrument` (section 8.1.2).
        static let chorusSend = 15, instrument = 41

        /// One `pdta` sub-chunk's fixed-size records (sections 7.2–7.9), read in place.
        struct Records {
            let bytes: [UInt8]
            let size: Int
            var count: Int { bytes.count / size }
            /// The little-endian 16-bit word at byte `at` of record `index`.
            func word(_ index: Int, _ at: Int) -> Int { SoundFontFile.le(bytes, index * size + at, 2) }
        }

        /// Nil when the font's preset data cannot be read whole.
        init?(_ font: SoundFont) {
            guard let file = SoundFontFile(font.url) else { return nil }
            defer { file.close() }
            guard let lists = file.lists(), let pdta = lists["pdta"] else { return nil }
            let chunks = file.chunks(in: pdta)
            // Headers are 38 and 22 bytes, bags 4, generators 4, modulators 10.
            func records(_ id: String, _ size: Int) -> Records? {
                guard let chunk = chunks.first(where: { $0.id == id }), chunk.size % size == 0, let bytes = file.read(chunk.offset, chunk.size) else { return nil }
                return Records(bytes: bytes, size: size)
            }
            guard let phdr = records("phdr", 38), let pbag = records("pbag", 4), let pgen = records("pgen", 4), let pmod = records("pmod", 10),
                  let inst = records("inst", 22), let ibag = records("ibag", 4), let igen = records("igen", 4), let imod = records("imod", 10),
                  phdr.count >= 2, inst.count >= 2 else { return nil }
            // Whether the zones `bags` send to the chorus (nil if their indices run out of the file), noting the
            // instruments they play. A zone's generators and modulators run from its bag's indices to the next bag's.
            func sends(bags: Range<Int>, bag: Records, generators: Records, modulators: Records, instruments: inout Set<Int>) -> Bool? {
                guard bags.lowerBound <= bags.upperBound, bags.upperBound < bag.count else { return nil }
                for b in bags {
                    let gens = bag.word(b, 0)..<bag.word(b + 1, 0), mods = bag.word(b, 2)..<bag.word(b + 1, 2)
                    guard gens.lowerBound <= gens.upperBound, gens.upperBound <= generators.count,
                          mods.lowerBound <= mods.upperBound, mods.upperBound <= modulators.count else { return nil }
                    for g in gens {
                        let oper = generators.word(g, 0), amount = Int16(truncatingIfNeeded: generators.word(g, 2))
                        if oper == Self.chorusSend, amount > 0 { return true }
                        if oper == Self.instrument { instruments.insert(Int(UInt16(truncatingIfNeeded: amount))) }
                    }
                    // sfModDestOper is the second word of a modulator.
                    if mods.contains(where: { modulators.word($0, 2) == Self.chorusSend }) { return true }
                }
                return false
            }
            var instrumentSends: [Int: Bool] = [:]
            for p in 0..<(phdr.count - 1) {   // the last header is the terminal EOP record
                let number = PresetNumber(bank: phdr.word(p, 22), program: phdr.word(p, 20))
                var instruments: Set<Int> = [], none: Set<Int> = []
                guard var any = sends(bags: phdr.word(p, 24)..<phdr.word(p + 1, 24), bag: pbag, generators: pgen, modulators: pmod,
                                      instruments: &instruments) else { return nil }
                for i in instruments.sorted() where !any {
                    guard i + 1 < inst.count else { return nil }
                    if instrumentSends[i] == nil {
                        guard let found = sends(bags: inst.word(i, 20)..<inst.word(i + 1, 20), bag: ibag, generators: igen, modulators: imod,
                                                instruments: &none) else { return nil }
                        instrumentSends[i] = found
                    }
                    any = instrumentSends[i]!
                }
                present.insert(number)
                if any { sending.insert(number) }
            }
        }
    }
}
