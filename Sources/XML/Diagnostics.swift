import CLibXML2

/// libxml2's structured errors for one operation (a parse, a schema compilation, a validation):
/// the one place where an `xmlError` becomes Swift values. Lives on the calling thread for the
/// duration of one synchronous call, reached from C through an unretained pointer.
final class Diagnostics {
    struct Entry {
        var isError: Bool
        var line: Int
        var message: String
    }

    private(set) var entries: [Entry] = []

    /// The pointer handed to libxml2 as the handlers' user data.
    var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ context: UnsafeMutableRawPointer) -> Diagnostics {
        Unmanaged<Diagnostics>.fromOpaque(context).takeUnretainedValue()
    }

    /// Records one libxml2 error: its text (without the trailing newline) and line.
    func record(_ error: UnsafePointer<xmlError>) {
        let raw = error.pointee.message.map { String(cString: $0) } ?? "libxml2 error \(error.pointee.code)"
        let message = String(raw.reversed().drop { $0 == "\n" || $0 == " " }.reversed())
        let isError = error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue
        entries.append(Entry(isError: isError, line: Int(error.pointee.line), message: message))
    }

    /// What the external entity loader refused during the operation.
    private(set) var refusals: [String] = []

    /// Records a refusal of the external entity loader, also as an error.
    func record(refusal message: String) {
        refusals.append(message)
        entries.append(Entry(isError: true, line: 0, message: message))
    }

    var errors: [Entry] { entries.filter(\.isError) }

    /// The errors as validation issues, in the order libxml2 reported them.
    var issues: [XMLIssue] { errors.map { XMLIssue(line: $0.line, message: $0.message) } }

    /// The first errors joined, for an `XMLError` message (nil when there were none).
    func summary(limit: Int = 5) -> String? {
        let shown = errors.prefix(limit).map { $0.line > 0 ? "line \($0.line): \($0.message)" : $0.message }
        guard !shown.isEmpty else { return nil }
        let more = errors.count > limit ? " (and \(errors.count - limit) more)" : ""
        return shown.joined(separator: "; ") + more
    }
}

/// A structured error handler whose user data is a `Diagnostics` (schema contexts, and the
/// thread's fallback handler while an operation runs).
func collectStructuredError(_ context: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let context, let error else { return }
    Diagnostics.from(context).record(error)
}

/// The thread's structured handler outside operations: drops the error rather than let libxml2
/// print it to stderr.
func discardStructuredError(_ context: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {}
