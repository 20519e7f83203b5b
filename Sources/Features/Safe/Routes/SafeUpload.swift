import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Web

/// Receiving a document for the safe: into memory only (it is encrypted before anything is
/// written), bounded by the platform's upload limit and by what is left of the citizen's quota
/// (413 with a French message beyond, at once when `Content-Length` says so).
enum SafeUpload {
    /// A raw body (the API): its bytes and the name from `Content-Disposition`.
    static func raw(_ request: Request, safe: CitizenSafe) async throws -> ([UInt8], String?) {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard !contentType.hasPrefix("multipart/"), !contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                           detail: "Envoyez le fichier tel quel dans le corps de la requête, son nom dans Content-Disposition.")
        }
        let name = try fileName(request.headers[.contentDisposition])
        let bytes = try await collect(request, safe: safe)
        return (bytes, name)
    }

    /// A `multipart/form-data` form (the page): its file field `fichier` and its `csrf` field.
    static func form(_ request: Request, safe: CitizenSafe) async throws -> (bytes: [UInt8], name: String?, csrf: String?) {
        let (limit, usage) = try await limits(safe)
        let form: MultipartForm
        do {
            form = try await MultipartForm.read(request, limit: limit + 64 * 1024, maximumParts: 8)
        } catch let error as WebError where error.status == .contentTooLarge {
            throw tooLarge(limit: limit, usage: usage, safe: safe)
        }
        guard let file = form.first("fichier"), !file.bytes.isEmpty else { throw WebError.invalidParameter("fichier", "Choisissez un fichier à déposer.") }
        guard file.bytes.count <= limit else { throw tooLarge(limit: limit, usage: usage, safe: safe, size: file.bytes.count) }
        return (file.bytes, file.fileName, form.first("csrf").map { String(decoding: $0.bytes, as: UTF8.self) })
    }

    static func limits(_ safe: CitizenSafe) async throws -> (Int, SafeUsage) {
        let usage = try await safe.usage()
        return (min(safe.services.uploadLimit, usage.remaining), usage)
    }

    static func collect(_ request: Request, safe: CitizenSafe) async throws -> [UInt8] {
        let (limit, usage) = try await limits(safe)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit: limit, usage: usage, safe: safe, size: length)
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: max(limit, 0)) } catch {
            throw tooLarge(limit: limit, usage: usage, safe: safe)
        }
        guard body.readableBytes > 0 else { throw WebError.badRequest("Le fichier envoyé est vide.") }
        return Array(body.readableBytesView)
    }

    static func tooLarge(limit: Int, usage: SafeUsage, safe: CitizenSafe, size: Int? = nil) -> WebError {
        if usage.remaining <= safe.services.uploadLimit {
            return CitizenSafe.overQuota(usage, adding: size ?? usage.remaining + 1)
        }
        return WebError(.contentTooLarge, kind: "payload-too-large", title: "Fichier trop volumineux",
                        detail: "Un document du coffre-fort ne peut dépasser \(ByteCount.french(limit)).", headers: [.connection: "close"])
    }

    /// `attachment; filename*=UTF-8''rapport%20final.pdf` (RFC 6266) or `filename="…"`; 400 if
    /// longer than 200 characters.
    static func fileName(_ disposition: String?) throws -> String? {
        guard let disposition else { return nil }
        var plain: String?
        var extended: String?
        for part in disposition.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            switch pair[0].lowercased() {
            case "filename*":
                if let quote = pair[1].range(of: "''") { extended = String(pair[1][quote.upperBound...]).removingPercentEncoding }
            case "filename":
                plain = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            default: continue
            }
        }
        let name = extended ?? plain
        if let name, name.unicodeScalars.count > 200 {
            throw WebError.invalidParameter("Content-Disposition", "Le nom du fichier ne doit pas dépasser 200 caractères.")
        }
        return name
    }

    /// The answer's `Content-Disposition`: an ASCII fallback and the UTF-8 name.
    static func disposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii)"
    }
}
