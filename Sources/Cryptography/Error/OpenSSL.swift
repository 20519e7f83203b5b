import COpenSSL

/// The one place where OpenSSL's return codes and error queue become `CryptographyError`.
enum OpenSSL {
    /// Throws unless `result` is 1 (OpenSSL's success convention).
    static func check(_ result: Int32, _ operation: @autoclosure () -> String) throws {
        guard result == 1 else { throw error(operation()) }
    }

    /// Throws if `pointer` is nil.
    static func check<T>(_ pointer: T?, _ operation: @autoclosure () -> String) throws -> T {
        guard let pointer else { throw error(operation()) }
        return pointer
    }

    /// Drains the thread's error queue into one message.
    static func error(_ operation: String) -> CryptographyError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return CryptographyError(operation: operation, message: reasons.isEmpty ? "no reason given" : reasons.joined(separator: "; "))
    }
}
