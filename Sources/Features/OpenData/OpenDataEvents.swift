import Events

/// The open-data service's events: partners (and data.gouv.fr's notifications) subscribe webhooks
/// to new versions.
enum OpenDataEvents {
    static let family = EventFamily("opendata", label: "Données ouvertes : nouvelles versions publiées")
    static let published = EventType("opendata.resource.published", family: family,
                                     label: "Une nouvelle version d'une ressource de données ouvertes est publiée")
    static let all = [published]

    /// The data of `opendata.resource.published`.
    struct PublishedData: Codable, Sendable {
        var dataset: String
        var resource: String
        var version: Int
        var sha256: String
        var size: Int
        var rows: Int?
        var url: String
    }
}
