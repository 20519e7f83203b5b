import Foundation
import Hummingbird
import Web

/// A procedure's form as posted by a page: `application/x-www-form-urlencoded`, or
/// `multipart/form-data` when the form has file fields. Technical fields start with `_` (and
/// `csrf`); every other name is an answer, checked by the form definition.
struct FormPost: Sendable {
    var answers: [String: [String]] = [:]
    var technical: [String: String] = [:]
    /// Files by field key (empty parts, a file input left empty, are dropped).
    var files: [String: (name: String?, bytes: [UInt8])] = [:]

    var csrf: String? { technical["csrf"] }

    static let maximumNames = 300

    static func read(_ request: Request, limit: Int) async throws -> FormPost {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        var post = FormPost()
        if contentType.hasPrefix("multipart/form-data") {
            let form = try await MultipartForm.read(request, limit: limit, maximumParts: maximumNames)
            for part in form.parts {
                if part.fileName != nil {
                    if !part.bytes.isEmpty { post.files[part.name] = (part.fileName, part.bytes) }
                    continue
                }
                guard let text = String(validating: part.bytes, as: UTF8.self), !text.contains("\0") else {
                    throw WebError.badRequest("Le formulaire contient des caractères invalides.")
                }
                try post.add(part.name, text)
            }
        } else if contentType.hasPrefix("application/x-www-form-urlencoded") {
            var request = request
            let buffer: ByteBuffer
            do { buffer = try await request.collectBody(upTo: 256 * 1024) } catch {
                throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux", detail: "Le formulaire est trop volumineux.")
            }
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
                throw WebError.badRequest("Le formulaire contient des caractères invalides.")
            }
            for pair in text.split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else {
                    throw WebError.badRequest("Le formulaire est mal encodé.")
                }
                guard !value.contains("\0"), !name.contains("\0") else { throw WebError.badRequest("Le formulaire contient un caractère nul.") }
                try post.add(name, value)
            }
        } else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Ce formulaire doit être envoyé depuis la page du portail.")
        }
        return post
    }

    private mutating func add(_ name: String, _ value: String) throws {
        guard name.count <= 100 else { throw WebError.badRequest("Un nom de champ est trop long.") }
        if name == "csrf" || name.hasPrefix("_") {
            technical[name] = value
        } else {
            answers[name, default: []].append(value)
            guard answers.count <= Self.maximumNames, answers[name]!.count <= 100 else { throw WebError.badRequest("Le formulaire contient trop de valeurs.") }
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The posted answers of one page's fields (with an address's coordinates).
    static func answers(_ answers: [String: [String]], of page: FormPage) -> [String: [String]] {
        let keys = Set(page.fields.flatMap(\.postedKeys))
        return answers.filter { keys.contains($0.key) }
    }
}
