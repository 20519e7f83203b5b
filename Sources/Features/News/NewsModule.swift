import Events
import Foundation
import Hummingbird
import Identity
import Modules
import Postgres
import Tenancy
import TenantStore
import Web

extension Permission {
    public static let newsPublish = Permission("news.publish")
    public static let newsRead = Permission("news.read")
}

/// A member's news (actualités): the portal's home page, the item pages and the news API.
public struct NewsModule: FeatureModule {
    public static let id: PlatformModule? = .news
    public static let name = "news"
    public static var templates: [String: String] { NewsTemplates.all }
    public static let permissions: [PermissionDeclaration] = [
        .init(.newsPublish, label: "publier des actualités", delegable: true, roles: [.agent, .tenantAdmin]),
        .init(.newsRead, label: "consulter les actualités", delegable: true, roles: [.agent, .signatory, .buyer, .archivist, .tenantAdmin]),
    ]

    public static let family = EventFamily("news", label: "Actualités publiées")
    public static let published = EventType("news.published", family: family, label: "Une actualité est publiée")
    public static var events: [EventType] { [published] }

    /// The data of `news.published`.
    struct PublishedData: Codable {
        var id: Int
        var title: String
        var summary: String
        var publishedAt: Date
        var link: String
    }

    let pages: PageRenderer
    let events: EventLog

    public init(context: ModuleContext) {
        pages = context.pages
        events = context.events
    }

    public func register(routes: SecuredRoutes<TenantRequestContext>) {
        NewsRoutes(pages: pages, events: events).register(on: routes)
    }

    /// The editorial team (those who may publish), but the author, hear of a new item.
    public func notices(for event: RecordedEvent, in context: EventContext) async throws -> [EventNotice] {
        guard event.type == Self.published.name, let data = try? event.decodeData(PublishedData.self) else { return [] }
        let author = event.actor.id.flatMap(UUID.init(uuidString:))
        return try await context.agents(withAnyRole: ["agent", "tenant_admin"]).filter { $0 != author }.map { account in
            EventNotice(account: account, title: "Nouvelle actualité : \(data.title)", body: data.summary.isEmpty ? data.title : data.summary, link: data.link)
        }
    }

    public func homeSection(tenant: Tenant, store: MemberStore) async throws -> HomeSection? {
        let latest = try await NewsStore(store).page(offset: 0, limit: 3)
        return HomeSection(
            anchor: Self.name, title: "Actualités",
            items: latest.items.map { .init(title: $0.title, text: $0.summary, link: "/actualites/\($0.id)", date: $0.publishedAt) },
            empty: "Aucune actualité pour le moment.",
            more: latest.total > latest.items.count ? ("Toutes les actualités (\(latest.total))", "/actualites") : nil, order: 10
        )
    }

    /// `demo: news:` — a list of `{title, summary, body, published: YYYY-MM-DD}`.
    struct DemoItem: Decodable {
        var title: String
        var summary: String
        var body: String
        var published: String
    }

    public func seedDemo(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let items = try demo.section(Self.name, as: [DemoItem].self), !items.isEmpty else { return [] }
        let drafts = try items.map { item in
            guard (1...200).contains(item.title.count), let date = Self.morning(of: item.published) else {
                throw NewsError.invalidDemo(title: item.title)
            }
            return NewsDraft(title: item.title, summary: item.summary, body: item.body, publishedAt: date)
        }
        let added = try await NewsStore(store).seedIfEmpty(drafts)
        return added > 0 ? ["\(added) news item(s)"] : []
    }

    /// `YYYY-MM-DD` at 08:00 UTC (09:00 or 10:00 in Paris).
    static func morning(of day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 8))
    }
}

enum NewsError: Error, CustomStringConvertible {
    case invalidDemo(title: String)

    var description: String {
        switch self {
        case .invalidDemo(let title): "demo news \(String(reflecting: title)) needs a title of 1-200 characters and a published date YYYY-MM-DD"
        }
    }
}
