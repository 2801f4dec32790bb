import Foundation

/// How much new sound a frame brings: the spectral flux of a 256-point spectrum (16 ms at 16 kHz, Hann window),
/// the sum over 125 Hz–4 kHz of each bin's rise in compressed magnitude since the frame before (falls count
/// nothing). A new attack lights up many bins at once, even when the note before still sounds at the same pitch and
/// the loudness hardly dips (a synth voice, a flute or a choir struck again), while a held note's tremolo or vibrato
/// moves few. See Bello et al., "A Tutorial on Onset Detection in Music Signals" (2005). Tried and left: 512
/// points (as accurate or a little less, at twice the cost), and SuperFlux's maximum filter against the frame two
/// back (Böck and Widmer 2013), which split held notes more.
struct SpectralFlux {
    static let size = 256
    /// Bins from 125 Hz to 4 kHz at 16 kHz (62.5 Hz a bin).
    static let bins = 2...64

    private let window: [Float]
    /// Each index with its bits reversed (the order a radix-2 FFT reads its input in).
    private let reversed: [Int]
    private let cosines: [Float], sines: [Float]
    private var real = [Float](repeating: 0, count: SpectralFlux.size)
    private var imaginary = [Float](repeating: 0, count: SpectralFlux.size)
    private var previous = [Float](repeating: 0, count: SpectralFlux.size / 2)
    private var started = false
    /// Each low bin's phase in the two frames before (for `phaseDeviation`).
    private var phase1 = [Float](repeating: 0, count: SpectralFlux.phaseBins.upperBound + 1)
    private var phase2 = [Float](repeating: 0, count: SpectralFlux.phaseBins.upperBound + 1)
    /// Bins from 62.5 Hz to 2.5 kHz: where a sung or blown note's strongest partials lie.
    static let phaseBins = 1...40
    /// The last frame's weighted phase deviation.
    private(set) var phaseDeviation: Float = 0

    init() {
        let n = Self.size
        window = (0..<n).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n))) }
        let bits = n.trailingZeroBitCount
        reversed = (0..<n).map { i in (0..<bits).reduce(0) { r, b in r | ((i >> b) & 1) << (bits - 1 - b) } }
        cosines = (0..<(n / 2)).map { Float(cos(-2 * Double.pi * Double($0) / Double(n))) }
        sines = (0..<(n / 2)).map { Float(sin(-2 * Double.pi * Double($0) / Double(n))) }
    }

    /// The flux of the frame starting at `samples` (at least `size` samples from there), against the frame given
    /// before it (zero for the first); the samples are scaled by `gain` first (the take brought to a peak of 1, so
    /// the flux of a quiet take and a loud one compare).
    mutating func next(_ samples: UnsafePointer<Float>, gain: Float) -> Float {
        let n = Self.size
        // Windowed, in bit-reversed order.
        for i in 0..<n {
            real[reversed[i]] = samples[i] * window[i] * gain
            imaginary[i] = 0
        }
        // Radix-2 butterflies.
        var length = 2
        while length <= n {
            let half = length / 2, stride = n / length
            var start = 0
            while start < n {
                for k in 0..<half {
                    let c = cosines[k * stride], s = sines[k * stride]
                    let a = start + k, b = a + half
                    let tr = real[b] * c - imaginary[b] * s
                    let ti = real[b] * s + imaginary[b] * c
                    real[b] = real[a] - tr; imaginary[b] = imaginary[a] - ti
                    real[a] += tr; imaginary[a] += ti
                }
                start += length
            }
            length <<= 1
        }
        // Weighted phase deviation (Dixon 2006, "Onset detection revisited"): how far each bin's phase strays from
        // where its last two frames say it goes, weighted by the bin's magnitude, as a percentage of a half turn. A
        // held tone's phase advances evenly however loud it is; an instrument started again on its note begins its
        // wave anew, where loudness alone may hardly dip.
        var strayed: Float = 0, weight: Float = 0
        for k in Self.phaseBins {
            let magnitude = (real[k] * real[k] + imaginary[k] * imaginary[k]).squareRoot()
            let phase = atan2(imaginary[k], real[k])
            var d = phase - 2 * phase1[k] + phase2[k]
            d -= 2 * Float.pi * (d / (2 * Float.pi)).rounded()
            strayed += magnitude * abs(d)
            weight += magnitude
            phase2[k] = phase1[k]
            phase1[k] = phase
        }
        phaseDeviation = weight > 0 ? 100 * strayed / (weight * Float.pi) : 0
        var flux: Float = 0
        for k in Self.bins {
            let magnitude = log(1 + 100 * (real[k] * real[k] + imaginary[k] * imaginary[k]).squareRoot())
            if started { flux += max(0, magnitude - previous[k]) }
            previous[k] = magnitude
        }
        started = true
        return flux
    }
}
