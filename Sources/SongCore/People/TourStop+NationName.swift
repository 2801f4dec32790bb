extension TourStop.Nation {
    /// The nation's name as people write it: "England", "Northern Ireland".
    public var name: String {
        switch self {
        case .england: "England"
        case .wales: "Wales"
        case .scotland: "Scotland"
        case .northernIreland: "Northern Ireland"
        }
    }
}
