import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Testing
@testable import Web

@Suite("Web support (pure)")
struct WebSupportTests {
    func text(_ json: JSONWriter) -> String { String(decoding: json.bytes, as: UTF8.self) }

    @Test("the JSON writer places commas, nests and escapes as RFC 8259 requires")
    func jsonWriter() throws {
        var json = JSONWriter()
        json.beginObject()
        json.field("id", 7)
        json.field("title", "Quote \" backslash \\ newline \n tab \t bell \u{7} é 😀")
        json.field("missing", nil as String?)
        json.key("list")
        json.beginArray()
        json.beginObject(); json.field("a", true); json.endObject()
        json.beginObject(); json.endObject()
        json.value(3)
        json.endArray()
        json.field("at", Date(timeIntervalSince1970: 1_764_057_600))
        json.endObject()
        let output = text(json)
        #expect(output == #"{"id":7,"title":"Quote \" backslash \\ newline \n tab \t bell \u0007 é 😀","missing":null,"list":[{"a":true},{},3],"at":"2025-11-25T08:00:00Z"}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any]
        #expect(parsed?["title"] as? String == "Quote \" backslash \\ newline \n tab \t bell \u{7} é 😀")
    }

    @Test("any string survives the JSON writer: escapes at the start, the end, in a row, or none")
    func jsonStrings() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "€", "😀", "/"]
        var samples = ["", "\"", "\\\\", "plain", "\"lead", "trail\n", "\u{0}\u{1}\u{2}"]
        for _ in 0..<300 {
            samples.append(String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        for sample in samples {
            var json = JSONWriter()
            json.beginArray()
            json.value(sample)
            json.endArray()
            let parsed = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String]
            #expect(parsed == [sample], "\(sample.debugDescription) → \(text(json))")
        }
    }

    @Test("timestamps match ISO 8601 for dates before and after the epoch", arguments: [
        0.0, 951_782_400, 1_764_057_600.9, -86_400, 4_102_444_799,
    ])
    func timestamps(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        #expect(JSONWriter.timestamp(date) == formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down))))
    }

    @Test("pagination reads page and per_page, refuses what is out of range, links neighbours")
    func pagination() throws {
        let defaults = try Pagination(query: URI("/api/v1/news"))
        #expect(defaults == Pagination(page: 1, perPage: 20))
        let second = try Pagination(query: URI("/api/v1/news?page=2&per_page=5"))
        #expect(second.offset == 5)
        #expect(second.pageCount(total: 11) == 3)
        #expect(second.linkHeader(path: "/x", total: 11).contains("</x?page=3&per_page=5>; rel=\"next\""))
        #expect(second.linkHeader(path: "/x", total: 11).contains("</x?page=1&per_page=5>; rel=\"prev\""))
        #expect(second.pageCount(total: 0) == 1)
        for bad in ["page=0", "page=x", "per_page=101", "per_page=-1", "page=10001", "page=1e3"] {
            #expect(throws: WebError.self) { try Pagination(query: URI("/x?\(bad)")) }
        }
    }

    @Test("French dates, in Paris time")
    func frenchDates() {
        // 2026-03-01 23:30 UTC is already 2 March in Paris.
        #expect(FrenchDate.long(Date(timeIntervalSince1970: 1_772_407_800)) == "2 mars 2026")
        #expect(FrenchDate.long(Date(timeIntervalSince1970: 1_764_576_000)) == "1er décembre 2025")
        #expect(FrenchDate.iso(Date(timeIntervalSince1970: 1_772_407_800)) == "2026-03-02")
    }

    @Test("a problem document carries the RFC 9457 members and the request id")
    func problemDocument() throws {
        let error = WebError.invalidParameter("id", "L'identifiant doit être un entier positif.")
        let problem = ProblemDocument(error, instance: "/api/v1/news/x", requestID: "r-1")
        let object = try JSONSerialization.jsonObject(with: problem.json()) as? [String: Any]
        #expect(object?["type"] as? String == "/problems/invalid-parameter")
        #expect(object?["status"] as? Int == 400)
        #expect(object?["title"] as? String == "Paramètre invalide")
        #expect(object?["instance"] as? String == "/api/v1/news/x")
        #expect(object?["parameter"] as? String == "id")
        #expect(object?["request_id"] as? String == "r-1")
    }

    @Test("request ids from clients are accepted only when sane")
    func requestIDs() {
        #expect(RequestIDMiddleware.isAcceptable("abc-123_x.y"))
        #expect(!RequestIDMiddleware.isAcceptable(""))
        #expect(!RequestIDMiddleware.isAcceptable(String(repeating: "a", count: 65)))
        #expect(!RequestIDMiddleware.isAcceptable("a b"))
        #expect(!RequestIDMiddleware.isAcceptable("a\nb"))
    }
}

