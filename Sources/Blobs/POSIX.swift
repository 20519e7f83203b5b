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
