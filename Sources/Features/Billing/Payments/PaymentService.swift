import Cryptography
import Events
import Foundation
import HTTPTypes
import Logging
import Mail
import Notifications
import Payments
import Postgres
import Tenancy
import TenantStore
import Web

/// Pays invoices through the payment provider, exactly once. The pure `PaymentAttempt` decides;
/// this service asks the provider and writes each decision in one transaction (the attempt, the
/// payment — unique per invoice —, the invoice, the events, the payer's notice). A notification
/// only says « look at this operation »: the result is always fetched from the provider.
struct PaymentService: Sendable {
    let services: BillingServices
    let tenant: Tenant

    var store: MemberStore { services.tenants.member(tenant.slug) }

    /// Starts an attempt for the whole invoice and returns the provider's page to send the payer to.
    func start(_ invoice: Invoice, account: UUID, email: String, at now: Date = Date()) async throws -> String {
        let id = UUID()
        let refdet = try Self.refdet(for: invoice)
        do {
            try await store.transaction { connection in
                guard let row = try await connection.query("""
                    SELECT paid_at IS NOT NULL, EXISTS (SELECT 1 FROM billing_attempts WHERE invoice_id = \(invoice.id) AND state IN ('created', 'pending'))
                    FROM billing_invoices WHERE id = \(invoice.id) FOR UPDATE
                    """).single() else { throw WebError.notFound("Cette facture n'existe pas.") }
                let situation = PaymentAttempt.InvoiceSituation(amountCents: invoice.amountCents, isPaid: try row.decode(Bool.self, at: 0),
                                                                hasAttemptInProgress: try row.decode(Bool.self, at: 1))
                let (attempt, _) = try Result { () throws(AttemptRefusal) in
                    try PaymentAttempt.start(id: id, invoice: invoice.id, refdet: refdet, situation: situation, at: now)
                }.get()
                try await AttemptStore.insert(attempt, account: account, on: connection)
            }
        } catch let refusal as AttemptRefusal {
            throw WebError(.conflict, kind: "payment-refused", title: "Paiement impossible", detail: refusal.reason)
        } catch let error as PostgresError where error.sqlState == "23505" {
            throw WebError(.conflict, kind: "payment-refused", title: "Paiement impossible", detail: AttemptRefusal.attemptInProgress.reason)
        }
        let portal = services.portal(tenant.slug)
        let creation = PaymentCreation(
            numcli: invoice.numcli, exer: Int(invoice.issuedOn.prefix(4)) ?? Calendar(identifier: .gregorian).component(.year, from: now),
            refdet: refdet, objet: "Facture \(invoice.reference) \(invoice.regieLabel)", amountCents: invoice.amountCents, payerEmail: email,
            notificationURL: portal + "/factures/paiements/notification", returnURL: portal + "/factures/paiements/\(id.uuidString.lowercased())/retour",
            mode: services.paymentMode)
        let session: PaymentSession
        do throws(PaymentProviderError) {
            session = try await services.payments.create(creation)
        } catch {
            services.logger.error("payment creation failed", metadata: ["member": "\(tenant.slug)", "invoice": "\(invoice.reference)", "error": "\(error)"])
            try await record(id, .creationFailed(reason: "\(error)".prefix(300).description), at: Date())
            if case .invalidRequest = error.kind {
                throw WebError(.unprocessableContent, kind: "payment-refused", title: "Paiement impossible",
                               detail: "Le service de paiement refuse cette facture (\(error.faultMessage ?? error.message ?? "montant ou référence hors limites")).")
            }
            throw WebError(.serviceUnavailable, kind: "payment-unavailable", title: "Paiement indisponible",
                           detail: "Le service de paiement ne répond pas ; la facture reste à payer. Réessayez dans quelques minutes.")
        }
        try await record(id, .sessionCreated(idOp: session.idOp, lifetime: services.operationLifetime), at: Date())
        return session.redirectURL.absoluteString
    }

    /// Fetches the operation's result from the provider and settles the attempt (idempotent).
    @discardableResult
    func settle(_ id: UUID, at now: Date = Date()) async throws -> PaymentAttempt? {
        guard let attempt = try await AttemptStore(store).attempt(id) else { return nil }
        guard let idOp = attempt.idOp else { return attempt }
        let outcome: ProviderOutcome
        do throws(PaymentProviderError) {
            outcome = Self.outcome(try await services.payments.result(of: idOp))
        } catch {
            switch error.kind {
            case .unknownOperation, .expired:
                // The provider no longer knows it, or its time ran out without a choice: nothing was paid.
                outcome = now >= (attempt.expiresAt ?? now) ? .abandoned : .pending
            default:
                throw error
            }
        }
        return try await record(id, .resultFetched(outcome), at: now)
    }

