import Foundation

/// Writes a dataset as CSV: UTF-8 without a byte order mark, the schema's field names as the
/// header, commas, RFC 4180 quoting (a cell holding a comma, a quote, CR or LF, or starting or
/// ending with a space, is quoted, quotes doubled), CRLF line ends by default (RFC 4180; LF on
/// request — Frictionless reads both), and every cell passed through `FormulaNeutralizer` with
/// its field. Streams to the file through a small buffer.
///
/// Not `Sendable`: one writer belongs to one task. Call `close()` when done.
public final class CSVTableWriter {
    public enum LineEnding: String, Sendable {
        case crlf = "\r\n"
        case lf = "\n"
    }

    public let schema: TableSchema
    private let handle: FileHandle
    private let lineEnding: LineEnding
    private let neutralize: Bool
    private var buffer: [UInt8] = []
    /// Data rows written so far.
    public private(set) var rowCount = 0

    /// Creates (or truncates) the file at `path` and writes the header.
    public init(path: String, schema: TableSchema, lineEnding: LineEnding = .crlf, neutralizeFormulas: Bool = true) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        self.schema = schema
        self.handle = handle
        self.lineEnding = lineEnding
        self.neutralize = neutralizeFormulas
        append(schema.fieldNames, neutralizing: false)
    }

    /// Writes one row, in the schema's field order (missing trailing cells are written empty).
    public func write(_ cells: [String]) throws {
        var row = cells
        if row.count < schema.fields.count { row += Array(repeating: "", count: schema.fields.count - row.count) }
        append(row, neutralizing: neutralize)
        rowCount += 1
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Writes one row given by field name; names not in the schema are ignored.
    public func write(_ values: [String: String]) throws {
        try write(schema.fields.map { values[$0.name] ?? "" })
    }

    /// Flushes and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func append(_ cells: [String], neutralizing: Bool) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            let field = index < schema.fields.count ? schema.fields[index] : nil
            buffer.append(contentsOf: Self.quoted(neutralizing ? FormulaNeutralizer.neutralize(cell, field: field) : cell).utf8)
        }
        buffer.append(contentsOf: lineEnding.rawValue.utf8)
    }

    /// `cell` as RFC 4180 writes it.
    public static func quoted(_ cell: String) -> String {
        let needsQuotes = cell.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || cell.hasPrefix(" ") || cell.hasSuffix(" ")
        guard needsQuotes else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
