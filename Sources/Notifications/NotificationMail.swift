import Mail
import Tenancy

/// The French mails of notifications, from the member's name.
enum NotificationMail {
    static func single(tenant: Tenant, to email: String, title: String, body: String, link: String?, inbox: String) -> MailMessage {
        MailMessage(tenant: tenant.slug, to: email, subject: "\(tenant.name) : \(title)", body: """
            Bonjour,

            \(body)
            \(link.map { "\n\($0)\n" } ?? "")
            Vos notifications : \(inbox)
            (Vous pouvez choisir comment être prévenu depuis cette page.)
            """)
    }

    static func digest(tenant: Tenant, to email: String, items: [(title: String, body: String, link: String?)], inbox: String) -> MailMessage {
        let list = items.map { item in "• \(item.title)\n  \(item.body)" + (item.link.map { "\n  \($0)" } ?? "") }.joined(separator: "\n\n")
        return MailMessage(tenant: tenant.slug, to: email, subject: "\(tenant.name) : \(items.count) notification(s) depuis hier", body: """
            Bonjour,

            Voici ce qui s'est passé depuis le dernier récapitulatif :

            \(list)

            Vos notifications : \(inbox)
            (Vous pouvez choisir comment être prévenu depuis cette page.)
            """)
    }
}
