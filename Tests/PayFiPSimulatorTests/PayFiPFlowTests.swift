import Foundation
import NIOHTTP1
import PayFiPSimulator
import Payments
import TestSupport
import Testing

@Suite("PayFiP adapter against the simulator: creation, the page, the four outcomes")
struct PayFiPFlowTests {
    @Test("create, then the page: four buttons; « Payer par carte » records P, notifies, redirects with idop")
    func browserCard() async throws {
        try await WebhookReceiver.with { receiver in
            try await SimulatorHarness.with { harness in
                let session = try await harness.provider.create(SimulatorHarness.creation(notify: receiver.url("/ok")))
                #expect(session.redirectURL.absoluteString == harness.simulator.paymentPage.absoluteString + "?idop=" + session.idOp)
                #expect(try await harness.provider.result(of: session.idOp).outcome == .pending)

                let page = try await harness.request(.GET, "/tpa/paiementws.web?idop=\(session.idOp)")
                #expect(page.status == 200)
                for label in ["Payer par carte", "Payer par prélèvement", "Refuser", "Abandonner", "42,50"] {
                    #expect(page.body.contains(label), "\(label)")
                }
                let chosen = try await harness.request(.POST, "/tpa/paiementws.web", body: "idop=\(session.idOp)&choix=card",
                                                       contentType: "application/x-www-form-urlencoded")
                #expect(chosen.status == 303)
                #expect(chosen.headers["location"] == "https://mairie.example.org/paiements/retour?facture=12&idop=\(session.idOp)")

                let result = try await harness.provider.result(of: session.idOp)
                #expect(result.outcome == .paidByCard)
                #expect(result.amountCents == 4_250)
                #expect(result.refdet.hasPrefix("FAC"))
                #expect(result.numauto?.count == 6)
                #expect(abs(try #require(result.paidAt).timeIntervalSinceNow) < 120)

                #expect(try await receiver.waitFor(1, within: .seconds(10)))
                #expect(receiver.requests.first?.headers["content-type"] == "application/x-www-form-urlencoded")
                #expect(receiver.requests.first.map { String(decoding: $0.body, as: UTF8.self) } == "idop=\(session.idOp)")

                let again = try await harness.request(.GET, "/tpa/paiementws.web?idop=\(session.idOp)")
                #expect(again.status == 409)
            }
        }
    }

    @Test("each outcome through the control endpoint maps to its result", arguments: [
        ("card", PaymentOutcome.paidByCard, "P"), ("debit", .paidByDirectDebit, "V"), ("refused", .refused, "R"), ("abandoned", .abandoned, "A"),
    ])
    func outcomes(_ choice: String, _ outcome: PaymentOutcome, _ resultrans: String) async throws {
        try await WebhookReceiver.with { receiver in
            try await SimulatorHarness.with { harness in
                let session = try await harness.provider.create(SimulatorHarness.creation(notify: receiver.url("/ok")))
                let answer = try await harness.pay(session.idOp, choice)
                #expect(answer.status == 200)
                let result = try await harness.provider.result(of: session.idOp)
                #expect(result.outcome == outcome)
                #expect(result.resultrans == resultrans)
                #expect((result.numauto != nil) == (outcome == .paidByCard))
                #expect(try await harness.pay(session.idOp, choice).status == 409)
                #expect(try await receiver.waitFor(1, within: .seconds(10)))
            }
        }
    }

    @Test("a refdet pending or paid is refused for the same numcli and exer; a refused one may be tried again")
    func duplicateRefdet() async throws {
        try await SimulatorHarness.with { harness in
            let creation = SimulatorHarness.creation(refdet: "FAC2026DUP001", notify: "http://127.0.0.1:1/none")
            let first = try await harness.provider.create(creation)
            let error = await #expect(throws: PaymentProviderError.self) { try await harness.provider.create(creation) }
            guard case .invalidRequest(let code, _) = error?.kind else {
                Issue.record("not an invalid request: \(String(describing: error))")
                return
            }
            #expect(code == "SIM-REFDET")
            #expect(error?.faultCode == "SIM-REFDET")
            #expect(error?.httpStatus == 500)
            #expect(error?.isRetryable == false)

            var otherYear = creation
            otherYear.exer = 2025
            _ = try await harness.provider.create(otherYear)

            _ = try await harness.pay(first.idOp, "refused")
            let retry = try await harness.provider.create(creation)
            _ = try await harness.pay(retry.idOp, "card")
            await #expect(throws: PaymentProviderError.self) { try await harness.provider.create(creation) }
        }
    }

    @Test("a creation PayFiP would refuse is refused before any call")
    func localValidation() async throws {
        try await SimulatorHarness.with { harness in
            var creation = SimulatorHarness.creation(notify: "http://127.0.0.1:1/none")
            creation.numcli = "ABC"
            let error = await #expect(throws: PaymentProviderError.self) { try await harness.provider.create(creation) }
            #expect(error?.kind == .invalidRequest(code: "local", message: "numcli must be 6 digits"))
            #expect(error?.endpoint == nil)
            let list = try await harness.request(.GET, "/_simulateur/operations")
            #expect(list.body == "[]")
        }
    }
}
