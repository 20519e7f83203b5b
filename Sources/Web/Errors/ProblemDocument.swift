import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document (`application/problem+json`).
struct ProblemDocument: Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String?
    var instance: String?
    var extensions: [String: String]

    init(_ error: WebError, instance: String?, requestID: String) {
        type = "/problems/\(error.kind)"
        title = error.title
        status = Int(error.status.code)
        detail = error.detail
        self.instance = instance
        extensions = error.extensions.merging(["request_id": requestID]) { first, _ in first }
    }

    func json() -> Data {
        var object: [String: Any] = ["type": type, "title": title, "status": status]
        if let detail { object["detail"] = detail }
        if let instance { object["instance"] = instance }
        for (key, value) in extensions where object[key] == nil { object[key] = value }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    func response(headers extra: HTTPFields) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extra)
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json())))
    }
}
