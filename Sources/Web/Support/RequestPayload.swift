import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Reading request bodies with clear 4xx answers: too large (413), not the expected media type
/// (415), not decodable (400, naming what is wrong). Nothing of a refused body is kept.
public enum RequestPayload {
    public static let limit = 64 * 1024

    static let jsonDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        // Dates as the API writes them: "2026-11-29T08:00:00Z".
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// True if the `Content-Type` is `media` (any case), with at most a UTF-8 charset.
    static func hasMediaType(_ request: Request, _ media: String) -> Bool {
        guard let value = request.headers[.contentType]?.lowercased() else { return false }
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first == media else { return false }
        return parts.dropFirst().allSatisfy { $0 == "charset=utf-8" || $0 == "charset=\"utf-8\"" }
    }

    static let nulRefused = WebError.badRequest("Le contenu envoyé contient un caractère nul, qui n'est pas accepté.")

    /// A NUL character, raw or escaped as JSON writes it (`\u0000`): PostgreSQL text refuses it.
    static func containsJSONNul(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0) { return true }
        var index = 0
        while index + 5 < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                if bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "0"), bytes[index + 3] == UInt8(ascii: "0"),
                   bytes[index + 4] == UInt8(ascii: "0"), bytes[index + 5] == UInt8(ascii: "0") {
                    return true
                }
                index += 2  // skip the escaped character (an escaped backslash is not an escape)
                continue
            }
            index += 1
        }
        return false
    }

    /// A JSON body (`Content-Type: application/json`).
    public static func json<T: Decodable>(_: T.Type, from request: Request) async throws -> T {
        guard hasMediaType(request, "application/json") else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Envoyez du JSON (Content-Type: application/json).")
        }
        return try json(T.self, bytes: try await collect(request))
    }

    /// A JSON document received otherwise (a part of a multipart form): the same checks.
    public static func json<T: Decodable>(_: T.Type, bytes: [UInt8]) throws -> T {
        guard !containsJSONNul(bytes) else { throw nulRefused }
        let value: T
        do {
            value = try jsonDecoder.decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw WebError.badRequest("Corps JSON invalide : \(describe(error)).")
        } catch {
            throw WebError.badRequest("Corps JSON invalide.")
        }
        if let name = JSONDuplicateKeys.first(in: bytes) {
            throw WebError.badRequest("Corps JSON invalide : le champ « \(name.prefix(64)) » apparaît deux fois dans un même objet.")
        }
        return value
    }

    /// An HTML form (`application/x-www-form-urlencoded`).
    public static func form<T: Decodable>(_: T.Type, from request: Request) async throws -> T {
        guard hasMediaType(request, "application/x-www-form-urlencoded") else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Ce formulaire doit être envoyé depuis la page du portail.")
        }
        let bytes = try await collect(request)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw WebError.badRequest("Le formulaire contient des caractères invalides.") }
        guard !bytes.contains(0), !text.lowercased().contains("%00") else { throw nulRefused }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch let error as DecodingError {
            throw WebError.badRequest("Formulaire incomplet : \(describe(error)).")
        } catch {
            throw WebError.badRequest("Formulaire illisible.")
        }
    }

    static func collect(_ request: Request) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux",
                           detail: "Le contenu envoyé dépasse \(limit / 1024) Kio.")
        } catch {
            // The body could not be read as HTTP/1.1 frames it (a malformed chunk, an unknown
            // transfer coding): the request is malformed.
            throw WebError.badRequest("Le corps de la requête est mal formé (découpage HTTP invalide).")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "champ « \(key.stringValue) » manquant"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "champ « \(context.codingPath.map(\.stringValue).joined(separator: ".")) » de type inattendu"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "contenu mal formé" : "champ « \(context.codingPath.map(\.stringValue).joined(separator: ".")) » mal formé"
        @unknown default: "contenu mal formé"
        }
    }
}
