import Foundation
import TableSchema

/// The open-data service's one road to the `TableSchema` module: CSV files written with the
/// schema's writer (header, quoting, formula-like cells neutralised), checked by its validator
/// (Frictionless's verdicts, French messages by row and column), read back as rows.
enum TableCheck {
    /// A problem with a file or a row, for agents (pages) and partners (`errors` of the API's 422).
    struct Issue: Sendable {
        var row: Int?
        var field: String?
        var code: String
        var message: String

        /// The message; without the row when the form holds a single row.
        func message(row withRow: Bool) -> String {
            guard !withRow, let range = message.range(of: #"^Ligne \d+, "#, options: .regularExpression) else { return message }
            let rest = message[range.upperBound...]
            return rest.prefix(1).uppercased() + rest.dropFirst()
        }

        init(row: Int?, field: String?, code: String, message: String) {
            self.row = row
            self.field = field
            self.code = code
            self.message = message
        }

        init(_ issue: TableIssue) {
            self.init(row: issue.rowNumber, field: issue.fieldName, code: issue.code.rawValue, message: issue.message)
        }

        init(_ refusal: TableRefusal) {
            let code = switch refusal.kind {
            case .unreadable: "source-error"
            case .tooLarge: "too-large"
            case .notUTF8, .mixedEncoding, .utf16: "encoding-error"
            }
            self.init(row: nil, field: nil, code: code, message: refusal.message)
        }
    }

    /// A file checked and read: its header and rows (when it passed) or its problems.
    struct Checked {
        var header: [String]
        var rows: [[String: String]]
        var issues: [Issue]
    }

    /// Writes `rows` (in the schema's column order) as the schema's CSV at `file`.
    static func write(_ rows: [[String]], schema: SCDLSchema, to file: URL, neutralize: Bool = true) throws {
        try write(rows, table: schema.table, to: file, neutralize: neutralize)
    }

    static func write(_ rows: [[String]], table: TableSchema, to file: URL, neutralize: Bool = true) throws {
        let writer = try CSVTableWriter(path: file.path, schema: table, neutralizeFormulas: neutralize)
        do {
            for row in rows { try writer.write(row) }
            try writer.close()
        } catch {
            try? writer.close()
            throw error
        }
    }

    /// The schema's CSV of `rows`, in memory (a row from a form, a consolidated table).
    static func csv(_ rows: [[String]], schema: SCDLSchema, scratch: URL) throws -> [UInt8] {
        try csv(rows, table: schema.table, scratch: scratch)
    }

    /// The same for a table without a declared schema: every column text.
    static func csv(_ rows: [[String]], header: [String], scratch: URL) throws -> [UInt8] {
        try csv(rows, table: TableSchema(fields: header.map { SchemaField(name: $0) }), scratch: scratch)
    }

    static func csv(_ rows: [[String]], table: TableSchema, scratch: URL) throws -> [UInt8] {
        let file = try temporaryFile(in: scratch)
        defer { try? FileManager.default.removeItem(at: file) }
        try write(rows, table: table, to: file)
        return try [UInt8](Data(contentsOf: file))
    }

    /// The problems of a CSV file against its schema (empty: it passes).
    static func validate(_ file: URL, schema: SCDLSchema, convertLatin1: Bool = false, byteLimit: Int? = nil,
                         limit: Int = 1000) throws -> [Issue] {
        let validator = try TableValidator(schema: schema.table, options: ValidationOptions(
            byteLimit: byteLimit, errorLimit: limit, delimiter: .automatic, convertLegacyEncoding: convertLatin1
        ))
        do {
            return try validator.validate(fileAtPath: file.path).issues.map(Issue.init)
        } catch {
            return [Issue(error)]
        }
    }

    /// Checks an uploaded file (against its schema, if it has one) and, when it passes, reads
    /// its rows (converted to UTF-8 when asked).
    static func read(_ file: URL, schema: SCDLSchema?, convertLatin1: Bool) throws -> Checked {
        if let schema {
            let issues = try validate(file, schema: schema, convertLatin1: convertLatin1)
            guard issues.isEmpty else { return Checked(header: [], rows: [], issues: issues) }
        }
        switch Result(catching: { () throws(TableRefusal) -> Checked in try rows(of: file, convertLatin1: convertLatin1) }) {
        case .success(let checked): return checked
        case .failure(let refusal): return Checked(header: [], rows: [], issues: [Issue(refusal)])
        }
    }

    /// Every record of the file under its header (a ragged one is reported and stops the read).
    private static func rows(of file: URL, convertLatin1: Bool) throws(TableRefusal) -> Checked {
        let reader = try CSVRecordReader(path: file.path, convertLegacyEncoding: convertLatin1)
        guard let header = try reader.next()?.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            return Checked(header: [], rows: [], issues: [Issue(row: nil, field: nil, code: "source-error", message: "Le fichier est vide.")])
        }
        var rows: [[String: String]] = []
        while let cells = try reader.next() {
            guard !cells.allSatisfy(\.isEmpty) else { continue }
            guard cells.count == header.count else {
                return Checked(header: header, rows: [], issues: [Issue(
                    row: reader.recordNumber, field: nil, code: cells.count > header.count ? "extra-cell" : "missing-cell",
                    message: "Ligne \(reader.recordNumber) : \(cells.count) cellules pour \(header.count) colonnes."
                )])
            }
            rows.append(Dictionary(zip(header, cells), uniquingKeysWith: { first, _ in first }))
        }
        return Checked(header: header, rows: rows, issues: [])
    }

    /// The first rows of CSV bytes (the header first); a last record cut by the end of the
    /// bytes is left out unless `complete`.
    static func preview(_ bytes: [UInt8], rows limit: Int, complete: Bool = false, scratch: URL) -> [[String]] {
        guard let file = try? temporaryFile(in: scratch), (try? Data(bytes).write(to: file)) != nil else { return [] }
        defer { try? FileManager.default.removeItem(at: file) }
        guard let reader = try? CSVRecordReader(path: file.path, delimiter: .comma) else { return [] }
        var table: [[String]] = []
        while table.count <= limit, let cells = try? reader.next() { table.append(cells) }
        if !complete, table.count <= limit, table.count > 1, bytes.last != UInt8(ascii: "\n") { table.removeLast() }
        return table
    }

    static func temporaryFile(in directory: URL) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return directory.appendingPathComponent("table-\(UUID().uuidString.lowercased()).csv")
    }
}
