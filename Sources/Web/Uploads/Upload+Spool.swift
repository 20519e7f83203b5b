import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOFileSystem

/// An upload written to a file of the caller's (a SIP to unpack), with its size and SHA-256.
public struct SpooledUpload: Sendable {
    public var path: URL
    public var size: Int
    public var sha256: String
    /// The name the client gave (unsanitised).
    public var fileName: String?
    /// The text fields of a multipart form.
    public var fields: [String: String]
}

extension Upload {
    /// Receives an upload as `receive` does (multipart form or raw body, streamed, bounded by
    /// `policy.maximumBytes`, 413 beyond), but into the file `path` (created; removed if anything
    /// fails) rather than the blob store: for content that is unpacked before anything of it is
    /// stored. A `tap` sees the bytes on their way and may keep some of them instead of the file;
    /// it is finished when the upload was received whole, abandoned if anything failed.
    public static func spool(_ request: Request, to path: URL, policy: UploadPolicy, tap: (any UploadTap)? = nil) async throws -> SpooledUpload {
        try checkNameParameter(request)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > policy.maximumBytes + 64 * 1024 {
            throw tooLarge(policy)
        }
        let contentType = request.headers[.contentType] ?? "application/octet-stream"
        do {
            var spooled: SpooledUpload
            if contentType.lowercased().hasPrefix("multipart/form-data") {
                guard let boundary = MultipartFileStream.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 70 else {
                    throw WebError.badRequest("Le formulaire envoyé n'indique pas sa frontière (boundary).")
                }
                let stream = MultipartFileStream(request: request, boundary: boundary, fileField: policy.fileField)
                try await stream.openFile()
                let (size, sha256) = try await write(stream, to: path, limit: policy.maximumBytes, tap: tap)
                try await stream.drain()
                spooled = SpooledUpload(path: path, size: size, sha256: sha256, fileName: stream.fileName, fields: stream.fields)
            } else {
                // Read whole from its start, the body's fingerprint is the file's: if the
                // idempotency layer computes it, it is taken rather than computed twice.
                let hashed = HashingBody.current.flatMap { $0.untouched ? $0 : nil }
                let (size, sha256) = try await write(request.body, to: path, limit: policy.maximumBytes, tap: tap, hashed: hashed)
                spooled = SpooledUpload(path: path, size: size, sha256: sha256, fileName: rawFileName(request), fields: [:])
            }
            guard spooled.size > 0 else { throw WebError.badRequest("Le fichier envoyé est vide.") }
            try await tap?.finish()
            return spooled
        } catch {
            await tap?.abandon()
            try? FileManager.default.removeItem(at: path)
            switch error {
            case is SpoolOverflow: throw tooLarge(policy)
            case let failure as MultipartFileStream.Problem:
                switch failure {
                case .malformed: throw WebError.badRequest("Le formulaire envoyé est mal formé (multipart/form-data).")
                case .noFile: throw WebError.invalidParameter(policy.fileField, "Le formulaire ne contient pas de fichier « \(policy.fileField) ».")
                case .fieldsTooLarge: throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Contenu trop volumineux",
                                                     detail: "Les champs du formulaire dépassent 1 Mo.", headers: [.connection: "close"])
                }
            default: throw error
            }
        }
    }

    struct SpoolOverflow: Error {}
    /// A programming error: the body's fingerprint was taken, but the body was not read whole.
    struct UncoveredBody: Error, CustomStringConvertible {
        var size: Int
        var description: String { "the request body's fingerprint does not cover the \(size) bytes spooled" }
    }

    /// Writes `source` into the file at `path` (hashing every byte with SHA-256, unless `hashed`
    /// is `source` and hashes it), but for the parts the tap keeps: those stay holes of the right
    /// length.
    static func write<Source: AsyncSequence>(_ source: Source, to path: URL, limit: Int, tap: (any UploadTap)?,
                                             hashed: HashingBody? = nil) async throws -> (Int, String)
        where Source.Element == ByteBuffer
    {
        var digest = hashed == nil ? try Digest(.sha256) : nil
        var size = 0
        try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(path.path), options: .newFile(replaceExisting: false)) { handle in
            // Kept bytes are gathered into runs of up to 1 MiB, each written at its offset.
            var run = ByteBuffer()
            var runStart = 0
            func flush() async throws {
                guard run.readableBytes > 0 else { return }
                try await handle.write(contentsOf: run, toAbsoluteOffset: Int64(runStart))
                run.clear()
            }
            for try await chunk in source {
                let offset = size
                size += chunk.readableBytes
                guard size <= limit else { throw SpoolOverflow() }
                if digest != nil {
                    try chunk.withUnsafeReadableBytes { try digest!.update($0) }
                } else if hashed?.count != size {
                    // Every byte read here passed through the hashing body, and nothing else did.
                    throw UncoveredBody(size: size)
                }
                let kept = try await tap?.take(chunk, at: offset) ?? [0..<chunk.readableBytes]
                for range in kept where !range.isEmpty {
                    if run.readableBytes > 0, runStart + run.readableBytes != offset + range.lowerBound || run.readableBytes >= 1 << 20 {
                        try await flush()
                    }
                    if run.readableBytes == 0 { runStart = offset + range.lowerBound }
                    run.writeImmutableBuffer(chunk.getSlice(at: chunk.readerIndex + range.lowerBound, length: range.count)!)
                }
            }
            try await flush()
            try await handle.resize(to: .bytes(Int64(size)))
        }
        if let hashed {
            guard let fingerprint = hashed.fingerprint(ofWhole: size) else {
                throw UncoveredBody(size: size)
            }
            return (size, fingerprint)
        }
        return (size, Hex.encode(try digest!.finalize()))
    }
}
