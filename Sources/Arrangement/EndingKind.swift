/// How an arrangement finishes: the home chord held on the last downbeat while the band slows, or the style's
/// short "button" (the home chord struck short on the downbeat, in time).
public enum EndingKind: String, Sendable, Hashable, CaseIterable {
    case held
    case button
}
