import Foundation

/// A news item (actualité) of a member.
public struct NewsItem: Sendable, Equatable, Encodable {
    public var id: Int
    public var title: String
    public var summary: String
    /// Omitted from list answers.
    public var body: String?
    public var publishedAt: Date
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
