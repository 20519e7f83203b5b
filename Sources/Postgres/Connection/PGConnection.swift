import CLibPQ
import Glibc
import NIOPosix

/// Owns one libpq connection handle. Every method is a blocking libpq call.
///
/// `@unchecked Sendable` is sound because a connection is only ever used by one thread at a
/// time: the pool leases it to one caller, whose calls run one after another on the
/// connection's thread-pool thread, or a pipeline thread owns it for its whole life. The raw
/// handle never leaves this module.
final class PGConnection: @unchecked Sendable {
    private let raw: OpaquePointer

    private init(raw: OpaquePointer) {
        self.raw = raw
    }

    deinit {
        PQfinish(raw)
    }

    /// Opens a connection. `statementTimeout` becomes the session's `statement_timeout` (a
    /// startup option, so `RESET` keeps it): a statement running longer is cancelled by the server.
    static func connect(_ configuration: PostgresConfiguration, statementTimeout: Duration? = nil) throws -> PGConnection {
        assertNotOnEventLoop()
        var parameters: [(String, String)] = [
            ("dbname", configuration.url),
            ("application_name", configuration.applicationName),
            ("connect_timeout", String(configuration.connectTimeoutSeconds)),
            ("client_encoding", "UTF8"),
        ]
        if let statementTimeout {
            parameters.append(("options", "-c statement_timeout=\(max(0, statementTimeout.wholeMilliseconds))"))
        }
        let handle = withCStringArray(parameters.map(\.0)) { keywords in
            withCStringArray(parameters.map(\.1)) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let handle else {
            throw PostgresError(.connectionFailed, "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = LibPQ.connectionError(handle, code: .connectionFailed)
            PQfinish(handle)
            throw error
        }
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return PGConnection(raw: handle)
    }

    /// False once libpq knows the connection is broken.
    var isConnected: Bool { PQstatus(raw) == CONNECTION_OK }

    /// Idle, outside any transaction: safe to hand to the next caller.
    var isIdle: Bool { isConnected && PQtransactionStatus(raw) == PQTRANS_IDLE }

    /// Set when a statement may have changed the session's state beyond its transaction (a
    /// session-level `SET`, `LISTEN`, a prepared statement, a session advisory lock, a script):
    /// such a connection is not handed to the next caller, who could be serving another member.
    private(set) var sessionStateChanged = false

    /// Command tags of statements whose effect outlives the transaction.
    private static let sessionTags: Set<String> = [
        "SET", "RESET", "LISTEN", "UNLISTEN", "PREPARE", "DEALLOCATE", "DEALLOCATE ALL", "DISCARD ALL", "DISCARD PLANS",
        "DISCARD SEQUENCES", "DISCARD TEMP", "DECLARE CURSOR", "LOAD", "SET CONSTRAINTS",
    ]
    /// Functions with session-wide effects, which a `SELECT` can call (`pg_advisory_lock`
    /// covers its `_shared` form; `pg_advisory_xact_lock` ends with the transaction).
    private static let sessionFunctions = ["set_config", "pg_advisory_lock", "pg_try_advisory_lock"]

    private func noteSessionEffects(of result: OpaquePointer?, sql: String) {
        guard !sessionStateChanged else { return }
        let tag = result.flatMap { PQcmdStatus($0) }.map { String(cString: $0) } ?? ""
        let lowered = sql.lowercased()
        // One statement per call here (extended protocol): `SET LOCAL` ends with its transaction.
        let transactionScoped = tag == "SET" && lowered.trimmingPrefix(while: \.isWhitespace).hasPrefix("set local")
        if (Self.sessionTags.contains(tag) && !transactionScoped) || Self.sessionFunctions.contains(where: { lowered.contains($0) })
            || (tag.hasPrefix("CREATE") && (lowered.contains(" temp ") || lowered.contains(" temporary ")))
        {
            sessionStateChanged = true
        }
    }

    /// Reads whatever the server sent while the connection sat idle (a shutdown notice, EOF)
    /// without blocking, so a connection killed by a server restart is noticed before use.
    func checkAlive() -> Bool {
        for _ in 0..<2 {
            guard isConnected else { return false }
            var descriptor = pollfd(fd: PQsocket(raw), events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { return true }
            if PQconsumeInput(raw) == 0 { return false }
            drainNotifications()
        }
        return isConnected
    }

    /// Frees the notifications libpq collected and nobody will read (a LISTEN session that is
    /// not consuming them, e.g. a relay that is not the leader), so they cannot pile up.
    func discardNotifications() {
        drainNotifications()
    }

    private func drainNotifications() {
        while let notification = PQnotifies(raw) {
            PQfreemem(notification)
        }
    }

    /// Runs one parameterised statement; results in binary format.
    func execute(_ query: PostgresQuery) throws -> PostgresRows {
        assertNotOnEventLoop()
        let result = query.bindings.withLibPQArguments { count, types, values, lengths, formats in
            PQexecParams(raw, query.sql, count, types, values, lengths, formats, PostgresFormat.binary.rawValue)
        }
        noteSessionEffects(of: result, sql: query.sql)
        return try consume(result, sql: query.sql)
    }

    /// Runs a trusted, possibly multi-statement script (migrations) with the simple protocol.
    /// What a script does to the session is not inspected: the connection is not reused.
    func executeScript(_ sql: String) throws {
        sessionStateChanged = true
        try executeControl(sql)
    }

    /// `COMMIT`, checking that the server committed: a transaction in which a statement failed
    /// (its error caught by the caller, who then carried on) is answered `ROLLBACK`, and
    /// everything it did (journal entries, enqueued jobs) is gone. That is an error.
    func commit() throws {
        assertNotOnEventLoop()
        let sql = "COMMIT"
        guard let result = PQexec(raw, sql) else {
            throw LibPQ.connectionError(raw, code: isConnected ? .unexpectedState : .connectionLost, query: sql)
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw LibPQ.resultError(result, connection: raw, query: sql) }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        guard tag == "COMMIT" else {
            throw PostgresError(
                .rolledBack, "the server rolled the transaction back at COMMIT (answer \(tag.isEmpty ? "empty" : tag)): a statement in it "
                    + "failed and its error was caught; use a savepoint to recover from an error inside a transaction",
                query: sql
            )
        }
    }

    /// Transaction control the wrapper itself issues (`BEGIN`, `SET LOCAL`, savepoints,
    /// `ROLLBACK`): no effect beyond the transaction.
    func executeControl(_ sql: String) throws {
        assertNotOnEventLoop()
        guard let result = PQexec(raw, sql) else {
            throw LibPQ.connectionError(raw, code: isConnected ? .unexpectedState : .connectionLost, query: sql)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            throw LibPQ.resultError(result, connection: raw, query: sql)
        }
    }

    /// Turns a finished result into rows or an error, and frees it.
    func consume(_ result: OpaquePointer?, sql: String) throws -> PostgresRows {
        guard let result else {
            throw LibPQ.connectionError(raw, code: isConnected ? .unexpectedState : .connectionLost, query: sql)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return Self.rows(from: result, sql: sql)
        default:
            throw LibPQ.resultError(result, connection: raw, query: sql)
        }
    }

    /// Copies a result into Swift-owned storage.
    static func rows(from result: OpaquePointer, sql: String) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var columns: [PostgresRows.Column] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            columns.append(.init(
                name: String(cString: PQfname(result, Int32(column))),
                type: PostgresType(rawValue: PQftype(result, Int32(column)))
            ))
        }
        var cells: [PostgresRows.Cell] = []
        cells.reserveCapacity(rowCount * columnCount)
        var storage: [UInt8] = []
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                let (r, c) = (Int32(row), Int32(column))
                if PQgetisnull(result, r, c) != 0 {
                    cells.append(.init(offset: Int32(storage.count), length: -1))
                    continue
                }
                let length = Int(PQgetlength(result, r, c))
                cells.append(.init(offset: Int32(storage.count), length: Int32(length)))
                if length > 0, let value = PQgetvalue(result, r, c) {
                    storage.append(contentsOf: UnsafeRawBufferPointer(start: value, count: length))
                }
            }
        }
        let tuples = PQcmdTuples(result).map { String(cString: $0) } ?? ""
        return PostgresRows(
            columns: columns, cells: cells, storage: storage, rowCount: rowCount,
            affectedRows: Int(tuples) ?? rowCount, sql: sql
        )
    }

    // Raw access for the pipeline extension, which lives in this module.
    var handle: OpaquePointer { raw }
}

