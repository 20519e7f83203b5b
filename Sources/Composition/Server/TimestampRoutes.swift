import Cryptography
import HTTPTypes
import Hummingbird
import Identity
import Logging
import NIOCore
import Redis
import Trust
import Web

/// `POST /tsa`: the platform's RFC 3161 timestamping unit over HTTP (RFC 3161 §3.4): a DER
/// `application/timestamp-query` in, a DER `application/timestamp-reply` out, on every host.
/// Rate-limited per client address. A body that is not a TimeStampReq gets a 400 problem; a
/// query the unit refuses (an unsupported digest) gets its `rejection` reply, as the RFC says.
struct TimestampRoutes {
    let authority: TimestampAuthority
    let limiter: RateLimiter
    static let limit = RateLimit(name: "tsa", capacity: 120, period: .seconds(60))
    static let maximumQuery = 8 << 10

    func register(on router: Router<AppRequestContext>) {
        router.post("/tsa") { request, context in
            let decision = try await limiter.consume([(Self.limit, context.clientIP ?? "unknown")])
            guard decision.allowed else {
                throw WebError(.tooManyRequests, kind: "rate-limited", title: "Trop de requêtes",
                               detail: "Trop de demandes d'horodatage depuis cette adresse ; réessayez dans \(decision.retryAfter) s.",
                               headers: [.retryAfter: String(decision.retryAfter)])
            }
            guard request.headers[.contentType]?.lowercased().hasPrefix("application/timestamp-query") == true else {
                throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                               detail: "Le corps doit être une requête d'horodatage RFC 3161 (application/timestamp-query).")
            }
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: Self.maximumQuery) } catch {
                throw WebError(.contentTooLarge, kind: "too-large", title: "Requête trop volumineuse",
                               detail: "Une requête d'horodatage fait moins de \(Self.maximumQuery) octets.")
            }
            let query = Array(buffer: body)
            do { _ = try TimestampQuery(der: query) } catch {
                context.logger.info("timestamp query refused", metadata: ["reason": "\(error)"])
                if "\(error)".contains("digest algorithm") {
                    return try reply(to: query)
                }
                throw WebError.badRequest("Le corps n'est pas une requête d'horodatage RFC 3161 (TimeStampReq DER) lisible.")
            }
            return try reply(to: query)
        }
    }

    private func reply(to query: [UInt8]) throws -> Response {
        let reply = try authority.respond(to: query)
        return Response(status: .ok, headers: [.contentType: "application/timestamp-reply"], body: .init(byteBuffer: ByteBuffer(bytes: reply)))
    }
}
