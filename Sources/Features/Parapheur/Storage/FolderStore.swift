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

/// A member's folders, their files and their circuit state.
struct FolderStore: Sendable {
    let member: MemberStore

    init(_ member: MemberStore) {
        self.member = member
    }

    static let columns: StaticString = """
        f.id, f.title, f.emitter_desk, f.metadata, f.due_date::text, f.circuit, f.created_by, f.created_at, f.updated_at, f.version,
        t.id, t.type, t.subtype, t.circuit, t.step_days
        """

    func folder(_ id: UUID) async throws -> Folder? {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM parapheur_folders f JOIN parapheur_types t ON t.id = f.type_id WHERE f.id = \(id)
            """).first.map(Self.decode)
    }

    enum Listing: Sendable {
        /// Waiting for one of these desks.
        case pending(Set<DeskID>)
        /// Emitted by, or acted on by, one of these desks, and no longer waiting for them.
        case handled(Set<DeskID>)
        case all
    }

    func folders(_ listing: Listing, limit: Int = 200) async throws -> [Folder] {
        let query: PostgresQuery
        switch listing {
        case .pending(let desks):
            let ids = PostgresTextArray(desks.map(\.uuidString))
            query = """
                SELECT \(literal: Self.columns) FROM parapheur_folders f JOIN parapheur_types t ON t.id = f.type_id
                WHERE f.status = 'inProgress' AND f.pending_desks && \(ids)::uuid[] ORDER BY f.waiting_since LIMIT \(limit)
                """
        case .handled(let desks):
            let ids = PostgresTextArray(desks.map(\.uuidString))
            query = """
                SELECT \(literal: Self.columns) FROM parapheur_folders f JOIN parapheur_types t ON t.id = f.type_id
                WHERE NOT (f.status = 'inProgress' AND f.pending_desks && \(ids)::uuid[])
                  AND (f.emitter_desk = ANY(\(ids)::uuid[]) OR EXISTS (
                      SELECT 1 FROM jsonb_array_elements(f.circuit -> 'history') e WHERE e ->> 'desk' = ANY(\(ids)::text[]) OR e ->> 'through' = ANY(\(ids)::text[])))
                ORDER BY f.updated_at DESC LIMIT \(limit)
                """
        case .all:
            query = """
                SELECT \(literal: Self.columns) FROM parapheur_folders f JOIN parapheur_types t ON t.id = f.type_id
                ORDER BY f.updated_at DESC LIMIT \(limit)
                """
        }
        return try await member.read(query).map(Self.decode)
    }

    /// The folder's files, main documents (current versions) first.
    func files(_ folder: UUID, includingSuperseded: Bool = false) async throws -> [FolderFile] {
        try await member.read("""
            SELECT p.id, p.role, p.position, p.document_id, p.version, p.signs, d.file_name, d.media_type, d.size, d.sha256
            FROM parapheur_documents p JOIN documents d ON d.id = p.document_id
            WHERE p.folder_id = \(folder) AND (p.current OR \(includingSuperseded))
            ORDER BY CASE p.role WHEN 'main' THEN 0 WHEN 'signature' THEN 1 ELSE 2 END, p.position, p.version
            """).map { row in
            FolderFile(id: try row.decode(UUID.self, at: 0), role: FolderFile.Role(rawValue: try row.decode(String.self, at: 1)) ?? .annex,
                       position: try row.decode(Int.self, at: 2), documentID: try row.decode(UUID.self, at: 3), version: try row.decode(Int.self, at: 4),
                       signs: try row.decode(UUID?.self, at: 5), fileName: try row.decode(String.self, at: 6), mediaType: try row.decode(String.self, at: 7),
                       size: try row.decode(Int.self, at: 8), sha256: try row.decode(String.self, at: 9))
        }
    }

    /// Writes a new folder (its documents already added with the holder `parapheur.folder:<id>`).
    static func insert(_ folder: Folder, files: [(role: FolderFile.Role, document: UUID)], on connection: PostgresConnection) async throws {
        try await connection.query("""
            INSERT INTO parapheur_folders (id, title, type_id, emitter_desk, metadata, due_date, circuit, status, pending_desks, waiting_since, created_by)
            VALUES (\(folder.id), \(folder.title), \(folder.type.id), \(folder.emitter), \(try PostgresJSON(encoding: folder.metadata)),
                    \(folder.dueDate)::date, \(try PostgresJSON(encoding: folder.circuit)), \(folder.circuit.status.rawValue),
                    \(PostgresTextArray(folder.circuit.pendingDesks.map(\.uuidString)))::uuid[], \(folder.circuit.waitingSince), \(folder.createdBy))
            """)
        var positions: [FolderFile.Role: Int] = [:]
        for file in files {
            let position = positions[file.role, default: 0]
            positions[file.role] = position + 1
            try await connection.query("""
                INSERT INTO parapheur_documents (folder_id, role, position, document_id) VALUES (\(folder.id), \(file.role.rawValue), \(position), \(file.document))
                """)
        }
    }

    /// Locks the folder's row and returns its version (nil: no such folder).
    static func lock(_ id: UUID, on connection: PostgresConnection) async throws -> Int? {
        try await connection.query("SELECT version FROM parapheur_folders WHERE id = \(id) FOR UPDATE").first?.decode(Int.self, at: 0)
    }

    /// Saves a new circuit state (the row locked by `lock`).
    static func save(_ id: UUID, circuit: Circuit, on connection: PostgresConnection) async throws {
        try await connection.query("""
            UPDATE parapheur_folders SET circuit = \(try PostgresJSON(encoding: circuit)), status = \(circuit.status.rawValue),
                pending_desks = \(PostgresTextArray(circuit.pendingDesks.map(\.uuidString)))::uuid[], waiting_since = \(circuit.waitingSince),
                reminded_at = NULL, updated_at = now(), version = version + 1
            WHERE id = \(id)
            """)
    }

    /// Replaces a main document by its signed version (PAdES), or adds a detached signature.
    static func addSigned(folder: UUID, main: FolderFile, signed document: UUID, detached: Bool, on connection: PostgresConnection) async throws {
        if detached {
            try await connection.query("""
                INSERT INTO parapheur_documents (folder_id, role, position, document_id, version, signs)
                VALUES (\(folder), 'signature', \(main.position), \(document), \(main.version), \(main.id))
                """)
        } else {
            try await connection.query("UPDATE parapheur_documents SET current = false WHERE id = \(main.id)")
            try await connection.query("""
                INSERT INTO parapheur_documents (folder_id, role, position, document_id, version)
                VALUES (\(folder), 'main', \(main.position), \(document), \(main.version + 1))
                """)
        }
    }

    static func decode(_ row: PostgresRow) throws -> Folder {
        Folder(
            id: try row.decode(UUID.self, at: 0), title: try row.decode(String.self, at: 1),
            type: try ParapheurStore.folderType(row, from: 10),
            emitter: try row.decode(UUID.self, at: 2), metadata: try row.decode(PostgresJSON.self, at: 3).decode([String: String].self),
            dueDate: try row.decode(String?.self, at: 4), circuit: try row.decode(PostgresJSON.self, at: 5).decode(Circuit.self),
            createdBy: try row.decode(String.self, at: 6), createdAt: try row.decode(Date.self, at: 7), updatedAt: try row.decode(Date.self, at: 8),
            version: try row.decode(Int.self, at: 9)
        )
    }
}
