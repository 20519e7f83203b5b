import Blobs
import Foundation
import Hummingbird
import Identity
import Logging
import Tenancy
import TenantStore
import Web

/// « Mes factures »: a citizen links the bills they received (reference and the key printed on
/// the paper bill; failed tries are throttled as sign-ins are), sees them to pay, paid or
/// overdue, downloads the bill and, once paid, its receipt.
struct MyInvoicesPages: Sendable {
    let services: BillingServices

    struct LinkForm: FormPayload {
        var csrf: String?
        var reference: String
        var cle: String
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/factures", .signedIn) { request, context, principal in
            let notices = ["liee": "La facture est ajoutée à votre espace.", "payee": "Merci : votre paiement est enregistré."]
            return try await list(context, principal, notice: request.uri.queryParameters.get("message").flatMap { notices[String($0)] })
        }
        routes.form("/factures/lier", .signedIn, LinkForm.self) { request, context, principal, form in
            guard let account = UUID(uuidString: principal.id), let email = EmailAddress(principal.label) else { throw WebError.notFound() }
            let throttle = LoginThrottle(redis: services.identity.redis)
            let scope = "factures:\(context.tenant.slug.rawValue)"
            if let until = try await throttle.check(scope: scope, email: email, ip: context.clientIP) {
                context.logger.notice("invoice linking throttled", metadata: ["account": "\(account)"])
                return try await list(context, principal, error: "Trop d'essais infructueux : réessayez après \(FrenchDate.time(until)).", status: .tooManyRequests)
            }
            let reference = form.reference.trimmingCharacters(in: .whitespaces).uppercased()
            let key = form.cle.trimmingCharacters(in: .whitespaces)
            guard reference.wholeMatch(of: #/[A-Z0-9][A-Z0-9-]{0,29}/#) != nil, (1...40).contains(key.count),
                  try await InvoiceStore(context.store).link(reference: reference, key: key, to: account) else {
                try await throttle.recordFailure(scope: scope, email: email, ip: context.clientIP)
                context.logger.notice("invoice linking refused", metadata: ["account": "\(account)", "reference": "\(reference.prefix(30))"])
                return try await list(context, principal, error: "Aucune facture ne correspond à cette référence et à cette clé.", status: .unprocessableContent)
            }
            throw WebError.redirect(to: "/factures?message=liee")
        }
        routes.get("/factures/:reference", .signedIn) { request, context, principal in
            let invoice = try await mine(context, principal)
            let notices = ["refuse": "Le paiement n'a pas abouti : la facture reste à payer.", "attente": "Votre paiement est en cours de confirmation."]
            return try await InvoicePage(services: services).render(invoice, context: context,
                                                                     notice: request.uri.queryParameters.get("message").flatMap { notices[String($0)] })
        }
        routes.get("/factures/:reference/recu", .signedIn) { _, context, principal in
            try await InvoicePage(services: services).receipt(try await mine(context, principal), context: context)
        }
        routes.get("/factures/:reference/pdf", .signedIn) { request, context, principal in
            let invoice = try await mine(context, principal)
            guard let id = invoice.documentID, let document = try await DocumentStore(member: context.store, blobs: services.blobs).document(id) else {
                throw WebError.notFound("Cette facture n'a pas de version PDF.")
            }
            return try await DocumentDownload.response(document, blobs: services.blobs, member: context.tenant.slug, request: request)
        }
    }

    /// The signed-in citizen's invoice with this reference (404 for anyone else's).
    func mine(_ context: TenantRequestContext, _ principal: Principal) async throws -> Invoice {
        guard let account = UUID(uuidString: principal.id),
              let invoice = try await InvoiceStore(context.store).invoice(reference: context.parameters.get("reference") ?? ""),
              invoice.accountID == account else { throw WebError.notFound("Cette facture n'existe pas ou n'est pas dans votre espace.") }
        return invoice
    }

    func list(_ context: TenantRequestContext, _ principal: Principal, notice: String? = nil, error: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let account = UUID(uuidString: principal.id) else { throw WebError.notFound() }
        let today = FrenchDate.iso(Date())
        let invoices = try await InvoiceStore(context.store).invoices(of: account)
        func rows(_ selected: [Invoice]) -> [[String: Any]] { selected.map { InvoicePage.summary($0, today: today) } }
        let toPay = invoices.filter { !$0.isPaid }
        // The intercommunality's bills (water…) are its own, paid on its portal with an account there.
        let elsewhere = services.directory.current.activeTenants
            .filter { $0.kind == .intercommunality && $0.slug != context.tenant.slug && $0.modules.contains(.billing) }
            .map { ["name": $0.name, "link": services.portal($0.slug) + "/factures"] }
        return services.pages.render("billing-mine", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "elsewhere": elsewhere,
            "csrf": context.session?.record.csrf ?? "", "notice": notice ?? false, "error": error ?? false,
            "toPay": rows(toPay), "hasToPay": !toPay.isEmpty, "paid": rows(invoices.filter(\.isPaid)), "hasPaid": invoices.contains(where: \.isPaid),
            "total": Euros.french(toPay.reduce(0) { $0 + $1.amountCents }),
        ], status: status)
    }
}
