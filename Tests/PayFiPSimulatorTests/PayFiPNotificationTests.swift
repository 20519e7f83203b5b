import Foundation
import NIOHTTP1
import PayFiPSimulator
import Payments
import TestSupport
import Testing

@Suite("PayFiP simulator: notifications delivered, repeated, delayed, dropped")
struct PayFiPNotificationTests {
    @Test("repeated 3 times for one operation: three POSTs of idop")
    func repeated() async throws {
        try await WebhookReceiver.with { receiver in
            try await SimulatorHarness.with { harness in
                let session = try await harness.provider.create(SimulatorHarness.creation(notify: receiver.url("/ok")))
                let set = try await harness.request(.PUT, "/_simulateur/operations/\(session.idOp)/notification", body: #"{"mode": "repeat", "times": 3}"#)
                #expect(set.status == 200)
                _ = try await harness.pay(session.idOp, "card")
                #expect(try await receiver.waitFor(3, within: .seconds(10)))
                try await Task.sleep(for: .milliseconds(200))
                #expect(receiver.requests.count == 3)
                #expect(Set(receiver.requests.map { String(decoding: $0.body, as: UTF8.self) }) == ["idop=\(session.idOp)"])
                #expect(try await harness.operation(session.idOp).notificationsSent == 3)
            }
        }
    }

    @Test("delayed globally: nothing at first, the POST after the delay")
    func delayed() async throws {
        try await WebhookReceiver.with { receiver in
            try await SimulatorHarness.with { harness in
                #expect(try await harness.request(.PUT, "/_simulateur/notifications", body: #"{"mode": "delay", "delayMs": 1500}"#).status == 200)
                let session = try await harness.provider.create(SimulatorHarness.creation(notify: receiver.url("/ok")))
                _ = try await harness.pay(session.idOp, "debit")
                try await Task.sleep(for: .milliseconds(500))
                #expect(receiver.requests.isEmpty)
                #expect(try await receiver.waitFor(1, within: .seconds(10)))
                // The result does not wait for the notification.
                #expect(try await harness.provider.result(of: session.idOp).outcome == .paidByDirectDebit)
            }
        }
    }

    @Test("dropped: no POST at all, the result is there all the same")
    func dropped() async throws {
        try await WebhookReceiver.with { receiver in
            try await SimulatorHarness.with { harness in
                let session = try await harness.provider.create(SimulatorHarness.creation(notify: receiver.url("/ok")))
                _ = try await harness.request(.PUT, "/_simulateur/operations/\(session.idOp)/notification", body: #"{"mode": "drop"}"#)
                _ = try await harness.pay(session.idOp, "card")
                try await Task.sleep(for: .seconds(1))
                #expect(receiver.requests.isEmpty)
                #expect(try await harness.operation(session.idOp).notificationsSent == 0)
                #expect(try await harness.provider.result(of: session.idOp).outcome == .paidByCard)
            }
        }
    }

    @Test("a notification the receiver fails is counted, never retried")
    func failedNotRetried() async throws {
        try await WebhookReceiver.with { receiver in
            try await SimulatorHarness.with { harness in
                let session = try await harness.provider.create(SimulatorHarness.creation(notify: receiver.url("/fail")))
                _ = try await harness.pay(session.idOp, "refused")
                #expect(try await receiver.waitFor(1, within: .seconds(10)))
                try await Task.sleep(for: .milliseconds(500))
                #expect(receiver.requests.count == 1)
                let operation = try await harness.operation(session.idOp)
                #expect(operation.notificationsSent == 1)
                #expect(operation.notificationsFailed == 1)
            }
        }
    }
}

@Suite("PayFiP adapter against the simulator: unknown, expired, unavailable")
struct PayFiPLifecycleTests {
    @Test("an idOp never created is unknown (P1)")
    func unknown() async throws {
        try await SimulatorHarness.with { harness in
            let error = await #expect(throws: PaymentProviderError.self) { try await harness.provider.result(of: "NOSUCHOPERATION") }
            #expect(error?.kind == .unknownOperation(idOp: "NOSUCHOPERATION"))
            #expect(error?.faultCode == "P1")
            #expect(error?.operation == .result)
            #expect(error?.endpoint == harness.simulator.endpoint.absoluteString)
        }
    }

    @Test("past its 15 minutes: the page refuses, P5 stays until the purge, then P1; `createdAt` tells expired")
    func expired() async throws {
        try await SimulatorHarness.with { harness in
            let session = try await harness.provider.create(SimulatorHarness.creation(notify: "http://127.0.0.1:1/none"))
            #expect(try await harness.request(.POST, "/_simulateur/operations/\(session.idOp)/expire").status == 200)
            #expect(try await harness.request(.GET, "/tpa/paiementws.web?idop=\(session.idOp)").status == 410)
            #expect(try await harness.pay(session.idOp, "card").status == 410)
            #expect(try await harness.provider.result(of: session.idOp).outcome == .pending)
            let error = await #expect(throws: PaymentProviderError.self) {
                try await harness.provider.result(of: session.idOp, createdAt: Date().addingTimeInterval(-21 * 60))
            }
            #expect(error?.kind == .expired(idOp: session.idOp))
            // A fresh operation is merely pending with the same call.
            #expect(try await harness.provider.result(of: session.idOp, createdAt: Date()).outcome == .pending)

            // The expired operation no longer holds its refdet.
            _ = try await harness.provider.create(SimulatorHarness.creation(refdet: (try await harness.operation(session.idOp)).refdet,
                                                                            notify: "http://127.0.0.1:1/none"))
            #expect(try await harness.request(.POST, "/_simulateur/purge").body == #"{"purged":1}"#)
            await #expect(throws: PaymentProviderError(kind: .unknownOperation(idOp: session.idOp), operation: .result,
                                                       endpoint: harness.simulator.endpoint.absoluteString, faultCode: "P1",
                                                       faultMessage: "L'identifiant de l'opération est inconnu.", httpStatus: 500)) {
                try await harness.provider.result(of: session.idOp)
            }
        }
    }

    @Test("the simulator down: unavailable, retryable, with the endpoint")
    func down() async throws {
        let (provider, endpoint) = try await SimulatorHarness.with { harness in (harness.provider, harness.simulator.endpoint) }
        let error = await #expect(throws: PaymentProviderError.self) {
            try await provider.create(SimulatorHarness.creation(notify: "http://127.0.0.1:1/none"))
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.isRetryable == true)
        #expect(error?.endpoint == endpoint.absoluteString)
        let lookup = await #expect(throws: PaymentProviderError.self) { try await provider.result(of: "X") }
        #expect(lookup?.kind == .unavailable)
    }

    @Test("a request that is not SOAP gets a client fault, which the adapter would call an invalid request")
    func notSOAP() async throws {
        try await SimulatorHarness.with { harness in
            let answer = try await harness.request(.POST, "/tpa/services/securite", body: "<!DOCTYPE x><x/>", contentType: "text/xml")
            #expect(answer.status == 500)
            #expect(answer.body.contains("S:Client"))
        }
    }
}
