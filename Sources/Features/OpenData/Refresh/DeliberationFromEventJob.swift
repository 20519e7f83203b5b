import Events
import Foundation
import Jobs
import Logging
import Postgres
import TenantStore

/// Completed parapheur folders of the types the member declared deliberations become rows of its
/// deliberations dataset (SCDL), then the dataset is refreshed. The parapheur is not imported:
/// the event's data is the contract. A redelivered event adds nothing (the row keeps its id).
struct DeliberationFromEventJob: JobHandler {
    typealias Payload = EventJobPayload

    static let kind = "opendata.deliberation-from-event"
    static let queue = "opendata"
    static let eventType = "parapheur.folder.completed"

    static var consumer: EventConsumer { EventConsumer(queue: queue, kind: kind, types: [eventType]) }

    /// What this service reads of a completed folder.
    struct Folder: Decodable {
        var id: String
        var title: String
        var type: String
        var subtype: String
    }

    func run(_ job: Job<Payload>) async throws {
        let member = try job.member()
        guard let event = try await EventLog.event(job.payload.event, in: member), event.type == Self.eventType,
              let folder = try? event.decodeData(Folder.self) else { return }
        guard let datasetID = try await member.read("""
            SELECT dataset_id FROM opendata_deliberation_types WHERE folder_type = \(folder.type)
            """).first?.decode(String.self, at: 0),
              let dataset = try await CatalogueStore(member: member).dataset(datasetID) else { return }
        let fields = Self.fields(folder, occurredAt: event.occurredAt, dataset: dataset)
        try await member.transaction { connection in
            guard try await RecordStore(member: member).add(fields, to: datasetID, origin: "event", reference: event.id.uuidString.lowercased(),
                                                            on: connection) else { return }
            try await OpenDataRefreshJob.enqueue(datasetID, by: "parapheur", tenant: member, on: connection)
        }
        job.logger.info("deliberation added from the parapheur", metadata: ["dataset": "\(datasetID)", "folder": "\(folder.id)"])
    }

    /// An SCDL deliberations row. The subtype names the ACTES subject (`7.1 Décisions
    /// budgétaires`); one without a code falls under `9.1 Autres domaines de compétences`.
    static func fields(_ folder: Folder, occurredAt: Date, dataset: Dataset) -> [String: String] {
        let (code, name) = ActesSubject.parse(folder.subtype)
        return [
            "COLL_NOM": dataset.producer, "COLL_SIRET": dataset.producerSIRET,
            "DELIB_ID": "PAR-" + folder.id.prefix(8).uppercased(), "DELIB_DATE": FrenchCalendar.day(occurredAt),
            "DELIB_MATIERE_CODE": code, "DELIB_MATIERE_NOM": name, "DELIB_OBJET": folder.title,
        ]
    }
}

/// The ACTES nomenclature's subjects (`matières`) as a subtype names them.
enum ActesSubject {
    static let topLevel = [
        "1": "Commande publique", "2": "Urbanisme", "3": "Domaine et patrimoine", "4": "Fonction publique",
        "5": "Institutions et vie politique", "6": "Libertés publiques et pouvoirs de police", "7": "Finances locales",
        "8": "Domaines de compétences par thèmes", "9": "Autres domaines de compétences",
    ]

    static func parse(_ subtype: String) -> (code: String, name: String) {
        let text = subtype.trimmingCharacters(in: .whitespaces)
        if let space = text.firstIndex(of: " "), text[..<space].wholeMatch(of: /\d\.\d{1,2}/) != nil {
            return (String(text[..<space]), text[space...].trimmingCharacters(in: .whitespaces))
        }
        return ("9.1", text.isEmpty ? topLevel["9"]! : text)
    }
}

/// Days as the SCDL files write them, in Paris.
enum FrenchCalendar {
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
