import Foundation
import Web

/// A news item (actualité) of a member.
public struct NewsItem: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var summary: String
    /// Omitted from list answers.
    public var body: String?
    public var publishedAt: Date

    /// `{"id", "title", "summary", ["body",] "published_at"}`.
    func write(into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id)
        json.field("title", title)
        json.field("summary", summary)
        if let body { json.field("body", body) }
        json.field("published_at", publishedAt)
        json.endObject()
    }
}

/// A news item to publish.
public struct NewsDraft: Sendable {
    public var title: String
    public var summary: String
    public var body: String
    public var publishedAt: Date

    public init(title: String, summary: String, body: String, publishedAt: Date) {
        self.title = title
        self.summary = summary
        self.body = body
        self.publishedAt = publishedAt
    }
}

/// One page of news and how many there are in all.
public struct NewsPage: Sendable {
    public var items: [NewsItem]
    public var total: Int
}
