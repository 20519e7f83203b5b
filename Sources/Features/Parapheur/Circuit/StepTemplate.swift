import Foundation

/// A desk (bureau): a role of the commune (Secrétariat, Maire…) held by one or more agents.
public typealias DeskID = UUID

/// An agent's account.
public typealias AccountID = UUID

/// What a step of a circuit asks of its desks.
public enum StepKind: String, Codable, Sendable, CaseIterable {
    /// The desk reads the folder and approves it (visa).
    case visa
    /// An agent of the desk signs the documents with a personal certificate.
    case signature
    /// The documents are sealed with the organisation's certificate (cachet serveur).
    case seal

    /// The French sentence saying what the step expects, for error messages.
    var expectation: String {
        switch self {
        case .visa: "Cette étape attend un visa."
        case .signature: "Cette étape attend une signature."
        case .seal: "Cette étape attend un cachet."
        }
    }
}

/// The electronic signature format of a signature or seal step.
public enum SignatureFormat: String, Codable, Sendable, CaseIterable {
    /// Signature embedded in the PDF (PAdES).
    case pades
    /// Detached signature (CAdES).
    case cades
}

/// One step of a circuit template: what is asked, of which desks, in which format.
public struct StepTemplate: Codable, Equatable, Sendable {
    public var kind: StepKind
    public var assignment: StepAssignment
    /// The signature format of a signature or seal step; `nil` for a visa.
    public var format: SignatureFormat?

    public init(kind: StepKind, assignment: StepAssignment, format: SignatureFormat? = nil) {
        self.kind = kind
        self.assignment = assignment
        self.format = format
    }

    /// A visa step.
    public static func visa(_ assignment: StepAssignment) -> StepTemplate {
        StepTemplate(kind: .visa, assignment: assignment)
    }

    /// A signature step.
    public static func signature(_ assignment: StepAssignment, format: SignatureFormat = .pades) -> StepTemplate {
        StepTemplate(kind: .signature, assignment: assignment, format: format)
    }

    /// A seal step.
    public static func seal(_ assignment: StepAssignment, format: SignatureFormat = .pades) -> StepTemplate {
        StepTemplate(kind: .seal, assignment: assignment, format: format)
    }
}
