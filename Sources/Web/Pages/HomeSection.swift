import Hummingbird
import Foundation

/// What a service shows on a member's home page: its latest items and a link to the rest.
/// Each enabled module may contribute one; the home page lists them in `order`.
public struct HomeSection: Sendable {
    public struct Item: Sendable {
        public var title: String
        public var text: String
        public var link: String
        public var date: Date?

        public init(title: String, text: String, link: String, date: Date? = nil) {
            self.title = title
            self.text = text
            self.link = link
            self.date = date
        }
    }

    /// A word for the section's HTML id (the module's name).
    public var anchor: String
    public var title: String
    public var items: [Item]
    /// Shown when there is nothing yet.
    public var empty: String
    public var more: (label: String, link: String)?
    public var order: Int

    public init(anchor: String, title: String, items: [Item], empty: String, more: (label: String, link: String)? = nil, order: Int = 100) {
        self.anchor = anchor
        self.title = title
        self.items = items
        self.empty = empty
        self.more = more
        self.order = order
    }

    var templateValues: [String: Any] {
        [
            "anchor": anchor, "title": title, "empty": empty, "hasItems": !items.isEmpty,
            "items": items.map { item -> [String: Any] in
                var values: [String: Any] = ["title": item.title, "text": item.text, "link": item.link]
                if let date = item.date { values["date"] = FrenchDate.long(date); values["isoDate"] = FrenchDate.iso(date) }
                return values
            },
            "more": more.map { ["label": $0.label, "link": $0.link] } ?? false,
        ]
    }
}

extension PageRenderer {
    /// The member's home page: the sections of its services.
    public func home(site: PageSite, viewer: PageViewer?, sections: [HomeSection]) -> Response {
        render("home", site: site, viewer: viewer, values: [
            "sections": sections.sorted { $0.order < $1.order }.map(\.templateValues), "none": sections.isEmpty,
        ])
    }
}
