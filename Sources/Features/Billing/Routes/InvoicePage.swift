import Foundation
import Hummingbird
import Identity
import Postgres
import Tenancy
import TenantStore
import Web

/// An invoice's page for its citizen, and its receipt once paid.
struct InvoicePage: Sendable {
    let services: BillingServices

    static func summary(_ invoice: Invoice, today: String) -> [String: Any] {
        [
            "reference": invoice.reference, "regie": invoice.regieLabel, "amount": Euros.french(invoice.amountCents),
            "issued": french(invoice.issuedOn), "due": french(invoice.dueOn), "paid": invoice.isPaid,
            "paidOn": invoice.paidAt.map { FrenchDate.long($0) } ?? "", "overdue": invoice.isOverdue(today: today), "hasPDF": invoice.documentID != nil,
        ]
    }

    /// `AAAA-MM-JJ` → `JJ/MM/AAAA`.
    static func french(_ day: String) -> String {
        let parts = day.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : day
    }

    /// The payment recorded for an invoice, if any.
    static func payment(of invoice: UUID, in store: MemberStore) async throws -> (method: String, amount: Int, authorisation: String, paidAt: Date, attempt: UUID)? {
        try await store.read("""
            SELECT method, amount_cents, authorisation, paid_at, attempt_id FROM billing_payments WHERE invoice_id = \(invoice)
            """).first.map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode(String.self, at: 2),
                              try $0.decode(Date.self, at: 3), try $0.decode(UUID.self, at: 4)) }
    }

    func render(_ invoice: Invoice, context: TenantRequestContext, notice: String? = nil, error: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        var values = Self.summary(invoice, today: FrenchDate.iso(Date()))
        values["debtor"] = invoice.debtorName
        values["address"] = invoice.debtorAddress.isEmpty ? false : invoice.debtorAddress  // an empty string is a true section
        let pending = try await context.store.read("""
            SELECT count(*) FROM billing_attempts WHERE invoice_id = \(invoice.id) AND state IN ('created', 'pending')
            """).first?.decode(Int.self, at: 0) ?? 0
        values["inProgress"] = pending > 0
        return services.pages.render("billing-invoice", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "invoice": values, "csrf": context.session?.record.csrf ?? "", "notice": notice ?? false, "error": error ?? false,
        ], status: status)
    }

    func receipt(_ invoice: Invoice, context: TenantRequestContext) async throws -> Response {
        guard let payment = try await Self.payment(of: invoice.id, in: context.store) else {
            throw WebError.notFound("Cette facture n'est pas encore payée : pas de reçu.")
        }
        var values = Self.summary(invoice, today: FrenchDate.iso(Date()))
        values["debtor"] = invoice.debtorName
        values["method"] = payment.method == "card" ? "carte bancaire" : "prélèvement"
        values["authorisation"] = payment.authorisation.isEmpty ? "—" : payment.authorisation
        values["paidAmount"] = Euros.french(payment.amount)
        values["paidAt"] = FrenchDate.long(payment.paidAt)
        values["transaction"] = payment.attempt.uuidString.lowercased()
        values["member"] = context.tenant.name
        return services.pages.render("billing-receipt", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: ["invoice": values])
    }
}
