#if canImport(Glibc)
import Glibc
#endif

/// How the server gives memory back. A render holds a few hundred megabytes for a second or two (the song's audio
/// as floats, its two halves, its stream, the encoded file); glibc's malloc would keep that in its heaps after it is
/// freed, raising its threshold for mapping large blocks as it goes (mallopt(3), M_MMAP_THRESHOLD), so a server
/// that had rendered two long drafts at once stayed at over 400 MB. Blocks of two megabytes and more are mapped and
/// unmapped on their own instead, and what the heaps hold free is handed back after each render.
/// (<malloc.h> is not in Swift's Glibc module, so the two functions are looked up by name.)
public enum ServerMemory {
    /// Fixes the threshold (which also stops it rising). It is the whole process's setting, so `songbridge serve`
    /// makes it, once, before the server starts, and a program that only embeds the server (the tests) keeps its own.
    public static func mapLargeBlocks() {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        let mThreshold: Int32 = -3, trimThreshold: Int32 = -1   // M_MMAP_THRESHOLD, M_TRIM_THRESHOLD in <malloc.h>
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        // Two megabytes, not one: the melodic prefilter's table for one search is a megabyte, and mapped on its own
        // it was faulted in page by page and zeroed at every search (a fifth of a cold song page's CPU). Fixing the
        // first leaves the second at 128 KB, so a block freed at the top of a heap went straight back to the
        // system and the next search's faulted in again: the heaps keep up to 4 MB free each. Different songs'
        // pages at 80/s on a 2,000-song archive: 10 -> 7.3 ms of CPU a page. `make bench-server`: serve's memory
        // after it 100 MB (97 MB as it was; 8 and 32 MB here gave 178 MB), renders as fast.
        _ = mallopt(mThreshold, 2 << 20)
        _ = mallopt(trimThreshold, 4 << 20)
        #endif
    }

    /// Returns the heaps' free pages to the system (malloc_trim(3)); a few milliseconds, once a render is done.
    static func giveBackFreedMemory() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
