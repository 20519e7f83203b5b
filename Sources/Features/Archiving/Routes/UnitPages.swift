import Blobs
import Foundation
import Hummingbird
import Identity
import Tenancy
import TenantStore
import Web

/// `/archives/unites/<id>`: one archive unit (description, place in the tree, rules, hold,
/// objects, life in the journal) and `/archives/unites/<id>/objets/<object>`: an object's bytes.
/// Both obey the unit's communicability (`ArchiveReader`): a reader sees that a closed unit
/// exists and when it opens, nothing of its content; an archivist's reads of it are journaled.
struct UnitPages: Sendable {
    let services: ArchiveServices
    let pages: PageRenderer

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/archives/unites/:id", .permission(.archiveRead)) { _, context, principal in
            try await unit(context, principal)
        }
        routes.get("/archives/unites/:id/objets/:object", .permission(.archiveRead)) { request, context, principal in
            try await download(request, context, principal)
        }
    }

    static func id(_ context: TenantRequestContext, _ name: String, _ what: String) throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else {
            throw WebError.invalidParameter(name, "L'identifiant \(what) doit être un UUID.")
        }
        return id
    }

    func unit(_ context: TenantRequestContext, _ principal: Principal) async throws -> Response {
        let id = try Self.id(context, "id", "de l'unité")
        let store = UnitStore(member: context.store)
        guard let unit = try await store.unit(id) else { throw WebError.notFound("Aucune unité d'archives de ce numéro.") }
        let ancestors = try await store.ancestors(of: id), children = try await store.children(of: id)
        let rules = try await ArchiveAccess(member: context.store).rules(of: [id] + ancestors.map(\.id) + children.map(\.id))
        let reader = ArchiveReader(principal)
        let own = rules[id] ?? .none
        let open = reader.communicable(own)
        if !open && reader.privileged {
            try await ArchiveJournalEntry.record("archive.unit.read", objectType: "archive_unit", objectID: id.uuidString.lowercased(), by: principal,
                                                 details: ["privileged": "true"], member: context.store)
        }
        let view = UnitView(unit: unit, ancestors: ancestors, children: children, rules: rules, reader: reader,
                            objects: reader.sees(own) ? try await store.objects(of: id) : [],
                            lifecycle: try await store.lifecycle(of: id))
        return pages.render("archive-unit", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: view.values)
    }

    func download(_ request: Request, _ context: TenantRequestContext, _ principal: Principal) async throws -> Response {
        let unitID = try Self.id(context, "id", "de l'unité"), objectID = try Self.id(context, "object", "de l'objet")
        let store = UnitStore(member: context.store)
        guard let unit = try await store.unit(unitID) else { throw WebError.notFound("Aucune unité d'archives de ce numéro.") }
        guard let object = try await store.object(objectID, of: unitID) else { throw WebError.notFound("Cette unité n'a pas d'objet de ce numéro.") }
        let rules = try await ArchiveAccess(member: context.store).rules(of: [unitID])[unitID]
        let reader = ArchiveReader(principal)
        guard reader.sees(rules) else {
            throw WebError(.forbidden, kind: "forbidden", title: "Pas encore communicable",
                           detail: "Cet objet appartient à une unité d'archives " + ArchiveReader.closed(rules) + " : il ne peut pas vous être communiqué.")
        }
        guard unit.eliminatedAt == nil, object.eliminatedAt == nil, let documentID = object.documentID else {
            throw WebError(.gone, kind: "gone", title: "Objet éliminé", detail: "Cet objet a été éliminé : il n'en reste que la trace (nom, empreintes).")
        }
        guard let replica = services.replica, let document = try await DocumentStore(member: context.store, blobs: services.blobs).document(documentID) else {
            throw WebError.unavailable("Le contenu de cet objet est momentanément indisponible.")
        }
        // The first location, or the second if the first lost it (the integrity worker repairs it).
        var source = services.blobs
        if let key = BlobKey(document.sha256), try await services.blobs.size(member: context.store.slug, key: key) == nil { source = replica }
        let response = try await DocumentDownload.response(document, blobs: source, member: context.store.slug, request: request)
        try await ArchiveJournalEntry.record("archive.object.download", objectType: "archive_object", objectID: objectID.uuidString.lowercased(), by: principal,
                                             details: ["unit": unitID.uuidString.lowercased(), "privileged": "\(!reader.communicable(rules))"],
                                             member: context.store)
        return response
    }
}
