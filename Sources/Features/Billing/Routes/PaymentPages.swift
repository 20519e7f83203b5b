import Foundation
import Hummingbird
import Identity
import Logging
import Tenancy
import TenantStore
import Web

/// The payment's routes: the citizen's « Payer » (to the provider's page), the provider's
/// notification (it only names the operation: the result is fetched), and the payer's return.
struct PaymentPages: Sendable {
    let services: BillingServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.form("/factures/:reference/payer", .signedIn, ButtonForm.self) { _, context, principal, _ in
            let invoice = try await MyInvoicesPages(services: services).mine(context, principal)
            guard let account = UUID(uuidString: principal.id) else { throw WebError.notFound() }
            do {
                let page = try await PaymentService(services: services, tenant: context.tenant).start(invoice, account: account, email: principal.label)
                throw WebError.redirect(to: page)
            } catch let error as WebError where error.status == .conflict || error.status == .serviceUnavailable {
                context.logger.notice("payment not started", metadata: ["invoice": "\(invoice.reference)", "reason": "\(error.detail ?? error.title)"])
                return try await InvoicePage(services: services).render(invoice, context: context, error: error.detail ?? error.title, status: error.status)
            }
        }
        // PayFiP posts `idop` (form-encoded) when an operation ends; nothing else is trusted.
        routes.post("/factures/paiements/notification", .public) { request, context in
            var request = request
            let body = (try? await request.collectBody(upTo: 4096)).map { String(buffer: $0) } ?? ""
            let fields = Dictionary(body.split(separator: "&").compactMap { pair -> (String, String)? in
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
                return parts.count == 2 ? (parts[0].lowercased(), parts[1]) : nil
            }, uniquingKeysWith: { first, _ in first })
            guard let idOp = fields["idop"] ?? request.uri.queryParameters.get("idop").map({ String($0) }), (1...64).contains(idOp.count) else {
                throw WebError.badRequest("Notification sans identifiant d'opération.")
            }
            guard let attempt = try await AttemptStore(context.store).attempt(idOp: idOp) else {
                context.logger.notice("payment notification for an unknown operation", metadata: ["idOp": "\(idOp.prefix(64))"])
                throw WebError.notFound("Opération inconnue.")
            }
            try await PaymentService(services: services, tenant: context.tenant).settle(attempt.id)
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: .init(string: "OK")))
        }
        // The payer comes back (the session cookie may not travel with a cross-site redirect: the
        // attempt's id, unguessable, is the key; the page shows the outcome and the reference only).
        routes.get("/factures/paiements/:attempt/retour", .public) { _, context in
            guard let id = UUID(uuidString: context.parameters.get("attempt") ?? ""),
                  try await AttemptStore(context.store).attempt(id) != nil else { throw WebError.notFound("Ce paiement n'existe pas.") }
            let attempt = try await PaymentService(services: services, tenant: context.tenant).settle(id)
            let reference = try await InvoiceStore(context.store).invoice(attempt?.invoice ?? UUID())?.reference ?? ""
            let (title, message, ok): (String, String, Bool) = switch attempt?.state {
            case .paid: ("Paiement enregistré", "Merci : votre paiement de la facture \(reference) est enregistré. Le reçu est disponible dans « Mes factures ».", true)
            case .refused: ("Paiement refusé", "Le paiement a été refusé ; la facture \(reference) reste à payer.", false)
            case .abandoned: ("Paiement abandonné", "Le paiement a été abandonné ; la facture \(reference) reste à payer.", false)
            default: ("Paiement en cours de confirmation", "Nous attendons la confirmation du service de paiement ; la facture sera marquée payée dès sa réception.", true)
            }
            return services.pages.render("billing-payment-outcome", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
                "title": title, "message": message, "ok": ok, "reference": reference,
            ])
        }
    }
}
