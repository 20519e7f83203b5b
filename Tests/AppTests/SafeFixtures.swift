import Synchronization
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Depositing into and reading from a citizen's safe over the API.
extension TestClientProtocol {
    func deposit(_ host: String, cookie: String, bytes: [UInt8], name: String = "attestation.pdf", contentType: String = "application/pdf") async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("Host")!: host, .cookie: "__Host-mutualis=\(cookie)", .contentType: contentType,
                                   .contentDisposition: "attachment; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name)"]
        if let token = signedInTokens.withLock({ $0[cookie] }) { headers[HTTPField.Name("X-CSRF-Token")!] = token }
        return try await execute(uri: "/api/v1/me/safe/documents", method: .post, headers: headers, body: ByteBuffer(bytes: bytes))
    }
}

enum SafeSamples {
    /// A PDF whose text is easy to look for at rest.
    static func pdf(_ marker: String, padding: Int = 4_000) -> [UInt8] {
        Array("%PDF-1.4\n% \(marker)\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8) + Array(repeating: UInt8(ascii: " "), count: padding)
    }

    static func hex(_ text: String) -> String { Array(text.utf8).map { String(format: "%02x", $0) }.joined() }

    /// Every regular file under `root` whose bytes contain `needle`.
    static func files(under root: URL, containing needle: [UInt8]) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [String] = []
        for case let path as String in walker {
            let url = root.appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url), data.count >= needle.count else { continue }
            if data.range(of: Data(needle)) != nil { found.append(path) }
        }
        return found
    }
}
