import Foundation

/// One operation the simulator holds, as `creerPaiementSecurise` registered it and as the
/// payer (or a script) finished it. Listed by `GET /_simulateur/operations`.
public struct SimulatedOperation: Sendable, Codable, Equatable {
    public var idOp: String
    public var numcli: String
    public var exer: String
    public var refdet: String
    public var montant: String
    public var mel: String
    public var objet: String
    public var saisie: String
    public var urlnotif: String
    public var urlredirect: String
    public var createdAt: Date
    /// Empty while nobody chose; then P, V, R or A.
    public var resultrans: String = ""
    public var dattrans: String = ""
    public var heurtrans: String = ""
    public var numauto: String = ""
    public var finishedAt: Date?
    /// Notifications sent (each POST), and those that did not get a 2xx answer.
    public var notificationsSent: Int = 0
    public var notificationsFailed: Int = 0
    /// "pending", "expired" (15 minutes passed without a choice) or "finished".
    public var state: String = "pending"

    public var isFinished: Bool { !resultrans.isEmpty }
    public var isPaid: Bool { resultrans == "P" || resultrans == "V" }

    /// The key under which a refdet is unique while its operation is pending or paid.
    var debtKey: String { "\(numcli)/\(exer)/\(refdet)" }
}
