#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files the tests write under /tmp (POSIX only: the tests import no Foundation).
enum TemporaryFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A new directory under /tmp.
    static func directory() throws -> String {
        var template = Array("/tmp/xml-tests-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
        return String(cString: made)
    }

    /// Writes `content` to `name` in `directory` (a new directory when nil); returns the path.
    @discardableResult
    static func write(_ content: String, named name: String = "document.xml", in directory: String? = nil) throws -> String {
        try write(Array(content.utf8), named: name, in: directory)
    }

    @discardableResult
    static func write(_ bytes: [UInt8], named name: String = "document.xml", in directory: String? = nil) throws -> String {
        let path = try (directory ?? self.directory()) + "/" + name
        guard let file = fopen(path, "wb") else { throw Failure(description: "cannot create \(path)") }
        defer { fclose(file) }
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw Failure(description: "cannot write \(path)") }
        return path
    }

    /// Removes a file (and its directory when it is then empty).
    static func remove(_ path: String) {
        unlink(path)
        if let slash = path.lastIndex(of: "/") { rmdir(String(path[..<slash])) }
    }
}
