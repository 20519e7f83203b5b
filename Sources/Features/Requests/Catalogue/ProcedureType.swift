import Foundation

/// A procedure type of a member (« Signalement d'un dépôt sauvage »), at one version of its form
/// and workflow.
struct ProcedureType: Sendable {
    var id: UUID
    /// `depots-sauvages`: the address (`/demarches/depots-sauvages`), Open311's `service_code`
    /// and the numbers' prefix (`DEPOTS-SAUVAGES-2026-000042`).
    var slug: String
    var title: String
    var description: String
    var allowsAnonymous: Bool
    /// A competence of the intercommunality, offered on every member commune's portal as well.
    var offeredToMembers: Bool
    var published: Bool
    var open311Group: String
    var delay: ProcessingDelay
    /// The type's current version (what `form` and `workflow` are, unless loaded at an older one).
    var currentVersion: Int
    var version: Int
    var form: FormDefinition
    var workflow: WorkflowDefinition

    /// The first address field: a located type (an Open311 service).
    var locationField: FormField? {
        form.inputFields.first { if case .address = $0.kind { true } else { false } }
    }

    var isLocated: Bool { locationField != nil }

    static func validSlug(_ slug: String) -> Bool {
        slug.count <= 40 && slug.wholeMatch(of: #/[a-z][a-z0-9]*(-[a-z0-9]+)*/#) != nil
    }
}

/// A procedure offered on a portal: the type and the member that processes it.
struct OfferedProcedure: Sendable {
    var owner: OwnerRef
    var type: ProcedureType
}

/// The member that processes a request (its schema holds it).
struct OwnerRef: Sendable, Hashable {
    var slug: String
    var name: String
}
