import Foundation

/// A notification in an account's inbox.
public struct Notification: Sendable, Equatable {
    public var id: Int
    public var eventID: UUID
    public var family: String
    public var title: String
    public var body: String
    public var link: String?
    public var createdAt: Date
    public var readAt: Date?
}

/// How an account hears about a family of events.
public enum Delivery: String, Sendable, Codable, CaseIterable {
    /// A mail for each notification.
    case immediate
    /// One mail a day with the day's notifications (07:30, the member's time).
    case digest
    /// Only in the inbox on the portal.
    case inApp = "in_app"

    /// When nothing was chosen.
    public static let `default` = Delivery.digest

    public var label: String {
        switch self {
        case .immediate: "un courriel à chaque fois"
        case .digest: "un courriel récapitulatif par jour"
        case .inApp: "seulement sur le portail"
        }
    }
}
