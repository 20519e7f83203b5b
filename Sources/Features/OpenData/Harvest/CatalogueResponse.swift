import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Web

/// The DCAT-AP catalogue of a source, one page, in JSON-LD or Turtle.
struct CatalogueResponse: Sendable {
    enum Format: String, Sendable, CaseIterable {
        case jsonld, ttl

        var contentType: String {
            switch self {
            case .jsonld: "application/ld+json"
            case .ttl: "text/turtle; charset=utf-8"
            }
        }
    }

    let source: HarvestSource
    /// The catalogue's address without its extension (`https://amiens…/catalogue`).
    let base: String

    func response(_ request: Request, format: Format) async throws -> Response {
        let entries = try await source.entries()
        let page = try HydraPage(query: request.uri.queryParameters.get("page").map { String($0) }, total: entries.count)
        var selected: [(entry: HarvestSource.Entry, resources: [DatasetResource])] = []
        for entry in entries[page.range] { selected.append((entry, try await source.resources(of: entry))) }
        let base = base
        let graph = DCATCatalogue(source: source, pageURL: { "\(base).\(format.rawValue)?page=\($0)" })
            .graph(page: page, entries: selected)
        let bytes: [UInt8] = switch format {
        case .jsonld: JSONLDWriter.write(graph)
        case .ttl: Array(TurtleWriter.write(graph).utf8)
        }
        return Response(status: .ok, headers: [.contentType: format.contentType, .cacheControl: "public, max-age=300"],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
