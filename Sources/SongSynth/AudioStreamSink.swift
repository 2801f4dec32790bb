/// Where a render sends its audio as it is made: every frame once, in order from the start, at the synth's own
/// level (before the render is scaled to its peak, which is known only at the end). A page can start playing the
/// draft from these while the rest is still being made. Called on the render's own thread, so it must not block.
public protocol AudioStreamSink: AnyObject, Sendable {
    /// The frames that follow those sent before.
    func receive(left: ArraySlice<Float>, right: ArraySlice<Float>)
}
