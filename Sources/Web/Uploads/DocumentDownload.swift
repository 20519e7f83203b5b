import Blobs
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tenancy

/// A document's bytes as an HTTP answer: streamed from the blob store, with its type, an
/// `ETag` (its SHA-256) and conditional GET, `Content-Disposition` with its name, and one
/// `Range` (206, or 416 outside the file; several ranges get the whole file). With
/// `lastModified`, also `Last-Modified` and `If-Modified-Since` (RFC 9110 §13.1.3: ignored when
/// `If-None-Match` is present).
public enum DocumentDownload {
    public static func response(
        _ document: Document, blobs: any BlobStore, member: TenantSlug, request: Request, inline: Bool = false,
        lastModified: Date? = nil, cacheControl: String = "private, max-age=0, must-revalidate"
    ) async throws -> Response {
        guard let key = BlobKey(document.sha256) else { throw WebError.notFound() }
        let etag = "\"\(document.sha256)\""
        var headers: HTTPFields = [
            .eTag: etag, .acceptRanges: isJSON(document.mediaType) ? "none" : "bytes", .cacheControl: cacheControl,
            .contentDisposition: disposition(document.fileName, inline: inline),
        ]
        if let lastModified { headers[.lastModified] = HTTPDate.format(lastModified) }
        if let match = request.headers[.ifNoneMatch] {
            let tags = match.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") }
            if tags.contains(etag) || tags.contains("*") { return Response(status: .notModified, headers: headers) }
        } else if let lastModified, let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse),
                  lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970 {
            return Response(status: .notModified, headers: headers)
        }
        var range: ClosedRange<Int>?
        // JSON is served whole (RFC 9110 lets a server ignore Range): a slice of it is no JSON,
        // which clients that read the type (and the API contract) expect.
        if let header = request.headers[.range], request.headers[.ifRange].map({ $0 == etag }) ?? true, !isJSON(document.mediaType) {
            switch parse(range: header, size: document.size) {
            case .whole: break
            case .range(let span): range = span
            case .unsatisfiable:
                headers[.contentRange] = "bytes */\(document.size)"
                throw WebError(.rangeNotSatisfiable, kind: "range-not-satisfiable", title: "Plage non satisfaisable",
                               detail: "Le document fait \(document.size) octets.", headers: headers)
            }
        }
        let content: BlobContent
        do {
            content = try await blobs.read(member: member, key: key, range: range)
        } catch BlobError.notFound {
            throw WebError.notFound("Le contenu de ce document n'est plus disponible.")
        }
        headers[.contentType] = document.mediaType
        let length = content.totalSize == 0 ? 0 : content.range.count
        headers[.contentLength] = String(length)
        if range != nil { headers[.contentRange] = "bytes \(content.range.lowerBound)-\(content.range.upperBound)/\(content.totalSize)" }
        return Response(status: range == nil ? .ok : .partialContent, headers: headers,
                        body: ResponseBody(asyncSequence: content.chunks))
    }

    static func isJSON(_ mediaType: String) -> Bool {
        let type = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "application/json" || type.hasSuffix("+json")
    }

    enum RangeRequest: Equatable {
        case whole
        case range(ClosedRange<Int>)
        case unsatisfiable
    }

    /// RFC 9110 §14.1.2: `bytes=0-99`, `bytes=100-`, `bytes=-100`; anything else (another unit,
    /// several ranges, garbage) is the whole file.
    static func parse(range header: String, size: Int) -> RangeRequest {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.lowercased().hasPrefix("bytes="), !value.contains(",") else { return .whole }
        let spec = value.dropFirst(6).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .whole }
        let (first, last) = (Int(parts[0]), Int(parts[1]))
        switch (parts[0].isEmpty, parts[1].isEmpty) {
        case (true, false):
            guard let suffix = last else { return .whole }
            guard suffix > 0 else { return .unsatisfiable }
            guard size > 0 else { return .unsatisfiable }
            return .range(max(0, size - suffix)...(size - 1))
        case (false, _):
            guard let start = first, start >= 0 else { return .whole }
            guard start < size else { return .unsatisfiable }
            if parts[1].isEmpty { return .range(start...(size - 1)) }
            guard let end = last, end >= start else { return .whole }
            return .range(start...min(end, size - 1))
        default:
            return .whole
        }
    }

    /// `attachment; filename="rapport.pdf"; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.pdf`.
    static func disposition(_ name: String, inline: Bool) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "\(inline ? "inline" : "attachment"); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
