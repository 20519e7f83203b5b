import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import TestSupport
import Testing
@testable import Web

/// The multipart reader (multipart-kit, plus the fast path that passes chunks holding no
/// delimiter straight to the file) against bodies cut everywhere a network could cut them.
@Suite("Multipart file stream (pure)")
struct MultipartFileStreamTests {
    static let boundary = "----MutualisBoundary7MA4YWxkTrZu0gW"

    /// A file whose content is full of what looks like the delimiter without being it.
    static let content: [UInt8] = {
        let delimiter = Array("\r\n--\(boundary)".utf8)
        while true {
            var bytes: [UInt8] = Array("%PDF-1.7\r\n".utf8)
            let decoys = ["\r\n--", "\r\n--\(boundary.dropLast())", "\r\r\n-", "\r\n-\(boundary)", "\r", "\n--\(boundary)", "--\(boundary)\r"]
            for index in 0..<400 {
                bytes += (0..<Int.random(in: 0..<40)).map { _ in UInt8.random(in: 0...255) }
                bytes += Array(decoys[index % decoys.count].utf8)
            }
            bytes += Array("\r\n%%EOF\r".utf8)
            // Random bytes next to a decoy can make the real delimiter: such a file cannot be sent.
            let holdsDelimiter = (0...(bytes.count - delimiter.count)).contains { bytes[$0..<($0 + delimiter.count)].elementsEqual(delimiter) }
            if !holdsDelimiter { return bytes }
        }
    }()

    static func body(file: [UInt8]) -> [UInt8] {
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"titre\"\r\n\r\nRèglement\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"règlement.pdf\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += file
        body += Array("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"apres\"\r\n\r\noui\r\n--\(boundary)--\r\n".utf8)
        return body
    }

    static func read(_ chunks: [[UInt8]]) async throws -> (file: [UInt8], stream: MultipartFileStream) {
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/"),
            body: RequestBody(asyncSequence: Chunks(parts: chunks))
        )
        let stream = MultipartFileStream(request: request, boundary: boundary, fileField: "fichier")
        try await stream.openFile()
        var file: [UInt8] = []
        for try await chunk in stream { file += chunk.readableBytesView }
        try await stream.drain()
        return (file, stream)
    }

    static func cut(_ bytes: [UInt8], every size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    @Test("the file and the fields come out whole, whatever the chunk size", arguments: [1, 2, 3, 5, 7, 13, 37, 64, 100, 1000, 4096, 1 << 20])
    func chunkSizes(_ size: Int) async throws {
        let (file, stream) = try await Self.read(Self.cut(Self.body(file: Self.content), every: size))
        #expect(file == Self.content)
        #expect(stream.fileName == "règlement.pdf")
        #expect(stream.fields == ["titre": "Règlement", "apres": "oui"])
    }

    @Test("a delimiter split at every position between two chunks is still found")
    func delimiterSplitEverywhere() async throws {
        let body = Self.body(file: Self.content)
        let closing = body.count - Array("\r\n--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"apres\"\r\n\r\noui\r\n--\(Self.boundary)--\r\n".utf8).count
        for offset in 0...(Self.boundary.utf8.count + 4) {
            let split = closing + offset
            // Big chunks before, so the fast path is the one reading the file.
            var chunks = Self.cut(Array(body[..<split]), every: 512)
            chunks.append(Array(body[split...]))
            let (file, stream) = try await Self.read(chunks)
            #expect(file == Self.content, "split \(offset) bytes into the delimiter")
            #expect(stream.fields["apres"] == "oui")
            #expect(stream.chunksPassedStraight > 0)
        }
    }

    @Test("random cuts")
    func randomCuts() async throws {
        let body = Self.body(file: Self.content)
        for _ in 0..<50 {
            var chunks: [[UInt8]] = []
            var start = 0
            while start < body.count {
                let end = min(body.count, start + Int.random(in: 1...700))
                chunks.append(Array(body[start..<end]))
                start = end
            }
            #expect(try await Self.read(chunks).file == Self.content)
        }
    }

    @Test("a body that ends inside the file is malformed")
    func truncated() async throws {
        let body = Self.body(file: Self.content)
        await #expect(throws: MultipartFileStream.Problem.self) {
            _ = try await Self.read(Self.cut(Array(body[..<(body.count / 2)]), every: 256))
        }
    }
}
