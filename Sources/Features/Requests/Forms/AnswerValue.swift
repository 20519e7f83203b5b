import Foundation

/// A normalised answer to one field, as stored with the request (JSON).
public enum AnswerValue: Codable, Hashable, Sendable {
    /// Short or long text, trimmed.
    case text(String)
    /// A number as a canonical decimal string: `-12.5`, `1000`, `0.25` (point, no thousands separator).
    case number(String)
    case date(CalendarDate)
    /// The value of the chosen option.
    case choice(String)
    /// The values of the chosen options, in the form's order.
    case choices([String])
    case bool(Bool)
    /// The id of an uploaded document.
    case document(UUID)
    case address(PostalAddress)
    /// An e-mail address (domain in lower case).
    case email(String)
    /// `+33XXXXXXXXX`.
    case phone(String)
    /// 14 digits.
    case siret(String)
    /// Upper case, without spaces.
    case iban(String)
}

/// An address as typed, with the point picked on a map if any.
public struct PostalAddress: Codable, Hashable, Sendable {
    public var text: String
    /// Both or neither; WGS 84 degrees.
    public var latitude: Double?
    public var longitude: Double?

    public init(text: String, latitude: Double? = nil, longitude: Double? = nil) {
        self.text = text
        self.latitude = latitude
        self.longitude = longitude
    }
}
