extension AudioBuffer: AudioFrames {
    func copyFrames(_ range: Range<Int>, left: UnsafeMutableBufferPointer<Float>, right: UnsafeMutableBufferPointer<Float>) {
        self.left.withUnsafeBufferPointer { from in _ = left.initialize(fromContentsOf: from[range]) }
        self.right.withUnsafeBufferPointer { from in _ = right.initialize(fromContentsOf: from[range]) }
    }

    var buffer: AudioBuffer { self }
}
