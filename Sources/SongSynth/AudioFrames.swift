/// Stereo audio that can be read a stretch at a time: a buffer, or the two halves of a time-split render still
/// apart (joined, scaled and faded as they are read, so writing a file never makes the joined copy).
protocol AudioFrames: Sendable {
    var sampleRate: Double { get }
    var frameCount: Int { get }
    /// Copies the frames in `range` (within `0..<frameCount`) into `left` and `right`, from their start.
    func copyFrames(_ range: Range<Int>, left: UnsafeMutableBufferPointer<Float>, right: UnsafeMutableBufferPointer<Float>)
    /// All of it as one buffer.
    var buffer: AudioBuffer { get }
}
