#if canImport(Glibc)
import Glibc
#endif

/// How the server gives memory back. A render holds a few hundred megabytes for a second or two (the song's audio
/// as floats, its two halves, its stream, the encoded file); glibc's malloc would keep that in its heaps after it is
/// freed, raising its threshold for mapping large blocks as it goes (mallopt(3), M_MMAP_THRESHOLD), so a server
/// that had rendered two long drafts at once stayed at over 400 MB. Blocks of a megabyte and more are mapped and
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
        _ = mallopt(mThreshold, 8 << 20)
        // Fixing the first leaves the second at 128 KB: every block between the two that a request freed at the top
        // of the heap went back to the system at once, and the next request's faulted in again, page by page, and
        // zeroed (a fifth of the CPU of cold song pages: the melodic prefilter's tables). The heap keeps up to
        // 32 MB free now; `giveBackFreedMemory` still hands it all back after a render.
        _ = mallopt(trimThreshold, 32 << 20)
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
