import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Postgres
import TableSchema
import Tenancy
import TenantStore
import Web

/// The day's reconciliation (payments by regie and method, attempts by state, anomalies) and the
/// payments' export (CSV, `;`-separated as French accounting software reads it).
struct ReconciliationReport: Sendable {
    let services: BillingServices

    func day(_ request: Request, _ name: String) throws -> String {
        guard let text = request.uri.queryParameters.get(name).map { String($0) }, !text.isEmpty else { return FrenchDate.iso(Date()) }
        guard text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}/#) != nil, InvoicePage.french(text) != text else {
            throw WebError.invalidParameter(name, "Date attendue au format AAAA-MM-JJ.")
        }
        return text
    }

    func page(_ request: Request, _ context: TenantRequestContext) async throws -> Response {
        let day = try day(request, "jour")
        let rows = try await context.store.read("""
            SELECT r.label, coalesce(sum(p.amount_cents) FILTER (WHERE p.method = 'card'), 0)::bigint,
                   coalesce(sum(p.amount_cents) FILTER (WHERE p.method = 'debit'), 0)::bigint, coalesce(sum(p.amount_cents), 0)::bigint
            FROM billing_payments p JOIN billing_invoices i ON i.id = p.invoice_id JOIN billing_regies r ON r.id = i.regie_id
            WHERE (p.paid_at AT TIME ZONE 'Europe/Paris')::date = \(day)::date GROUP BY r.label ORDER BY r.label
            """).map { ["regie": try $0.decode(String.self, at: 0), "card": Euros.french(try $0.decode(Int.self, at: 1)),
                        "debit": Euros.french(try $0.decode(Int.self, at: 2)), "total": Euros.french(try $0.decode(Int.self, at: 3))] as [String: Any] }
        let labels = ["created": "en cours de création", "pending": "en attente du résultat", "paid": "payées", "refused": "refusées",
                      "abandoned": "abandonnées", "failed": "échecs de création"]
        let attempts = try await context.store.read("""
            SELECT state, count(*) FROM billing_attempts WHERE (created_at AT TIME ZONE 'Europe/Paris')::date = \(day)::date GROUP BY state ORDER BY state
            """).map { ["state": labels[try $0.decode(String.self, at: 0)] ?? "", "count": try $0.decode(Int.self, at: 1)] as [String: Any] }
        var anomalies: [String] = []
        let overdue = try await context.store.read("SELECT count(*) FROM billing_attempts WHERE state = 'pending' AND expires_at < now() - interval '10 minutes'")
            .first?.decode(Int.self, at: 0) ?? 0
        if overdue > 0 { anomalies.append("\(overdue) tentative(s) en attente au-delà de la durée de vie de l'opération : le rapprochement les réglera.") }
        let unrecorded = try await context.store.read("""
            SELECT a.refdet FROM billing_attempts a WHERE a.state = 'paid' AND NOT EXISTS (SELECT 1 FROM billing_payments p WHERE p.attempt_id = a.id) LIMIT 50
            """).map { try $0.decode(String.self, at: 0) }
        for refdet in unrecorded { anomalies.append("Tentative \(refdet) payée alors que la facture l'était déjà : paiement à rembourser.") }
        return services.pages.render("billing-report", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "day": InvoicePage.french(day), "iso": day, "rows": rows, "attempts": attempts, "anomalies": anomalies, "hasAnomalies": !anomalies.isEmpty,
        ])
    }

    func export(_ request: Request, _ context: TenantRequestContext) async throws -> Response {
        let from = try day(request, "du"), to = try day(request, "au")
        let rows = try await context.store.read("""
            SELECT (p.paid_at AT TIME ZONE 'Europe/Paris')::text, r.id, r.numcli, i.reference, i.debtor_name, p.amount_cents, p.method, p.authorisation, a.refdet
            FROM billing_payments p JOIN billing_invoices i ON i.id = p.invoice_id JOIN billing_regies r ON r.id = i.regie_id
            JOIN billing_attempts a ON a.id = p.attempt_id
            WHERE (p.paid_at AT TIME ZONE 'Europe/Paris')::date BETWEEN \(from)::date AND \(to)::date ORDER BY p.paid_at
            """)
        var csv = "date_paiement;regie;numcli;reference;debiteur;montant_centimes;moyen;autorisation;refdet\r\n"
        for row in rows {
            var cells: [String] = []
            for index in 0..<9 {
                let text = index == 5 ? String(try row.decode(Int.self, at: index)) : try row.decode(String.self, at: index)
                cells.append(CSVTableWriter.quoted(FormulaNeutralizer.neutralize(text)).replacingOccurrences(of: ";", with: ","))
            }
            csv += cells.joined(separator: ";") + "\r\n"
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"paiements-\(from)-\(to).csv\"",
                                               .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
