import Composition
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Jobs
import Postgres
import Synchronization
import Tenancy
import TestSupport
import Testing

/// Paying invoices through the PayFiP simulator `Ops/test` starts (a separate process): every
/// outcome, notifications repeated, late or missing, two tabs at once — one payment each time.
@Suite("Billing: payments through the PayFiP simulator, exactly once", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["MUTUALIS_TEST_PAYFIP_PORT"] != nil, "the PayFiP simulator is started by Ops/test"))
struct BillingPaymentsTests {
    static let host = "camon.localhost"
    static var port: Int { Int(ProcessInfo.processInfo.environment["MUTUALIS_TEST_PAYFIP_PORT"] ?? "") ?? 15380 }
    static var environment: [String: String] {
        ["MUTUALIS_PAYFIP_ENDPOINT": "http://127.0.0.1:\(port)/tpa/services/securite", "MUTUALIS_PAYFIP_PAGE": "http://127.0.0.1:\(port)/tpa/paiementws.web",
         "MUTUALIS_PAYFIP_SETTLE_AFTER_SECONDS": "5"]
    }

    /// A control request to the simulator (JSON).
    static func simulator(_ method: String, _ path: String, _ json: String = "") async throws -> RawHTTP.Response {
        let request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\nContent-Length: \(json.utf8.count)\r\nConnection: close\r\n\r\n\(json)"
        return try await RawHTTP.onThread { try RawHTTP.exchange(port: port, request: Array(request.utf8)) }
    }

    static func payments(_ reference: String) -> String {
        "SELECT count(*) FROM tenant_camon.billing_payments p JOIN tenant_camon.billing_invoices i ON i.id = p.invoice_id WHERE i.reference = '\(reference)'"
    }

    @Test("card: three notifications, a return, the reconciliation — one payment; the receipt; two tabs cannot both start")
    func paidOnce() async throws {
        try await TestPlatform.with(environment: Self.environment) { platform in
            _ = try await platform.account("camon", "parent@camon.fr", roles: [])
            _ = try await platform.account("camon", "autre@camon.fr", roles: [])
            try await platform.test { client in
                let parent = try await client.signIn(Self.host, "parent@camon.fr")
                let csrf = try #require(signedInTokens.withLock { $0[parent] })
                #expect(try await client.send(.post, "/factures/lier", host: Self.host, cookie: parent,
                                              body: form(["csrf": csrf, "reference": "CRE-2026-0011", "cle": "2F55D614"])).status == .seeOther)
                // Two tabs at once: one goes to the payment page, the other is told a payment is in progress.
                async let first = client.send(.post, "/factures/CRE-2026-0011/payer", host: Self.host, cookie: parent, body: form(["csrf": csrf]))
                async let second = client.send(.post, "/factures/CRE-2026-0011/payer", host: Self.host, cookie: parent, body: form(["csrf": csrf]))
                let answers = try await [first, second]
                #expect(answers.filter { $0.status == .seeOther }.count == 1 && answers.filter { $0.status == .conflict }.count == 1,
                        "\(answers.map(\.status))")
                let page = try #require(answers.first { $0.status == .seeOther }?.headers[.location])
                #expect(page.hasPrefix("http://127.0.0.1:\(Self.port)/tpa/paiementws.web?idop="))
                let idOp = String(try #require(page.split(separator: "=").last))
                let other = try await client.signIn(Self.host, "autre@camon.fr")
                #expect(try await client.send(.post, "/factures/CRE-2026-0011/payer", host: Self.host, cookie: other,
                                              body: form(["csrf": try #require(signedInTokens.withLock { $0[other] })])).status == .notFound)

                let chosen = try await Self.simulator("POST", "/_simulateur/operations/\(idOp)/outcome", #"{"outcome": "card", "redirect": false}"#)
                #expect(chosen.status == 200, "\(chosen.body)")
                let back = try #require(chosen.body.replacingOccurrences(of: "\\/", with: "/").firstMatch(of: #/factures/paiements/([0-9a-f-]{36})/retour/#).map { String($0.1) })
                for _ in 0..<3 {
                    let notified = try await client.send(.post, "/factures/paiements/notification", host: Self.host, body: "idop=\(idOp)")
                    #expect(notified.status == .ok)
                }
                #expect(try await platform.count(Self.payments("CRE-2026-0011")) == 1)
                let returned = try await client.send(.get, "/factures/paiements/\(back)/retour?idop=\(idOp)", host: Self.host)
                #expect(returned.status == .ok && returned.text.contains("Paiement enregistré"))
                #expect(try await platform.count(Self.payments("CRE-2026-0011")) == 1, "the return after the notifications adds nothing")
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.events WHERE type = 'billing.payment.recorded'") == 1)
                let receipt = try await client.send(.get, "/factures/CRE-2026-0011/recu", host: Self.host, cookie: parent)
                #expect(receipt.status == .ok && receipt.text.contains("carte bancaire") && receipt.text.contains("185,00"))
                #expect(try await client.send(.get, "/factures/CRE-2026-0011/recu", host: Self.host, cookie: other).status == .notFound)
                #expect(try await client.send(.post, "/factures/CRE-2026-0011/payer", host: Self.host, cookie: parent, body: form(["csrf": csrf])).status == .conflict,
                        "a paid invoice is not paid again")
                #expect(try await client.send(.post, "/factures/paiements/notification", host: Self.host, body: "idop=inconnu").status == .notFound)
                #expect(try await client.send(.post, "/factures/paiements/notification", host: Self.host, body: "rien=1").status == .badRequest)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.notifications WHERE family = 'billing'") == 1, "the payer is told once")
            }
        }
    }

