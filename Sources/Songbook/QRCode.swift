/// A QR code (Model 2) for a short text such as a web address: byte mode (UTF-8 said by ECI 26 when not ASCII), error correction level M (about 15% of
/// the code may be damaged and it still reads), the smallest of versions 1 to 10 that holds it (up to 213 bytes),
/// the mask with the lowest penalty. Written from ISO/IEC 18004:2015: the codeword and block tables (Table 9 for
/// level M), alignment pattern positions (Annex E), format and version information (7.9, 7.10), masks and their
/// penalty rules (7.8), Reed–Solomon over GF(256) with the polynomial x⁸+x⁴+x³+x²+1.
public struct QRCode: Sendable, Hashable {
    /// Modules, row by row: true is dark.
    public let modules: [[Bool]]
    public let version: Int

    public var size: Int { modules.count }

    /// Level M's blocks by version (1…10): error correction codewords a block, and the blocks' data codewords.
    static let blocks: [(ec: Int, data: [Int])] = [
        (10, [16]), (16, [28]), (26, [44]), (18, [32, 32]), (24, [43, 43]),
        (16, [27, 27, 27, 27]), (18, [31, 31, 31, 31]), (22, [38, 38, 39, 39]), (22, [36, 36, 36, 37, 37]), (26, [43, 43, 43, 43, 44]),
    ]
    /// Alignment pattern centres by version (rows and columns alike).
    static let alignment: [[Int]] = [[], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    /// The code for `text`, or nil when it is longer than version 10 holds at level M.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        // Text beyond ASCII says it is UTF-8 (ECI 26), or readers take its bytes as Latin-1 or Shift JIS.
        let utf8 = bytes.contains { $0 >= 0x80 }
        guard let version = (1...10).first(where: { v in
            Self.blocks[v - 1].data.reduce(0, +) * 8 >= (utf8 ? 12 : 0) + 4 + (v < 10 ? 8 : 16) + 8 * bytes.count
        }) else { return nil }
        self.version = version
        let layout = Self.blocks[version - 1]
        let capacity = layout.data.reduce(0, +)
        // Byte mode (0100), the count, the bytes, a terminator, then pad bytes to fill.
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in (0..<count).reversed() { bits.append((value >> i) & 1 == 1) } }
        if utf8 {
            append(0b0111, 4)
            append(26, 8)
        }
        append(0b0100, 4)
        append(bytes.count, version < 10 ? 8 : 16)
        for b in bytes { append(Int(b), 8) }
        append(0, min(4, capacity * 8 - bits.count))
        while bits.count % 8 != 0 { bits.append(false) }
        var data: [UInt8] = stride(from: 0, to: bits.count, by: 8).map { i in (0..<8).reduce(UInt8(0)) { $0 << 1 | (bits[i + $1] ? 1 : 0) } }
        var pad: UInt8 = 0xEC
        while data.count < capacity { data.append(pad); pad = pad == 0xEC ? 0x11 : 0xEC }
        // Blocks, each with its error correction; then interleaved.
        var blockData: [[UInt8]] = [], start = 0
        for n in layout.data { blockData.append(Array(data[start..<start + n])); start += n }
        let blockEC = blockData.map { ReedSolomon.remainder($0, degree: layout.ec) }
        var codewords: [UInt8] = []
        for i in 0..<(layout.data.max() ?? 0) { for block in blockData where i < block.count { codewords.append(block[i]) } }
        for i in 0..<layout.ec { for ec in blockEC { codewords.append(ec[i]) } }
        var grid = Grid(version: version)
        grid.place(codewords)
        var best: Grid?, bestPenalty = Int.max
        for mask in 0..<8 {
            var candidate = grid
            candidate.apply(mask: mask)
            candidate.drawFormat(mask: mask)
            let p = candidate.penalty()
            if p < bestPenalty { best = candidate; bestPenalty = p }
        }
        modules = best!.dark
    }

    /// The code as SVG: dark modules on white with the four-module quiet zone, scalable, named for a screen reader.
    public func svg(label: String) -> String {
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        let side = size + 8
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" aria-label=\"\(label)\" shape-rendering=\"crispEdges\">"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }

    /// The module grid while it is made: what is dark, and which modules are patterns (not data).
    struct Grid {
        var dark: [[Bool]]
        var function: [[Bool]]
        let size: Int
        let version: Int

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            dark = Array(repeating: Array(repeating: false, count: size), count: size)
            function = dark
            for (r, c) in [(0, 0), (0, size - 7), (size - 7, 0)] { finder(r, c) }
            for i in 8..<(size - 8) { set(6, i, i % 2 == 0); set(i, 6, i % 2 == 0) }
            let centres = QRCode.alignment[version - 1]
            for r in centres {
                for c in centres where !((r == 6 && c == 6) || (r == 6 && c == centres.last!) || (r == centres.last! && c == 6)) {
                    for dr in -2...2 { for dc in -2...2 { set(r + dr, c + dc, max(abs(dr), abs(dc)) != 1) } }
                }
            }
            // Format areas reserved (drawn once the mask is chosen), the dark module, and version information.
            drawFormat(mask: 0)
            if version >= 7 {
                var rem = version
                for _ in 0..<12 { rem = (rem << 1) ^ ((rem >> 11) * 0x1F25) }
                let bits = version << 12 | rem
                for i in 0..<18 {
                    let bit = (bits >> i) & 1 == 1
                    let a = size - 11 + i % 3, b = i / 3
                    set(b, a, bit)
                    set(a, b, bit)
                }
            }
        }

        mutating func set(_ row: Int, _ col: Int, _ isDark: Bool) {
            dark[row][col] = isDark
            function[row][col] = true
        }

        /// A finder pattern with its light separator, its top-left corner at (`row`, `col`).
        mutating func finder(_ row: Int, _ col: Int) {
            for dr in -1...7 {
                for dc in -1...7 {
                    let r = row + dr, c = col + dc
                    guard r >= 0, r < size, c >= 0, c < size else { continue }
                    let d = max(abs(dr - 3), abs(dc - 3))
                    set(r, c, d != 2 && d != 4)
                }
            }
        }

        /// Level M's format information for `mask`, in both places, and the dark module.
        mutating func drawFormat(mask: Int) {
            let data = 0b00 << 3 | mask  // level M is 00
            var rem = data
            for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
            let bits = (data << 10 | rem) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0..<6 { set(i, 8, bit(i)) }
            set(7, 8, bit(6))
            set(8, 8, bit(7))
            set(8, 7, bit(8))
            for i in 9..<15 { set(8, 14 - i, bit(i)) }
            for i in 0..<8 { set(8, size - 1 - i, bit(i)) }
            for i in 8..<15 { set(size - 15 + i, 8, bit(i)) }
            set(size - 8, 8, true)
        }

        /// The codewords' bits, in two-column strips from the bottom right, up then down, around the patterns.
        mutating func place(_ codewords: [UInt8]) {
            var i = 0
            let total = codewords.count * 8
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for step in 0..<size {
                    for j in 0..<2 {
                        let col = right - j
                        let upward = (right + 1) & 2 == 0
                        let row = upward ? size - 1 - step : step
                        guard !function[row][col] else { continue }
                        if i < total { dark[row][col] = (codewords[i >> 3] >> (7 - UInt8(i & 7))) & 1 == 1 }
                        i += 1
                    }
                }
                right -= 2
            }
        }

        /// Flips the data modules where mask `m` says.
        mutating func apply(mask m: Int) {
            for r in 0..<size {
                for c in 0..<size where !function[r][c] {
                    let flip: Bool
                    switch m {
                    case 0: flip = (r + c) % 2 == 0
                    case 1: flip = r % 2 == 0
                    case 2: flip = c % 3 == 0
                    case 3: flip = (r + c) % 3 == 0
                    case 4: flip = (r / 2 + c / 3) % 2 == 0
                    case 5: flip = (r * c) % 2 + (r * c) % 3 == 0
                    case 6: flip = ((r * c) % 2 + (r * c) % 3) % 2 == 0
                    default: flip = ((r + c) % 2 + (r * c) % 3) % 2 == 0
                    }
                    if flip { dark[r][c].toggle() }
                }
            }
        }

        /// The penalty of 7.8.3: runs of five or more, 2×2 blocks, finder-like patterns, and imbalance of dark and light.
        func penalty() -> Int {
            var score = 0
            func lines() -> [[Bool]] { dark + (0..<size).map { c in (0..<size).map { dark[$0][c] } } }
            let finderLike: [Bool] = [true, false, true, true, true, false, true]
            for line in lines() {
                var run = 1
                for i in 1...line.count {
                    if i < line.count && line[i] == line[i - 1] { run += 1; continue }
                    if run >= 5 { score += 3 + run - 5 }
                    run = 1
                }
                if line.count >= 11 {
                    for i in 0...(line.count - 11) {
                        let window = Array(line[i..<i + 11])
                        if Array(window[0..<7]) == finderLike && !window[7...].contains(true) { score += 40 }
                        if Array(window[4..<11]) == finderLike && !window[..<4].contains(true) { score += 40 }
                    }
                }
            }
            for r in 0..<(size - 1) {
                for c in 0..<(size - 1) where dark[r][c] == dark[r][c + 1] && dark[r][c] == dark[r + 1][c] && dark[r][c] == dark[r + 1][c + 1] { score += 3 }
            }
            let darkCount = dark.reduce(0) { $0 + $1.filter { $0 }.count }
            let percent = darkCount * 100 / (size * size)
            score += 10 * (abs(percent - 50) / 5)
            return score
        }
    }

    /// Reed–Solomon error correction over GF(256) (x⁸+x⁴+x³+x²+1), as QR codes use it.
    enum ReedSolomon {
        static let (exp, log): ([UInt8], [Int]) = {
            var exp = [UInt8](repeating: 0, count: 512), log = [Int](repeating: 0, count: 256)
            var x = 1
            for i in 0..<255 {
                exp[i] = UInt8(x)
                log[x] = i
                x <<= 1
                if x & 0x100 != 0 { x ^= 0x11D }
            }
            for i in 255..<512 { exp[i] = exp[i - 255] }
            return (exp, log)
        }()

        static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
            a == 0 || b == 0 ? 0 : exp[log[Int(a)] + log[Int(b)]]
        }

        /// The generator polynomial of `degree`, highest power first (its leading 1 left out).
        static func generator(_ degree: Int) -> [UInt8] {
            var g: [UInt8] = [1]
            for i in 0..<degree {
                // g × (x − αⁱ)
                var next = [UInt8](repeating: 0, count: g.count + 1)
                for (j, c) in g.enumerated() {
                    next[j] ^= c
                    next[j + 1] ^= multiply(c, exp[i])
                }
                g = next
            }
            return Array(g.dropFirst())
        }

        /// The `degree` error correction codewords of `data`.
        static func remainder(_ data: [UInt8], degree: Int) -> [UInt8] {
            let g = generator(degree)
            var r = [UInt8](repeating: 0, count: degree)
            for d in data {
                let factor = d ^ r[0]
                r.removeFirst()
                r.append(0)
                for i in 0..<degree { r[i] ^= multiply(g[i], factor) }
            }
            return r
        }
    }
}