    /// Applies an event to the attempt under its row lock, and does what it asks, in one transaction.
    @discardableResult
    func record(_ id: UUID, _ event: AttemptEvent, at now: Date) async throws -> PaymentAttempt? {
        try await store.transaction { connection in
            guard let (current, account) = try await AttemptStore.lock(id, on: connection) else { return nil }
            let next: PaymentAttempt, effects: [AttemptEffect]
            do {
                (next, effects) = try Result { () throws(AttemptRefusal) in try current.applying(event, at: now) }.get()
            } catch let refusal as AttemptRefusal {
                services.logger.warning("payment event refused", metadata: ["member": "\(tenant.slug)", "attempt": "\(id)", "reason": "\(refusal.reason)"])
                return current
            }
            guard !effects.isEmpty else { return current }
            try await AttemptStore.update(next, on: connection)
            let invoice = try await connection.query("SELECT reference, regie_id FROM billing_invoices WHERE id = \(next.invoice)").single()
            let reference = try invoice?.decode(String.self, at: 0) ?? "", regie = try invoice?.decode(String.self, at: 1) ?? ""
            let data = BillingEvents.AttemptData(attempt: id.uuidString.lowercased(), invoice: next.invoice.uuidString.lowercased(), reference: reference,
                                                 regie: regie, state: next.state.rawValue, amountCents: next.amountCents, method: next.method?.rawValue, idOp: next.idOp)
            if next.state == .pending, current.state == .created {
                try await services.events?.record(try NewEvent(type: BillingEvents.attemptStarted.name, subject: "billing/attempts/\(data.attempt)", data: data, actor: .system),
                                                  tenant: tenant.slug, on: connection)
            }
            if next.state.isSettled {
                try await services.events?.record(try NewEvent(type: BillingEvents.attemptSettled.name, subject: "billing/attempts/\(data.attempt)", data: data, actor: .system),
                                                  tenant: tenant.slug, on: connection)
            }
            for effect in effects {
                switch effect {
                case .recordPayment(let method, let amount, let authorisation, let paidAt):
                    let inserted = try await connection.execute("""
                        INSERT INTO billing_payments (id, invoice_id, attempt_id, amount_cents, method, authorisation, paid_at)
                        VALUES (\(UUID()), \(next.invoice), \(id), \(Int64(amount)), \(method.rawValue), \(authorisation), \(paidAt))
                        ON CONFLICT (invoice_id) DO NOTHING
                        """)
                    if inserted == 1 {
                        try await connection.query("UPDATE billing_invoices SET paid_at = \(paidAt) WHERE id = \(next.invoice)")
                        try await services.events?.record(try NewEvent(type: BillingEvents.paymentRecorded.name, subject: "billing/invoices/\(data.invoice)",
                                                                       data: data, actor: .system), tenant: tenant.slug, on: connection)
                    } else {
                        services.logger.error("an invoice already paid was paid again: to refund",
                                              metadata: ["member": "\(tenant.slug)", "invoice": "\(reference)", "attempt": "\(id)"])
                    }
                case .notifyPayer(let message):
                    guard let account else { continue }
                    try await Self.notify(account, tenant: tenant, portal: services.portal(tenant.slug), title: "Facture \(reference)", body: message,
                                          link: "/factures/\(reference)", key: "\(id.uuidString.lowercased()):\(next.state.rawValue)", on: connection)
                case .journal:
                    break
                }
            }
            return next
        }
    }

    static func outcome(_ result: PaymentResult) -> ProviderOutcome {
        switch result.outcome {
        case .paidByCard: .paid(method: .card, amountCents: result.amountCents, authorisation: result.numauto ?? "", paidAt: result.paidAt ?? Date())
        case .paidByDirectDebit: .paid(method: .debit, amountCents: result.amountCents, authorisation: result.numauto ?? "", paidAt: result.paidAt ?? Date())
        case .refused: .refused
        case .abandoned: .abandoned
        case .pending: .pending
        }
    }

    /// `refdet`: the reference's letters and digits, then a random suffix (unique per attempt, ≤ 30).
    static func refdet(for invoice: Invoice) throws -> String {
        let base = String(invoice.reference.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(20))
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let suffix = try SecureRandom.bytes(8).map { alphabet[Int($0) % alphabet.count] }
        return base + String(suffix)
    }

    /// The payer's inbox and a mail, once per change.
    static func notify(_ account: UUID, tenant: Tenant, portal: String, title: String, body: String, link: String, key: String,
                       on connection: PostgresConnection) async throws {
        try await AccountNotice.notify(account: account, tenant: tenant, portal: portal, family: "billing", title: title, body: body,
                                       link: link, key: key, on: connection)
    }
}
