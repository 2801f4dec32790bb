import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own for work a server does beside its requests as it starts (reading its files into memory,
/// loading the melodic index), at a nice value that leaves the CPU to requests first. Not on Swift's cooperative
/// pool: that has one thread per core (two here), and a second of blocking work there leaves half of them to every
/// request of an SQLite archive's server. (At 100,000 songs the melodic index takes 1.4 s of CPU and reading the
/// files 0.3 s a GB, all in the first seconds after a start, while the first pages are asked.)
enum BackgroundThread {
    /// Starts `body` on a new thread that first lowers its own CPU priority to `niceness` (on Linux the nice value
    /// belongs to each thread, and "who 0" is the calling thread: setpriority(2), NOTES); returns at once.
    static func start(name: String, niceness: Int32, _ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            named("sb-\(name)")
            lower(to: niceness)
            body()
        }
    }

    /// Names the calling thread as `top -H` and `perf` show it (at most 15 bytes, Linux's limit: a longer name is
    /// refused whole, so it is cut). Named from within: on Linux, Foundation leaves a thread named before it starts
    /// with its parent's name.
    static func named(_ name: String) {
        Thread.current.name = String(decoding: Array(name.utf8.prefix(15)), as: UTF8.self)
    }

    /// Lowers the calling thread's CPU priority to the nice value `niceness`, never raising it (as root could: a server
    /// started nice stays so); whether the thread is at `niceness` now.
    @discardableResult
    static func lower(to niceness: Int32) -> Bool {
        #if os(Linux)
        guard niceness > current() else { return niceness == current() }
        return setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness) == 0 && current() == niceness
        #else
        return false
        #endif
    }

    /// The calling thread's nice value.
    static func current() -> Int32 {
        #if os(Linux)
        errno = 0
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
        return 0
        #endif
    }
}
