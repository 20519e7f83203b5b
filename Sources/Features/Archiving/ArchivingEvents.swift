import Events

/// The archive's events: partners follow their transfers; other modules may react.
enum ArchivingEvents {
    static let family = EventFamily("archive", label: "Archivage électronique : transferts et éliminations")
    static let accepted = EventType("archive.transfer.accepted", family: family, label: "Un transfert (SIP) est accepté et conservé")
    static let refused = EventType("archive.transfer.refused", family: family, label: "Un transfert (SIP) est refusé")
    static let due = EventType("archive.units.due", family: family, label: "Des unités d'archives ont atteint la fin de leur durée d'utilité (à éliminer)")
    static let all = [accepted, refused, due]

    struct Data: Codable, Sendable {
        var id: String
        var messageIdentifier: String
        var sedaVersion: String
        var status: String
        var archivalAgreement: String?
        var originatingAgency: String?
        var objectCount: Int
        var reasons: [IngestRefusal]
    }
}
