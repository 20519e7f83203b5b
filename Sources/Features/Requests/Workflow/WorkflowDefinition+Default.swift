extension WorkflowDefinition {
    /// The workflow a procedure type starts with: Reçue → En cours d'instruction ⇄ En attente de
    /// pièces, then Acceptée or Refusée → Clôturée. Every action needs `requests.process`.
    public static let standard = WorkflowDefinition(
        statuses: [
            WorkflowStatus(id: "recue", label: "Reçue"),
            WorkflowStatus(id: "instruction", label: "En cours d'instruction"),
            WorkflowStatus(id: "attente-pieces", label: "En attente de pièces", citizenMayReply: true),
            WorkflowStatus(id: "acceptee", label: "Acceptée"),
            WorkflowStatus(id: "refusee", label: "Refusée"),
            WorkflowStatus(id: "cloturee", label: "Clôturée", isFinal: true),
        ],
        initialStatus: "recue",
        transitions: [
            WorkflowTransition(
                id: "prendre-en-charge", label: "Prendre en charge", from: ["recue"], to: "instruction",
                message: "Votre demande {{numero}} ({{demarche}}) est désormais « {{statut}} ».", allowsBulk: true),
            WorkflowTransition(
                id: "demander-pieces", label: "Demander des pièces", from: ["instruction"], to: "attente-pieces",
                message: "Pour instruire votre demande {{numero}} ({{demarche}}), nous avons besoin de pièces "
                    + "complémentaires. Vous pouvez les déposer depuis votre espace."),
            WorkflowTransition(
                id: "reprendre", label: "Reprendre l'instruction", from: ["attente-pieces"], to: "instruction",
                message: "Votre demande {{numero}} est de nouveau « {{statut}} »."),
            WorkflowTransition(
                id: "accepter", label: "Accepter", from: ["instruction"], to: "acceptee",
                message: "Votre demande {{numero}} ({{demarche}}) a été acceptée."),
            WorkflowTransition(
                id: "refuser", label: "Refuser", from: ["instruction", "attente-pieces"], to: "refusee",
                message: "Votre demande {{numero}} ({{demarche}}) a été refusée."),
            WorkflowTransition(
                id: "cloturer", label: "Clôturer", from: ["acceptee", "refusee"], to: "cloturee", allowsBulk: true),
        ])
}
