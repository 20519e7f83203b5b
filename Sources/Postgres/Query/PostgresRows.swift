/// A result set copied out of libpq into Swift-owned memory: all cell bytes in one buffer.
public struct PostgresRows: Sendable, RandomAccessCollection {
    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: PostgresType
    }

    struct Cell: Sendable {
        var offset: Int32
        /// -1 for SQL NULL.
        var length: Int32
    }

    public let columns: [Column]
    /// Rows affected by INSERT/UPDATE/DELETE (or returned by SELECT).
    public let affectedRows: Int
    let storage: [UInt8]
    let cells: [Cell]
    let rowCount: Int
    let sql: String

    init(columns: [Column], cells: [Cell], storage: [UInt8], rowCount: Int, affectedRows: Int, sql: String) {
        self.columns = columns
        self.cells = cells
        self.storage = storage
        self.rowCount = rowCount
        self.affectedRows = affectedRows
        self.sql = sql
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowCount }
    public subscript(position: Int) -> PostgresRow { PostgresRow(rows: self, index: position) }

    /// Index of a column by name, for decoding by name.
    public func columnIndex(_ name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The only row, or nil when the result is empty; more than one row is an error.
    public func single() throws -> PostgresRow? {
        guard rowCount <= 1 else {
            throw PostgresError(.unexpectedState, "expected at most one row, got \(rowCount)", query: sql)
        }
        return first
    }
}

/// One row of a `PostgresRows`.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int

    public var columns: [PostgresRows.Column] { rows.columns }

    public func isNull(at column: Int) -> Bool {
        rows.cells[index * rows.columns.count + column].length < 0
    }

    public func decode<Value: PostgresDecodable>(_: Value.Type = Value.self, at column: Int) throws -> Value {
        guard column >= 0, column < rows.columns.count else {
            throw PostgresError(.decoding, "column \(column) out of range (\(rows.columns.count) columns)", query: rows.sql)
        }
        let cell = rows.cells[index * rows.columns.count + column]
        let info = rows.columns[column]
        do {
            if cell.length < 0 { return try Value.decodeNull() }
            return try rows.storage.withUnsafeBytes { all in
                let bytes = UnsafeRawBufferPointer(rebasing: all[Int(cell.offset)..<Int(cell.offset + cell.length)])
                return try Value.decode(from: bytes, type: info.type)
            }
        } catch let failure as PostgresDecodingFailure {
            throw PostgresError(
                .decoding,
                "column \(info.name) (\(info.type)) as \(Value.self): \(failure.reason)",
                query: rows.sql
            )
        }
    }

    public func decode<Value: PostgresDecodable>(_ column: String, as _: Value.Type = Value.self) throws -> Value {
        guard let position = rows.columnIndex(column) else {
            throw PostgresError(.decoding, "no column named \(column)", query: rows.sql)
        }
        return try decode(Value.self, at: position)
    }

    /// Decodes the whole row into a tuple, one element per column, in order.
    public func decode<each Value: PostgresDecodable>(_: (repeat each Value).Type) throws -> (repeat each Value) {
        var column = 0
        func next<T: PostgresDecodable>(_: T.Type) throws -> T {
            defer { column += 1 }
            return try decode(T.self, at: column)
        }
        let values = (repeat try next((each Value).self))
        guard column == rows.columns.count else {
            throw PostgresError(.decoding, "row has \(rows.columns.count) columns, decoded \(column)", query: rows.sql)
        }
        return values
    }
}
