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
        let key = fileKey
        let known: ChorusSends?
        if let cached = Self.chorusSends.withLock({ $0[key] }) {
            known = cached
        } else {
            known = ChorusSends(self)
            Self.chorusSends.withLock { $0[key] = .some(known) }
        }
        guard let known else { return true }
        return presets.contains { !known.present.contains($0) || known.sending.contains($0) }
    }

    private static let chorusSends = Mutex<[String: ChorusSends?]>([:])

    /// The presets a font has, and those of them that send to the chorus.
    private struct ChorusSends: Sendable {
        var present: Set<PresetNumber> = []
        var sending: Set<PresetNumber> = []

        /// The generator numbers of `chorusEffectsSend` and of a preset zone's `instrument` (section 8.1.2).
        static let chorusSend = 15, instrument = 41

        /// Nil when the font's preset data cannot be read whole.
        init?(_ font: SoundFont) {
            guard let file = SoundFontFile(font.url) else { return nil }
            defer { file.close() }
            guard let lists = file.lists(), let pdta = lists["pdta"] else { return nil }
            var chunks: [String: [UInt8]] = [:]
            for chunk in file.chunks(in: pdta) { chunks[chunk.id] = file.read(chunk.offset, chunk.size) }
            // Records by size: headers 38 and 22 bytes, bags 4, generators 4, modulators 10 (sections 7.2–7.9).
            func records(_ id: String, _ size: Int) -> [[UInt8]]? {
                guard let bytes = chunks[id], bytes.count % size == 0 else { return nil }
                return stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<($0 + size)]) }
            }
            func word(_ record: [UInt8], _ at: Int) -> Int { SoundFontFile.le(record, at, 2) }
            guard let phdr = records("phdr", 38), let pbag = records("pbag", 4), let pgen = records("pgen", 4), let pmod = records("pmod", 10),
                  let inst = records("inst", 22), let ibag = records("ibag", 4), let igen = records("igen", 4), let imod = records("imod", 10),
                  phdr.count >= 2, inst.count >= 2 else { return nil }
            // A zone's generators and modulators run from its bag's indices to the next bag's.
            func sends(bags: Range<Int>, bag: [[UInt8]], generators: [[UInt8]], modulators: [[UInt8]], instruments: inout Set<Int>) -> Bool? {
                guard bags.lowerBound <= bags.upperBound, bags.upperBound < bag.count else { return nil }
                for b in bags {
                    let gens = word(bag[b], 0)..<word(bag[b + 1], 0), mods = word(bag[b], 2)..<word(bag[b + 1], 2)
                    guard gens.lowerBound <= gens.upperBound, gens.upperBound <= generators.count,
                          mods.lowerBound <= mods.upperBound, mods.upperBound <= modulators.count else { return nil }
                    for g in gens {
                        let oper = word(generators[g], 0), amount = Int16(truncatingIfNeeded: word(generators[g], 2))
                        if oper == Self.chorusSend, amount > 0 { return true }
                        if oper == Self.instrument { instruments.insert(Int(UInt16(truncatingIfNeeded: amount))) }
                    }
                    if mods.contains(where: { word(modulators[$0], 2) == Self.chorusSend }) { return true }
                }
                return false
            }
            var instrumentSends: [Int: Bool] = [:]
            for p in 0..<(phdr.count - 1) {   // the last header is the terminal EOP record
                let number = PresetNumber(bank: word(phdr[p], 22), program: word(phdr[p], 20))
                var instruments: Set<Int> = []
                var none: Set<Int> = []
                guard let presetSends = sends(bags: word(phdr[p], 24)..<word(phdr[p + 1], 24), bag: pbag, generators: pgen, modulators: pmod,
                                              instruments: &instruments) else { return nil }
                var any = presetSends
                for i in instruments.sorted() where !any {
                    guard i + 1 < inst.count else { return nil }
                    if instrumentSends[i] == nil {
                        guard let found = sends(bags: word(inst[i], 20)..<word(inst[i + 1], 20), bag: ibag, generators: igen, modulators: imod,
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
