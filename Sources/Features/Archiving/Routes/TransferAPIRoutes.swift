import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import NIOCore
import NIOFileSystem
import Tenancy
import TenantStore
import Web

/// `/api/v1/archive/transfers…`: partner systems (a GED, a business application) and
/// archivists' tools send SIPs and read their replies.
struct TransferAPIRoutes: Sendable {
    let services: ArchiveServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.post("/api/v1/archive/transfers", .permission(.archiveIngest), operation: ArchiveAPI.ingest) { request, context, principal in
            let outcome = try await services.receiveAndIngest(request, member: context.store, by: ArchiveActor(principal))
            let location = "/api/v1/archive/transfers/" + outcome.transfer.id.uuidString.lowercased()
            return try Self.reply(outcome.reply, request: request, status: outcome.reply.accepted ? .created : .unprocessableContent,
                                  headers: outcome.reply.accepted ? [.location: location] : [:])
        }
        routes.post("/api/v1/archive/deliveries", .permission(.archiveRead), operation: ArchiveAPI.deliver) { request, context, principal in
            try await deliver(request, context: context, principal: principal)
        }
        routes.get("/api/v1/archive/transfers/:id", .permission(.archiveRead), operation: ArchiveAPI.get) { request, context, _ in
            let id = try ArchiveServices.transferID(context)
            guard let transfer = try await TransferStore(member: context.store).transfer(id) else {
                throw WebError.notFound("Aucun transfert \(id.uuidString.lowercased()).")
            }
            return try Self.reply(try TransferStore.reply(of: transfer), request: request, status: .ok, headers: [:])
        }
    }

    struct DeliveryInput: Decodable {
        var units: [String]
    }

    func deliver(_ request: Request, context: TenantRequestContext, principal: Principal) async throws -> Response {
        let input = try await RequestPayload.json(DeliveryInput.self, from: request)
        guard input.units.count <= 1000 else { throw WebError.invalidParameter("units", "Au plus 1000 unités par communication.") }
        let ids = try input.units.map { text in
            guard let id = UUID(uuidString: text) else { throw WebError.invalidParameter("units", "Chaque unité est désignée par son identifiant (UUID).") }
            return id
        }
        guard let service = services.delivery(context.store) else {
            throw WebError(.serviceUnavailable, kind: "archive-unavailable", title: "Archivage indisponible", detail: "Le second emplacement n'est pas configuré.")
        }
        let file: URL
        do {
            file = try await service.deliver(ids, requester: principal.label, privileged: principal.can(.archiveAdmin))
        } catch let refusal as DeliveryService.Refusal {
            switch refusal {
            case .empty: throw WebError(.unprocessableContent, kind: "unprocessable", title: "Demande vide", detail: refusal.message)
            case .unknown: throw WebError.notFound(refusal.message)
            case .eliminated: throw WebError(.conflict, kind: "conflict", title: "Unité éliminée", detail: refusal.message)
            case .closed: throw WebError(.forbidden, kind: "forbidden", title: "Pas encore communicable", detail: refusal.message)
            }
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        return Response(status: .ok, headers: [.contentType: "application/zip", .contentLength: "\(size)",
                                               .contentDisposition: "attachment; filename=\"communication.zip\""],
                        body: ResponseBody { writer in
                            defer { try? FileManager.default.removeItem(at: file) }
                            try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(file.path)) { handle in
                                for try await chunk in handle.readChunks(chunkLength: .mebibytes(1)) { try await writer.write(chunk) }
                            }
                            try await writer.finish(nil)
                        })
    }

    /// XML when the client asks for it (`Accept: application/xml` or `text/xml`), else JSON.
    static func reply(_ reply: TransferReply, request: Request, status: HTTPResponse.Status, headers: HTTPFields) throws -> Response {
        let accept = request.headers[.accept]?.lowercased() ?? ""
        guard accept.contains("application/xml") || accept.contains("text/xml") else {
            return try JSONResponse.make(reply, status: status, headers: headers)
        }
        var fields: HTTPFields = [.contentType: "application/xml; charset=utf-8"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: reply.xmlText)))
    }
}

extension ArchiveActor {
    init(_ principal: Principal) {
        self.init(kind: principal.kind.rawValue, id: principal.id.lowercased(), label: principal.label)
    }
}
