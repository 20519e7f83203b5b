import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// The portal's home page (latest news) and the news API, for the member of the request.
struct NewsRoutes: Sendable {
    let pages: PageRenderer
    let events: EventLog

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/actualites", .public) { request, context in try await home(request, context: context) }
        routes.get("/actualites/:id", .public) { request, context in try await itemPage(request, context: context) }
        routes.get("/api/v1/news", .public, operation: NewsAPI.list) { request, context in try await list(request, context: context) }
        routes.get("/api/v1/news/:id", .public, operation: NewsAPI.item) { request, context in try await item(request, context: context) }
        routes.post("/api/v1/news", .permission(.newsPublish), operation: NewsAPI.publish) { request, context, principal in
            try await publish(request, context: context, principal: principal)
        }
    }

    static let earliestPublication = Date(timeIntervalSince1970: 946_684_800)

    struct NewsInput: Decodable {
        var title: String
        var summary: String?
        var body: String?
        var publishedAt: Date?
    }

    /// `POST /api/v1/news` (news.publish): an agent or a partner publishes a news item.
    func publish(_ request: Request, context: TenantRequestContext, principal: Principal) async throws -> Response {
        let input = try await RequestPayload.json(NewsInput.self, from: request)
        let title = input.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.count) else { throw WebError.invalidParameter("title", "Le titre doit comporter de 1 à 200 caractères.") }
        guard (input.summary ?? "").count <= 1000 else { throw WebError.invalidParameter("summary", "Le résumé ne doit pas dépasser 1 000 caractères.") }
        guard (input.body ?? "").count <= 20_000 else { throw WebError.invalidParameter("body", "Le texte ne doit pas dépasser 20 000 caractères.") }
        // Published now or earlier (this century): a future date would hide the item it creates.
        if let date = input.publishedAt, !(Self.earliestPublication...Date().addingTimeInterval(300)).contains(date) {
            throw WebError.invalidParameter("published_at", "La date de publication doit être passée (et postérieure à 2000), au format 2026-11-29T08:00:00Z.")
        }
        let news = NewsStore(context.store, events: events)
        let id = try await news.add(NewsDraft(
            title: title, summary: input.summary ?? "", body: input.body ?? "", publishedAt: input.publishedAt ?? Date()
        ), by: principal)
        guard let item = try await news.item(id: id) else { throw WebError.notFound() }
        var json = JSONWriter()
        item.write(into: &json)
        return json.response(status: .created, headers: [.location: "/api/v1/news/\(id)"])
    }

    @Sendable func home(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let pagination = try Pagination(query: request.uri)
        let page = try await NewsStore(context.store).page(offset: pagination.offset, limit: pagination.perPage)
        let last = pagination.pageCount(total: page.total)
        return pages.render("news-home", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "items": page.items.map(Self.templateValues),
            "empty": page.items.isEmpty,
            "previous": pagination.page > 1 ? pagination.page - 1 : false,
            "next": pagination.page < last ? pagination.page + 1 : false,
            "page": pagination.page,
            "pages": last,
        ])
    }

    @Sendable func itemPage(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let id = try Self.id(context)
        guard let item = try await NewsStore(context.store).item(id: id) else {
            throw WebError.notFound("Cette actualité n'existe pas ou n'est plus publiée.")
        }
        return pages.render("news-item", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: ["item": Self.templateValues(item)])
    }

    @Sendable func list(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let pagination = try Pagination(query: request.uri)
        let page = try await NewsStore(context.store).page(offset: pagination.offset, limit: pagination.perPage)
        var json = JSONWriter(capacity: 256 + 256 * page.items.count)
        json.beginObject()
        json.key("data")
        json.beginArray()
        for item in page.items { item.write(into: &json) }
        json.endArray()
        json.key("meta")
        json.beginObject()
        json.field("page", pagination.page)
        json.field("per_page", pagination.perPage)
        json.field("total", page.total)
        json.field("page_count", pagination.pageCount(total: page.total))
        json.endObject()
        json.endObject()
        return json.response(headers: [HTTPField.Name("Link")!: pagination.linkHeader(path: "/api/v1/news", total: page.total)])
    }

    @Sendable func item(_ request: Request, context: TenantRequestContext) async throws -> Response {
        let id = try Self.id(context)
        guard let item = try await NewsStore(context.store).item(id: id) else {
            throw WebError.notFound("Aucune actualité \(id) pour \(context.tenant.name).")
        }
        var json = JSONWriter()
        item.write(into: &json)
        return json.response()
    }

    /// A positive 64-bit identifier, else a 400 naming the parameter.
    static func id(_ context: TenantRequestContext) throws -> Int {
        guard let text = context.parameters.get("id"), text.count <= 19, let id = Int(text), id > 0 else {
            throw WebError.invalidParameter("id", "L'identifiant doit être un entier positif.")
        }
        return id
    }

    static func templateValues(_ item: NewsItem) -> [String: Any] {
        var values: [String: Any] = [
            "id": item.id, "title": item.title, "summary": item.summary,
            "date": FrenchDate.long(item.publishedAt), "isoDate": FrenchDate.iso(item.publishedAt),
        ]
        if let body = item.body {
            values["paragraphs"] = body.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }
        return values
    }
}
