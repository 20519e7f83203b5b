import Events
import Foundation

/// The events of the requests service (partners subscribe webhooks to them).
enum RequestsEvents {
    static let family = EventFamily("requests", label: "Démarches en ligne")
    static let filed = EventType("requests.request.filed", family: family, label: "Une demande est déposée")
    static let statusChanged = EventType("requests.request.status_changed", family: family, label: "Le statut d'une demande change")
    static let messageAdded = EventType("requests.request.message_added", family: family, label: "Un message est ajouté à une demande")
    static var all: [EventType] { [filed, statusChanged, messageAdded] }

    /// The data of every request event (no answer: those stay in the request, read with rights).
    struct Data: Codable {
        var id: String
        var number: String
        var type: String
        var typeTitle: String
        var status: String
        var statusLabel: String
        /// The member whose portal it was filed on.
        var filingMember: String
        var channel: String
        /// The message sent to the citizen, or the citizen's message.
        var message: String?
        var from: String?
        var link: String
    }
}
