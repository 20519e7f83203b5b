/// What makes a workflow unusable; `message` is shown to the agent who designs it (French).
public enum WorkflowProblem: Hashable, Sendable {
    case noStatuses
    case invalidStatusID(String)
    case duplicateStatus(String)
    case statusLabel(String)
    case unknownInitialStatus(String)
    case finalInitialStatus(String)
    case noFinalStatus
    case unreachableStatus(String)
    /// A status that is not final but that no transition leaves: its requests would be stuck.
    case deadEnd(String)
    case invalidTransitionID(String)
    case duplicateTransition(String)
    case transitionLabel(String)
    case noOrigin(transition: String)
    case unknownStatus(transition: String, status: String)
    case leavesFinalStatus(transition: String, status: String)
    case invalidPermission(transition: String, permission: String)
    case messageLength(transition: String)
    case unclosedPlaceholder(transition: String)
    case unknownPlaceholder(transition: String, name: String)

    public var message: String {
        switch self {
        case .noStatuses: "Le circuit de traitement doit comporter au moins un statut."
        case .invalidStatusID(let id):
            "L'identifiant de statut « \(id) » n'est pas valide : une lettre minuscule puis des lettres minuscules, chiffres, « _ » ou « - » (40 caractères au plus)."
        case .duplicateStatus(let id): "Le statut « \(id) » est défini plusieurs fois."
        case .statusLabel(let id): "Le libellé du statut « \(id) » doit comporter de 1 à 200 caractères."
        case .unknownInitialStatus(let id): "Le statut initial « \(id) » n'existe pas."
        case .finalInitialStatus(let id): "Le statut initial « \(id) » ne peut pas être un statut final."
        case .noFinalStatus: "Le circuit de traitement doit comporter au moins un statut final."
        case .unreachableStatus(let id): "Le statut « \(id) » ne peut être atteint depuis le statut initial."
        case .deadEnd(let id): "Aucune action ne permet de sortir du statut « \(id) », qui n'est pas final."
        case .invalidTransitionID(let id):
            "L'identifiant d'action « \(id) » n'est pas valide : une lettre minuscule puis des lettres minuscules, chiffres, « _ » ou « - » (40 caractères au plus)."
        case .duplicateTransition(let id): "L'action « \(id) » est définie plusieurs fois."
        case .transitionLabel(let id): "Le libellé de l'action « \(id) » doit comporter de 1 à 200 caractères."
        case .noOrigin(let id): "L'action « \(id) » doit partir d'au moins un statut."
        case .unknownStatus(let id, let status): "L'action « \(id) » mentionne un statut inconnu (« \(status) »)."
        case .leavesFinalStatus(let id, let status):
            "L'action « \(id) » ne peut pas partir du statut final « \(status) »."
        case .invalidPermission(let id, let permission):
            "La permission « \(permission) » de l'action « \(id) » n'est pas valide (par exemple requests.process)."
        case .messageLength(let id): "Le message de l'action « \(id) » doit comporter de 1 à 5000 caractères."
        case .unclosedPlaceholder(let id): "Le message de l'action « \(id) » contient un « {{ » non refermé."
        case .unknownPlaceholder(let id, let name):
            "Le message de l'action « \(id) » utilise « {{\(name)}} » : seuls {{numero}}, {{statut}} et {{demarche}} sont possibles."
        }
    }
}
