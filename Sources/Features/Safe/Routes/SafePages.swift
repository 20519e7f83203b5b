import Blobs
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Logging
import Modules
import Postgres
import Tenancy
import TenantStore
import Web

/// « Mon coffre-fort » (`/compte/coffre-fort`): the citizen's documents, usage and deposit form,
/// a document's sheet, verification, deletion, the ZIP export and the journal.
struct SafePages {
    let services: SafeServices

    static let notices = ["depose": "Le document est chiffré et déposé dans votre coffre-fort.", "supprime": "Le document est supprimé.",
                          "intact": "Le document est intègre : son empreinte est celle du dépôt."]

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/compte/coffre-fort", .signedIn) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let documents = try await safe.list(limit: 500)
            let usage = try await safe.usage()
            return services.pages.render("safe-home", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
                "csrf": context.session?.record.csrf ?? "",
                "notice": request.query["message"].flatMap { Self.notices[$0] } ?? false,
                "used": ByteCount.french(usage.bytes), "quota": ByteCount.french(usage.quota), "count": usage.documents, "percent": usage.percent,
                "limit": ByteCount.french(min(services.uploadLimit, usage.remaining)), "noticeDays": SafeServices.noticeDays,
                "documents": documents.map { Self.values($0) }, "hasDocuments": !documents.isEmpty,
            ])
        }
        routes.post("/compte/coffre-fort", .signedIn) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let received = try await SafeUpload.form(request, safe: safe)
            try CSRF.verify(received.csrf, session: context.session, request: request, cookie: services.cookie)
            _ = try await safe.deposit(received.bytes, fileName: received.name)
            throw WebError.redirect(to: "/compte/coffre-fort?message=depose")
        }
        routes.get("/compte/coffre-fort/documents/:id", .signedIn) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let (document, bytes) = try await safe.read(try SafeAPIRoutes.id(context))
            return SafeAPIRoutes.download(document, bytes, request: request)
        }
        routes.get("/compte/coffre-fort/documents/:id/fiche", .signedIn) { request, context, principal in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let document = try await safe.metadata(try SafeAPIRoutes.id(context))
            var values = Self.values(document)
            values["csrf"] = context.session?.record.csrf ?? ""
            values["notice"] = request.query["message"].flatMap { Self.notices[$0] } ?? false
            values["alert"] = document.verification == "altered"
                ? "Ce document est altéré : son contenu stocké ne correspond plus à celui que vous avez déposé. Signalez-le à votre mairie." : false
            return services.pages.render("safe-document", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: values)
        }
        routes.form("/compte/coffre-fort/documents/:id/verification", .signedIn, ButtonForm.self) { _, context, principal, _ in
            let safe = try services.safe(principal, tenant: context.tenant, store: context.store)
            let id = try SafeAPIRoutes.id(context)
            do {
                _ = try await safe.verify(id)
            } catch let error as WebError where error.kind == "document-altered" {
                throw WebError.redirect(to: "/compte/coffre-fort/documents/\(id.uuidString.lowercased())/fiche")
            }
            throw WebError.redirect(to: "/compte/coffre-fort/documents/\(id.uuidString.lowercased())/fiche?message=intact")
        }
        routes.form("/compte/coffre-fort/documents/:id/suppression", .signedIn, ButtonForm.self) { _, context, principal, _ in
            try await services.safe(principal, tenant: context.tenant, store: context.store).delete(try SafeAPIRoutes.id(context))
            throw WebError.redirect(to: "/compte/coffre-fort?message=supprime")
        }
        routes.get("/compte/coffre-fort/export", .signedIn) { _, context, principal in
            SafeAPIRoutes.zip(try await services.safe(principal, tenant: context.tenant, store: context.store).export())
        }
        routes.get("/compte/coffre-fort/journal", .signedIn) { _, context, principal in
            let entries = try await services.safe(principal, tenant: context.tenant, store: context.store).journal(limit: 500)
            return services.pages.render("safe-journal", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
                "entries": entries.map { entry in
                    [
                        "date": "\(FrenchDate.long(entry.occurredAt)) à \(FrenchDate.time(entry.occurredAt))", "by": entry.actorLabel ?? entry.actorKind,
                        "action": SafeJournalEntry.labels[entry.action] ?? entry.action, "document": entry.documentID?.uuidString.lowercased() ?? false,
                        "sha256": entry.sha256 ?? false, "outcome": entry.outcome == "success" ? "réussie" : "échec",
                        "detail": entry.detail.isEmpty ? false : entry.detail,
                    ] as [String: Any]
                },
            ])
        }
    }

    static func values(_ document: SafeDocument) -> [String: Any] {
        let check = switch document.verification {
        case "intact": "intègre (vérifié le \(document.verifiedAt.map(FrenchDate.long) ?? "—"))"
        case "altered": "ALTÉRÉ"
        default: "pas encore vérifié"
        }
        return [
            "id": document.id.uuidString.lowercased(), "name": document.fileName,
            "type": MediaType(rawValue: document.mediaType)?.label ?? document.mediaType, "mediaType": document.mediaType,
            "size": ByteCount.french(document.size), "bytes": document.size, "date": FrenchDate.long(document.depositedAt),
            "by": document.depositedByLabel ?? document.depositedByKind, "sha256": document.sha256, "algorithm": SafeDocument.hashAlgorithm,
            "check": check,
        ]
    }
}
