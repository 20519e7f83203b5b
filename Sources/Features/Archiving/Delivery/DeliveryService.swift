import Blobs
import Foundation
import Identity
import NIOFileSystem
import Postgres
import Tenancy
import TenantStore
import XML
import ZIPFoundation

/// DIPs: the units asked for, if each is communicable (its access rule's delay over, the rule
/// its own or inherited from an ancestor) or the caller is an archivist, as a ZIP holding their objects and a SEDA 2.2
/// `ArchiveDeliveryRequestReply` describing them. Every delivery is journaled.
public struct DeliveryService: Sendable {
    public let member: MemberStore
    public let copies: ArchiveCopies
    public let workDirectory: URL

    public init(member: MemberStore, copies: ArchiveCopies, workDirectory: URL) {
        self.member = member
        self.copies = copies
        self.workDirectory = workDirectory
    }

    public enum Refusal: Error, Sendable, Equatable {
        case empty
        case unknown(UUID)
        case eliminated(String)
        case closed(String, until: Date?)

        public var message: String {
            switch self {
            case .empty: "Indiquez au moins une unité d'archives (units)."
            case .unknown(let id): "Aucune unité d'archives \(id.uuidString.lowercased())."
            case .eliminated(let title): "« \(title) » a été éliminée : il n'en reste que la trace."
            case .closed(let title, let until):
                "« \(title) » n'est pas encore communicable" + (until.map { " (délai de communicabilité jusqu'au \(FrenchDay.text($0)))" } ?? " (délai sans fin fixée)") + "."
            }
        }
    }

    struct Unit {
        var id: UUID
        var title: String
        var description: String
        var level: String?
        var start: String?
        var end: String?
        var keywords: [String]
        var eliminated: Bool
        var communicable: Bool
        var until: Date?
        var objects: [Object]
    }

    struct Object {
        var id: UUID
        var name: String
        var sha256: String
        var sha512: String
        var size: Int
        var mediaType: String
    }

    func units(_ ids: [UUID], on day: Date) async throws -> [UUID: Unit] {
        let list = PostgresTextArray(ids.map { $0.uuidString.lowercased() })
        var units: [UUID: Unit] = [:]
        let rules = try await ArchiveAccess(member: member).rules(of: ids)
        for row in try await member.read("""
            SELECT u.id, u.title, u.description, u.level, u.start_date::text, u.end_date::text, u.keywords, u.eliminated_at IS NOT NULL
            FROM archive_units u WHERE u.id = ANY(\(list)::uuid[])
            """) {
            let id = try row.decode(UUID.self, at: 0)
            let applied = rules[id] ?? .none
            units[id] = Unit(
                id: id, title: try row.decode(String.self, at: 1), description: try row.decode(String.self, at: 2), level: try row.decode(String?.self, at: 3),
                start: try row.decode(String?.self, at: 4), end: try row.decode(String?.self, at: 5), keywords: try row.decode(PostgresTextArray.self, at: 6).nonNull(),
                eliminated: try row.decode(Bool.self, at: 7), communicable: applied.communicable(on: day), until: applied.communicableFrom, objects: [])
        }
        for row in try await member.read("""
            SELECT l.unit_id, o.id, o.file_name, o.sha256, o.sha512, o.size, o.media_type FROM archive_unit_objects l
            JOIN archive_objects o ON o.id = l.object_id WHERE l.unit_id = ANY(\(list)::uuid[]) AND o.eliminated_at IS NULL ORDER BY o.file_name
            """) {
            let unit = try row.decode(UUID.self, at: 0)
            units[unit]?.objects.append(Object(id: try row.decode(UUID.self, at: 1), name: try row.decode(String.self, at: 2), sha256: try row.decode(String.self, at: 3),
                                               sha512: try row.decode(String.self, at: 4), size: try row.decode(Int.self, at: 5), mediaType: try row.decode(String.self, at: 6)))
        }
        return units
    }

    /// Writes the DIP of `ids` to a new file of the work folder (the caller sends and removes it).
    /// `privileged`: an archivist, whom access rules do not bind (the delivery says so in the journal).
    public func deliver(_ ids: [UUID], requester: String, privileged: Bool, on day: Date = Date()) async throws -> URL {
        guard !ids.isEmpty else { throw Refusal.empty }
        let found = try await units(ids, on: day)
        var chosen: [Unit] = []
        for id in ids where !chosen.contains(where: { $0.id == id }) {
            guard let unit = found[id] else { throw Refusal.unknown(id) }
            if unit.eliminated { throw Refusal.eliminated(unit.title) }
            if !unit.communicable && !privileged { throw Refusal.closed(unit.title, until: unit.until) }
            chosen.append(unit)
        }
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let deliveryID = UUID()
        let zip = workDirectory.appendingPathComponent("dip-\(deliveryID.uuidString.lowercased()).zip")
        let staging = workDirectory.appendingPathComponent("dip-\(deliveryID.uuidString.lowercased())")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: staging) }
        do {
            let archive = try ZIPFoundation.Archive(url: zip, accessMode: .create)
            var paths: [UUID: String] = [:]
            for object in chosen.flatMap(\.objects) where paths[object.id] == nil {
                guard let key = BlobKey(object.sha256) else { continue }
                let file = staging.appendingPathComponent(object.id.uuidString.lowercased())
                try await copy(key, to: file)
                let path = "content/\(object.id.uuidString.lowercased().prefix(8))-" + SIPBuilder.safeName(object.name)
                try archive.addEntry(with: path, fileURL: file, compressionMethod: .none)
                paths[object.id] = path
                try? FileManager.default.removeItem(at: file)
            }
            let manifest = DeliveryReply.xml(id: deliveryID, units: chosen, paths: paths, archivalAgency: member.slug.rawValue, requester: requester, at: Date())
            let data = Data(manifest.serialized().utf8)
            try archive.addEntry(with: "manifest.xml", type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
            }
        } catch {
            try? FileManager.default.removeItem(at: zip)
            throw error
        }
        try await member.transaction { connection in
            try await AuditJournal.append(AuditEntry(
                actorKind: "agent", actorLabel: requester, action: "archive.delivery", objectType: "archive_delivery", objectID: deliveryID.uuidString.lowercased(),
                details: ["units": chosen.map { $0.id.uuidString.lowercased() }.joined(separator: ","), "privileged": "\(privileged && chosen.contains { !$0.communicable })"]
            ), scope: .tenant, on: connection)
        }
        return zip
    }

    /// The object's bytes from the first location, or the second if the first is missing.
    func copy(_ key: BlobKey, to file: URL) async throws {
        let store = try await copies.first.size(member: member.slug, key: key) != nil ? copies.first : copies.second
        let content = try await store.read(member: member.slug, key: key, range: nil)
        try await FileSystem.shared.withFileHandle(forWritingAt: FilePath(file.path), options: .newFile(replaceExisting: true)) { handle in
            var writer = handle.bufferedWriter(capacity: .mebibytes(1))
            for try await chunk in content.chunks { try await writer.write(contentsOf: chunk) }
            try await writer.flush()
        }
    }
}

/// "15 juin 2045", or "15/06/2045".
enum FrenchDay {
    static func numeric(_ date: Date) -> String {
        let parts = Retention.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%02d/%02d/%04d", parts.day ?? 1, parts.month ?? 1, parts.year ?? 1970)
    }

    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }
}
