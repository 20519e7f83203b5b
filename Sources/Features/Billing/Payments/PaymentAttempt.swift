import Foundation

/// One attempt to pay an invoice through the payment provider: a pure value, persisted as JSON.
/// Created with `start`, then moved by what the provider says (`apply`); nothing here reads a
/// clock, a database or the network. An invoice is paid once: only the first « paid » of an
/// attempt records a payment, and `start` refuses an invoice already paid or being paid.
public struct PaymentAttempt: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable {
        /// Numbered, the provider not asked yet.
        case created
        /// The provider gave an operation id; the citizen is on its page.
        case pending
        case paid
        case refused
        case abandoned
        /// The provider refused to create the operation.
        case failed

        public var isSettled: Bool { self != .created && self != .pending }
    }

    public let id: UUID
    public let invoice: UUID
    /// PayFiP's `refdet`: unique per attempt.
    public let refdet: String
    public let amountCents: Int
    public internal(set) var state: State
    public internal(set) var idOp: String?
    /// When the provider forgets the operation (its result is final from then on).
    public internal(set) var expiresAt: Date?
    public internal(set) var method: PaymentMethod?
    public internal(set) var history: [AttemptEntry]

    /// What the invoice is when someone wants to pay it.
    public struct InvoiceSituation: Equatable, Sendable {
        public var amountCents: Int
        public var isPaid: Bool
        public var hasAttemptInProgress: Bool

        public init(amountCents: Int, isPaid: Bool, hasAttemptInProgress: Bool) {
            self.amountCents = amountCents
            self.isPaid = isPaid
            self.hasAttemptInProgress = hasAttemptInProgress
        }
    }

    /// A new attempt for the invoice's whole amount; refused if it is paid or being paid.
    public static func start(id: UUID, invoice: UUID, refdet: String, situation: InvoiceSituation,
                             at time: Date) throws(AttemptRefusal) -> (PaymentAttempt, [AttemptEffect]) {
        guard !situation.isPaid else { throw .invoiceAlreadyPaid }
        guard !situation.hasAttemptInProgress else { throw .attemptInProgress }
        guard situation.amountCents > 0 else { throw .invalidAmount(situation.amountCents) }
        let entry = AttemptEntry(at: time, event: .started(amountCents: situation.amountCents))
        let attempt = PaymentAttempt(id: id, invoice: invoice, refdet: refdet, amountCents: situation.amountCents, state: .created,
                                     idOp: nil, expiresAt: nil, method: nil, history: [entry])
        return (attempt, [.journal(entry)])
    }

    /// Whether its result must be fetched now by the reconciliation (pending past its lifetime).
    public func needsSettlement(now: Date) -> Bool {
        state == .pending && (expiresAt.map { now >= $0 } ?? true)
    }
}

/// How an invoice was paid.
public enum PaymentMethod: String, Codable, Sendable {
    case card
    case debit
}

/// What the provider says about an operation.
public enum ProviderOutcome: Equatable, Sendable {
    case paid(method: PaymentMethod, amountCents: Int, authorisation: String, paidAt: Date)
    case refused
    case abandoned
    /// Not finished (the citizen is still on the page) or not known yet.
    case pending
}

/// What happens to an attempt.
public enum AttemptEvent: Equatable, Sendable {
    /// The provider created the operation; it lives `lifetime` seconds.
    case sessionCreated(idOp: String, lifetime: TimeInterval)
    /// The provider refused to create it (`reason` in French, for the journal).
    case creationFailed(reason: String)
    /// The result fetched from the provider (after a notification, the citizen's return, or the
    /// reconciliation).
    case resultFetched(ProviderOutcome)
}

/// What the caller must do after an event.
public enum AttemptEffect: Equatable, Sendable {
    /// Record the payment (once: the invoice's payment is unique) and mark the invoice paid.
    case recordPayment(method: PaymentMethod, amountCents: Int, authorisation: String, paidAt: Date)
    /// Tell the payer (French).
    case notifyPayer(String)
    case journal(AttemptEntry)
}

/// One line of an attempt's journal.
public struct AttemptEntry: Codable, Equatable, Sendable {
    public enum Event: Codable, Equatable, Sendable {
        case started(amountCents: Int)
        case sessionCreated(idOp: String)
        case creationFailed(reason: String)
        case settled(state: PaymentAttempt.State, authorisation: String?)
        case stillPending
    }

    public let at: Date
    public let event: Event
}
