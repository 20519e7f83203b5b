import Foundation

/// Who attempts an action: an account with the desks it holds and the delegations it has right now,
/// or `.system` (the automatic seal).
public struct CircuitActor: Equatable, Sendable {
    /// `nil` only for `.system`.
    public let account: AccountID?
    /// The desks the account holds (titulaire).
    public let desks: Set<DeskID>
    /// The delegations active now, from the delegating desk A to the desk B (held by the account)
    /// through which the account acts for A. The caller resolves them for the current time.
    public let delegations: [DeskID: DeskID]
    public let isAdministrator: Bool

    public init(account: AccountID, desks: Set<DeskID> = [], delegations: [DeskID: DeskID] = [:],
                isAdministrator: Bool = false) {
        self.account = account
        self.desks = desks
        self.delegations = delegations
        self.isAdministrator = isAdministrator
    }

    private init() {
        account = nil
        desks = []
        delegations = [:]
        isAdministrator = false
    }

    /// The platform itself: may only `seal`, as any desk of a seal step.
    public static let system = CircuitActor()

    public var isSystem: Bool { account == nil }

    /// How the account may act as `desk`: as its holder (`through == nil`, preferred) or by delegation.
    func acting(as desk: DeskID) -> ActingDesk? {
        if desks.contains(desk) { return ActingDesk(desk: desk, through: nil) }
        if let through = delegations[desk] { return ActingDesk(desk: desk, through: through) }
        return nil
    }
}

/// The desk an action is done as, and the desk it was done through when by delegation ("B pour A").
struct ActingDesk: Equatable, Sendable {
    var desk: DeskID
    var through: DeskID?
}
