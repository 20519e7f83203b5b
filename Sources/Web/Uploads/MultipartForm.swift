import Hummingbird
import MultipartKit
import NIOCore

/// A whole `multipart/form-data` body with several files (a folder and its documents), read
/// into memory up to `limit` bytes: for forms whose parts must all be checked before anything
/// is stored. Single-file uploads stream instead (`Upload.receive`).
public struct MultipartForm: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var fileName: String?
        public var contentType: String?
        public var bytes: [UInt8]
    }

    public var parts: [Part]

    public func all(_ name: String) -> [Part] { parts.filter { $0.name == name } }
    public func first(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// Reads and parses the body: 415 if not multipart, 413 past `limit`, 400 if malformed.
    public static func read(_ request: Request, limit: Int, maximumParts: Int = 64) async throws -> MultipartForm {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Envoyez un formulaire multipart/form-data.")
        }
        guard let boundary = MultipartFileStream.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 70 else {
            throw WebError.badRequest("Le formulaire envoyé n'indique pas sa frontière (boundary).")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: limit) } catch { throw tooLarge(limit) }
        let parser = MultipartParser(boundary: boundary)
        final class Collector: @unchecked Sendable {
            var parts: [Part] = []
            var headers: [String: String] = [:]
            var bytes: [UInt8] = []
        }
        let collector = Collector()
        parser.onHeader = { name, value in collector.headers[name.lowercased()] = value }
        parser.onBody = { buffer in collector.bytes.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = collector.headers["content-disposition"]
            collector.parts.append(Part(
                name: MultipartFileStream.parameter("name", in: disposition) ?? "",
                fileName: MultipartFileStream.parameter("filename", in: disposition),
                contentType: collector.headers["content-type"], bytes: collector.bytes))
            collector.headers = [:]
            collector.bytes = []
        }
        do { try parser.execute(body) } catch {
            throw WebError.badRequest("Le formulaire envoyé est mal formé (multipart/form-data).")
        }
        guard !collector.parts.isEmpty else { throw WebError.badRequest("Le formulaire envoyé est vide ou mal terminé.") }
        guard collector.parts.count <= maximumParts else { throw WebError.badRequest("Le formulaire contient plus de \(maximumParts) parties.") }
        return MultipartForm(parts: collector.parts)
    }

    static func tooLarge(_ limit: Int) -> WebError {
        WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux",
                 detail: "Le formulaire dépasse \(limit >> 20) Mo.", headers: [.connection: "close"])
    }
}
