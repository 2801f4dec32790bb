import Foundation

/// The one way Songbridge writes an output file (MIDI, audio, ChordPro, ABC, ZIP): whole or not at all. The bytes
/// go to a temporary file beside the target, which one rename(2) puts in place, so a reader sees the old file or
/// the new, never half of one, and a failed write leaves the old file as it was. Only a regular file (or nothing)
/// is replaced: renaming over a device, a pipe or a folder would put a plain file in its place (as root,
/// `/dev/null` or `/dev/full`). Plain POSIX calls: Foundation's atomic write costs most of a millisecond more,
/// which shows in a 10 ms command.
public enum AtomicFile {
    /// Why the file was not written; the target is as it was.
    public struct WriteError: Error, Sendable, LocalizedError, CustomStringConvertible {
        public var description: String
        public var errorDescription: String? { description }
    }

    /// Writes `data` to `path`.
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        try checkReplaceable(path)
        let temporary = temporaryPath(for: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { raw in Foundation.write(fd, raw.baseAddress, raw.count) }
        let savedErrno = errno
        close(fd)
        guard written == data.count else {
            unlink(temporary)
            throw WriteError(description: String(cString: strerror(written < 0 ? savedErrno : ENOSPC)))
        }
        try replace(path, with: temporary)
    }

    /// A temporary path beside `path`, for a writer (libsndfile) that must write the file itself before `replace`.
    public static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0 ... .max))").path
    }

    /// Puts the finished `temporary` in place of `path` with one rename; on failure removes it and leaves `path`.
    public static func replace(_ path: String, with temporary: String) throws(WriteError) {
        do { try checkReplaceable(path) } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(description: message)
        }
    }

    /// Refuses a target that exists and is not a regular file.
    static func checkReplaceable(_ path: String) throws(WriteError) {
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw WriteError(description: "\(path) is not a regular file; write to a file instead")
        }
    }
}
