import Blobs
import Events
import Foundation
import Identity
import Logging
import Postgres
import Tenancy
import TenantStore

extension IngestService {
    /// Stores an accepted SIP whose copies were both read back (`check`): in one transaction the
    /// blobs made visible in both locations, their documents, the transfer, its units and
    /// objects, the journal entry and the event.
    func store(_ id: UUID, _ checked: Checked, by author: ArchiveActor, sip: (sha256: String?, size: Int), announce: Bool, timings: IngestTimings) async throws -> Outcome {
        var timings = timings
        let manifest = checked.manifest
        let slug = member.slug
        let seconds = checked.seconds
        for object in manifest.objects {
            guard let first = checked.staged[object.id], let second = seconds[object.id] else { continue }
            guard second.sha512 == first.sha512 else { throw ArchiveError.copyMismatch(object: object.id, location: "second") }
        }
        let now = Date()
        let reply = TransferReply(transferID: id, version: manifest.version, manifest: manifest, refusals: [], member: slug.rawValue, at: now)
        let totalSize = checked.staged.values.reduce(0) { $0 + $1.size }
        let transfer = ArchiveTransfer(
            id: id, messageIdentifier: manifest.messageIdentifier, version: manifest.version, accepted: true,
            archivalAgreement: manifest.archivalAgreement, originatingAgency: manifest.originatingAgency, reasons: [],
            reply: reply.xmlText, objectCount: manifest.objects.count, totalSize: totalSize, submittedBy: author.label, receivedAt: now
        )
        let verifying = try await member.transaction { connection in
            try await record(transfer, reply: reply, sip: sip, author: author, on: connection)
            var units: [String: UUID] = [:]
            for (unit, parent) in manifest.flattenedUnits {
                let unitID = UUID()
                units[unit.id] = unitID
                try await insert(unit, id: unitID, parent: parent.flatMap { units[$0] }, transfer: id, manifest: manifest, on: connection)
            }
            var objects: [String: UUID] = [:]
            var committed: Set<BlobKey> = []
            for object in manifest.objects {
                guard let first = checked.staged[object.id], let second = seconds[object.id] else { continue }
                let objectID = UUID()
                objects[object.id] = objectID
                try await DocumentStore.lock(first.key, on: connection)
                if committed.insert(first.key).inserted {
                    try await copies.first.commit(first)
                    try await copies.second.commit(second)
                } else {
                    // Two objects of the same bytes: stored once (their staged copies, if distinct, dropped).
                    await copies.first.discard(first)
                    await copies.second.discard(second)
                }
                let documentID = try await insertDocument(first, object: object, author: author, on: connection)
                try await DocumentStore.reference(documentID, holder: "archive.object:" + objectID.uuidString.lowercased(), on: connection)
                try await connection.query("""
                    INSERT INTO archive_objects (id, transfer_id, seda_id, group_id, document_id, sha256, sha512, size, media_type, format_id,
                                                 file_name, copies_verified_at)
                    VALUES (\(objectID), \(id), \(object.id), \(object.groupID), \(documentID), \(first.key.sha256), \(first.sha512),
                            \(Int64(first.size)), \((first.mediaType ?? .binary).rawValue),
                            \(object.formatID ?? first.mediaType.flatMap(FormatCheck.formatID)), \(Self.fileName(object, staged: first)), now())
                    """)
            }
            for (unit, _) in manifest.flattenedUnits {
                guard let unitID = units[unit.id] else { continue }
                let linked = Set(unit.objectReferences.flatMap { manifest.objects(for: $0) }.compactMap { objects[$0.id] })
                for objectID in linked {
                    try await connection.query("INSERT INTO archive_unit_objects (unit_id, object_id) VALUES (\(unitID), \(objectID)) ON CONFLICT DO NOTHING")
                }
            }
            // Both copies were read back before (`check`): the renamed files must still be there whole.
            let started = ContinuousClock.now
            for object in manifest.objects {
                guard let first = checked.staged[object.id] else { continue }
                if try await copies.first.size(member: slug, key: first.key) != first.size {
                    throw ArchiveError.copyMismatch(object: object.id, location: "first")
                }
                if try await copies.second.size(member: slug, key: first.key) != first.size {
                    throw ArchiveError.copyMismatch(object: object.id, location: "second")
                }
            }
            let verifying = ContinuousClock.now - started
            try await journal(transfer, author: author, announce: announce, on: connection)
            return verifying
        }
        timings.lap("store", including: ("present", verifying))
        logger.info("archive transfer accepted", metadata: [
            "timings": "\(timings.summary)",
            "tenant": "\(slug)", "transfer": "\(id)", "objects": "\(manifest.objects.count)", "bytes": "\(totalSize)", "seda": "\(manifest.version.rawValue)",
        ])
        return Outcome(transfer: transfer, reply: reply)
    }

    /// Records a refusal: the transfer row with its reasons and reply, the journal entry, the event.
    func refuse(_ id: UUID, version: SEDAVersion, manifest: SEDAManifest?, reasons: [IngestRefusal], by author: ArchiveActor,
                sip: (sha256: String?, size: Int), announce: Bool) async throws -> Outcome {
        let now = Date()
        let reply = TransferReply(transferID: id, version: version, manifest: manifest, refusals: reasons, member: member.slug.rawValue, at: now)
        let transfer = ArchiveTransfer(
            id: id, messageIdentifier: manifest?.messageIdentifier ?? "", version: version, accepted: false,
            archivalAgreement: manifest?.archivalAgreement, originatingAgency: manifest?.originatingAgency, reasons: reasons,
            reply: reply.xmlText, objectCount: 0, totalSize: 0, submittedBy: author.label, receivedAt: now
        )
        try await member.transaction { connection in
            try await record(transfer, reply: reply, sip: sip, author: author, on: connection)
            try await journal(transfer, author: author, announce: announce, on: connection)
        }
        logger.notice("archive transfer refused", metadata: [
            "tenant": "\(member.slug)", "transfer": "\(id)", "reasons": "\(reasons.map(\.code.rawValue).joined(separator: ","))",
        ])
        return Outcome(transfer: transfer, reply: reply)
    }

