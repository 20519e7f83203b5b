import Foundation
import Postgres
import Tenancy
import TenantStore

/// The service requests Open311 shows on a portal: requests of located types that its member
/// processes, and those filed on its portal that an intercommunality processes. Only what is
/// public: where, what, the status; never the requester (name, e-mail, phone, other answers).
struct Open311Reports: Sendable {
    let services: RequestsServices

    struct Query: Sendable {
        /// `service_request_id` (comma-separated): overrides the other filters.
        var numbers: [String]?
        var code: String?
        var from: Date?
        var before: Date?
        /// `open` or `closed`.
        var closed: Bool?
        var limit = 1000
    }

    struct Report: Sendable {
        var number: String
        var code: String
        var name: String
        var closed: Bool
        var statusLabel: String
        var description: String?
        var filedAt: Date
        var updatedAt: Date
        var expected: Date
        var address: PostalAddress?
        var agency: String
    }

    func reports(on portal: Tenant, _ query: Query) async throws -> [Report] {
        var found = try await reports(in: portal, filedOn: nil, query)
        for owner in services.intercommunalities(besides: portal) {
            found += try await reports(in: owner, filedOn: portal.slug.rawValue, query)
        }
        return Array(found.sorted { ($0.filedAt, $0.number) > ($1.filedAt, $1.number) }.prefix(query.limit))
    }

    private func reports(in owner: Tenant, filedOn portal: String?, _ query: Query) async throws -> [Report] {
        guard owner.modules.contains(.requests) else { return [] }
        let store = services.tenants.member(owner.slug)
        let numbers = query.numbers?.joined(separator: ",")
        let status: String? = query.closed.map { $0 ? "closed" : "open" }
        let (from, before) = numbers == nil ? (query.from, query.before) : (nil, nil)
        let code = numbers == nil ? query.code : nil
        let rows = try await store.read("""
            SELECT r.number, t.slug, t.title, r.closed,
                   coalesce((SELECT s ->> 'label' FROM jsonb_array_elements(v.workflow -> 'statuses') s WHERE s ->> 'id' = r.status LIMIT 1), r.status),
                   r.answers, v.form, r.filed_at, r.updated_at, r.late_from, r.address, r.latitude, r.longitude
            FROM requests r JOIN request_types t ON t.id = r.type_id
            JOIN request_type_versions v ON v.type_id = r.type_id AND v.version = r.type_version
            WHERE jsonb_path_exists(v.form, '$.pages[*].fields[*].kind.address')
              AND (\(portal)::text IS NULL OR r.filing_member = \(portal))
              AND (\(numbers)::text IS NULL OR r.number = ANY(string_to_array(\(numbers), ',')))
              AND (\(code)::text IS NULL OR t.slug = \(code))
              AND (\(from)::timestamptz IS NULL OR r.filed_at >= \(from))
              AND (\(before)::timestamptz IS NULL OR r.filed_at <= \(before))
              AND (\(status)::text IS NULL OR r.closed = (\(status) = 'closed'))
            ORDER BY r.filed_at DESC, r.number DESC LIMIT \(query.limit)
            """)
        return try rows.map { row in
            let form = try row.decode(PostgresJSON.self, at: 6).decode(FormDefinition.self)
            let answers = try row.decode(PostgresJSON.self, at: 5).decode([String: AnswerValue].self)
            let described = form.inputFields.first { if case .longText = $0.kind { answers[$0.key] != nil } else { false } }
            let description = described.flatMap { field -> String? in if case .text(let text) = answers[field.key] { text } else { nil } }
            let addressText = try row.decode(String?.self, at: 10)
            return Report(
                number: try row.decode(String.self, at: 0), code: try row.decode(String.self, at: 1), name: try row.decode(String.self, at: 2),
                closed: try row.decode(Bool.self, at: 3), statusLabel: try row.decode(String.self, at: 4), description: description,
                filedAt: try row.decode(Date.self, at: 7), updatedAt: try row.decode(Date.self, at: 8), expected: try row.decode(Date.self, at: 9),
                address: addressText.map { PostalAddress(text: $0, latitude: try? row.decode(Double?.self, at: 11), longitude: try? row.decode(Double?.self, at: 12)) },
                agency: owner.name)
        }
    }

    static func value(_ report: Report) -> Open311Value {
        .object([
            ("service_request_id", .text(report.number)), ("status", .text(report.closed ? "closed" : "open")),
            ("status_notes", .text(report.statusLabel)), ("service_name", .text(report.name)), ("service_code", .text(report.code)),
            ("description", report.description.map(Open311Value.text)), ("agency_responsible", .text(report.agency)),
            ("requested_datetime", .text(report.filedAt.formatted(.iso8601))), ("updated_datetime", .text(report.updatedAt.formatted(.iso8601))),
            ("expected_datetime", report.closed ? nil : .text(report.expected.formatted(.iso8601))),
            ("address", report.address.map { .text($0.text) }),
            ("lat", report.address?.latitude.map { .number(String($0)) }), ("long", report.address?.longitude.map { .number(String($0)) }),
        ])
    }
}
