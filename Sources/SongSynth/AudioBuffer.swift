import Foundation
/// Stereo audio as two channels of 32-bit float samples.
public struct AudioBuffer: Sendable, Hashable {
    /// Samples per second.
    public var sampleRate: Double
    /// Left channel.
    public var left: [Float]
    /// Right channel.
    public var right: [Float]

    /// A buffer.
    public init(sampleRate: Double, left: [Float] = [], right: [Float] = []) {
        self.sampleRate = sampleRate
        self.left = left
        self.right = right
    }

    /// Frames (samples per channel).
    public var frameCount: Int { min(left.count, right.count) }

    /// Length in seconds.
    public var seconds: Double { Double(frameCount) / sampleRate }

    /// The largest absolute sample.
    public var peak: Float {
        var p: Float = 0
        for s in left { p = max(p, abs(s)) }
        for s in right { p = max(p, abs(s)) }
        return p
    }

    /// Root-mean-square level over both channels.
    public var rms: Double {
        guard frameCount > 0 else { return 0 }
        var sum = 0.0
        for i in 0..<frameCount { sum += Double(left[i] * left[i]) + Double(right[i] * right[i]) }
        return (sum / Double(2 * frameCount)).squareRoot()
    }

    /// Adds another buffer sample by sample (the longer length wins).
    public mutating func mix(_ other: AudioBuffer) {
        if left.isEmpty && right.isEmpty {
            left = other.left
            right = other.right
            return
        }
        if other.left.count > left.count { left += Array(repeating: 0, count: other.left.count - left.count) }
        if other.right.count > right.count { right += Array(repeating: 0, count: other.right.count - right.count) }
        for i in 0..<other.left.count { left[i] += other.left[i] }
        for i in 0..<other.right.count { right[i] += other.right[i] }
    }

    /// Multiplies every sample by `gain`.
    /// The level below which the tail counts as silence: −60 dBFS.
    public static let silence: Float = 0.001
    /// How long the fade at the end lasts, in seconds.
    public static let fadeSeconds = 0.05

    /// Ends the audio once its sound has died away (below −60 dBFS in both channels) with a short fade, rather
    /// than carrying the seconds of near-silence the reverb tail leaves (a render ended 3.8 s after the last sound).
    /// Audio still sounding at its end (its tail cut at the longest allowed) is faded over its last moment, so it
    /// never ends on a click.
    public mutating func endWhenSilent() {
        var last = frameCount - 1
        while last >= 0, abs(left[last]) < Self.silence, abs(right[last]) < Self.silence { last -= 1 }
        let fade = Int(Self.fadeSeconds * sampleRate)
        let end = min(frameCount, last + 1 + fade)
        if end < frameCount {
            left.removeLast(left.count - end)
            right.removeLast(right.count - end)
        }
        // A raised-cosine fade over the last `fade` frames, so the file never ends on a click.
        let start = max(0, end - fade)
        for i in start..<end {
            let g = Self.fadeOutGain(i, start: start, end: end)
            left[i] *= g
            right[i] *= g
        }
    }

    /// The gain of frame `i` of a raised-cosine fade from `start` to silence at `end`.
    static func fadeOutGain(_ i: Int, start: Int, end: Int) -> Float {
        Float(0.5 + 0.5 * cos(Double.pi * Double(i - start + 1) / Double(max(1, end - start))))
    }

    public mutating func scale(by gain: Float) {
        for i in left.indices { left[i] *= gain }
        for i in right.indices { right[i] *= gain }
    }
}
