/// A recording to transcribe: one channel of samples at a sample rate. Stereo takes are mixed down; any rate is
/// taken and resampled to the rate the pitch tracker works at.
public struct Take: Sendable {
    /// The samples, −1…1.
    public var samples: [Float]
    /// Samples per second.
    public var sampleRate: Double

    /// A mono take.
    public init(samples: [Float], sampleRate: Double) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    /// A take from two channels, mixed to one.
    public init(left: [Float], right: [Float], sampleRate: Double) {
        let n = min(left.count, right.count)
        var mixed = [Float](repeating: 0, count: n)
        for i in 0..<n { mixed[i] = 0.5 * (left[i] + right[i]) }
        self.init(samples: mixed, sampleRate: sampleRate)
    }

    /// How long it lasts, in seconds.
    public var seconds: Double { Double(samples.count) / sampleRate }

    /// The take at `rate`: low-passed below the new Nyquist frequency (a windowed-sinc filter of 63 taps), then
    /// read at the new sample times by linear interpolation. A take already at `rate` is returned as it is.
    public func resampled(to rate: Double) -> Take {
        guard abs(rate - sampleRate) > 0.5, !samples.isEmpty else { return self }
        var source = samples
        if rate < sampleRate {
            let cutoff = 0.45 * rate / sampleRate                   // as a fraction of the old rate
            let half = 31
            var taps = [Float](repeating: 0, count: 2 * half + 1)
            var sum: Float = 0
            for k in -half...half {
                let x = Double(k)
                let sinc = k == 0 ? 2 * cutoff : sin(2 * .pi * cutoff * x) / (.pi * x)
                let window = 0.54 + 0.46 * cos(.pi * x / Double(half + 1))   // Hamming
                taps[k + half] = Float(sinc * window)
                sum += taps[k + half]
            }
            for i in taps.indices { taps[i] /= sum }
            var filtered = [Float](repeating: 0, count: samples.count)
            samples.withUnsafeBufferPointer { x in
                for i in 0..<x.count {
                    var acc: Float = 0
                    let lo = max(0, i - half), hi = min(x.count - 1, i + half)
                    for j in lo...hi { acc += x[j] * taps[j - i + half] }
                    filtered[i] = acc
                }
            }
            source = filtered
        }
        let count = Int(Double(source.count) * rate / sampleRate)
        var out = [Float](repeating: 0, count: count)
        let step = sampleRate / rate
        for i in 0..<count {
            let position = Double(i) * step
            let j = Int(position)
            let frac = Float(position - Double(j))
            let a = source[min(j, source.count - 1)], b = source[min(j + 1, source.count - 1)]
            out[i] = a + (b - a) * frac
        }
        return Take(samples: out, sampleRate: rate)
    }
}

import Foundation
