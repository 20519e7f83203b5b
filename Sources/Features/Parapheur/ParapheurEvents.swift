import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// The parapheur's events: every transition of a folder is one (partners subscribe webhooks to
/// completion and rejection; desks are notified of what arrives).
enum ParapheurEvents {
    static let family = EventFamily("parapheur", label: "Parapheur : dossiers à traiter et suivis")
    static let submitted = EventType("parapheur.folder.submitted", family: family, label: "Un dossier est déposé (ou renvoyé) dans un circuit")
    static let acted = EventType("parapheur.folder.acted", family: family, label: "Une action est faite sur un dossier (visa, signature, transfert, avis…)")
    static let rejected = EventType("parapheur.folder.rejected", family: family, label: "Un dossier est rejeté")
    static let completed = EventType("parapheur.folder.completed", family: family, label: "Le circuit d'un dossier est terminé")
    static let reminded = EventType("parapheur.folder.reminder", family: family, label: "Un dossier est en retard à son étape")
    static let all = [submitted, acted, rejected, completed, reminded]

    /// The data of every parapheur event.
    struct Data: Codable, Sendable {
        var id: String
        var title: String
        var type: String
        var subtype: String
        var status: String
        var action: String?
        var comment: String?
        /// 1-based; nil once the circuit is over.
        var step: Int?
        var stepCount: Int
        /// Desks to tell, by reason (arrived, transferred, opinionRequested, opinionGiven, withdrawn, rejected, completed).
        var notify: [String: [String]]
        var link: String
    }
}
