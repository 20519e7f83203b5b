import Billing
import Foundation
import Testing

@Suite("PaymentAttempt: every transition, repeated and contradictory results, refusals")
struct PaymentAttemptTests {
    let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    let open = PaymentAttempt.InvoiceSituation(amountCents: 4_250, isPaid: false, hasAttemptInProgress: false)

    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    func started() throws -> PaymentAttempt {
        try PaymentAttempt.start(id: UUID(), invoice: UUID(), refdet: "F2026000001A1", situation: open, at: t0).0
    }

    func pending() throws -> PaymentAttempt {
        var attempt = try started()
        try attempt.apply(.sessionCreated(idOp: "op-1", lifetime: 900), at: at(0))
        return attempt
    }

    func paid(_ cents: Int = 4_250, method: PaymentMethod = .card) -> AttemptEvent {
        .resultFetched(.paid(method: method, amountCents: cents, authorisation: "A12345", paidAt: at(3)))
    }

    func refusal(_ attempt: PaymentAttempt, _ event: AttemptEvent, at time: Date? = nil) -> AttemptRefusal? {
        do {
            _ = try attempt.applying(event, at: time ?? at(5))
            return nil
        } catch {
            return error
        }
    }

    @Test("start: the invoice's whole amount; refused when paid, being paid, or of no amount")
    func start() throws {
        let (attempt, effects) = try PaymentAttempt.start(id: UUID(), invoice: UUID(), refdet: "R1", situation: open, at: t0)
        #expect(attempt.state == .created && attempt.amountCents == 4_250 && effects.count == 1)
        #expect(throws: AttemptRefusal.invoiceAlreadyPaid) {
            try PaymentAttempt.start(id: UUID(), invoice: UUID(), refdet: "R2", situation: .init(amountCents: 1, isPaid: true, hasAttemptInProgress: false), at: t0)
        }
        #expect(throws: AttemptRefusal.attemptInProgress) {
            try PaymentAttempt.start(id: UUID(), invoice: UUID(), refdet: "R3", situation: .init(amountCents: 1, isPaid: false, hasAttemptInProgress: true), at: t0)
        }
        #expect(throws: AttemptRefusal.invalidAmount(0)) {
            try PaymentAttempt.start(id: UUID(), invoice: UUID(), refdet: "R4", situation: .init(amountCents: 0, isPaid: false, hasAttemptInProgress: false), at: t0)
        }
    }

    @Test("created → pending with the operation id and its lifetime; → failed when the provider refuses")
    func session() throws {
        let attempt = try pending()
        #expect(attempt.state == .pending && attempt.idOp == "op-1" && attempt.expiresAt == at(15))
        #expect(refusal(attempt, .sessionCreated(idOp: "op-2", lifetime: 900)) == .notExpected(event: "création de l'opération", state: .pending))
        var failed = try started()
        try failed.apply(.creationFailed(reason: "P5 : refdet déjà utilisé"), at: at(0))
        #expect(failed.state == .failed)
        #expect(refusal(failed, paid()) == .notExpected(event: "résultat du paiement", state: .failed))
        #expect(refusal(try started(), paid()) == .notExpected(event: "résultat du paiement", state: .created))
        #expect(refusal(try started(), .sessionCreated(idOp: "", lifetime: 900)) == .invalidOperation(""))
    }

    @Test("paid once: the first « paid » records the payment; repeats record nothing; a contrary result is refused")
    func paidOnce() throws {
        var attempt = try pending()
        let effects = try attempt.apply(paid(method: .debit), at: at(4))
        #expect(attempt.state == .paid && attempt.method == .debit)
        #expect(effects.contains(.recordPayment(method: .debit, amountCents: 4_250, authorisation: "A12345", paidAt: at(3))))
        #expect(try attempt.apply(paid(method: .debit), at: at(5)).isEmpty, "a repeated notification")
        #expect(try attempt.apply(paid(method: .debit), at: at(40)).isEmpty, "the reconciliation after the notification")
        #expect(refusal(attempt, .resultFetched(.refused)) == .alreadyPaid)
        #expect(refusal(attempt, .resultFetched(.abandoned)) == .alreadyPaid)
        #expect(refusal(attempt, .resultFetched(.pending)) == .alreadyPaid)
        #expect(refusal(try pending(), paid(4_000)) == .amountMismatch(expected: 4_250, received: 4_000))
    }

    @Test("refused and abandoned settle once; still pending changes nothing before the lifetime, abandons after")
    func otherOutcomes() throws {
        var refused = try pending()
        #expect(try refused.apply(.resultFetched(.refused), at: at(2)).contains(.notifyPayer("Votre paiement a été refusé ; la facture reste à payer.")))
        #expect(refused.state == .refused)
        #expect(try refused.apply(.resultFetched(.refused), at: at(3)).isEmpty)
        #expect(try refused.apply(.resultFetched(.pending), at: at(3)).isEmpty)
        #expect(refusal(refused, .resultFetched(.abandoned)) == .notExpected(event: "changement de résultat", state: .refused))
        var abandoned = try pending()
        try abandoned.apply(.resultFetched(.abandoned), at: at(2))
        #expect(abandoned.state == .abandoned)
        #expect(refusal(abandoned, .resultFetched(.refused)) == .notExpected(event: "changement de résultat", state: .abandoned))
        var waiting = try pending()
        #expect(try waiting.apply(.resultFetched(.pending), at: at(14)).isEmpty)
        #expect(waiting.state == .pending && !waiting.needsSettlement(now: at(14)) && waiting.needsSettlement(now: at(15)))
        try waiting.apply(.resultFetched(.pending), at: at(16))
        #expect(waiting.state == .abandoned)
    }

    @Test("a late confirmation after « abandoned » is still recorded (money received is never lost)")
    func lateConfirmation() throws {
        var attempt = try pending()
        try attempt.apply(.resultFetched(.pending), at: at(16))
        #expect(attempt.state == .abandoned)
        let effects = try attempt.apply(paid(), at: at(20))
        #expect(attempt.state == .paid && effects.contains { if case .recordPayment = $0 { true } else { false } })
    }
}
