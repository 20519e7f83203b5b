import Foundation
import Hummingbird
import Identity
import Logging
import Tenancy
import TenantStore
import Web

/// The queue's page (filters in the query string, keyset paging) and its bulk transitions.
struct QueueList: Sendable {
    let services: RequestsServices

    func page(_ request: Request, _ context: TenantRequestContext, _ principal: Principal) async throws -> Response {
        let parameters = request.uri.queryParameters
        func text(_ name: String) -> String? {
            parameters.get(name).map { String($0).trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let types = try await ProcedureStore(context.store).types(publishedOnly: false)
        var query = QueueQuery()
        if let slug = text("type") {
            guard types.contains(where: { $0.slug == slug }) else { throw WebError.invalidParameter("type", "Cette démarche n'existe pas.") }
            query.typeSlug = slug
            query.typeID = types.first { $0.slug == slug }?.id
        }
        let selectedType = types.first { $0.slug == query.typeSlug }
        if let status = text("statut") {
            guard status.count <= 40, status.wholeMatch(of: #/[a-z][a-z0-9_-]*/#) != nil else { throw WebError.invalidParameter("statut", "Statut inconnu.") }
            query.status = status
        }
        let assignees = try await QueuePages.assignees(context.store)
        let me = "agent:\(principal.id.lowercased())"
        switch text("attribution") {
        case nil: break
        case "moi": query.assignment = .agent(UUID(uuidString: principal.id) ?? UUID())
        case "aucune": query.assignment = .unassigned
        case let value?:
            guard let assignee = QueuePages.assignee(value, in: assignees) else {
                throw WebError.invalidParameter("attribution", "Cet agent ou cette équipe n'existe pas.")
            }
            query.assignment = if case .agent(let id) = assignee { .agent(id) } else if case .team(let id) = assignee { .team(id) } else { .anyone }
        }
        for (name, keyPath, offset) in [("du", \QueueQuery.filedFrom, 0), ("au", \QueueQuery.filedBefore, 1)] {
            guard let value = text(name) else { continue }
            guard let day = CalendarDate(parsing: value) else { throw WebError.invalidParameter(name, "Date attendue au format AAAA-MM-JJ.") }
            query[keyPath: keyPath] = Self.midnight(day, plusDays: offset)
        }
        query.lateOnly = text("retard") == "1"
        query.openOnly = text("ouvertes") == "1"
        if let search = text("q") {
            guard search.count <= 200 else { throw WebError.invalidParameter("q", "La recherche ne doit pas dépasser 200 caractères.") }
            query.text = search
        }
        if let after = text("apres") {
            let parts = after.split(separator: "_")
            guard parts.count == 2, let millis = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
                throw WebError.invalidParameter("apres", "Curseur invalide.")
            }
            query.after = (Date(timeIntervalSince1970: Double(millis) / 1000), id)
        }
        let now = Date()
        let (rows, more) = try await RequestStore(context.store).queue(query, now: now)
        let bulk = (query.status.flatMap { status in selectedType?.workflow.bulkTransitions(from: status, permissions: Set(principal.permissions.map(\.rawValue))) } ?? [])
        var filters: [String: Any] = ["du": text("du") ?? "", "au": text("au") ?? "", "q": query.text ?? "", "retard": query.lateOnly, "ouvertes": query.openOnly]
        filters["attribution"] = text("attribution") ?? ""
        let selectedAssignee = text("attribution")
        var nextLink: String?
        if more, let last = rows.last {
            var components = URLComponents()
            components.queryItems = parameters.filter { $0.key != "apres" }.map { URLQueryItem(name: String($0.key), value: String($0.value)) }
                + [URLQueryItem(name: "apres", value: "\(Int64((last.filedAt.timeIntervalSince1970 * 1000).rounded(.down)))_\(last.id.uuidString.lowercased())")]
            nextLink = "/administration/demandes?" + (components.percentEncodedQuery ?? "")
        }
        let notice = parameters.get("lot").map { value -> String in
            let parts = value.split(separator: "-").compactMap { Int($0) }
            return parts.count == 2 ? "\(parts[0]) demande(s) traitée(s)" + (parts[1] > 0 ? ", \(parts[1]) refusée(s) (statut changé entre-temps ou action impossible)." : ".") : ""
        }
        return services.pages.render("requests-queue", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "", "canDesign": principal.can(.requestsDesign), "notice": notice ?? false,
            "types": types.map { ["slug": $0.slug, "title": $0.title, "selected": $0.slug == query.typeSlug] as [String: Any] },
            "statuses": (selectedType?.workflow.statuses ?? WorkflowDefinition.standard.statuses).map {
                ["id": $0.id, "label": $0.label, "selected": $0.id == query.status] as [String: Any]
            },
            "assignees": ([("moi", "Moi"), ("aucune", "Personne")] + assignees.filter { $0.value != me }).map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == selectedAssignee] as [String: Any]
            },
            "filters": filters,
            "rows": rows.map { row -> [String: Any] in
                [
                    "id": row.id.uuidString.lowercased(), "number": row.number, "procedure": row.typeTitle, "status": row.statusLabel,
                    "contact": row.contactName.isEmpty ? "—" : row.contactName, "filed": FrenchDate.long(row.filedAt),
                    "late": !row.closed && now >= row.lateFrom,
                    "portal": row.filingMember == context.tenant.slug.rawValue ? false : (services.tenant(row.filingMember)?.name ?? row.filingMember),
                    "assignee": QueuePages.label(agent: row.assigneeAgent, team: row.assigneeTeam, in: assignees),
                ]
            },
            "hasBulk": !bulk.isEmpty && principal.can(.requestsProcess), "bulk": bulk.map { ["id": $0.id, "label": $0.label] },
            "more": nextLink ?? false,
        ])
    }

    /// Applies one transition to each selected request (each in its own transaction; those that
    /// no longer allow it are counted, not changed).
    func bulk(_ request: Request, _ context: TenantRequestContext, _ principal: Principal) async throws -> Response {
        let post = try await FormPost.read(request, limit: 256 * 1024)
        try CSRF.verify(post.csrf, session: context.session, request: request, cookie: services.cookie)
        guard let transition = post.answers["transition"]?.first, transition.count <= 40 else { throw WebError.badRequest("Choisissez une action.") }
        let ids = (post.answers["demande"] ?? []).compactMap(UUID.init(uuidString:))
        guard !ids.isEmpty, ids.count <= 200 else { throw WebError.badRequest("Sélectionnez de 1 à 200 demandes.") }
        let processing = ProcessingService(services: services, owner: context.tenant)
        var (done, refused) = (0, 0)
        for id in Set(ids) {
            do {
                try await processing.act(on: id, .transition(id: transition, bulk: true), by: QueuePages.actor(principal),
                                         eventActor: RequestsServices.actor(principal))
                done += 1
            } catch let error as WebError where (400..<500).contains(Int(error.status.code)) {
                context.logger.notice("bulk transition refused", metadata: ["request": "\(id)", "reason": "\(error.detail ?? error.title)"])
                refused += 1
            }
        }
        throw WebError.redirect(to: "/administration/demandes?lot=\(done)-\(refused)")
    }

    static func midnight(_ day: CalendarDate, plusDays: Int) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ProcessingDelay.timeZone
        guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else { return nil }
        return calendar.date(byAdding: .day, value: plusDays, to: start)
    }
}
