import Foundation

/// Why an action on a circuit was refused. The circuit is left unchanged.
public enum CircuitError: Error, Equatable, Sendable {
    /// The template cannot be used (see `TemplateProblem`).
    case invalidTemplate(TemplateProblem)
    /// The circuit is completed: nothing more can happen to it.
    case folderCompleted
    /// The folder was rejected: only its emitter desk may resubmit it.
    case folderRejected
    /// `resubmit` on a folder that was not rejected.
    case notRejected
    /// The desk chosen with `as:` is neither held by the account nor delegated to it.
    case deskNotHeld
    /// None of the actor's desks (held or delegated) is expected now.
    case notYourTurn
    /// The action does not match the step's kind (a visa on a signature step…).
    case wrongAction(expected: StepKind)
    /// A rejection without a reason.
    case reasonRequired
    /// The desk already acted at this `allOf` step.
    case alreadyActed
    /// A second opinion was asked: the folder waits for it.
    case opinionPending
    /// `giveOpinion` while no opinion was asked.
    case noPendingOpinion
    /// A transfer or a request for an opinion addressed to the desk acting.
    case sameDesk
    /// A transfer to a desk the step already expects.
    case deskAlreadyInStep
    /// The account has no action left to undo on this folder.
    case nothingToUndo
    /// Someone acted after the account's last action: it can no longer be undone.
    case undoTooLate
    /// The account's last action is of a kind that cannot be undone (signature, seal, rejection…).
    case cannotUndo(ActionKind)
    /// `bypass` by an account that is not an administrator.
    case notAdministrator
    /// `resubmit` by an account that neither holds the emitter desk nor has its delegation.
    case notEmitter

    /// The reason shown to the agent (French).
    public var reason: String {
        switch self {
        case .invalidTemplate(let problem): problem.reason
        case .folderCompleted: "Le dossier est terminé."
        case .folderRejected: "Le dossier a été rejeté ; seul son bureau émetteur peut le renvoyer."
        case .notRejected: "Le dossier n'a pas été rejeté."
        case .deskNotHeld: "Vous n'êtes ni titulaire ni délégataire de ce bureau."
        case .notYourTurn: "Vous n'êtes ni titulaire ni délégataire du bureau attendu à cette étape."
        case .wrongAction(let kind): kind.expectation
        case .reasonRequired: "Le motif du rejet est obligatoire."
        case .alreadyActed: "Votre bureau a déjà agi à cette étape."
        case .opinionPending: "Un avis a été demandé : le dossier attend la réponse du bureau consulté."
        case .noPendingOpinion: "Aucun avis n'est demandé sur ce dossier."
        case .sameDesk: "Choisissez un autre bureau que celui qui agit."
        case .deskAlreadyInStep: "Ce bureau est déjà attendu à cette étape."
        case .nothingToUndo: "Vous n'avez aucune action à annuler sur ce dossier."
        case .undoTooLate: "L'étape suivante a déjà agi."
        case .cannotUndo(.sign): "Une signature ne peut pas être annulée."
        case .cannotUndo(.seal): "Un cachet ne peut pas être annulé."
        case .cannotUndo(.reject): "Un rejet ne peut pas être annulé ; le bureau émetteur peut renvoyer le dossier."
        case .cannotUndo: "Cette action ne peut pas être annulée."
        case .notAdministrator: "Seul un administrateur peut forcer le passage d'une étape."
        case .notEmitter: "Seul le bureau émetteur peut renvoyer le dossier."
        }
    }
}
