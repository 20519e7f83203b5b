import HTTPTypes
import Hummingbird
import Logging

/// Gives each request an id: the caller's `X-Request-Id` when it is sane, else Hummingbird's.
/// The id is in the logger's metadata (`hb.request.id`), the context and the response.
public struct RequestIDMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let incoming = request.headers[Self.header], Self.isAcceptable(incoming) {
            context.requestID = incoming
            context.logger[metadataKey: "hb.request.id"] = .string(incoming)
        } else {
            context.requestID = context.id
        }
        let id = context.requestID
        var response = try await next(request, context)
        response.headers[Self.header] = id
        return response
    }

    /// 1 to 64 characters of `[A-Za-z0-9._-]`: nothing that could forge a log line.
    static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        return (1...64).contains(bytes.count) && bytes.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }
}
