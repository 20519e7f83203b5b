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
        return decoder
    }()

    /// A JSON body (`Content-Type: application/json`).
    public static func json<T: Decodable>(_: T.Type, from request: Request) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Envoyez du JSON (Content-Type: application/json).")
        }
        let bytes = try await collect(request)
        do {
            return try jsonDecoder.decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw WebError.badRequest("Corps JSON invalide : \(describe(error)).")
        } catch {
            throw WebError.badRequest("Corps JSON invalide.")
        }
    }

    /// An HTML form (`application/x-www-form-urlencoded`).
    public static func form<T: Decodable>(_: T.Type, from request: Request) async throws -> T {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Ce formulaire doit être envoyé depuis la page du portail.")
        }
        let bytes = try await collect(request)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw WebError.badRequest("Le formulaire contient des caractères invalides.") }
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
        } catch {
            throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux",
                           detail: "Le contenu envoyé dépasse \(limit / 1024) Kio.")
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
