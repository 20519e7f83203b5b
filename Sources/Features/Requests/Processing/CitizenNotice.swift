import Foundation
import Notifications
import Postgres
import Tenancy

/// What a citizen (or an agent) is told about a request: in their inbox on the portal, and a
/// mail at once, once per change (`key`).
enum CitizenNotice {
    static let family = "requests"

    static func notify(account: UUID, tenant: Tenant, portal: String, title: String, body: String, link: String, key: String,
                       on connection: PostgresConnection) async throws {
        try await AccountNotice.notify(account: account, tenant: tenant, portal: portal, family: family, title: title, body: body,
                                       link: link, key: key, on: connection)
    }
}
