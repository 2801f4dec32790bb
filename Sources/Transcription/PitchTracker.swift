import Foundation

/// Frame-by-frame pitch candidates by probabilistic YIN (Mauch and Dixon 2014, "pYIN: a fundamental frequency
/// estimator using probabilistic threshold distributions"): YIN's cumulative mean normalised difference is read
/// at a hundred thresholds, weighted by a Beta(2, 18) prior, so each frame gets several candidate periods with a
/// probability each instead of one hard choice; what is left over is the chance the frame is unvoiced.
/// Works at 16 kHz, 20 ms windows every 8 ms, for 70–2,100 Hz (an older man's low voice to a child's high one, and a whistle's top octave).
struct PitchTracker {
    static let sampleRate = 16_000.0
    /// Integration window, samples (20 ms).
    static let window = 320
    /// Between frames, samples (8 ms).
    static let hop = 128
    static let lowestHz = 70.0, highestHz = 2_100.0
    static var shortestPeriod: Int { Int(sampleRate / highestHz) }
    static var longestPeriod: Int { Int((sampleRate / lowestHz).rounded(.up)) }

    /// One frame: its pitch candidates (in cents above MIDI note 0, with probabilities summing to at most 1) and its
    /// loudness (RMS).
    struct Frame: Sendable {
        var time: Double
        var candidates: [(cents: Double, probability: Double)]
        var rms: Float
        /// How much new sound the frame brings (`SpectralFlux`).
        var flux: Float = 0
        /// How far the low partials' phases stray from a steady tone's (`SpectralFlux.phaseDeviation`).
        var phaseDeviation: Float = 0
        var voicedProbability: Double { candidates.reduce(0) { $0 + $1.probability } }
        /// Whether a candidate lies within 60 cents of `cents` with at least `probability`.
        func holds(_ cents: Double, probability: Double = 0.02) -> Bool {
            candidates.contains { abs($0.cents - cents) <= 60 && $0.probability >= probability }
        }
    }

    /// The thresholds and their prior weights: Beta(2, 18) over 0.01…1.00, normalised.
    static let thresholds: [(value: Float, weight: Double)] = {
        let values = (1...100).map { Double($0) / 100 }
        let density = values.map { s in s * pow(1 - s, 17) }     // Beta(2, 18), up to a constant
        let total = density.reduce(0, +)
        return zip(values, density).map { (Float($0), $1 / total) }
    }()

    /// The frames of `take` (at 16 kHz).
    static func frames(_ take: Take) -> [Frame] {
        let x = take.samples
        let span = max(window + longestPeriod + 2, SpectralFlux.size)
        guard x.count >= span else { return [] }
        var spectrum = SpectralFlux()
        let peak = x.reduce(Float(0)) { max($0, abs($1)) }
        let gain: Float = peak > 0 ? 1 / peak : 1
        var frames: [Frame] = []
        frames.reserveCapacity((x.count - span) / hop + 1)
        var d = [Float](repeating: 0, count: longestPeriod + 2)
        var cmnd = [Float](repeating: 1, count: longestPeriod + 2)
        x.withUnsafeBufferPointer { x in
            var start = 0
            while start + span <= x.count {
                // The difference function, eight lags' products at a time.
                let base = x.baseAddress! + start
                var energy: Float = 0
                for j in 0..<window { energy += base[j] * base[j] }
                for tau in 1...longestPeriod + 1 {
                    var acc = SIMD8<Float>(repeating: 0)
                    var j = 0
                    while j + 8 <= window {
                        let a = UnsafeRawPointer(base + j).loadUnaligned(as: SIMD8<Float>.self)
                        let b = UnsafeRawPointer(base + j + tau).loadUnaligned(as: SIMD8<Float>.self)
                        let diff = a - b
                        acc += diff * diff
                        j += 8
                    }
                    var sum = acc.sum()
                    while j < window { let e = base[j] - base[j + tau]; sum += e * e; j += 1 }
                    d[tau] = sum
                }
                // Cumulative mean normalised difference.
                var running: Float = 0
                for tau in 1...longestPeriod + 1 {
                    running += d[tau]
                    cmnd[tau] = running > 0 ? d[tau] * Float(tau) / running : 1
                }
                let rms = (energy / Float(window)).squareRoot()
                // The spectrum centred on the same moment as the window (clamped to the take).
                let from = max(0, min(x.count - SpectralFlux.size, start + window / 2 - SpectralFlux.size / 2))
                let flux = spectrum.next(x.baseAddress! + from, gain: gain)
                frames.append(Frame(time: Double(start + window / 2) / sampleRate, candidates: candidates(cmnd), rms: rms, flux: flux, phaseDeviation: spectrum.phaseDeviation))
                start += hop
            }
        }
        return frames
    }

    /// The candidates of one frame from its normalised difference.
    static func candidates(_ cmnd: [Float]) -> [(cents: Double, probability: Double)] {
        // The troughs in the lag range, in order of lag.
        var troughs: [(tau: Int, value: Float)] = []
        var tau = shortestPeriod
        while tau <= longestPeriod {
            if cmnd[tau] < cmnd[tau - 1] && cmnd[tau] <= cmnd[tau + 1] { troughs.append((tau, cmnd[tau])) }
            tau += 1
        }
        guard !troughs.isEmpty else { return [] }
        var mass: [Int: Double] = [:]
        let lowest = troughs.min { $0.value < $1.value }!
        for (threshold, weight) in thresholds {
            // The first trough below the threshold; none: the lowest, with a small share (pYIN's 0.01).
            if let first = troughs.first(where: { $0.value < threshold }) {
                mass[first.tau, default: 0] += weight
            } else {
                mass[lowest.tau, default: 0] += weight * 0.01
            }
        }
        return mass.sorted { $0.key < $1.key }.map { tau, probability in
            // A period between samples, from the parabola through the trough and its neighbours.
            let a = Double(cmnd[tau - 1]), b = Double(cmnd[tau]), c = Double(cmnd[tau + 1])
            let denominator = a - 2 * b + c
            let shift = denominator > 0 ? 0.5 * (a - c) / denominator : 0
            let period = Double(tau) + max(-0.5, min(0.5, shift))
            return (cents(hz: sampleRate / period), probability)
        }
    }

    /// Cents above MIDI note 0 (8.18 Hz): MIDI note n is 100·n.
    static func cents(hz: Double) -> Double { 1200 * log2(hz / 440) + 6900 }
}
