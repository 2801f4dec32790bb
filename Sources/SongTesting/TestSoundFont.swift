import Foundation

/// A small SoundFont written for the tests: one preset (bank 0, program 0) playing one looped sample, a sine of
/// 441 Hz (a period of exactly 100 samples at 44.1 kHz) tuned as A4 with +4 cents. Laid out as the SoundFont 2.04
/// specification has it (RIFF `sfbk`: LIST `INFO` with `ifil`, `isng`, `INAM`; LIST `sdta` with `smpl`; LIST
/// `pdta` with `phdr`, `pbag`, `pmod`, `pgen`, `inst`, `ibag`, `imod`, `igen`, `shdr`, each ending in its terminal
/// record), with or without the 46 zero sample points the standard puts after each sample.
public enum TestSoundFont {
    public static func data(padded: Bool) -> Data {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }
        func name(_ text: String) -> [UInt8] { Array((text.utf8.prefix(19) + [UInt8](repeating: 0, count: 20)).prefix(20)) }
        func chunk(_ id: String, _ body: [UInt8]) -> [UInt8] { Array(id.utf8) + le32(body.count) + body + (body.count % 2 == 1 ? [0] : []) }
        func list(_ kind: String, _ chunks: [[UInt8]]) -> [UInt8] { chunk("LIST", Array(kind.utf8) + chunks.flatMap { $0 }) }

        let length = 4_100, loopStart = 2_000, loopEnd = 4_000
        var samples: [UInt8] = []
        for i in 0..<length { samples += le16(Int((sin(Double(i) * 2 * .pi / 100) * 16_000).rounded()) & 0xFFFF) }
        if padded { samples += [UInt8](repeating: 0, count: 92) }

        let info = list("INFO", [chunk("ifil", le16(2) + le16(1)), chunk("isng", Array("EMU8000\0".utf8)), chunk("INAM", Array("Songbridge test\0".utf8))])
        let sdta = list("sdta", [chunk("smpl", samples)])
        let phdr = name("Sine") + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + le32(0)
            + name("EOP") + le16(0) + le16(0) + le16(1) + le32(0) + le32(0) + le32(0)
        let pbag = le16(0) + le16(0) + le16(1) + le16(0)
        let pmod = [UInt8](repeating: 0, count: 10)
        let pgen = le16(41) + le16(0) + le16(0) + le16(0)                      // instrument 0; terminal
        let inst = name("Sine") + le16(0) + name("EOI") + le16(1)
        let ibag = le16(0) + le16(0) + le16(2) + le16(0)
        let imod = [UInt8](repeating: 0, count: 10)
        let igen = le16(54) + le16(1) + le16(53) + le16(0) + le16(0) + le16(0) // loop continuously; sample 0; terminal
        let shdr = name("Sine") + le32(0) + le32(length) + le32(loopStart) + le32(loopEnd) + le32(44_100) + [69, 4] + le16(0) + le16(1)
            + name("EOS") + [UInt8](repeating: 0, count: 26)
        let pdta = list("pdta", [chunk("phdr", phdr), chunk("pbag", pbag), chunk("pmod", pmod), chunk("pgen", pgen), chunk("inst", inst),
                                 chunk("ibag", ibag), chunk("imod", imod), chunk("igen", igen), chunk("shdr", shdr)])
        return Data(chunk("RIFF", Array("sfbk".utf8) + info + sdta + pdta))
    }
}
