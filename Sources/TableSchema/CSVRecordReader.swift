import Foundation

/// Streams the records of a CSV file, never holding more than a chunk and the current record:
/// RFC 4180 quoting with the leniency of Python's `csv` module, which Frictionless reads with
/// (a quote inside an unquoted cell is text; text after a closing quote joins the cell; an
/// unterminated quote runs to the end of the file; CRLF, LF and CR all end a record; an empty
/// line is a record without cells). Cells are decoded as UTF-8, or Windows-1252 once allowed.
///
/// Hand-written rather than yaslab/CSV.swift 2.5.2: that reader decodes scalar by scalar with one
/// fixed codec over an `InputStream` (no switching to Windows-1252 mid-file, no byte count to
/// refuse a file past a limit without subclassing `InputStream`), and its quoting rules are not
/// Python's, which decide Frictionless's verdicts on malformed rows.
///
/// Not `Sendable`: one reader belongs to one validation.
public final class CSVRecordReader {
    private let handle: FileHandle
    private let byteLimit: Int?
    private let convertLegacyEncoding: Bool
    private var chunk: [UInt8] = []
    private var position = 0
    private var finished = false
    /// Bytes read from the file so far.
    public private(set) var bytesRead = 0
    /// The 1-based number of the record being read (the header is 1).
    public private(set) var recordNumber = 0
    public private(set) var encoding: DetectedEncoding = .utf8
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    private var sawNonASCII = false

    public init(path: String, byteLimit: Int? = nil, delimiter choice: DelimiterChoice = .automatic,
                convertLegacyEncoding: Bool = false) throws(TableRefusal) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw TableRefusal(.unreadable) }
        self.handle = handle
        self.byteLimit = byteLimit
        self.convertLegacyEncoding = convertLegacyEncoding
        try fill()
        if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            encoding = .utf8WithBOM
        } else if chunk.starts(with: [0xFF, 0xFE]) || chunk.starts(with: [0xFE, 0xFF]) {
            throw TableRefusal(.utf16)
        }
        switch choice {
        case .comma: delimiter = UInt8(ascii: ",")
        case .semicolon: delimiter = UInt8(ascii: ";")
        case .automatic: delimiter = detectDelimiter()
        }
    }

    deinit {
        try? handle.close()
    }

    /// The first line's separator: `;` when it has more semicolons than commas outside quotes.
    private func detectDelimiter() -> UInt8 {
        var commas = 0, semicolons = 0, quoted = false
        for byte in chunk[position...] {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if byte == UInt8(ascii: ",") { commas += 1 }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Reads the next chunk; refuses the file once it has given more than the limit.
    private func fill() throws(TableRefusal) {
        guard !finished else { return }
        let data: Data?
        do {
            data = try handle.read(upToCount: 1 << 16)
        } catch {
            throw TableRefusal(.unreadable)
        }
        guard let data, !data.isEmpty else {
            finished = true
            chunk = []
            position = 0
            return
        }
        bytesRead += data.count
        if let byteLimit, bytesRead > byteLimit { throw TableRefusal(.tooLarge(limit: byteLimit)) }
        chunk = [UInt8](data)
        position = 0
    }

    private func nextByte() throws(TableRefusal) -> UInt8? {
        if position >= chunk.count {
            try fill()
            if finished { return nil }
        }
        defer { position += 1 }
        return chunk[position]
    }

    private func peekByte() throws(TableRefusal) -> UInt8? {
        if position >= chunk.count {
            try fill()
            if finished { return nil }
        }
        return chunk[position]
    }

    private enum State { case startRecord, startField, inField, inQuotedField, quoteInQuotedField }

    /// The next record's cells, or `nil` at the end of the file.
    public func next() throws(TableRefusal) -> [String]? {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var cells: [String] = []
        var field: [UInt8] = []
        var state = State.startRecord
        recordNumber += 1
        while true {
            guard let byte = try nextByte() else {
                if state == .startRecord {
                    recordNumber -= 1
                    return nil
                }
                cells.append(try decode(field))  // Python saves the last cell, quoted or not
                return cells
            }
            let endOfLine = byte == cr || byte == lf
            switch state {
            case .startRecord where endOfLine, .startField where endOfLine, .inField where endOfLine,
                 .quoteInQuotedField where endOfLine:
                if state != .startRecord { cells.append(try decode(field)) }
                if byte == cr, try peekByte() == lf { position += 1 }
                return cells
            case .startRecord, .startField:
                if byte == quote {
                    state = .inQuotedField
                } else if byte == delimiter {
                    cells.append("")
                    state = .startField
                } else {
                    field.append(byte)
                    state = .inField
                }
            case .inField:
                if byte == delimiter {
                    cells.append(try decode(field))
                    field.removeAll(keepingCapacity: true)
                    state = .startField
                } else {
                    field.append(byte)
                }
            case .inQuotedField:
                if byte == quote { state = .quoteInQuotedField } else { field.append(byte) }
            case .quoteInQuotedField:
                if byte == quote {
                    field.append(quote)
                    state = .inQuotedField
                } else if byte == delimiter {
                    cells.append(try decode(field))
                    field.removeAll(keepingCapacity: true)
                    state = .startField
                } else {
                    field.append(byte)
                    state = .inField
                }
            }
        }
    }

    private func decode(_ bytes: [UInt8]) throws(TableRefusal) -> String {
        if encoding == .windows1252Converted { return Windows1252.decode(bytes) }
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) {
            sawNonASCII = true
            return text
        }
        guard convertLegacyEncoding else { throw TableRefusal(.notUTF8(row: recordNumber)) }
        guard !sawNonASCII, encoding == .utf8 else { throw TableRefusal(.mixedEncoding(row: recordNumber)) }
        encoding = .windows1252Converted
        return Windows1252.decode(bytes)
    }
}
