import Foundation

/// A take made to order, as a voice would give it: each note a harmonic tone (a fundamental and overtones falling
/// away, like a sung vowel), with vibrato, a glide into each note, the whole take sung off-pitch, breath noise,
/// and gaps or legato between notes. The truth is the list of notes asked for.
public struct SungTake: Sendable {
    public var notes: [(midi: Int, seconds: Double)]
    public var sampleRate = 44_100.0
    public var vibratoCents = 0.0, vibratoHz = 5.5
    public var glideSeconds = 0.0
    public var detuneCents = 0.0
    public var gapSeconds = 0.05
    /// Signal to noise, dB; nil for none.
    public var snr: Double? = nil
    public var seed: UInt64 = 7

    public var truth: [(onset: Double, offset: Double, midi: Int)] {
        var t = 0.2, out: [(Double, Double, Int)] = []
        for n in notes {
            out.append((t, t + n.seconds - gapSeconds, n.midi))
            t += n.seconds
        }
        return out
    }

    /// The take's samples, −1…1, mono.
    public var samples: [Float] {
        let total = (truth.last?.offset ?? 0) + 0.3
        var x = [Float](repeating: 0, count: Int(total * sampleRate))
        var phase = 0.0
        var previous: Double?
        for (onset, offset, midi) in truth {
            let target = Double(midi) * 100 + detuneCents
            let from = previous ?? target
            let a = Int(onset * sampleRate), b = Int(offset * sampleRate)
            for i in a..<min(b, x.count) {
                let t = Double(i) / sampleRate - onset
                let glide = glideSeconds > 0 && t < glideSeconds ? from + (target - from) * t / glideSeconds : target
                let cents = glide + vibratoCents * sin(2 * .pi * vibratoHz * t)
                let hz = 440 * pow(2, (cents - 6900) / 1200)
                phase += 2 * .pi * hz / sampleRate
                // Attack and release of 20 ms, so notes start and stop as a voice does.
                let envelope = min(1, t / 0.02, (Double(b - i) / sampleRate) / 0.02)
                var s = 0.0
                for k in 1...5 { s += sin(Double(k) * phase) / Double(k * k) }
                x[i] = Float(0.3 * envelope * s)
            }
            previous = gapSeconds > 0 ? nil : target
        }
        if let snr { x = WhiteNoise.adding(to: x, snr: snr, seed: seed) }
        return x
    }

    /// A take of `notes`, each (MIDI note, seconds), sung cleanly.
    public init(notes: [(midi: Int, seconds: Double)]) { self.notes = notes }

    /// The take as a WAV file: 16-bit PCM, one channel.
    public func wav() -> Data {
        let pcm = samples.map { Int16(max(-1, min(1, $0)) * 32_767) }
        var data = Data()
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); put(UInt32(36 + pcm.count * 2)); data.append(contentsOf: Array("WAVEfmt ".utf8))
        put(UInt32(16)); put(UInt16(1)); put(UInt16(1)); put(UInt32(sampleRate)); put(UInt32(sampleRate) * 2); put(UInt16(2)); put(UInt16(16))
        data.append(contentsOf: Array("data".utf8)); put(UInt32(pcm.count * 2))
        for s in pcm { put(s) }
        return data
    }

    /// Note F-measure with onsets within 50 ms and pitch exact (COnP, as mir_eval scores it, without offsets):
    /// each truth note matched to at most one found note, each found note given as (onset, MIDI note).
    public static func fMeasure(truth: [(onset: Double, offset: Double, midi: Int)], found: [(onset: Double, midi: Int)]) -> Double {
        var used = Set<Int>()
        var matched = 0
        for t in truth {
            if let k = found.indices.first(where: { !used.contains($0) && found[$0].midi == t.midi && abs(found[$0].onset - t.onset) <= 0.05 }) {
                used.insert(k)
                matched += 1
            }
        }
        guard !truth.isEmpty, !found.isEmpty else { return 0 }
        let p = Double(matched) / Double(found.count), r = Double(matched) / Double(truth.count)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
}
