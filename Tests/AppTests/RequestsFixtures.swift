import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A citizen going through a procedure's pages as a browser would: the page's CSRF token (the
/// session's, or the anonymous double-submit cookie), its nonce, and the hidden inputs carrying
/// the earlier pages' answers, re-posted with each step.
struct PortalForm {
    let host: String
    let path: String
    /// The `Cookie` header: the session's and, anonymous, the CSRF cookie.
    var cookies: String
    var hidden: [(String, String)] = []
    var last: TestResponse?

    init(host: String, path: String, session: String? = nil) {
        self.host = host
        self.path = path
        cookies = session.map { "__Host-mutualis=\($0)" } ?? ""
    }

    /// Opens the procedure's page.
    mutating func start(_ client: any TestClientProtocol) async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("Host")!: host]
        if !cookies.isEmpty { headers[.cookie] = cookies }
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        for field in response.headers where field.name == .setCookie && field.value.contains("mutualis-csrf=") {
            let pair = String(field.value.split(separator: ";")[0])
            cookies = cookies.isEmpty ? pair : cookies + "; " + pair
        }
        absorb(response)
        return response
    }

    /// Posts the page's hidden inputs plus `fields` (and `files`, as multipart), with `_action`.
    mutating func post(_ client: any TestClientProtocol, _ fields: [(String, String)], files: [(String, String, [UInt8])] = [],
                       action: String = "suivant", replacingHidden: Bool = true) async throws -> TestResponse {
        let given = Set(fields.map(\.0))
        var all = hidden.filter { !(replacingHidden && given.contains($0.0)) && $0.0 != "_action" } + fields + [("_action", action)]
        if files.contains(where: { _ in true }) { all.removeAll { pair in files.contains { $0.0 == pair.0 } } }
        var headers: HTTPFields = [HTTPField.Name("Host")!: host]
        if !cookies.isEmpty { headers[.cookie] = cookies }
        let body: ByteBuffer
        if files.isEmpty {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
        } else {
            var multipart = MultipartBody()
            for (name, value) in all { multipart.field(name, value) }
            for (name, fileName, bytes) in files { multipart.file(name, fileName: fileName, bytes) }
            headers[.contentType] = multipart.contentType
            body = ByteBuffer(bytes: multipart.finished())
        }
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: body)
        absorb(response)
        return response
    }

    private mutating func absorb(_ response: TestResponse) {
        last = response
        let found = Self.hiddenInputs(response.text)
        if !found.isEmpty { hidden = found }
    }

    static func hiddenInputs(_ html: String) -> [(String, String)] {
        html.matches(of: #/<input type="hidden" name="([^"]+)" value="([^"]*)">/#).map { (unescape(String($0.1)), unescape(String($0.2))) }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#x2F;", with: "/").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// A 1×1 PNG.
    static let png: [UInt8] = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
}

extension TestResponse {
    /// The first request number (`SLUG-2026-000001`) of a page.
    var requestNumber: String? {
        text.firstMatch(of: #/[A-Z][A-Z0-9-]*-20\d\d-\d{6}/#).map { String($0.0) }
    }
}
