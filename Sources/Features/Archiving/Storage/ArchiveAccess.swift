import Foundation
import Postgres
import TenantStore

/// The management rules governing units: each unit's own access and appraisal rules, or else
/// its nearest ancestor's (SEDA inheritance), with their referential's duration, and the legal
/// hold on the unit or any of its ancestors (a hold freezes the whole subtree). Whether a unit
/// is communicable follows from its access rule (`Retention.communicable`): every read of the
/// archive (search, unit page, download, transfer page, DIP) asks here, and so do eliminations
/// (`EliminationService`: the due list, requests and their execution).
struct ArchiveAccess: Sendable {
    let member: MemberStore

    /// A rule as it applies to a unit.
    struct AppliedRule: Sendable, Equatable {
        var identifier: String
        /// The referential's name; nil when the referential does not know the rule.
        var name: String?
        var start: DateComponents?
        /// nil: unlimited (or a rule the referential does not know).
        var duration: Int?
        var measurement: String
        /// Appraisal rules: Keep or Destroy (the unit's, else the rule's).
        var finalAction: String?
        /// nil: the unit's own rule; else the ancestor it inherits it from.
        var inheritedFrom: UUID?

        /// Start plus duration; nil when either is missing.
        var end: Date? { Retention.end(start: start, duration: duration, measurement: measurement) }
    }

    struct Rules: Sendable, Equatable {
        var access: AppliedRule?
        var appraisal: AppliedRule?
        /// nil: no legal hold on the unit nor on any ancestor; else the nearest held one (the
        /// unit itself, or the ancestor whose hold it falls under).
        var hold: UUID? = nil

        static let none = Rules(access: nil, appraisal: nil)

        /// No access rule, a rule of zero duration, or its delay over on `day`.
        func communicable(on day: Date) -> Bool {
            Retention.communicable(hasRule: access != nil, start: access?.start, duration: access?.duration,
                                   measurement: access?.measurement ?? "year", on: day)
        }

        /// The first day the unit is communicable; nil if its delay has no fixed end.
        var communicableFrom: Date? { access?.end }
    }

    /// The rules of each unit asked for (units without any rule, own or inherited, get `.none`).
    func rules(of ids: [UUID]) async throws -> [UUID: Rules] {
        guard !ids.isEmpty else { return [:] }
        return try await rules(ids: ids, live: false)
    }

    /// The rules of every unit not eliminated (eliminated ancestors still pass theirs on).
    func liveRules() async throws -> [UUID: Rules] {
        try await rules(ids: [], live: true)
    }

    /// The one resolution of inherited rules and holds: `ids`, plus every live unit if `live`.
    private func rules(ids: [UUID], live: Bool) async throws -> [UUID: Rules] {
        let list = PostgresTextArray(Array(Set(ids)).map { $0.uuidString.lowercased() })
        var rules: [UUID: Rules] = [:]
        for row in try await member.read("""
            WITH RECURSIVE chain (unit_id, ancestor_id, parent_id, depth) AS (
                SELECT id, id, parent_id, 0 FROM archive_units WHERE id = ANY(\(list)::uuid[]) OR (\(live) AND eliminated_at IS NULL)
                UNION ALL
                SELECT c.unit_id, p.id, p.parent_id, c.depth + 1 FROM chain c JOIN archive_units p ON p.id = c.parent_id WHERE c.depth < 100
            )
            SELECT ids.unit_id,
                   acc.depth, acc.ancestor_id, acc.rule, acc.start::text, acc.name, acc.duration, acc.measurement,
                   app.depth, app.ancestor_id, app.rule, app.start::text, app.name, app.duration, app.measurement, app.final_action,
                   hold.ancestor_id
            FROM (SELECT DISTINCT unit_id FROM chain) ids
            LEFT JOIN LATERAL (
                SELECT c.depth, c.ancestor_id, a.access_rule AS rule, a.access_start AS start, r.name, r.duration,
                       coalesce(r.measurement, 'year') AS measurement
                FROM chain c JOIN archive_units a ON a.id = c.ancestor_id
                LEFT JOIN archive_rules r ON r.identifier = a.access_rule AND r.kind = 'AccessRule'
                WHERE c.unit_id = ids.unit_id AND a.access_rule IS NOT NULL ORDER BY c.depth LIMIT 1
            ) acc ON true
            LEFT JOIN LATERAL (
                SELECT c.depth, c.ancestor_id, a.appraisal_rule AS rule, a.appraisal_start AS start, r.name, r.duration,
                       coalesce(r.measurement, 'year') AS measurement, coalesce(a.final_action, r.final_action) AS final_action
                FROM chain c JOIN archive_units a ON a.id = c.ancestor_id
                LEFT JOIN archive_rules r ON r.identifier = a.appraisal_rule AND r.kind = 'AppraisalRule'
                WHERE c.unit_id = ids.unit_id AND a.appraisal_rule IS NOT NULL ORDER BY c.depth LIMIT 1
            ) app ON true
            LEFT JOIN LATERAL (
                SELECT c.ancestor_id FROM chain c JOIN archive_units a ON a.id = c.ancestor_id
                WHERE c.unit_id = ids.unit_id AND a.legal_hold ORDER BY c.depth LIMIT 1
            ) hold ON true
            """) {
            func rule(at offset: Int, finalAction: String?) throws -> AppliedRule? {
                guard let depth = try row.decode(Int?.self, at: offset), let identifier = try row.decode(String?.self, at: offset + 2) else { return nil }
                return AppliedRule(
                    identifier: identifier, name: try row.decode(String?.self, at: offset + 4),
                    start: Self.components(try row.decode(String?.self, at: offset + 3)), duration: try row.decode(Int?.self, at: offset + 5),
                    measurement: try row.decode(String?.self, at: offset + 6) ?? "year", finalAction: finalAction,
                    inheritedFrom: depth == 0 ? nil : try row.decode(UUID?.self, at: offset + 1))
            }
            rules[try row.decode(UUID.self, at: 0)] = Rules(access: try rule(at: 1, finalAction: nil),
                                                            appraisal: try rule(at: 8, finalAction: try row.decode(String?.self, at: 15)),
                                                            hold: try row.decode(UUID?.self, at: 16))
        }
        return rules
    }

    /// `2026-01-31` as calendar components.
    static func components(_ text: String?) -> DateComponents? {
        guard let parts = text?.split(separator: "-").compactMap({ Int($0) }), parts.count == 3 else { return nil }
        return DateComponents(year: parts[0], month: parts[1], day: parts[2])
    }
}
