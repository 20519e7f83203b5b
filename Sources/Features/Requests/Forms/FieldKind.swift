import Foundation

/// What an item asks for, with its limits. Encoded as `{"<kind>": {<limits>}}`.
public enum FieldKind: Codable, Equatable, Sendable {
    /// One line of text, trimmed, without control characters.
    case shortText(maxLength: Int)
    /// Several lines of text: newlines kept (`\r\n` becomes `\n`), other control characters refused.
    case longText(maxLength: Int)
    /// A number, typed with a decimal point or comma (`12,5`), spaces between thousands allowed.
    case number(minimum: Decimal? = nil, maximum: Decimal? = nil, integerOnly: Bool = false)
    /// A day, typed `AAAA-MM-JJ` or `JJ/MM/AAAA`.
    case date(minimum: CalendarDate? = nil, maximum: CalendarDate? = nil)
    case singleChoice(choices: [Choice])
    /// Any number of the choices (at least one when required).
    case multipleChoice(choices: [Choice])
    /// `oui` or `non` (also `true`/`false`, `1`/`0`, `on` for a checkbox).
    case yesNo
    /// A document already uploaded: the answer is its id. The upload itself is checked elsewhere
    /// (against `mediaTypes` and `maxBytes`).
    case file(mediaTypes: [String], maxBytes: Int)
    /// A postal address, with optional coordinates posted as `<key>.latitude` and `<key>.longitude`.
    case address
    case email
    /// A French phone number, normalised to `+33XXXXXXXXX`.
    case phone
    /// A French establishment number (14 digits, Luhn key; La Poste's sum-of-digits rule).
    case siret
    /// An IBAN of France or a SEPA country (ISO 13616 key), normalised without spaces, upper case.
    case iban
    /// A section title (the label); takes no answer.
    case section
    /// An explanatory text shown between fields; takes no answer.
    case explanation(text: String)

    /// Whether the item takes an answer.
    public var isInput: Bool {
        switch self {
        case .section, .explanation: false
        default: true
        }
    }

    /// The choices of a single or multiple choice; nil for other kinds.
    public var choices: [Choice]? {
        switch self {
        case .singleChoice(let choices), .multipleChoice(let choices): choices
        default: nil
        }
    }

    /// The values a condition on a field of this kind may test; nil when it cannot be tested.
    public var conditionValues: [String]? {
        if case .yesNo = self { return [YesNo.yes, YesNo.no] }
        return choices?.map(\.value)
    }
}

/// One option of a choice field.
public struct Choice: Codable, Equatable, Sendable {
    /// What is posted and stored, `^[a-z0-9][a-z0-9_-]{0,63}$`.
    public var value: String
    /// What people read (1–200 characters).
    public var label: String

    public init(_ value: String, _ label: String) {
        self.value = value
        self.label = label
    }
}

/// The stored values of a yes/no answer, as conditions name them.
public enum YesNo {
    public static let yes = "oui"
    public static let no = "non"
}
