import Foundation
import Synchronization

/// Counts failed sign-ins by address: after `limit` failures within `window` seconds, that address is refused
/// until the oldest failure is older than the window (10 a minute: a person mistyping is never stopped, a script
/// guessing tokens gets nowhere, since a token has 128 bits or more).
final class SignInThrottle: Sendable {
    static let limit = 10
    static let window: TimeInterval = 60
    /// At most this many addresses are remembered; the quietest are forgotten first.
    static let addresses = 10_000

    private let failures = Mutex<[String: [TimeInterval]]>([:])

    /// Seconds to wait before `address` may try again, or nil when it may try now.
    func wait(for address: String, now: TimeInterval = Date().timeIntervalSince1970) -> Int? {
        failures.withLock { table in
            let recent = (table[address] ?? []).filter { now - $0 < Self.window }
            table[address] = recent.isEmpty ? nil : recent
            guard recent.count >= Self.limit, let oldest = recent.first else { return nil }
            return max(1, Int((Self.window - (now - oldest)).rounded(.up)))
        }
    }

    /// Notes a failed sign-in from `address`.
    func failed(_ address: String, now: TimeInterval = Date().timeIntervalSince1970) {
        failures.withLock { table in
            if table[address] == nil, table.count >= Self.addresses {
                // Forget the addresses whose last failure is oldest.
                let quiet = table.sorted { ($0.value.last ?? 0) < ($1.value.last ?? 0) }.prefix(table.count / 2).map(\.key)
                for key in quiet { table[key] = nil }
            }
            table[address, default: []].append(now)
        }
    }
}
