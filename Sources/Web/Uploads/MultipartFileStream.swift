import Hummingbird
import MultipartKit
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The body of the file part of a `multipart/form-data` request, pulled as it is consumed (the
/// request body is read only as fast as the file is written: memory stays bounded). Parsing is
/// multipart-kit's streaming parser; the text fields around the file are kept (at most 1 MiB
/// in all).
final class MultipartFileStream: AsyncSequence, @unchecked Sendable {
    typealias Element = ByteBuffer
    typealias AsyncIterator = Iterator

    enum Problem: Error {
        case malformed
        case noFile
        case fieldsTooLarge
    }

    static let fieldBytesLimit = 1 << 20

    private let parser: MultipartParser
    private var body: RequestBody.AsyncIterator
    private let fileField: String
    /// Text fields met so far.
    private(set) var fields: [String: String] = [:]
    private(set) var fileName: String?
    private var fileFound = false
    private var inFile = false
    private var fileEnded = false
    private var bodyEnded = false
    private var pending: [ByteBuffer] = []
    private var partHeaders: [String: String] = [:]
    private var partStarted = false
    private var partBytes: [UInt8] = []
    private var fieldBytes = 0
    private var failure: Problem?

    /// What ends a part's body: CR LF, two hyphens, the boundary.
    private let delimiter: [UInt8]
    /// How much of a delimiter ends what the parser has read (its own matching state: a
    /// delimiter can only start at its CR, the one CR it holds, so this count is exact); the
    /// whole delimiter's length once one was read and the parser has not seen the byte after.
    private var delimiterMatch = 0
    private var parserMayBeMatching: Bool { delimiterMatch > 0 }
    /// Chunks that went to the file without the parser (the tests check both roads are taken).
    private(set) var chunksPassedStraight = 0

    init(request: Request, boundary: String, fileField: String) {
        parser = MultipartParser(boundary: boundary)
        delimiter = Array("\r\n--\(boundary)".utf8)
        body = request.body.makeAsyncIterator()
        self.fileField = fileField
        parser.onHeader = { [unowned self] name, value in partHeaders[name.lowercased()] = value }
        parser.onBody = { [unowned self] buffer in
            if !partStarted { startPart() }
            if inFile {
                pending.append(buffer)
            } else {
                fieldBytes += buffer.readableBytes
                if fieldBytes > Self.fieldBytesLimit { failure = .fieldsTooLarge } else { partBytes.append(contentsOf: buffer.readableBytesView) }
            }
        }
        parser.onPartComplete = { [unowned self] in
            if !partStarted { startPart() }
            if inFile {
                inFile = false
                fileEnded = true
            } else if let name = Self.parameter("name", in: partHeaders["content-disposition"]) {
                fields[name] = String(decoding: partBytes, as: UTF8.self)
            }
            partHeaders = [:]
            partBytes = []
            partStarted = false
        }
    }

    /// The part's headers are complete: is it the file?
    private func startPart() {
        partStarted = true
        let disposition = partHeaders["content-disposition"]
        guard !fileFound, Self.parameter("name", in: disposition) == fileField else { return }
        fileFound = true
        inFile = true
        fileName = Self.parameter("filename", in: disposition)
    }

    /// Reads until the file part starts; throws `noFile` if the body ends without one.
    func openFile() async throws {
        while !fileFound {
            guard try await feed() else { throw Problem.noFile }
        }
    }

    /// Reads what is left after the file (trailing fields) to the end of the body.
    func drain() async throws {
        while try await feed() {}
    }

    /// Feeds the next request chunk to the parser; false at the end of the body.
    ///
    /// Inside the file, a chunk that holds no delimiter (and does not end with the start of one),
    /// read while the parser is plainly in the body, is all file content: it goes straight to the
    /// file, as the parser would have passed it, without the parser. multipart-kit 4 copies the
    /// body out byte by byte up to each CR; this fast path took multipart uploads from 0.63 to
    /// the raw upload's speed (`Ops/bench/blobs`). Part headers, boundaries and the fields are
    /// still multipart-kit's.
    private func feed() async throws -> Bool {
        guard !bodyEnded, let chunk = try await body.next() else {
            bodyEnded = true
            return false
        }
        if inFile, !fileEnded, !parserMayBeMatching, !mayHoldDelimiter(chunk) {
            pending.append(chunk)
            chunksPassedStraight += 1
            return true
        }
        do {
            try parser.execute(chunk)
        } catch {
            throw Problem.malformed
        }
        track(chunk)
        if let failure { throw failure }
        return true
    }

    /// Whether the chunk holds the delimiter or ends with a beginning of it.
    private func mayHoldDelimiter(_ chunk: ByteBuffer) -> Bool {
        let found = chunk.withUnsafeReadableBytes { bytes -> Bool in
            guard let base = bytes.baseAddress, bytes.count >= delimiter.count else { return false }
            var offset = 0
            // Each CR (memchr finds them fast), then the rest of the delimiter after it.
            while offset <= bytes.count - delimiter.count, let hit = memchr(base + offset, 0x0D, bytes.count - delimiter.count + 1 - offset) {
                let index = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + index, delimiter, delimiter.count) == 0 { return true }
                offset = index + 1
            }
            return false
        }
        return found || endsWithDelimiterStart(chunk)
    }

    /// Follows the parser's delimiter matching over a chunk it read.
    private func track(_ chunk: ByteBuffer) {
        var matched = delimiterMatch
        for byte in chunk.readableBytesView {
            if matched == delimiter.count {
                matched = 0
            } else if byte == delimiter[matched] {
                matched += 1
                continue
            } else {
                matched = 0
            }
            if byte == delimiter[0] { matched = 1 }
        }
        delimiterMatch = matched
    }

    private func endsWithDelimiterStart(_ chunk: ByteBuffer) -> Bool {
        let view = chunk.readableBytesView
        for length in stride(from: Swift.min(delimiter.count - 1, view.count), through: 1, by: -1)
        where view.suffix(length).elementsEqual(delimiter.prefix(length)) {
            return true
        }
        return false
    }

    struct Iterator: AsyncIteratorProtocol {
        typealias Element = ByteBuffer
        let stream: MultipartFileStream
        mutating func next() async throws -> ByteBuffer? { try await stream.nextFileChunk() }
    }

    func makeAsyncIterator() -> Iterator { Iterator(stream: self) }

    /// The file's bytes from the next request chunk(s), as one buffer. The parser hands the body
    /// over in slices cut at every CR (one every 256 bytes of binary content, on average):
    /// passed on one by one, each slice cost a hash update and a write downstream, and the
    /// multipart upload ran at a third of the raw one. Joined per request chunk (a copy of at
    /// most one chunk), it runs near it (`Ops/bench/blobs`).
    func nextFileChunk() async throws -> ByteBuffer? {
        while true {
            if !pending.isEmpty { return joinPending() }
            if fileEnded { return nil }
            // The body may not end inside the file part.
            guard try await feed() else { throw Problem.malformed }
        }
    }

    private func joinPending() -> ByteBuffer {
        defer { pending.removeAll(keepingCapacity: true) }
        guard pending.count > 1 else { return pending[0] }
        var joined = ByteBufferAllocator().buffer(capacity: pending.reduce(0) { $0 + $1.readableBytes })
        for var slice in pending { joined.writeBuffer(&slice) }
        return joined
    }

    /// A parameter of a `Content-Disposition` value (`form-data; name="fichier"; filename="a.pdf"`).
    static func parameter(_ name: String, in value: String?) -> String? {
        guard let value else { return nil }
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var text = pair[1].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return text.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }
}
