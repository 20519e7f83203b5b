import Foundation
import TenantStore

extension ArchivistPages {
    /// At most this many units answer a search.
    static let searchLimit = 100

    /// The units matching the query that the reader may find, with their rules. A reader who may
    /// not see a unit's description (not communicable, not an archivist) does not find it by its
    /// text; they still find it by agency, level and dates, which they see. An archivist's search
    /// that shows non-communicable units is journaled, as a privileged DIP is.
    func search(_ query: TransferStore.UnitQuery, store: TransferStore, reader: ArchiveReader,
                member: MemberStore) async throws -> [(TransferStore.FoundUnit, ArchiveAccess.Rules)] {
        let access = ArchiveAccess(member: member)
        let batch = 200
        var found: [(TransferStore.FoundUnit, ArchiveAccess.Rules)] = []
        var offset = 0
        // Units hidden from the reader are skipped: read on until the page is full (bounded).
        while found.count < Self.searchLimit && offset < 20 * batch {
            let units = try await store.search(query, limit: batch, offset: offset)
            let rules = try await access.rules(of: units.map(\.id))
            for unit in units where found.count < Self.searchLimit {
                let applied = rules[unit.id] ?? .none
                if query.text != nil && !reader.sees(applied) { continue }
                found.append((unit, applied))
            }
            if units.count < batch { break }
            offset += batch
        }
        let privileged = found.filter { !reader.communicable($0.1) }.map { $0.0.id.uuidString.lowercased() }
        if reader.privileged && !privileged.isEmpty {
            try await ArchiveJournalEntry.record("archive.search", objectType: "archive_search", objectID: UUID().uuidString.lowercased(),
                                                 by: reader.principal, details: ["units": privileged.joined(separator: ","), "privileged": "true"],
                                                 member: member)
        }
        return found
    }
}
