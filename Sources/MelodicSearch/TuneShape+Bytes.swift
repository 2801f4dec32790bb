extension TuneShape {
    /// The shape as stored: the note count (4 bytes, little-endian), the steps' intervals and rhythm (a byte
    /// each), then each note's bar (2 bytes, little-endian).
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4 + 2 * intervals.count + 2 * bars.count)
        let n = UInt32(bars.count)
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt32(k)))) }
        for v in intervals { out.append(UInt8(bitPattern: v)) }
        for v in rhythm { out.append(UInt8(bitPattern: v)) }
        for b in bars { let u = UInt16(bitPattern: b); out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8)) }
        return out
    }

    /// A shape read back from `bytes` (nil when they are not one).
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 4 else { return nil }
        let n = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
        let steps = max(0, n - 1)
        guard n <= 1_000_000, bytes.count == 4 + 2 * steps + 2 * n else { return nil }
        let intervals = bytes[4..<(4 + steps)].map { Int8(bitPattern: $0) }
        let rhythm = bytes[(4 + steps)..<(4 + 2 * steps)].map { Int8(bitPattern: $0) }
        var bars: [Int16] = []
        bars.reserveCapacity(n)
        var i = 4 + 2 * steps
        while i < bytes.count { bars.append(Int16(bitPattern: UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)); i += 2 }
        self.init(intervals: intervals, rhythm: rhythm, bars: bars)
    }
}
