import Foundation

/// The two halves of a time-split render, kept apart and joined only as they are read: the first half up to the
/// join, the 10 ms crossfade, then the second half; every sample scaled by `gain`, the audio ended once its sound
/// has died away and faded over its last moment (value for value what joining, `scale(by:)` and `endWhenSilent()`
/// give, without making the joined copy when the audio only goes to a file).
struct JoinedAudio: AudioFrames {
    let first: AudioBuffer
    let second: AudioBuffer
    /// The crossfade at the synths' own level, starting at `join`.
    let fadeLeft: [Float], fadeRight: [Float]
    /// The frame where the crossfade starts, and that frame's index in `second`.
    let join: Int, offset: Int
    let gain: Float
    /// Frames after ending at the silence, and where the final fade begins.
    let frameCount: Int
    private let fadeOutStart: Int

    var sampleRate: Double { first.sampleRate }

    /// `fadeLeft.count` frames of crossfade; `endWhenSilent` ends the audio as `AudioBuffer.endWhenSilent` would.
    init(first: AudioBuffer, second: AudioBuffer, fadeLeft: [Float], fadeRight: [Float], join: Int, offset: Int, gain: Float, endWhenSilent: Bool) {
        (self.first, self.second, self.fadeLeft, self.fadeRight, self.join, self.offset, self.gain) = (first, second, fadeLeft, fadeRight, join, offset, gain)
        let fade = fadeLeft.count
        let whole = join + fade + (second.frameCount - offset - fade)
        guard endWhenSilent else {
            (frameCount, fadeOutStart) = (whole, whole)
            return
        }
        // The last frame still heard (scaled, as the joined audio would be), searched from the end.
        var last = whole - 1
        while last >= 0 {
            let (l, r) = Self.unscaled(last, first: first, second: second, fadeLeft: fadeLeft, fadeRight: fadeRight, join: join, offset: offset)
            if abs(l * gain) >= AudioBuffer.silence || abs(r * gain) >= AudioBuffer.silence { break }
            last -= 1
        }
        let fadeOut = Int(AudioBuffer.fadeSeconds * first.sampleRate)
        frameCount = min(whole, last + 1 + fadeOut)
        fadeOutStart = max(0, frameCount - fadeOut)
    }

    private static func unscaled(_ i: Int, first: AudioBuffer, second: AudioBuffer, fadeLeft: [Float], fadeRight: [Float], join: Int, offset: Int) -> (Float, Float) {
        if i < join { return (first.left[i], first.right[i]) }
        if i < join + fadeLeft.count { return (fadeLeft[i - join], fadeRight[i - join]) }
        return (second.left[i - join + offset], second.right[i - join + offset])
    }

    func copyFrames(_ range: Range<Int>, left: UnsafeMutableBufferPointer<Float>, right: UnsafeMutableBufferPointer<Float>) {
        let gain = gain
        // Three stretches, each copied and scaled in one loop: the first half, the crossfade, the second half.
        func copy(_ from: [Float], _ source: Range<Int>, to out: UnsafeMutableBufferPointer<Float>, at k: Int) {
            from.withUnsafeBufferPointer { from in
                var k = k
                for i in source { out[k] = from[i] * gain; k += 1 }
            }
        }
        let fade = fadeLeft.count
        let a = range.clamped(to: 0..<join), f = range.clamped(to: join..<(join + fade)), b = range.clamped(to: (join + fade)..<frameCount)
        for (from, out) in [(first.left, left), (first.right, right)] { copy(from, a, to: out, at: a.lowerBound - range.lowerBound) }
        for (from, out) in [(fadeLeft, left), (fadeRight, right)] { copy(from, (f.lowerBound - join)..<(f.upperBound - join), to: out, at: f.lowerBound - range.lowerBound) }
        for (from, out) in [(second.left, left), (second.right, right)] {
            copy(from, (b.lowerBound - join + offset)..<(b.upperBound - join + offset), to: out, at: b.lowerBound - range.lowerBound)
        }
        // The raised-cosine fade at the end (as `AudioBuffer.endWhenSilent` makes it).
        let end = frameCount, start = fadeOutStart
        for i in max(range.lowerBound, start)..<max(range.upperBound, start) where i < end {
            let g = AudioBuffer.fadeOutGain(i, start: start, end: end)
            left[i - range.lowerBound] *= g
            right[i - range.lowerBound] *= g
        }
    }

    var buffer: AudioBuffer {
        let n = frameCount
        var right: [Float] = []
        let left = [Float](unsafeUninitializedCapacity: n) { l, lCount in
            right = [Float](unsafeUninitializedCapacity: n) { r, rCount in
                copyFrames(0..<n, left: l, right: r)
                rCount = n
            }
            lCount = n
        }
        return AudioBuffer(sampleRate: sampleRate, left: left, right: right)
    }
}
