import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Threads of their own, as a task executor, for work that must not hold Swift's cooperative pool (one thread per
/// core): renders, minutes of CPU work in FluidSynth, where two would leave no thread to answer requests; and a
/// PostgreSQL archive's requests, which wait on the network (`ArchiveWork`). Tasks started with this executor
/// preference, and their child tasks, run here; the render threads run at a lower priority (nice 10), so a page or
/// an API call is answered at once even while both cores render.
final class WorkerThreads: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []

    /// How nice the threads are (10 for renders; interactive work a little less).
    private let niceness: Int32

    init(count: Int, name: String = "render", niceness: Int32 = 10) {
        self.niceness = niceness
        for n in 0..<max(1, count) {
            Thread.detachNewThread { [unowned self] in
                BackgroundThread.named("sb-\(name)-\(n)")
                self.work()
            }
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        BackgroundThread.lower(to: niceness)
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
