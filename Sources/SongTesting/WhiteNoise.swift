import Foundation

/// Gaussian white noise, the same for the same seed (a linear congruential generator and the Box–Muller
/// transform), for takes made noisy on purpose.
public struct WhiteNoise: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The next sample, with a standard deviation of `sigma`.
    public mutating func next(sigma: Double) -> Float {
        let u1 = uniform() + 1e-12, u2 = uniform()
        return Float(sigma * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
    }

    /// `signal` with noise added `snr` dB below its power.
    public static func adding(to signal: [Float], snr: Double, seed: UInt64) -> [Float] {
        let power = signal.reduce(0.0) { $0 + Double($1 * $1) } / Double(max(1, signal.count))
        let sigma = (power / pow(10, snr / 10)).squareRoot()
        var noise = WhiteNoise(seed: seed)
        return signal.map { $0 + noise.next(sigma: sigma) }
    }

    private mutating func uniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}
