import Foundation

extension PaymentAttempt {
    /// The attempt after `event`, and what the caller must do. A repeated result (a notification
    /// delivered three times, the citizen's return after the notification) changes nothing and
    /// asks for nothing; a contradictory one is refused.
    public func applying(_ event: AttemptEvent, at time: Date) throws(AttemptRefusal) -> (PaymentAttempt, [AttemptEffect]) {
        var next = self
        var effects: [AttemptEffect] = []
        switch event {
        case .sessionCreated(let idOp, let lifetime):
            guard state == .created else { throw .notExpected(event: "création de l'opération", state: state) }
            guard !idOp.isEmpty, idOp.count <= 64 else { throw .invalidOperation(idOp) }
            next.state = .pending
            next.idOp = idOp
            next.expiresAt = time.addingTimeInterval(lifetime)
            effects.append(next.record(.sessionCreated(idOp: idOp), at: time))
        case .creationFailed(let reason):
            guard state == .created else { throw .notExpected(event: "échec de la création", state: state) }
            next.state = .failed
            effects.append(next.record(.creationFailed(reason: reason), at: time))
        case .resultFetched(let outcome):
            effects = try next.settle(outcome, at: time)
        }
        return (next, effects)
    }

    @discardableResult
    public mutating func apply(_ event: AttemptEvent, at time: Date) throws(AttemptRefusal) -> [AttemptEffect] {
        let (next, effects) = try applying(event, at: time)
        self = next
        return effects
    }

    private mutating func settle(_ outcome: ProviderOutcome, at time: Date) throws(AttemptRefusal) -> [AttemptEffect] {
        switch (state, outcome) {
        case (.created, _), (.failed, _):
            throw .notExpected(event: "résultat du paiement", state: state)
        case (.pending, .pending):
            // Past the operation's lifetime, an unfinished operation will never be paid.
            guard let expiresAt, time >= expiresAt else { return [] }
            state = .abandoned
            return [record(.settled(state: .abandoned, authorisation: nil), at: time),
                    .notifyPayer("Votre paiement n'a pas abouti ; vous pouvez le recommencer depuis « Mes factures ».")]
        case (_, .paid(let method, let amount, let authorisation, let paidAt)):
            if state == .paid { return [] }
            guard amount == amountCents else { throw .amountMismatch(expected: amountCents, received: amount) }
            // A late confirmation after « abandoned » or « refused » is still money received: recorded.
            state = .paid
            self.method = method
            return [record(.settled(state: .paid, authorisation: authorisation), at: time),
                    .recordPayment(method: method, amountCents: amount, authorisation: authorisation, paidAt: paidAt),
                    .notifyPayer(method == .card ? "Votre paiement par carte est enregistré." : "Votre paiement par prélèvement est enregistré.")]
        case (.paid, .refused), (.paid, .abandoned), (.paid, .pending):
            throw .alreadyPaid
        case (.refused, .refused), (.abandoned, .abandoned), (.refused, .pending), (.abandoned, .pending):
            return []
        case (.refused, .abandoned), (.abandoned, .refused):
            throw .notExpected(event: "changement de résultat", state: state)
        case (.pending, .refused):
            state = .refused
            return [record(.settled(state: .refused, authorisation: nil), at: time),
                    .notifyPayer("Votre paiement a été refusé ; la facture reste à payer.")]
        case (.pending, .abandoned):
            state = .abandoned
            return [record(.settled(state: .abandoned, authorisation: nil), at: time),
                    .notifyPayer("Votre paiement a été abandonné ; la facture reste à payer.")]
        }
    }

    private mutating func record(_ event: AttemptEntry.Event, at time: Date) -> AttemptEffect {
        let entry = AttemptEntry(at: time, event: event)
        history.append(entry)
        return .journal(entry)
    }
}

/// Why an event was refused; the attempt is unchanged. `reason` is French.
public enum AttemptRefusal: Error, Equatable, Sendable {
    case invoiceAlreadyPaid
    case attemptInProgress
    case invalidAmount(Int)
    case invalidOperation(String)
    case notExpected(event: String, state: PaymentAttempt.State)
    case amountMismatch(expected: Int, received: Int)
    case alreadyPaid

    public var reason: String {
        switch self {
        case .invoiceAlreadyPaid: "Cette facture est déjà payée."
        case .attemptInProgress: "Un paiement de cette facture est déjà en cours ; terminez-le ou attendez quelques minutes."
        case .invalidAmount(let cents): "Montant invalide (\(cents) centimes)."
        case .invalidOperation(let id): "Identifiant d'opération invalide (\(id.prefix(64)))."
        case .notExpected(let event, let state): "Événement inattendu (\(event)) pour une tentative « \(state.rawValue) »."
        case .amountMismatch(let expected, let received): "Montant payé (\(received) c) différent du montant dû (\(expected) c)."
        case .alreadyPaid: "La tentative est déjà payée ; un résultat contraire est ignoré."
        }
    }
}