    @Test("refused, then paid by direct debit without notification nor return: the reconciliation records it; an abandoned operation is closed")
    func reconciliation() async throws {
        try await TestPlatform.with(environment: Self.environment) { platform in
            _ = try await platform.account("camon", "parent@camon.fr", roles: [])
            try await platform.test { client in
                let parent = try await client.signIn(Self.host, "parent@camon.fr")
                let csrf = try #require(signedInTokens.withLock { $0[parent] })
                for (reference, key) in [("ALSH-2026-0042", "EA451870"), ("CRE-2026-0012", "C2DAB1E3")] {
                    #expect(try await client.send(.post, "/factures/lier", host: Self.host, cookie: parent,
                                                  body: form(["csrf": csrf, "reference": reference, "cle": key])).status == .seeOther)
                }
                func start(_ reference: String) async throws -> (idOp: String, attempt: String) {
                    let answer = try await client.send(.post, "/factures/\(reference)/payer", host: Self.host, cookie: parent, body: form(["csrf": csrf]))
                    let location = try #require(answer.headers[.location], "\(answer.status) \(answer.text.prefix(500))")
                    let idOp = String(try #require(location.split(separator: "=").last))
                    let operation = try await Self.simulator("GET", "/_simulateur/operations/\(idOp)")
                    return (idOp, try #require(operation.body.replacingOccurrences(of: "\\/", with: "/").firstMatch(of: #/factures/paiements/([0-9a-f-]{36})/retour/#).map { String($0.1) }))
                }
                let refused = try await start("ALSH-2026-0042")
                _ = try await Self.simulator("POST", "/_simulateur/operations/\(refused.idOp)/outcome", #"{"outcome": "refused", "redirect": false}"#)
                let told = try await client.send(.get, "/factures/paiements/\(refused.attempt)/retour", host: Self.host)
                #expect(told.text.contains("Paiement refusé"))
                #expect(try await platform.count(Self.payments("ALSH-2026-0042")) == 0)

                let debit = try await start("ALSH-2026-0042")
                _ = try await Self.simulator("PUT", "/_simulateur/operations/\(debit.idOp)/notification", #"{"mode": "drop"}"#)
                _ = try await Self.simulator("POST", "/_simulateur/operations/\(debit.idOp)/outcome", #"{"outcome": "debit", "redirect": false}"#)
                let abandoned = try await start("CRE-2026-0012")
                _ = try await Self.simulator("POST", "/_simulateur/operations/\(abandoned.idOp)/expire")
                #expect(try await platform.count(Self.payments("ALSH-2026-0042")) == 0, "nobody told the portal yet")
                try await Task.sleep(for: .seconds(6))
                _ = try await platform.services.postgres.withTransaction { connection in
                    try await JobEnqueuer.enqueue(NewJob(queue: "billing", kind: "billing.reconcile", tenant: try TenantSlug("camon"),
                                                         payload: PostgresJSON(text: "{}")), on: connection)
                }
                try await platform.withWorker {
                    let settled = try await platform.eventually {
                        try await platform.count("SELECT count(*) FROM tenant_camon.billing_attempts WHERE state IN ('created', 'pending')") == 0
                    }
                    #expect(settled)
                }
                #expect(try await platform.count(Self.payments("ALSH-2026-0042")) == 1)
                #expect(try await platform.count("SELECT count(*) FROM tenant_camon.billing_payments WHERE method = 'debit'") == 1)
                #expect(try await platform.count("""
                    SELECT count(*) FROM tenant_camon.billing_attempts a JOIN tenant_camon.billing_invoices i ON i.id = a.invoice_id
                    WHERE i.reference = 'CRE-2026-0012' AND a.state = 'abandoned'
                    """) == 1)
                #expect(try await platform.count(Self.payments("CRE-2026-0012")) == 0)
                let again = try await client.send(.post, "/factures/CRE-2026-0012/payer", host: Self.host, cookie: parent, body: form(["csrf": csrf]))
                #expect(again.status == .seeOther, "an abandoned attempt no longer blocks the invoice")
                let report = try await client.send(.get, "/administration/factures/rapport", host: Self.host, cookie: parent)
                #expect(report.status == .forbidden, "citizens do not see the regie's report")
            }
        }
    }
}
