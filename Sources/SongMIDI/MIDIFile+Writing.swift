extension MIDIFile {
    /// The file's bytes: MThd, then one MTrk per track with delta times and running status, each ended by FF 2F 00.
    public func data() -> [UInt8] {
        var out: [UInt8] = Array("MThd".utf8)
        out += be32(6) + be16(format) + be16(tracks.count) + be16(ticksPerQuarter)
        for track in tracks {
            var body: [UInt8] = []
            var previous = 0
            var runningStatus: UInt8 = 0
            var sawEnd = false
            for event in track {
                body += varLen(max(0, event.tick - previous))
                previous = max(previous, event.tick)
                switch event.kind {
                case .channel(let status, let d1, let d2):
                    if status != runningStatus { body.append(status) }
                    runningStatus = status
                    body.append(d1)
                    if status & 0xF0 != 0xC0 && status & 0xF0 != 0xD0 { body.append(d2) }
                case .meta(let type, let data):
                    runningStatus = 0
                    body += [0xFF, type] + varLen(data.count) + data
                    if type == MIDIEvent.MetaType.endOfTrack { sawEnd = true }
                case .sysex(let status, let data):
                    runningStatus = 0
                    body += [status] + varLen(data.count) + data
                }
            }
            if !sawEnd { body += [0x00, 0xFF, 0x2F, 0x00] }
            out += Array("MTrk".utf8) + be32(body.count) + body
        }
        return out
    }

    private func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    private func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    /// A MIDI variable-length quantity: 7 bits a byte, high bit set on all but the last.
    func varLen(_ value: Int) -> [UInt8] {
        var v = value
        var bytes = [UInt8(v & 0x7F)]
        v >>= 7
        while v > 0 {
            bytes.insert(UInt8(v & 0x7F) | 0x80, at: 0)
            v >>= 7
        }
        return bytes
    }
}
