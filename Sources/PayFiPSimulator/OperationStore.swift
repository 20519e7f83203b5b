import Foundation
import Payments
import Synchronization

/// The simulator's operations, in memory: created by `creerPaiementSecurise`, finished by the
/// payment page or a script, forgotten by the purge (as PayFiP's nightly clean-up forgets an
/// operation that lapsed unfinished).
final class OperationStore: Sendable {
    struct State {
        var operations: [String: SimulatedOperation] = [:]
        var order: [String] = []
        var globalBehaviour = NotificationBehaviour.deliver
        var behaviours: [String: NotificationBehaviour] = [:]
    }

    let lifetime: Duration
    /// Unfinished operations this long after their creation are purged when next looked at.
    let purgeAfter: Duration
    private let state = Mutex(State())

    init(lifetime: Duration, purgeAfter: Duration) {
        self.lifetime = lifetime
        self.purgeAfter = purgeAfter
    }

    private func seconds(_ duration: Duration) -> TimeInterval { Double(duration.components.seconds) }

    private func stateName(_ operation: SimulatedOperation, now: Date) -> String {
        if operation.isFinished { return "finished" }
        return now.timeIntervalSince(operation.createdAt) >= seconds(lifetime) ? "expired" : "pending"
    }

    /// `creerPaiementSecurise`: the fields checked as the simulator knows how, the refdet unique
    /// per numcli and exer among pending and paid operations.
    func create(_ fields: [String: String], now: Date = Date()) -> Result<SimulatedOperation, SimulatorFault> {
        if let fault = SimulatorFault.validation(fields) { return .failure(fault) }
        return state.withLock { state in
            var operation = SimulatedOperation(
                idOp: Self.newIdOp(), numcli: fields["numcli", default: ""], exer: fields["exer", default: ""],
                refdet: fields["refdet", default: ""], montant: fields["montant", default: ""], mel: fields["mel", default: ""],
                objet: fields["objet", default: ""], saisie: fields["saisie", default: ""], urlnotif: fields["urlnotif", default: ""],
                urlredirect: fields["urlredirect", default: ""], createdAt: now
            )
            let taken = state.operations.values.contains { other in
                other.debtKey == operation.debtKey && (other.isPaid || stateName(other, now: now) == "pending")
            }
            if taken { return .failure(.refdetTaken(operation.refdet)) }
            operation.state = "pending"
            state.operations[operation.idOp] = operation
            state.order.append(operation.idOp)
            return .success(operation)
        }
    }

    /// `recupererDetailPaiementSecurise`: a finished operation, else P5 (no result yet) until the
    /// purge, P1 (unknown) after it.
    func detail(_ idOp: String, now: Date = Date()) -> Result<SimulatedOperation, SimulatorFault> {
        state.withLock { state in
            guard let operation = state.operations[idOp] else { return .failure(.unknownOperation) }
            if operation.isFinished { return .success(operation) }
            if now.timeIntervalSince(operation.createdAt) >= seconds(purgeAfter) {
                state.operations[idOp] = nil
                state.order.removeAll { $0 == idOp }
                return .failure(.unknownOperation)
            }
            return .failure(.noResultYet)
        }
    }

    enum FinishProblem: Error {
        case unknown, expired, finished(SimulatedOperation)
    }

    /// Records the payer's choice (once, within the lifetime).
    func finish(_ idOp: String, outcome: SimulatedOutcome, now: Date = Date()) -> Result<SimulatedOperation, FinishProblem> {
        state.withLock { state in
            guard var operation = state.operations[idOp] else { return .failure(.unknown) }
            if operation.isFinished { return .failure(.finished(operation)) }
            if stateName(operation, now: now) == "expired" { return .failure(.expired) }
            let (dattrans, heurtrans) = PayFiPTimestamp.fields(for: now)
            operation.resultrans = outcome.resultrans
            operation.dattrans = dattrans
            operation.heurtrans = heurtrans
            operation.numauto = outcome == .card ? Self.authorisationNumber() : ""
            operation.finishedAt = now
            operation.state = "finished"
            state.operations[idOp] = operation
            return .success(operation)
        }
    }

    func operation(_ idOp: String, now: Date = Date()) -> SimulatedOperation? {
        state.withLock { state in
            state.operations[idOp].map { operation in
                var operation = operation
                operation.state = stateName(operation, now: now)
                return operation
            }
        }
    }

    func list(now: Date = Date()) -> [SimulatedOperation] {
        state.withLock { state in
            state.order.compactMap { state.operations[$0] }.map { operation in
                var operation = operation
                operation.state = stateName(operation, now: now)
                return operation
            }
        }
    }

    /// Moves the operation's creation back by its lifetime: it is expired from now on.
    func expire(_ idOp: String) -> Bool {
        state.withLock { state in
            guard var operation = state.operations[idOp], !operation.isFinished else { return false }
            operation.createdAt = operation.createdAt.addingTimeInterval(-seconds(lifetime) - 1)
            state.operations[idOp] = operation
            return true
        }
    }

    /// The nightly clean-up: unfinished operations past their lifetime are forgotten.
    func purge(now: Date = Date()) -> Int {
        state.withLock { state in
            let lapsed = state.operations.values.filter { stateName($0, now: now) == "expired" }.map(\.idOp)
            for idOp in lapsed { state.operations[idOp] = nil }
            state.order.removeAll { lapsed.contains($0) }
            return lapsed.count
        }
    }

    func reset() {
        state.withLock { $0 = State() }
    }

    func setBehaviour(_ behaviour: NotificationBehaviour, for idOp: String?) -> Bool {
        state.withLock { state in
            guard let idOp else {
                state.globalBehaviour = behaviour
                return true
            }
            guard state.operations[idOp] != nil else { return false }
            state.behaviours[idOp] = behaviour
            return true
        }
    }

    func behaviour(for idOp: String) -> NotificationBehaviour {
        state.withLock { $0.behaviours[idOp] ?? $0.globalBehaviour }
    }

    var globalBehaviour: NotificationBehaviour { state.withLock { $0.globalBehaviour } }

    func recordDelivery(_ idOp: String, delivered: Bool) {
        state.withLock { state in
            state.operations[idOp]?.notificationsSent += 1
            if !delivered { state.operations[idOp]?.notificationsFailed += 1 }
        }
    }

    /// A card authorisation number: 6 digits.
    static func authorisationNumber() -> String {
        let number = String(Int.random(in: 0...999_999))
        return String(repeating: "0", count: 6 - number.count) + number
    }

    /// 20 random digits and capitals, as unguessable as PayFiP's own identifiers need to be.
    static func newIdOp() -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
