import Foundation
import Postgres
import TenantStore

/// The member's referentials: agreements, agencies, management rules (kept by archivists on
/// pages and by `mutualis archive …`).
public struct ArchiveReferentials: Sendable {
    public let member: MemberStore

    public init(member: MemberStore) {
        self.member = member
    }

    public func agreements() async throws -> [ArchivalAgreement] {
        try await member.read("SELECT identifier, name, originating_agencies, active FROM archive_agreements ORDER BY identifier").map {
            ArchivalAgreement(identifier: try $0.decode(String.self, at: 0), name: try $0.decode(String.self, at: 1),
                              originatingAgencies: try $0.decode(PostgresTextArray.self, at: 2).nonNull(), active: try $0.decode(Bool.self, at: 3))
        }
    }

    public func agreement(_ identifier: String) async throws -> ArchivalAgreement? {
        try await agreements().first { $0.identifier == identifier }
    }

    /// Adds or replaces an agreement.
    public func save(_ agreement: ArchivalAgreement) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO archive_agreements (identifier, name, originating_agencies, active)
                VALUES (\(agreement.identifier), \(agreement.name), \(PostgresTextArray(agreement.originatingAgencies)), \(agreement.active))
                ON CONFLICT (identifier) DO UPDATE SET name = EXCLUDED.name, originating_agencies = EXCLUDED.originating_agencies, active = EXCLUDED.active
                """)
        }
    }

    public func agencies() async throws -> [ArchiveAgency] {
        try await member.read("SELECT identifier, name FROM archive_agencies ORDER BY identifier").map {
            ArchiveAgency(identifier: try $0.decode(String.self, at: 0), name: try $0.decode(String.self, at: 1))
        }
    }

    public func save(_ agency: ArchiveAgency) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO archive_agencies (identifier, name) VALUES (\(agency.identifier), \(agency.name))
                ON CONFLICT (identifier) DO UPDATE SET name = EXCLUDED.name
                """)
        }
    }

    public func rules() async throws -> [ArchiveRule] {
        try await member.read("SELECT identifier, kind, name, duration, measurement, final_action FROM archive_rules ORDER BY kind, identifier").map {
            ArchiveRule(identifier: try $0.decode(String.self, at: 0), kind: try $0.decode(String.self, at: 1), name: try $0.decode(String.self, at: 2),
                        duration: try $0.decode(Int?.self, at: 3), measurement: try $0.decode(String.self, at: 4), finalAction: try $0.decode(String?.self, at: 5))
        }
    }

    public func save(_ rule: ArchiveRule) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO archive_rules (identifier, kind, name, duration, measurement, final_action)
                VALUES (\(rule.identifier), \(rule.kind), \(rule.name), \(rule.duration), \(rule.measurement), \(rule.finalAction))
                ON CONFLICT (identifier) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, duration = EXCLUDED.duration,
                    measurement = EXCLUDED.measurement, final_action = EXCLUDED.final_action
                """)
        }
    }

    public func profiles() async throws -> [ArchiveProfile] {
        try await member.read("""
            SELECT document_type, archival_agreement, originating_agency, appraisal_rule, final_action FROM archive_profiles ORDER BY document_type
            """).map {
            ArchiveProfile(documentType: try $0.decode(String.self, at: 0), archivalAgreement: try $0.decode(String.self, at: 1),
                           originatingAgency: try $0.decode(String.self, at: 2), appraisalRule: try $0.decode(String?.self, at: 3),
                           finalAction: try $0.decode(String.self, at: 4))
        }
    }

    public func profile(_ documentType: String) async throws -> ArchiveProfile? {
        try await profiles().first { $0.documentType == documentType }
    }

    /// Adds or replaces a profile (its agreement checked by `ReferentialInput.profile`).
    public func save(_ profile: ArchiveProfile) async throws {
        try await member.transaction { connection in
            try await connection.query("""
                INSERT INTO archive_profiles (document_type, archival_agreement, originating_agency, appraisal_rule, final_action)
                VALUES (\(profile.documentType), \(profile.archivalAgreement), \(profile.originatingAgency), \(profile.appraisalRule), \(profile.finalAction))
                ON CONFLICT (document_type) DO UPDATE SET archival_agreement = EXCLUDED.archival_agreement,
                    originating_agency = EXCLUDED.originating_agency, appraisal_rule = EXCLUDED.appraisal_rule, final_action = EXCLUDED.final_action
                """)
        }
    }
}
