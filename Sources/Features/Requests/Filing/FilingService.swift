import Blobs
import Events
import Foundation
import Jobs
import Mail
import Postgres
import Tenancy
import Web
import TenantStore

/// Files a request with the member that processes it: numbered, stored in that member's schema
/// with the portal it was filed on, announced (`requests.request.filed`), acknowledged by mail.
/// A request filed on another member's portal is mirrored there by `LinkSyncJob`: each side
/// writes only its own schema, in its own transaction.
struct FilingService: Sendable {
    let services: RequestsServices

    struct Filed: Sendable {
        var record: RequestRecord
        /// An anonymous filer's tracking token (sent by mail, shown once on the receipt).
        var trackingToken: String?
    }

    func file(_ offered: OfferedProcedure, on portal: Tenant, by requester: Requester, answers: [String: AnswerValue],
              documents: [UUID], channel: RequestRecord.Channel, actor: EventActor, at now: Date = Date()) async throws -> Filed {
        let owner = try services.store(offered.owner.slug)
        let type = offered.type
        let (lifecycle, _) = try RequestLifecycle.start(in: type.workflow, requester: requester.account, at: now)
        let tracking = requester.account == nil && channel == .portal ? try TrackingToken.make() : nil
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = ProcessingDelay.timeZone
        let year = calendar.component(.year, from: now)
        let location = type.locationField.flatMap { field -> PostalAddress? in
            if case .address(let address) = answers[field.key] { address } else { nil }
        }
        let filed = try await owner.transaction { connection in
            let number = try await RequestStore.nextNumber(type: type, year: year, on: connection)
            let record = RequestRecord(
                id: UUID(), number: number.description, typeID: type.id, typeSlug: type.slug, typeTitle: type.title, typeVersion: type.version,
                filingMember: portal.slug.rawValue, requester: requester.account, contactName: requester.name, contactEmail: requester.email,
                channel: channel, answers: answers, lifecycle: lifecycle, address: location, closed: type.workflow.status(lifecycle.status)?.isFinal ?? false,
                lateFrom: type.delay.lateFrom(filedAt: now), filedAt: now, updatedAt: now, revision: 1)
            try await RequestStore.insert(record, trackingHash: tracking?.hash, searchText: Self.searchText(record, form: type.form), on: connection)
            for document in documents {
                try await DocumentStore.reference(document, holder: Self.holder(record.id), on: connection)
            }
            let statusLabel = type.workflow.status(record.status)?.label ?? record.status
            if let events = services.events {
                try await events.record(try NewEvent(
                    type: RequestsEvents.filed.name, subject: "request:\(record.id.uuidString.lowercased())",
                    data: Self.eventData(record, statusLabel: statusLabel, message: nil), actor: actor), tenant: owner.slug, on: connection)
            }
            guard !services.isQuiet else { return record }
            if portal.slug.rawValue != offered.owner.slug {
                try await LinkSyncJob.enqueue(.init(record, owner: offered.owner, statusLabel: statusLabel, trackingHash: tracking?.hash, notice: nil),
                                              for: portal.slug, on: connection)
            }
            try await Mailer.enqueue(receipt(record, offered: offered, portal: portal, token: tracking?.token), on: connection)
            return record
        }
        return Filed(record: filed, trackingToken: tracking?.token)
    }

    static func holder(_ id: UUID) -> String { "requests.request:\(id.uuidString.lowercased())" }

    /// The words the back office's search finds: number, contact, address and answers.
    static func searchText(_ record: RequestRecord, form: FormDefinition) -> String {
        var words = [record.number, record.contactName, record.contactEmail, record.address?.text ?? ""]
        for field in form.inputFields {
            guard let answer = record.answers[field.key] else { continue }
            if case .document = answer { continue }
            words.append(answer.displayText(for: field))
        }
        return String(words.joined(separator: " ").prefix(20_000))
    }

    static func eventData(_ record: RequestRecord, statusLabel: String, message: String?, from: String? = nil) -> RequestsEvents.Data {
        RequestsEvents.Data(
            id: record.id.uuidString.lowercased(), number: record.number, type: record.typeSlug, typeTitle: record.typeTitle,
            status: record.status, statusLabel: statusLabel, filingMember: record.filingMember, channel: record.channel.rawValue,
            message: message, from: from, link: "/administration/demandes/\(record.number)")
    }

    /// The acknowledgement: the number, the procedure, who processes it, and where to follow it.
    func receipt(_ record: RequestRecord, offered: OfferedProcedure, portal: Tenant, token: String?) -> MailMessage {
        let base = services.portal(portal.slug.rawValue)
        let follow = token.map { "\(base)/demarches/suivi/\($0)" } ?? (record.requester != nil ? "\(base)/mes-demandes/\(record.number)" : nil)
        let processor = offered.owner.slug == portal.slug.rawValue ? "" : "\nElle est traitée par \(offered.owner.name).\n"
        return MailMessage(tenant: portal.slug, to: record.contactEmail, subject: "\(portal.name) : votre demande \(record.number) est reçue", body: """
            Bonjour,

            Votre demande « \(record.typeTitle) » a bien été reçue le \(FrenchDate.long(record.filedAt)).
            Son numéro : \(record.number).
            \(processor)
            \(follow.map { "Suivre votre demande : \($0)\n" } ?? "")
            Ce message est envoyé automatiquement ; vous pouvez répondre depuis le portail quand votre demande l'attend.
            """)
    }
}
