import Cryptography
import Foundation
import Postgres
import TenantStore

/// A member's regies and invoices.
struct InvoiceStore: Sendable {
    let member: MemberStore

    init(_ member: MemberStore) {
        self.member = member
    }

    func regies() async throws -> [Regie] {
        try await member.read("SELECT id, label, numcli, kind FROM billing_regies ORDER BY label").map {
            Regie(id: try $0.decode(String.self, at: 0), label: try $0.decode(String.self, at: 1), numcli: try $0.decode(String.self, at: 2),
                  kind: try $0.decode(String.self, at: 3))
        }
    }

    static let columns: StaticString = """
        i.id, i.reference, i.regie_id, r.label, r.numcli, i.debtor_name, i.debtor_address, i.amount_cents, i.issued_on::text, i.due_on::text,
        i.document_id, i.account_id, i.paid_at
        """

    func invoice(reference: String) async throws -> Invoice? {
        guard reference.count <= 30 else { return nil }
        return try await member.read("""
            SELECT \(literal: Self.columns) FROM billing_invoices i JOIN billing_regies r ON r.id = i.regie_id WHERE i.reference = \(reference)
            """).first.map(Self.decode)
    }

    func invoice(_ id: UUID) async throws -> Invoice? {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM billing_invoices i JOIN billing_regies r ON r.id = i.regie_id WHERE i.id = \(id)
            """).first.map(Self.decode)
    }

    /// A citizen's linked invoices, newest first.
    func invoices(of account: UUID) async throws -> [Invoice] {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM billing_invoices i JOIN billing_regies r ON r.id = i.regie_id
            WHERE i.account_id = \(account) ORDER BY i.issued_on DESC, i.reference LIMIT 500
            """).map(Self.decode)
    }

    /// A regie's invoices (`status`: `open`, `paid`, `overdue` or nil for all), newest first.
    func invoices(regie: String, status: String?, today: String, limit: Int = 200) async throws -> [Invoice] {
        try await member.read("""
            SELECT \(literal: Self.columns) FROM billing_invoices i JOIN billing_regies r ON r.id = i.regie_id
            WHERE i.regie_id = \(regie)
              AND (\(status)::text IS NULL OR (\(status) = 'paid' AND i.paid_at IS NOT NULL) OR (\(status) = 'open' AND i.paid_at IS NULL)
                   OR (\(status) = 'overdue' AND i.paid_at IS NULL AND i.due_on < \(today)::date))
            ORDER BY i.issued_on DESC, i.reference LIMIT \(limit)
            """).map(Self.decode)
    }

    /// Links the invoice to the account if the key is the one printed on the bill; false otherwise
    /// (wrong reference, wrong key, or already another account's).
    func link(reference: String, key: String, to account: UUID) async throws -> Bool {
        let hash = try Self.keyHash(reference: reference, key: key)
        return try await member.transaction { connection in
            try await connection.execute("""
                UPDATE billing_invoices SET account_id = \(account), linked_at = now()
                WHERE reference = \(reference) AND key_hash = \(hash) AND (account_id IS NULL OR account_id = \(account))
                """) == 1
        }
    }

    /// The stored form of a payment key: SHA-256 of the reference and the key (upper case, without
    /// spaces or dashes), so that a key is only good for its own bill.
    static func keyHash(reference: String, key: String) throws -> String {
        let normal = key.uppercased().filter { $0.isLetter || $0.isNumber }
        return try Digest.sha256(Array("\(reference)\n\(normal)".utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func decode(_ row: PostgresRow) throws -> Invoice {
        Invoice(
            id: try row.decode(UUID.self, at: 0), reference: try row.decode(String.self, at: 1), regie: try row.decode(String.self, at: 2),
            regieLabel: try row.decode(String.self, at: 3), numcli: try row.decode(String.self, at: 4), debtorName: try row.decode(String.self, at: 5),
            debtorAddress: try row.decode(String.self, at: 6), amountCents: try row.decode(Int.self, at: 7), issuedOn: try row.decode(String.self, at: 8),
            dueOn: try row.decode(String.self, at: 9), documentID: try row.decode(UUID?.self, at: 10), accountID: try row.decode(UUID?.self, at: 11),
            paidAt: try row.decode(Date?.self, at: 12))
    }
}
