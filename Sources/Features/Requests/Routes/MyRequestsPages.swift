import Blobs
import Foundation
import Hummingbird
import Identity
import Postgres
import Tenancy
import TenantStore
import Web

/// « Mes demandes »: the signed-in citizen's requests on this portal — those this member
/// processes, read in its schema, and those another member processes, listed from the mirror
/// kept here and opened by reading the owner's schema in a separate transaction, limited to the
/// requests filed on this portal by this account. The tracking link does the same for an
/// anonymous filer.
struct MyRequestsPages: Sendable {
    let services: RequestsServices

    /// A request found for its citizen, with the member that processes it.
    struct Found: Sendable {
        var record: RequestRecord
        var type: ProcedureType
        var owner: OwnerRef
        var store: MemberStore
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/mes-demandes", .signedIn) { _, context, principal in
            guard let account = UUID(uuidString: principal.id) else { throw WebError.notFound() }
            let own = try await RequestStore(context.store).requests(of: account, filedOn: context.tenant.slug.rawValue)
            var rows: [(Date, [String: Any])] = []
            for record in own {
                let type = try await ProcedureStore(context.store).type(id: record.typeID, version: record.typeVersion)
                rows.append((record.filedAt, [
                    "number": record.number, "procedure": record.typeTitle, "owner": context.tenant.name, "filed": FrenchDate.long(record.filedAt),
                    "status": type?.workflow.status(record.status)?.label ?? record.status,
                    "waiting": type.map { record.lifecycle.citizenMayReply(in: $0.workflow) } ?? false,
                ]))
            }
            for link in try await links(of: account, in: context.store) { rows.append(link) }
            let sorted = rows.sorted { $0.0 > $1.0 }.map(\.1)
            return services.pages.render("requests-mine", site: PageSite(tenant: context.tenant), viewer: context.viewer,
                                         values: ["requests": sorted, "hasRequests": !sorted.isEmpty])
        }
        routes.get("/mes-demandes/:number", .signedIn) { request, context, principal in
            let found = try await mine(context, principal)
            let notices = ["depose": "Votre demande est envoyée ; un accusé de réception vous a été adressé par courriel.", "reponse": "Votre réponse est transmise au service."]
            return page(found, context: context, base: "/mes-demandes/\(found.record.number)", signedIn: true,
                        notice: request.uri.queryParameters.get("message").flatMap { notices[String($0)] })
        }
        routes.post("/mes-demandes/:number/reponse", .signedIn) { request, context, principal in
            let found = try await mine(context, principal)
            let post = try await FormPost.read(request, limit: 10 * 1024 * 1024 + 64 * 1024)
            try CSRF.verify(post.csrf, session: context.session, request: request, cookie: services.cookie)
            guard let account = UUID(uuidString: principal.id) else { throw WebError.notFound() }
            let base = "/mes-demandes/\(found.record.number)"
            var documents: [UUID] = []
            if let file = post.files["piece"] {
                let field = FormField(key: "piece", label: "Pièce jointe", kind: .file(mediaTypes: ["application/pdf", "image/jpeg", "image/png"], maxBytes: 10 * 1024 * 1024))
                do {
                    documents.append(try await Attachments(services: services, owner: found.store).store(file.bytes, fileName: file.name, for: field, uploader: "account:\(account)"))
                } catch let refusal as Attachments.Refusal {
                    return page(found, context: context, base: base, signedIn: true, error: refusal.message, status: .unprocessableContent)
                }
            }
            let message = post.answers["message"]?.first.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            guard let owner = services.tenant(found.owner.slug) else { throw WebError.notFound() }
            do {
                let updated = try await ProcessingService(services: services, owner: owner).act(
                    on: found.record.id, .citizenReplied(message: message, documents: documents), by: .citizen(account),
                    eventActor: RequestsServices.actor(principal))
                for document in documents {
                    try await found.store.transaction { connection in
                        try await DocumentStore.reference(document, holder: FilingService.holder(updated.id), on: connection)
                    }
                }
            } catch let error as WebError where (400..<500).contains(Int(error.status.code)) {
                return page(found, context: context, base: base, signedIn: true, error: error.detail ?? error.title, status: error.status)
            }
            throw WebError.redirect(to: "\(base)?message=reponse")
        }
        routes.get("/mes-demandes/:number/documents/:document", .signedIn) { request, context, principal in
            let found = try await mine(context, principal)
            return try await document(found, request: request, context: context)
        }
        routes.get("/demarches/suivi/:token", .public) { _, context in
            let found = try await tracked(context)
            return page(found, context: context, base: "/demarches/suivi/\(context.parameters.get("token") ?? "")", signedIn: false)
        }
        routes.get("/demarches/suivi/:token/documents/:document", .public) { request, context in
            try await document(try await tracked(context), request: request, context: context)
        }
    }

    func page(_ found: Found, context: TenantRequestContext, base: String, signedIn: Bool, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) -> Response {
        var values = RequestView.values(found.record, type: found.type, owner: found.owner, forAgents: false, documentBase: base + "/documents")
        values["csrf"] = context.session?.record.csrf ?? ""
        return services.pages.render("requests-followed", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "request": values, "signedIn": signedIn, "notice": notice ?? false, "error": error ?? false,
        ], status: status)
    }

    /// The mirror's lines of this account (requests another member processes).
    func links(of account: UUID, in store: MemberStore) async throws -> [(Date, [String: Any])] {
        try await store.read("""
            SELECT number, type_title, owner_name, filed_at, status_label FROM request_links WHERE requester = \(account) ORDER BY filed_at DESC LIMIT 200
            """).map { row in
            let filed = try row.decode(Date.self, at: 3)
            return (filed, ["number": try row.decode(String.self, at: 0), "procedure": try row.decode(String.self, at: 1),
                            "owner": try row.decode(String.self, at: 2), "filed": FrenchDate.long(filed), "status": try row.decode(String.self, at: 4),
                            "waiting": false] as [String: Any])
        }
    }

    /// The signed-in citizen's request with this number, wherever it is processed.
    func mine(_ context: TenantRequestContext, _ principal: Principal) async throws -> Found {
        let number = context.parameters.get("number") ?? ""
        guard let account = UUID(uuidString: principal.id), RequestNumber(number) != nil else { throw Self.notFound }
        let portal = context.tenant.slug.rawValue
        if let record = try await RequestStore(context.store).request(number: number) {
            guard record.filingMember == portal, record.requester == account else { throw Self.notFound }
            return try await found(record, owner: OwnerRef(slug: portal, name: context.tenant.name), store: context.store)
        }
        if let link = try await context.store.read("""
            SELECT owner_member, owner_name, request_id FROM request_links WHERE number = \(number) AND requester = \(account)
            """).first {
            let owner = OwnerRef(slug: try link.decode(String.self, at: 0), name: try link.decode(String.self, at: 1))
            let store = try services.store(owner.slug)
            guard let record = try await RequestStore(store).request(try link.decode(UUID.self, at: 2)),
                  record.filingMember == portal, record.requester == account else { throw Self.notFound }
            return try await found(record, owner: owner, store: store)
        }
        // Not mirrored yet (the link job has not run).
        return try await elsewhere(context) { try await $0.request(number: number).flatMap { $0.requester == account ? $0 : nil } }
    }

    /// The request an anonymous tracking link opens (filed on this portal).
    func tracked(_ context: TenantRequestContext) async throws -> Found {
        let token = context.parameters.get("token") ?? ""
        guard TrackingToken.isWellFormed(token) else { throw Self.notFound }
        let hash = try TrackingToken.hash(token)
        let portal = context.tenant.slug.rawValue
        if let record = try await RequestStore(context.store).request(trackingHash: hash), record.filingMember == portal {
            return try await found(record, owner: OwnerRef(slug: portal, name: context.tenant.name), store: context.store)
        }
        return try await elsewhere(context) { try await $0.request(trackingHash: hash) }
    }

    /// A request of this portal that another member processes: the intercommunalities offering
    /// procedures here are read, each in its own transaction, for a request filed on this portal.
    private func elsewhere(_ context: TenantRequestContext, _ lookup: (RequestStore) async throws -> RequestRecord?) async throws -> Found {
        for owner in services.intercommunalities(besides: context.tenant) {
            let store = services.tenants.member(owner.slug)
            if let record = try await lookup(RequestStore(store)), record.filingMember == context.tenant.slug.rawValue {
                return try await found(record, owner: OwnerRef(slug: owner.slug.rawValue, name: owner.name), store: store)
            }
        }
        throw Self.notFound
    }

    private func found(_ record: RequestRecord, owner: OwnerRef, store: MemberStore) async throws -> Found {
        guard let type = try await ProcedureStore(store).type(id: record.typeID, version: record.typeVersion) else { throw Self.notFound }
        return Found(record: record, type: type, owner: owner, store: store)
    }

    /// A document of the request (an answer or a reply), from the processing member's store.
    func document(_ found: Found, request: Request, context: TenantRequestContext) async throws -> Response {
        guard let id = UUID(uuidString: context.parameters.get("document") ?? ""),
              try await found.store.read("""
                SELECT 1 FROM document_references WHERE document_id = \(id) AND holder = \(FilingService.holder(found.record.id))
                """).first != nil,
              let document = try await DocumentStore(member: found.store, blobs: services.blobs).document(id) else { throw Self.notFound }
        return try await DocumentDownload.response(document, blobs: services.blobs, member: found.store.slug, request: request)
    }

    static let notFound = WebError.notFound("Cette demande n'existe pas ou n'est pas la vôtre.")
}
