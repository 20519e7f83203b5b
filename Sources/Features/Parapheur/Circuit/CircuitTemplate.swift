import Foundation

/// The ordered steps a folder goes through, as an administrator designed them.
public struct CircuitTemplate: Codable, Equatable, Sendable {
    public var steps: [StepTemplate]

    public init(steps: [StepTemplate]) {
        self.steps = steps
    }

    /// Throws `CircuitError.invalidTemplate` for the first problem found, in step order.
    public func validate() throws(CircuitError) {
        guard !steps.isEmpty else { throw .invalidTemplate(.noSteps) }
        for (index, step) in steps.enumerated() {
            let desks = step.assignment.desks
            if desks.isEmpty { throw .invalidTemplate(.noDesk(step: index)) }
            if Set(desks).count != desks.count { throw .invalidTemplate(.duplicateDesk(step: index)) }
            if step.kind != .visa, step.format == nil { throw .invalidTemplate(.missingFormat(step: index)) }
            if step.kind == .seal, step.assignment.requiresEveryDesk {
                throw .invalidTemplate(.sealBySeveralDesks(step: index))
            }
        }
    }
}

/// Why a circuit template cannot be used. Step indices start at 0; reasons count from 1.
public enum TemplateProblem: Equatable, Sendable {
    case noSteps
    /// A step whose desk list is empty.
    case noDesk(step: Int)
    /// A desk listed twice in one `anyOf` or `allOf`.
    case duplicateDesk(step: Int)
    /// A signature or seal step without a format.
    case missingFormat(step: Int)
    /// A seal step for `allOf` desks: the organisation's seal is applied once.
    case sealBySeveralDesks(step: Int)

    /// The reason shown to the agent designing the circuit (French).
    public var reason: String {
        switch self {
        case .noSteps:
            "Le circuit doit comporter au moins une étape."
        case .noDesk(let step):
            "L'étape \(step + 1) n'est attribuée à aucun bureau."
        case .duplicateDesk(let step):
            "L'étape \(step + 1) cite plusieurs fois le même bureau."
        case .missingFormat(let step):
            "L'étape \(step + 1) doit préciser le format de signature (PAdES ou CAdES)."
        case .sealBySeveralDesks(let step):
            "L'étape \(step + 1) : le cachet est apposé une seule fois, il ne peut pas attendre tous les bureaux d'une liste."
        }
    }
}
