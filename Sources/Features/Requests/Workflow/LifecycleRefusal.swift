/// Why an action on a request was refused; the request is left unchanged. `reason` is French.
public enum LifecycleRefusal: Error, Hashable, Sendable {
    case invalidWorkflow([WorkflowProblem])
    /// The request's status is no longer in the workflow (the workflow was edited).
    case statusNotInWorkflow(String)
    case unknownTransition(String)
    /// `status`: the label of the current status.
    case notFromStatus(transition: String, status: String)
    case missingPermission(String)
    case requestClosed
    case notBulk(String)
    case agentsOnly
    case citizenOnly
    case notRequester
    case citizenMayNotReply(status: String)
    case emptyReply
    case emptyNote
    case emptyMessage
    case alreadyAssigned
    case invalidText(AnswerProblem)

    public var reason: String {
        switch self {
        case .invalidWorkflow(let problems):
            "Le circuit de traitement n'est pas valide : " + problems.map(\.message).joined(separator: " ")
        case .statusNotInWorkflow(let status): "Le statut « \(status) » de la demande n'existe plus dans le circuit de traitement."
        case .unknownTransition(let id): "L'action « \(id) » n'existe pas pour cette démarche."
        case .notFromStatus(let transition, let status):
            "L'action « \(transition) » n'est pas possible quand la demande est « \(status) »."
        case .missingPermission(let permission): "Vous n'avez pas la permission nécessaire (\(permission))."
        case .requestClosed: "La demande est close."
        case .notBulk(let transition): "L'action « \(transition) » ne peut pas être appliquée à plusieurs demandes à la fois."
        case .agentsOnly: "Seuls les agents peuvent faire cela."
        case .citizenOnly: "Seul le demandeur peut répondre à la demande."
        case .notRequester: "Vous n'êtes pas l'auteur de cette demande."
        case .citizenMayNotReply(let status): "Vous ne pouvez pas répondre quand la demande est « \(status) »."
        case .emptyReply: "Écrivez un message ou joignez un document."
        case .emptyNote: "La note est vide."
        case .emptyMessage: "Le message est vide."
        case .alreadyAssigned: "La demande est déjà attribuée à ce destinataire."
        case .invalidText(let problem): problem.message
        }
    }
}
