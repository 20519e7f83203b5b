import Foundation
import HTTPTypes
import Hummingbird
import Identity
import NIOCore
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
        routes.get("/api/v1/archive/transfers/:id", .permission(.archiveRead), operation: ArchiveAPI.get) { request, context, _ in
            let id = try ArchiveServices.transferID(context)
            guard let transfer = try await TransferStore(member: context.store).transfer(id) else {
                throw WebError.notFound("Aucun transfert \(id.uuidString.lowercased()).")
            }
            return try Self.reply(try TransferStore.reply(of: transfer), request: request, status: .ok, headers: [:])
        }
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
