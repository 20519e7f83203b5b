#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What libxml2's external entity loader may open on the current thread, and where it reports a
/// refusal. Set only for the duration of one synchronous operation; a thread with no scope (or a
/// scope without a schema directory, as for every document parse) gets nothing at all.
final class LoaderScope {
    /// The real path of the directory of the XSD being compiled.
    let schemaDirectory: String?
    let diagnostics: Diagnostics

    init(schemaDirectory: String?, diagnostics: Diagnostics) {
        self.schemaDirectory = schemaDirectory
        self.diagnostics = diagnostics
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    /// The scope of the calling thread, if an operation is running on it.
    static var current: LoaderScope? {
        guard let pointer = pthread_getspecific(key) else { return nil }
        return Unmanaged<LoaderScope>.fromOpaque(pointer).takeUnretainedValue()
    }

    /// Runs `body` with this scope as the thread's, then clears it.
    func activate<T>(_ body: () -> T) -> T {
        pthread_setspecific(Self.key, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(Self.key, nil) }
        return withExtendedLifetime(self) { body() }
    }

    /// The local file an XSD reference may be read from, or nil to refuse it. An absolute URL
    /// (`http://www.w3.org/2001/xml.xsd`) maps to the file of the same name in the schema's
    /// directory, never the network; a path must resolve (symbolic links and `..` included) to
    /// an `.xsd` file of that directory.
    func localSchemaFile(for reference: String) -> String? {
        guard let directory = schemaDirectory else { return nil }
        var candidate: String
        if reference.hasPrefix("file://") {
            candidate = String(reference.dropFirst("file://".count))
        } else if let schemeEnd = reference.firstRange(of: "://") {
            let rest = reference[schemeEnd.upperBound...]
            let path = rest.prefix { $0 != "?" && $0 != "#" }
            guard let name = path.split(separator: "/").last, !name.isEmpty else { return nil }
            candidate = directory + "/" + name
        } else if reference.hasPrefix("/") {
            candidate = reference
        } else {
            candidate = directory + "/" + reference
        }
        guard !candidate.contains("%"), let resolved = FileAccess.realPath(candidate),
              FileAccess.parent(of: resolved) == directory, resolved.hasSuffix(".xsd") else { return nil }
        return resolved
    }
}
