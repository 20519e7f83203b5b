import Hummingbird
import MultipartKit
import NIOCore

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

    init(request: Request, boundary: String, fileField: String) {
        parser = MultipartParser(boundary: boundary)
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
    private func feed() async throws -> Bool {
        guard !bodyEnded, let chunk = try await body.next() else {
            bodyEnded = true
            return false
        }
        do {
            try parser.execute(chunk)
        } catch {
            throw Problem.malformed
        }
        if let failure { throw failure }
        return true
    }

    struct Iterator: AsyncIteratorProtocol {
        typealias Element = ByteBuffer
        let stream: MultipartFileStream
        mutating func next() async throws -> ByteBuffer? { try await stream.nextFileChunk() }
    }

    func makeAsyncIterator() -> Iterator { Iterator(stream: self) }

    func nextFileChunk() async throws -> ByteBuffer? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            if fileEnded { return nil }
            // The body may not end inside the file part.
            guard try await feed() else { throw Problem.malformed }
        }
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
