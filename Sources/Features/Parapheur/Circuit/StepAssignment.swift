import Foundation

/// The desks a step is assigned to.
public enum StepAssignment: Equatable, Hashable, Sendable {
    /// One desk.
    case desk(DeskID)
    /// Any one of these desks completes the step.
    case anyOf([DeskID])
    /// Every one of these desks must act; the step completes with the last of them.
    case allOf([DeskID])

    /// The desks, in the template's order.
    public var desks: [DeskID] {
        switch self {
        case .desk(let desk): [desk]
        case .anyOf(let desks), .allOf(let desks): desks
        }
    }

    /// Whether every desk must act (`allOf`).
    public var requiresEveryDesk: Bool {
        if case .allOf = self { true } else { false }
    }
}

/// Persisted as `{"mode": "desk" | "anyOf" | "allOf", "desks": [UUID]}`.
extension StepAssignment: Codable {
    private enum CodingKeys: String, CodingKey { case mode, desks }
    private enum Mode: String, Codable { case desk, anyOf, allOf }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let desks = try container.decode([DeskID].self, forKey: .desks)
        switch try container.decode(Mode.self, forKey: .mode) {
        case .desk:
            guard desks.count == 1, let desk = desks.first else {
                throw DecodingError.dataCorruptedError(forKey: .desks, in: container,
                                                       debugDescription: "A single-desk step has exactly one desk.")
            }
            self = .desk(desk)
        case .anyOf: self = .anyOf(desks)
        case .allOf: self = .allOf(desks)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let mode: Mode = switch self {
        case .desk: .desk
        case .anyOf: .anyOf
        case .allOf: .allOf
        }
        try container.encode(mode, forKey: .mode)
        try container.encode(desks, forKey: .desks)
    }
}
