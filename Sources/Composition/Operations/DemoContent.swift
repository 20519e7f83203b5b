import Foundation
import News
import Tenancy
import TenantStore

/// Seeds the demo news shipped in `Tenants/` into members that have none.
enum DemoContent {
    static func seed(_ manifests: [TenantManifest], store: TenantStore) async throws -> Int {
        let news = NewsStore(store: store)
        var added = 0
        for manifest in manifests where !manifest.demoNews.isEmpty {
            let drafts = manifest.demoNews.map { item in
                NewsDraft(title: item.title, summary: item.summary, body: item.body, publishedAt: publicationDate(item.published))
            }
            added += try await news.seedIfEmpty(manifest.tenant.slug, drafts)
        }
        return added
    }

    /// `YYYY-MM-DD` at 08:00 UTC (09:00 or 10:00 in Paris).
    static func publicationDate(_ day: String) -> Date {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        components.hour = 8
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar.date(from: components) ?? Date()
    }
}
