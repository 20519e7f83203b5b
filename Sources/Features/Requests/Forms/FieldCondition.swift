/// Shows an item only when an earlier choice or yes/no field has a given answer: equal to `value`
/// for a single choice, among its values for a multiple choice, `oui` or `non` for a yes/no field.
public struct FieldCondition: Codable, Equatable, Sendable {
    /// The key of the earlier field.
    public var field: String
    /// A choice value of that field (`oui`/`non` for a yes/no field).
    public var value: String

    public init(field: String, equals value: String) {
        self.field = field
        self.value = value
    }

    /// Whether it holds given the (normalised) answers of the earlier fields; a field without an
    /// answer (unanswered, invalid or itself hidden) satisfies no condition.
    public func holds(in answers: [String: AnswerValue]) -> Bool {
        switch answers[field] {
        case .choice(let chosen): chosen == value
        case .choices(let chosen): chosen.contains(value)
        case .bool(let yes): value == (yes ? YesNo.yes : YesNo.no)
        default: false
        }
    }
}
