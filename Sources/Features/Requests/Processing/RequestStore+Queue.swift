import Foundation
import Postgres
import TenantStore

extension RequestStore {
    /// A page of the queue, newest first, and whether more follow. Status labels come from the
    /// version each request was filed with. Only the filters in use are in the statement (each
    /// combination its own prepared statement, planned for what it filters: a generic
    /// `$1 IS NULL OR …` plan scans the whole table once the statement is shared).
    func queue(_ query: QueueQuery, now: Date) async throws -> (rows: [QueueRow], more: Bool) {
        var bindings = PostgresBindings()
        func bind<Value: PostgresEncodable>(_ value: Value) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        var sql = """
            SELECT r.id, r.number, t.slug, t.title, r.status,
                   coalesce((SELECT s ->> 'label' FROM jsonb_array_elements(v.workflow -> 'statuses') s WHERE s ->> 'id' = r.status LIMIT 1), r.status),
                   r.contact_name, r.filing_member, r.assignee_agent, r.assignee_team, r.closed, r.late_from, r.filed_at
            FROM requests r JOIN request_types t ON t.id = r.type_id
            JOIN request_type_versions v ON v.type_id = r.type_id AND v.version = r.type_version
            WHERE true
            """
        if let type = query.typeID { sql += " AND r.type_id = \(bind(type))" } else if let slug = query.typeSlug { sql += " AND t.slug = \(bind(slug))" }
        if let status = query.status { sql += " AND r.status = \(bind(status))" }
        switch query.assignment {
        case .anyone: break
        case .unassigned: sql += " AND r.assignee_agent IS NULL AND r.assignee_team IS NULL"
        case .agent(let id): sql += " AND r.assignee_agent = \(bind(id))"
        case .team(let id): sql += " AND r.assignee_team = \(bind(id))"
        }
        if let from = query.filedFrom { sql += " AND r.filed_at >= \(bind(from))" }
        if let before = query.filedBefore { sql += " AND r.filed_at < \(bind(before))" }
        if query.lateOnly { sql += " AND NOT r.closed AND r.late_from <= \(bind(now))" }
        if query.openOnly { sql += " AND NOT r.closed" }
        let text = query.text?.trimmingCharacters(in: .whitespaces).prefix(200).description ?? ""
        if !text.isEmpty {
            let words = bind(text)
            sql += """
                 AND (r.number = upper(\(words)) OR r.search @@ plainto_tsquery('french'::regconfig,
                     extensions.unaccent('extensions.unaccent'::regdictionary, \(words))))
                """
        }
        if let after = query.after { sql += " AND (r.filed_at, r.id) < (\(bind(after.filedAt)), \(bind(after.id)))" }
        sql += " ORDER BY r.filed_at DESC, r.id DESC LIMIT \(bind(query.limit + 1))"
        let rows = try await member.read(PostgresQuery(unsafeSQL: sql, bindings: bindings)).map { row in
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
