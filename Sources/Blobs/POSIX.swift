import Glibc

/// The one place where a failed system call of the blob store becomes a `BlobError`, with the
/// operation, the member and the system's message (never a path outside the store).
enum POSIX {
    @discardableResult
    static func check(_ result: Int32, _ operation: @autoclosure () -> String, member: String) throws -> Int32 {
        guard result >= 0 else { throw error(operation(), member: member) }
        return result
    }

    @discardableResult
    static func check(_ result: Int, _ operation: @autoclosure () -> String, member: String) throws -> Int {
        guard result >= 0 else { throw error(operation(), member: member) }
        return result
    }

    static func error(_ operation: String, member: String, code: Int32 = errno) -> BlobError {
        .storage(operation: operation, member: member, reason: String(cString: strerror(code)))
    }

    /// `O_DIRECT` (not exported by Glibc's module: it is behind `_GNU_SOURCE`); Linux's values.
    #if arch(arm64)
    static let directIO: Int32 = 0o200000
    #else
    static let directIO: Int32 = 0o40000
    #endif

    /// Opens `path` for direct I/O where its filesystem allows it (tmpfs before Linux 6.6 does
    /// not: opened as usual then); whether it did.
    static func openDirect(_ path: String, _ flags: Int32, _ mode: mode_t, _ operation: String, member: String) throws -> (descriptor: Int32, direct: Bool) {
        let descriptor = open(path, flags | directIO | O_CLOEXEC, mode)
        if descriptor >= 0 { return (descriptor, true) }
        guard errno == EINVAL else { throw error(operation, member: member) }
        return (try check(open(path, flags | O_CLOEXEC, mode), operation, member: member), false)
    }

    /// Reads up to `count` bytes at `offset` into `base`, retrying short reads; fewer only at the
    /// end of the file.
    static func read(_ descriptor: Int32, into base: UnsafeMutableRawPointer, count: Int, at offset: Int, _ operation: @autoclosure () -> String,
                     member: String) throws -> Int {
        var total = 0
        while total < count {
            let got = pread(descriptor, base + total, count - total, off_t(offset + total))
            if got < 0 && errno == EINTR { continue }
            let checked = try check(got, operation(), member: member)
            if checked == 0 { break }
            total += checked
        }
        return total
    }

    /// Writes all `count` bytes of `base`, at `offset` (`pwrite`) or where the file is (`write`).
    static func write(_ descriptor: Int32, _ base: UnsafeRawPointer, count: Int, at offset: Int?, _ operation: @autoclosure () -> String,
                      member: String) throws {
        var done = 0
        while done < count {
            let written = offset.map { pwrite(descriptor, base + done, count - done, off_t($0 + done)) } ?? Glibc.write(descriptor, base + done, count - done)
            if written < 0 && errno == EINTR { continue }
            done += try check(written, operation(), member: member)
        }
    }

    /// `mkdir -p`, mode 0750.
    static func makeDirectories(_ path: String, member: String) throws {
        var built = ""
        for component in path.split(separator: "/") {
            built += "/" + component
            if mkdir(built, 0o750) != 0 && errno != EEXIST { throw error("mkdir", member: member) }
        }
    }

    /// Flushes a directory's entries (a rename or unlink in it) to disk.
    static func syncDirectory(_ path: String, member: String) throws {
        let descriptor = try check(open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), "open directory", member: member)
        defer { close(descriptor) }
        try check(fsync(descriptor), "fsync directory", member: member)
    }
}
