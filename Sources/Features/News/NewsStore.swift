import Events
import Foundation
import Identity
import Postgres
import Tenancy
import TenantStore

/// The SQL of the news module, on one member's tables. Reads take the pipelined one-shot road.
public struct NewsStore: Sendable {
    let store: MemberStore
    /// Where `news.published` is recorded (nil: not recorded, for demo content).
    let events: EventLog?

    public init(_ store: MemberStore, events: EventLog? = nil) {
        self.store = store
        self.events = events
    }

    /// Published items, newest first, and the total published.
    public func page(offset: Int, limit: Int) async throws -> NewsPage {
        let rows = try await store.read("""
            SELECT t.total, n.id, n.title, n.summary, n.published_at
            FROM (SELECT count(*) AS total FROM news WHERE published_at <= now()) t
            LEFT JOIN LATERAL (
                SELECT id, title, summary, published_at FROM news WHERE published_at <= now()
                ORDER BY published_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)
            ) n ON true
            """)
        var total = 0
        var items: [NewsItem] = []
        for row in rows {
            let (count, id, title, summary, published) = try row.decode((Int, Int?, String?, String?, Date?).self)
            total = count
            if let id, let title, let summary, let published {
                items.append(NewsItem(id: id, title: title, summary: summary, body: nil, publishedAt: published))
            }
        }
        return NewsPage(items: items, total: total)
    }

    /// One published item, or nil.
    public func item(id: Int) async throws -> NewsItem? {
        let rows = try await store.read("""
            SELECT id, title, summary, body, published_at FROM news WHERE id = \(id) AND published_at <= now()
            """)
        guard let row = try rows.single() else { return nil }
        return NewsItem(
            id: try row.decode(Int.self, at: 0), title: try row.decode(String.self, at: 1),
            summary: try row.decode(String.self, at: 2), body: try row.decode(String.self, at: 3),
            publishedAt: try row.decode(Date.self, at: 4)
        )
    }

    /// Publishes a news item; journaled (with its author) in the same transaction.
    @discardableResult
    public func add(_ draft: NewsDraft, by author: Principal? = nil) async throws -> Int {
        try await store.transaction { connection in
            let id = try await connection.query("""
                INSERT INTO news (title, summary, body, published_at)
                VALUES (\(draft.title), \(draft.summary), \(draft.body), \(draft.publishedAt)) RETURNING id
                """).single()?.decode(Int.self, at: 0) ?? 0
            if let author {
                try await AuditJournal.append(AuditEntry(
                    actorKind: author.kind.rawValue, actorID: author.id, actorLabel: author.label, action: "news.publish",
                    objectType: "news", objectID: String(id), details: ["title": draft.title]
                ), scope: .tenant, on: connection)
            }
            try await events?.record(try NewEvent(
                type: NewsModule.published.name, subject: "news:\(id)",
                data: NewsModule.PublishedData(id: id, title: draft.title, summary: draft.summary, publishedAt: draft.publishedAt, link: "/actualites/\(id)"),
                actor: author.map { EventActor(kind: $0.kind.rawValue, id: $0.id, label: $0.label) } ?? .system
            ), tenant: store.slug, on: connection)
            return id
        }
    }

    /// Adds the demo items if the member has no news yet; returns how many were added.
    public func seedIfEmpty(_ drafts: [NewsDraft]) async throws -> Int {
        try await store.transaction { connection in
            // Serialise concurrent seeders of the same member.
            try await connection.query("LOCK TABLE news IN SHARE ROW EXCLUSIVE MODE")
            let existing = try await connection.query("SELECT count(*) FROM news").single()?.decode(Int.self, at: 0) ?? 0
            guard existing == 0 else { return 0 }
            for draft in drafts {
                try await connection.query("""
                    INSERT INTO news (title, summary, body, published_at)
                    VALUES (\(draft.title), \(draft.summary), \(draft.body), \(draft.publishedAt))
                    """)
            }
            return drafts.count
        }
    }
}
