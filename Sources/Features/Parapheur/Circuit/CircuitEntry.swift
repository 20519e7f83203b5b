import Foundation

/// One line of a circuit's history (append only, kept across resubmissions).
public struct CircuitEntry: Codable, Equatable, Sendable {
    public var at: Date
    public var action: ActionKind
    /// The step the action concerns (0-based); 0 for a resubmission.
    public var step: Int
    /// The desk acted as; `nil` for an administrator's bypass.
    public var desk: DeskID?
    /// The desk the account acted through when acting by delegation ("B pour A": B is `through`, A `desk`).
    public var through: DeskID?
    /// `nil` when done by `.system`.
    public var account: AccountID?
    /// The comment, or the reason of a rejection.
    public var comment: String?
    /// The desk a transfer went to, the desk an opinion was asked of, the desk an opinion went back to.
    public var target: DeskID?
    /// For an undo: the index in the history of the entry it undid.
    public var undoes: Int?

    public init(at: Date, action: ActionKind, step: Int, desk: DeskID?, through: DeskID? = nil,
                account: AccountID?, comment: String? = nil, target: DeskID? = nil, undoes: Int? = nil) {
        self.at = at
        self.action = action
        self.step = step
        self.desk = desk
        self.through = through
        self.account = account
        self.comment = comment
        self.target = target
        self.undoes = undoes
    }

    /// Who acted, as shown in the history: "Maire", or "Adjoint pour Maire" by delegation.
    public func signatory(naming name: (DeskID) -> String) -> String? {
        guard let desk else { return nil }
        guard let through else { return name(desk) }
        return "\(name(through)) pour \(name(desk))"
    }
}
