import Events
import Foundation
import Postgres
import Tenancy
import TenantStore

/// `demo: billing:` — the member's regies and a few invoices, imported through the real import
/// (a CSV written from the manifest's rows), some linked to the demo citizen once their account
/// exists:
///
/// ```yaml
/// billing:
///   regies:
///     - {id: creche, label: "Crèche municipale", numcli: "123456", kind: petite-enfance}
///   invoices:   # reference, debtor, amount in cents, issued, due, regie, key
///     - [CRE-2026-0001, "Camille Martin", 18500, "2026-11-02", "2026-12-15", creche, K7PX2M]
///   citizen: citoyen@camon.localhost     # linked to the invoices listed in `linked`
///   linked: [CRE-2026-0001]
/// ```
struct BillingDemo: Sendable {
    let services: BillingServices

    struct Section: Decodable {
        struct DemoRegie: Decodable {
            var id: String
            var label: String
            var numcli: String
            var kind: String
        }
        var regies: [DemoRegie]?
        var invoices: [[String]]?
        var citizen: String?
        var linked: [String]?
    }

    func seed(_ demo: DemoContent, tenant: Tenant, store: MemberStore) async throws -> [String] {
        guard let section = try demo.section(BillingModule.name, as: Section.self) else { return [] }
        var added: [String] = []
        if try await InvoiceStore(store).regies().isEmpty, let regies = section.regies, !regies.isEmpty {
            try await store.transaction { connection in
                for regie in regies {
                    try await connection.query("""
                        INSERT INTO billing_regies (id, label, numcli, kind) VALUES (\(regie.id), \(regie.label), \(regie.numcli), \(regie.kind))
                        """)
                }
            }
            added.append("\(regies.count) regie(s)")
        }
        if let rows = section.invoices, !rows.isEmpty,
           try await store.read("SELECT count(*) FROM billing_invoices").first?.decode(Int.self, at: 0) == 0 {
            var csv = "reference,debiteur,adresse,montant_centimes,date_emission,date_echeance,regie,cle_paiement,pdf\n"
            for row in rows {
                guard row.count == 7 else { throw BillingError.invalidDemo(member: tenant.slug.rawValue, reason: "an invoice needs 7 values: \(row)") }
                csv += "\(row[0]),\"\(row[1])\",,\(row[2]),\(row[3]),\(row[4]),\(row[5]),\(row[6]),\n"
            }
            try FileManager.default.createDirectory(at: services.workDirectory, withIntermediateDirectories: true)
            let file = services.workDirectory.appendingPathComponent("demo-\(UUID().uuidString).csv")
            try Data(csv.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            switch try await ImportService(services: services).apply(file, isZip: false, fileName: "démonstration.csv", member: store, by: "démonstration", actor: .system) {
            case .failure(let refusal): throw BillingError.invalidDemo(member: tenant.slug.rawValue, reason: refusal.messages.joined(separator: " | "))
            case .success: added.append("\(rows.count) invoice(s)")
            }
        }
        if let email = section.citizen, let linked = section.linked, !linked.isEmpty,
           let account = try await store.read("SELECT id FROM accounts WHERE email = \(email) AND kind = 'citizen'").first?.decode(UUID.self, at: 0) {
            let count = try await store.transaction { connection in
                try await connection.execute("""
                    UPDATE billing_invoices SET account_id = \(account), linked_at = now() WHERE reference = ANY(\(PostgresTextArray(linked))) AND account_id IS NULL
                    """)
            }
            if count > 0 { added.append("\(count) invoice(s) linked to \(email)") }
        }
        return added
    }
}

enum BillingError: Error, CustomStringConvertible {
    case invalidDemo(member: String, reason: String)
    case reconciliation(member: String, failures: Int)

    var description: String {
        switch self {
        case .invalidDemo(let member, let reason): "demo invoices of \(member): \(reason)"
        case .reconciliation(let member, let failures): "\(failures) payment attempt(s) of \(member) could not be settled (the provider will be asked again)"
        }
    }
}