@Suite("Session cookie scanning")
struct SessionCookieTests {
    func request(_ cookies: [String]) -> Request {
        var fields = HTTPFields()
        for cookie in cookies { fields.append(HTTPField(name: .cookie, value: cookie)) }
        return Request(head: HTTPRequest(method: .get, scheme: "http", authority: "amiens.localhost", path: "/", headerFields: fields), body: .init(buffer: .init()))
    }

    @Test("finds its own cookie among others, by exact name, in any Cookie field")
    func scan() {
        let cookie = SessionCookie(insecure: false)
        #expect(cookie.read(request(["__Host-mutualis=abc"])) == "abc")
        #expect(cookie.read(request(["a=1; __Host-mutualis=abc; b=2"])) == "abc")
        #expect(cookie.read(request(["a=1;__Host-mutualis=abc"])) == "abc")
        #expect(cookie.read(request(["__Host-mutualis-csrf=zzz; __Host-mutualis=abc"])) == "abc")
        #expect(cookie.read(request(["a=1", "__Host-mutualis=abc"])) == "abc")
        #expect(cookie.read(request(["__Host-mutualis="])) == "")
        #expect(cookie.read(request(["__Host-mutualis"])) == nil)
        #expect(cookie.read(request(["__host-mutualis=abc", "mutualis=abc", "x__Host-mutualis=abc"])) == nil)
        #expect(cookie.read(request([])) == nil)
        #expect(SessionCookie(insecure: true).read(request(["__Host-mutualis=abc; mutualis=def"])) == "def")
        // The same answers as Hummingbird's full cookie parser on ordinary headers.
        let header = "theme=sombre; __Host-mutualis=Yk3-_x; lang=fr"
        #expect(cookie.read(request([header])) == request([header]).cookies["__Host-mutualis"]?.value)
    }

    @Test("the client address: the peer's, unless it is a trusted proxy; then the rightmost untrusted hop")
    func trustedProxies() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8, 192.168.1.7 ,fd00::/8")
        #expect(proxies.clientAddress(peer: "198.51.100.4", forwarded: [], forwardedFor: ["1.2.3.4"]) == "198.51.100.4")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwarded: [], forwardedFor: ["1.2.3.4"]) == "1.2.3.4")
        // A client cannot pick its address by writing to the left of the chain.
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwarded: [], forwardedFor: ["6.6.6.6, 203.0.113.9", "10.9.9.9"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwarded: [], forwardedFor: []) == "10.1.2.3")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwarded: [], forwardedFor: ["garbage, 10.0.0.5"]) == "10.0.0.5")
        #expect(proxies.clientAddress(peer: "192.168.1.7", forwarded: [#"for="[2001:db8::1]:4711";proto=https, for=10.0.0.8"#], forwardedFor: ["9.9.9.9"]) == "2001:db8::1")
        #expect(proxies.clientAddress(peer: "::ffff:10.0.0.1", forwarded: [], forwardedFor: ["1.2.3.4:5555"]) == "1.2.3.4")
        #expect(proxies.clientAddress(peer: "fd12::1", forwarded: [], forwardedFor: ["2001:DB8::2"]) == "2001:db8::2")
        #expect(TrustedProxies.none.clientAddress(peer: "10.1.2.3", forwarded: [], forwardedFor: ["1.2.3.4"]) == "10.1.2.3")
        for bad in ["10.0.0.0/33", "not-an-ip", "::1/129", "10.0.0.0/"] {
            #expect(throws: TrustedProxies.Invalid.self) { try TrustedProxies(parsing: bad) }
        }
    }

    @Test("a body is too slow once past its grace and under the minimum average rate")
    func bodyLimits() {
        let limits = BodyTimeLimits(grace: .seconds(30), minimumRate: 16_384)
        #expect(!limits.isTooSlow(elapsed: .seconds(29), received: 0))
        #expect(limits.isTooSlow(elapsed: .seconds(31), received: 30))
        #expect(!limits.isTooSlow(elapsed: .seconds(120), received: 20_000 * 120))
        #expect(limits.isTooSlow(elapsed: .seconds(120), received: 10_000 * 120))
    }
}
