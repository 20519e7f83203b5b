#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the module needs, on POSIX: libxml2 never opens a document itself
/// (the bytes are read here, size-checked first), and the schema loader compares real paths.
enum FileAccess {
    enum ReadFailure: Error {
        case tooLarge(Int)
        case unreadable(String)
    }

    /// The absolute path with symbolic links, `.` and `..` resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directory part of an absolute path ("/" for a file at the root).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The file's bytes, refused without reading when it is larger than `limit` (and, should it
    /// grow meanwhile, as soon as more than `limit` bytes have been read).
    static func readFile(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.unreadable(errorText())) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(errorText())) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("not a regular file")) }
        let size = Int(status.st_size)
        guard size <= limit else { return .failure(.tooLarge(size)) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(errorText()))
            }
            if count == 0 { return .success(bytes) }
            guard bytes.count + count <= limit else { return .failure(.tooLarge(bytes.count + count)) }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
