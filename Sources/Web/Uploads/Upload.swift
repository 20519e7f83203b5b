import Blobs
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tenancy

/// A file received from a request and staged in the blob store (not yet a document: the route
/// decides, then calls `DocumentStore.add` or `discard`).
public struct ReceivedUpload: Sendable {
    public var staged: StagedBlob
    /// The name the client gave (unsanitised: `DocumentStore` sanitises it).
    public var fileName: String?
    /// The text fields of a multipart form.
    public var fields: [String: String]
}

/// Receives an upload as it streams in: a `multipart/form-data` form (its file field) or a
/// raw body (any other `Content-Type`; the name from `Content-Disposition` or `?nom=`). The
/// bytes are hashed and written as they arrive, never held whole. Too large: 413 before the body
/// is read past the limit (at once when `Content-Length` says so). Not an accepted kind: 415
/// with a French message. Refused or interrupted: nothing stays.
public enum Upload {
    public static func receive(_ request: Request, member: TenantSlug, blobs: any BlobStore, policy: UploadPolicy) async throws -> ReceivedUpload {
        try checkNameParameter(request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > policy.maximumBytes + 64 * 1024 {
            throw tooLarge(policy)
        }
        let contentType = request.headers[.contentType] ?? "application/octet-stream"
        let received: ReceivedUpload
        do {
            if contentType.lowercased().hasPrefix("multipart/form-data") {
                guard let boundary = MultipartFileStream.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 70 else {
                    throw WebError.badRequest("Le formulaire envoyé n'indique pas sa frontière (boundary).")
                }
                let stream = MultipartFileStream(request: request, boundary: boundary, fileField: policy.fileField)
                try await stream.openFile()
                let staged = try await blobs.stage(member: member, from: stream, limit: policy.maximumBytes)
                do {
                    try await stream.drain()
                } catch {
                    await blobs.discard(staged)
                    throw error
                }
                received = ReceivedUpload(staged: staged, fileName: stream.fileName, fields: stream.fields)
            } else {
                guard !contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
                    throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de contenu non pris en charge",
                                   detail: "Envoyez le fichier tel quel, ou dans un formulaire multipart/form-data.")
                }
                let staged = try await blobs.stage(member: member, from: request.body, limit: policy.maximumBytes)
                received = ReceivedUpload(staged: staged, fileName: rawFileName(request), fields: [:])
            }
        } catch BlobError.tooLarge {
            throw tooLarge(policy)
        } catch let failure as MultipartFileStream.Problem {
            switch failure {
            case .malformed: throw WebError.badRequest("Le formulaire envoyé est mal formé (multipart/form-data).")
            case .noFile: throw WebError.invalidParameter(policy.fileField, "Le formulaire ne contient pas de fichier « \(policy.fileField) ».")
            case .fieldsTooLarge: throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux",
                                                 detail: "Les champs du formulaire dépassent 1 Mo.", headers: [.connection: "close"])
            }
        }
        guard received.staged.size > 0 else {
            await blobs.discard(received.staged)
            throw WebError.badRequest("Le fichier envoyé est vide.")
        }
        if let accepted = policy.accepted {
            let detected = received.staged.mediaType ?? .binary
            guard detected.satisfies(accepted) else {
                await blobs.discard(received.staged)
                throw WebError(.unsupportedMediaType, kind: "unsupported-media-type", title: "Type de fichier refusé",
                               detail: "Le fichier envoyé est \(detected.label) ; ici, seul \(policy.acceptedText) est accepté.",
                               extensions: ["detected": detected.rawValue])
            }
        }
        return received
    }

    static func tooLarge(_ policy: UploadPolicy) -> WebError {
        WebError(.contentTooLarge, kind: "payload-too-large", title: "Fichier trop volumineux",
                 detail: "Le fichier dépasse la taille autorisée (\(policy.limitText)).", headers: [.connection: "close"])
    }

    /// `Content-Disposition: attachment; filename*=UTF-8''rapport%20final.pdf` (RFC 6266), or `?nom=`.
    /// `?nom=` is at most 200 characters (Unicode scalars, as JSON Schema's `maxLength` counts):
    /// a 400 before the body is read.
    static func checkNameParameter(_ request: Request) throws {
        if let name = request.uri.queryParameters["nom"], name.unicodeScalars.count > 200 {
            throw WebError.invalidParameter("nom", "Le nom du fichier ne doit pas dépasser 200 caractères.")
        }
    }

    static func rawFileName(_ request: Request) -> String? {
        if let disposition = request.headers[.contentDisposition] {
            if let extended = MultipartFileStream.parameter("filename*", in: disposition),
               let quote = extended.range(of: "''") {
                return String(extended[quote.upperBound...]).removingPercentEncoding
            }
            if let plain = MultipartFileStream.parameter("filename", in: disposition) { return plain }
        }
        return request.uri.queryParameters["nom"].map(String.init)
    }
}