extension Duration {
    /// Whole milliseconds, clamped to what an `Int` holds.
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return seconds < 0 ? Int.min : Int.max }
        return Int(product) + Int(attoseconds / 1_000_000_000_000_000)
    }
}

/// Blocking libpq calls must never run on a SwiftNIO event-loop thread (checked in debug builds,
/// so the whole test suite enforces it).
@inline(__always)
func assertNotOnEventLoop() {
    assert(MultiThreadedEventLoopGroup.currentEventLoop == nil, "blocking libpq call on an event loop")
}

/// Calls `body` with a NULL-terminated array of C strings.
func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}

extension PostgresBindings {
    /// Exposes the bindings as libpq's parallel parameter arrays (stack-allocated).
    func withLibPQArguments<R>(
        _ body: (Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R
    ) -> R {
        let count = metadata.count
        if count == 0 { return body(0, nil, nil, nil, nil) }
        // A zero-length value still needs a non-NULL pointer (NULL means SQL NULL).
        let storage = bytes.isEmpty ? [0] : bytes
        return storage.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            return withUnsafeTemporaryAllocation(of: Oid.self, capacity: count) { types in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * 2) { integers in
                    withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: count) { values in
                        for (index, entry) in metadata.enumerated() {
                            types[index] = Oid(entry.type.rawValue)
                            integers[index] = Int32(max(entry.length, 0))
                            integers[count + index] = entry.format.rawValue
                            values[index] = entry.length < 0 ? nil : base + min(entry.offset, storage.count - 1)
                        }
                        return body(
                            Int32(count), UnsafePointer(types.baseAddress), UnsafePointer(values.baseAddress),
                            UnsafePointer(integers.baseAddress), UnsafePointer(integers.baseAddress! + count)
                        )
                    }
                }
            }
        }
    }
}
