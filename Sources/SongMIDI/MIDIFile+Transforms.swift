extension MIDIFile {
    /// The file with every note outside the drum channel moved by `semitones` (notes pushed out of 0–127 are dropped).
    public func transposed(by semitones: Int) -> MIDIFile {
        guard semitones != 0 else { return self }
        var copy = self
        copy.tracks = tracks.map { track in
            track.compactMap { e in
                guard case .channel(let status, let key, let velocity) = e.kind, status & 0xF0 == 0x80 || status & 0xF0 == 0x90 || status & 0xF0 == 0xA0,
                      status & 0x0F != 9 else { return e }
                let moved = Int(key) + semitones
                guard (0...127).contains(moved) else { return nil }
                return MIDIEvent(tick: e.tick, .channel(status: status, data1: UInt8(moved), data2: velocity))
            }
        }
        return copy
    }

    /// The file played `factor` times as fast: every tempo event scaled.
    public func retimed(by factor: Double) -> MIDIFile {
        guard factor > 0, factor != 1 else { return self }
        var copy = self
        var sawTempo = false
        copy.tracks = tracks.map { track in
            track.map { e in
                guard case .meta(let type, let d) = e.kind, type == MIDIEvent.MetaType.tempo, d.count == 3 else { return e }
                sawTempo = true
                let micro = Double(Int(d[0]) << 16 | Int(d[1]) << 8 | Int(d[2])) / factor
                let m = max(1, min(0xFF_FFFF, Int(micro.rounded())))
                return MIDIEvent(tick: e.tick, .meta(type: type, data: [UInt8(m >> 16 & 0xFF), UInt8(m >> 8 & 0xFF), UInt8(m & 0xFF)]))
            }
        }
        if !sawTempo, !copy.tracks.isEmpty {
            // No tempo event means 120 bpm (500,000 µs a quarter).
            let m = Int((500_000 / factor).rounded())
            copy.tracks[0].insert(MIDIEvent(tick: 0, .meta(type: MIDIEvent.MetaType.tempo, data: [UInt8(m >> 16 & 0xFF), UInt8(m >> 8 & 0xFF), UInt8(m & 0xFF)])), at: 0)
        }
        return copy
    }
}
