import Foundation
import Postgres
import TenantStore

extension RequestStore {
    /// A page of the queue, newest first, and whether more follow. Status labels come from the
    /// version each request was filed with.
    func queue(_ query: QueueQuery, now: Date) async throws -> (rows: [QueueRow], more: Bool) {
        let (agent, team): (UUID?, UUID?) = switch query.assignment {
        case .agent(let id): (id, nil)
        case .team(let id): (nil, id)
        default: (nil, nil)
        }
        let unassigned = query.assignment == .unassigned
        let text = query.text?.trimmingCharacters(in: .whitespaces).prefix(200).description ?? ""
        let rows = try await member.read("""
            SELECT r.id, r.number, t.slug, t.title, r.status,
                   coalesce((SELECT s ->> 'label' FROM jsonb_array_elements(v.workflow -> 'statuses') s WHERE s ->> 'id' = r.status LIMIT 1), r.status),
                   r.contact_name, r.filing_member, r.assignee_agent, r.assignee_team, r.closed, r.late_from, r.filed_at
            FROM requests r JOIN request_types t ON t.id = r.type_id
            JOIN request_type_versions v ON v.type_id = r.type_id AND v.version = r.type_version
            WHERE (\(query.typeSlug)::text IS NULL OR t.slug = \(query.typeSlug))
              AND (\(query.status)::text IS NULL OR r.status = \(query.status))
              AND (\(agent)::uuid IS NULL OR r.assignee_agent = \(agent))
              AND (\(team)::uuid IS NULL OR r.assignee_team = \(team))
              AND (NOT \(unassigned) OR (r.assignee_agent IS NULL AND r.assignee_team IS NULL))
              AND (\(query.filedFrom)::timestamptz IS NULL OR r.filed_at >= \(query.filedFrom))
              AND (\(query.filedBefore)::timestamptz IS NULL OR r.filed_at < \(query.filedBefore))
              AND (NOT \(query.lateOnly) OR (NOT r.closed AND r.late_from <= \(now)))
              AND (NOT \(query.openOnly) OR NOT r.closed)
              AND (\(text) = '' OR r.number = upper(\(text)) OR r.search @@ plainto_tsquery('french'::regconfig,
                   extensions.unaccent('extensions.unaccent'::regdictionary, \(text))))
              AND (\(query.after?.filedAt)::timestamptz IS NULL OR (r.filed_at, r.id) < (\(query.after?.filedAt), \(query.after?.id)))
            ORDER BY r.filed_at DESC, r.id DESC LIMIT \(query.limit + 1)
            """).map { row in
            QueueRow(
                id: try row.decode(UUID.self, at: 0), number: try row.decode(String.self, at: 1), typeSlug: try row.decode(String.self, at: 2),
                typeTitle: try row.decode(String.self, at: 3), status: try row.decode(String.self, at: 4), statusLabel: try row.decode(String.self, at: 5),
                contactName: try row.decode(String.self, at: 6), filingMember: try row.decode(String.self, at: 7),
                assigneeAgent: try row.decode(UUID?.self, at: 8), assigneeTeam: try row.decode(UUID?.self, at: 9),
                closed: try row.decode(Bool.self, at: 10), lateFrom: try row.decode(Date.self, at: 11), filedAt: try row.decode(Date.self, at: 12))
        }
        return (Array(rows.prefix(query.limit)), rows.count > query.limit)
    }

    /// Open requests past their delay, by type (the daily digest).
    func lateCounts(now: Date) async throws -> [(title: String, count: Int)] {
        try await member.read("""
            SELECT t.title, count(*) FROM requests r JOIN request_types t ON t.id = r.type_id
            WHERE NOT r.closed AND r.late_from <= \(now) GROUP BY t.title ORDER BY t.title
            """).map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1)) }
    }
}
