import Foundation

// TEMPORARY (not for main): a naive stand-in until the TableSchema module lands; replaced by
// the adapter over `TableSchema` before this is merged.
enum TableCheck {
    struct Issue: Sendable {
        var row: Int?
        var field: String?
        var code: String
        var message: String

        func message(row withRow: Bool) -> String { message }
    }

    struct Checked {
        var header: [String]
        var rows: [[String: String]]
        var issues: [Issue]
    }

    static func csv(header: [String], rows: [[String]]) -> [UInt8] {
        func quote(_ cell: String) -> String {
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        var text = header.map(quote).joined(separator: ",") + "\r\n"
        for row in rows { text += row.map(quote).joined(separator: ",") + "\r\n" }
        return Array(text.utf8)
    }

    static func validate(_ bytes: [UInt8], schema: SCDLSchema, limit: Int) throws -> [Issue] { [] }

    static func read(_ file: URL, schema: SCDLSchema?, convertLatin1: Bool) throws -> Checked {
        let table = preview(try [UInt8](Data(contentsOf: file)), rows: Int.max)
        let header = table.first ?? []
        return Checked(header: header, rows: table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }, issues: [])
    }

    static func preview(_ bytes: [UInt8], rows limit: Int) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var iterator = String(decoding: bytes, as: UTF8.self).makeIterator()
        var pending: Character?
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() { if next == "\"" { cell.append("\"") } else { quoted = false; pending = next } } else { quoted = false }
                } else { cell.append(character) }
            } else if character == "\"" { quoted = true }
            else if character == "," { row.append(cell); cell = "" }
            else if character == "\n" || character == "\r\n" || character == "\r" {
                row.append(cell); cell = ""; rows.append(row); row = []
                if rows.count > limit { return rows }
            } else { cell.append(character) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }
}