    func record(_ transfer: ArchiveTransfer, reply: TransferReply, sip: (sha256: String?, size: Int), author: ArchiveActor, on connection: PostgresConnection) async throws {
        let reasons = String(decoding: try JSONEncoder().encode(transfer.reasons), as: UTF8.self)
        let replyJSON = String(decoding: try TransferStore.encoder.encode(reply), as: UTF8.self)
        try await connection.query("""
            INSERT INTO archive_transfers (id, message_identifier, seda_version, status, archival_agreement, originating_agency, submission_agency,
                                           reasons, reply_identifier, reply, reply_json, sip_sha256, sip_size, object_count, total_size,
                                           submitted_by_kind, submitted_by, submitted_by_label, received_at)
            VALUES (\(transfer.id), \(String(transfer.messageIdentifier.prefix(200))), \(transfer.version.rawValue),
                    \(transfer.accepted ? "accepted" : "refused"), \(transfer.archivalAgreement), \(transfer.originatingAgency), NULL,
                    \(PostgresJSON(text: reasons)), \("ATR-" + transfer.id.uuidString.lowercased()), \(transfer.reply), \(replyJSON), \(sip.sha256), \(Int64(sip.size)),
                    \(transfer.objectCount), \(Int64(transfer.totalSize)), \(author.kind), \(author.id), \(author.label), \(transfer.receivedAt))
            """)
    }

    func journal(_ transfer: ArchiveTransfer, author: ArchiveActor, announce: Bool, on connection: PostgresConnection) async throws {
        try await AuditJournal.append(AuditEntry(
            actorKind: author.kind, actorID: author.id, actorLabel: author.label,
            action: transfer.accepted ? "archive.transfer.accept" : "archive.transfer.refuse",
            objectType: "archive_transfer", objectID: transfer.id.uuidString.lowercased(), outcome: transfer.accepted ? .success : .failure,
            details: ["message": transfer.messageIdentifier, "seda": transfer.version.rawValue, "objects": "\(transfer.objectCount)",
                      "reasons": transfer.reasons.map(\.code.rawValue).joined(separator: ",")]
        ), scope: .tenant, on: connection)
        guard announce else { return }
        let data = ArchivingEvents.Data(
            id: transfer.id.uuidString.lowercased(), messageIdentifier: transfer.messageIdentifier, sedaVersion: transfer.version.rawValue,
            status: transfer.accepted ? "accepted" : "refused", archivalAgreement: transfer.archivalAgreement,
            originatingAgency: transfer.originatingAgency, objectCount: transfer.objectCount, reasons: transfer.reasons
        )
        _ = try await events.record(try NewEvent(
            type: (transfer.accepted ? ArchivingEvents.accepted : ArchivingEvents.refused).name,
            subject: "archive/transfers/" + transfer.id.uuidString.lowercased(), data: data,
            actor: EventActor(kind: author.kind, id: author.id, label: author.label)
        ), tenant: member.slug, on: connection)
    }

    func insert(_ unit: SEDAManifest.Unit, id: UUID, parent: UUID?, transfer: UUID, manifest: SEDAManifest, on connection: PostgresConnection) async throws {
        let agency = unit.originatingAgency ?? manifest.originatingAgency
        let text = ([unit.title, unit.description] + unit.keywords).joined(separator: " ")
        let finalAction = unit.appraisal?.finalAction.flatMap { ["Keep", "Destroy"].contains($0) ? $0 : nil }
        try await connection.query("""
            INSERT INTO archive_units (id, transfer_id, parent_id, seda_id, title, description, level, start_date, end_date, originating_agency,
                                       keywords, appraisal_rule, appraisal_start, final_action, access_rule, access_start, search)
            VALUES (\(id), \(transfer), \(parent), \(unit.id), \(unit.title), \(unit.description), \(unit.level),
                    \(SEDADate.parse(unit.startDate)), \(SEDADate.parse(unit.endDate)), \(agency), \(PostgresTextArray(unit.keywords)),
                    \(unit.appraisal?.rule), \(SEDADate.parse(unit.appraisal?.startDate)), \(finalAction),
                    \(unit.access?.rule), \(SEDADate.parse(unit.access?.startDate)),
                    to_tsvector('french'::regconfig, extensions.unaccent('extensions.unaccent'::regdictionary, \(text))))
            """)
    }

    func insertDocument(_ staged: StagedBlob, object: SEDAManifest.Object, author: ArchiveActor, on connection: PostgresConnection) async throws -> UUID {
        let id = UUID()
        try await connection.query("""
            INSERT INTO documents (id, sha256, sha512, size, media_type, file_name, added_by_kind, added_by, added_by_label)
            VALUES (\(id), \(staged.key.sha256), \(staged.sha512), \(Int64(staged.size)), \((staged.mediaType ?? .binary).rawValue),
                    \(Self.fileName(object, staged: staged)), \(author.kind), \(author.id), \(author.label))
            """)
        return id
    }

    static func fileName(_ object: SEDAManifest.Object, staged: StagedBlob) -> String {
        let raw = object.fileName ?? object.uri.map { String($0.split(separator: "/").last ?? "") }
        return DocumentName.sanitized(raw, fallbackExtension: (staged.mediaType ?? .binary).fileExtension)
    }
}
