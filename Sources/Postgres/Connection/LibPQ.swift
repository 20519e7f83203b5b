import CLibPQ

/// The one place where libpq's error reporting becomes `PostgresError`: connection-level
/// messages from `PQerrorMessage` and result-level fields from `PQresultErrorField`.
enum LibPQ {
    static func connectionMessage(_ raw: OpaquePointer?) -> String {
        guard let raw, let cString = PQerrorMessage(raw) else { return "unknown libpq error" }
        let text = String(cString: cString).trimmingTrailingWhitespace()
        return text.isEmpty ? "unknown libpq error" : text
    }

    /// Error for a connection that is (or became) unusable.
    static func connectionError(_ raw: OpaquePointer?, code: PostgresError.Code, query: String? = nil) -> PostgresError {
        PostgresError(code, connectionMessage(raw), query: query)
    }

    /// Error carried by a failed result; falls back to the connection's message.
    static func resultError(_ result: OpaquePointer, connection raw: OpaquePointer, query: String?) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(Int32(UInt8(ascii: "C")))  // PG_DIAG_SQLSTATE
        let message = field(Int32(UInt8(ascii: "M")))   // PG_DIAG_MESSAGE_PRIMARY
        guard let message else {
            // No server fields: libpq itself failed (lost connection, out of memory).
            let lost = PQstatus(raw) != CONNECTION_OK
            return PostgresError(lost ? .connectionLost : .unexpectedState, connectionMessage(raw), query: query)
        }
        return PostgresError(
            sqlState.map { $0.hasPrefix("08") } == true ? .connectionLost : .server,
            message,
            sqlState: sqlState,
            detail: field(Int32(UInt8(ascii: "D"))),
            hint: field(Int32(UInt8(ascii: "H"))),
            constraint: field(Int32(UInt8(ascii: "n"))),
            query: query
        )
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
