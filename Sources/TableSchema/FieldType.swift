/// A Table Schema field type. Types the module does not check cell by cell (`object`, `array`,
/// `geopoint`…) are kept as `.other(name)` and accept any text, as `any` does.
public enum FieldType: Sendable, Equatable, Hashable {
    case string, number, integer, boolean, date, datetime, time, year, yearmonth, any
    case other(String)

    public init(name: String) {
        switch name {
        case "string": self = .string
        case "number": self = .number
        case "integer": self = .integer
        case "boolean": self = .boolean
        case "date": self = .date
        case "datetime": self = .datetime
        case "time": self = .time
        case "year": self = .year
        case "yearmonth": self = .yearmonth
        case "any": self = .any
        default: self = .other(name)
        }
    }

    /// The name the schema uses.
    public var name: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .integer: "integer"
        case .boolean: "boolean"
        case .date: "date"
        case .datetime: "datetime"
        case .time: "time"
        case .year: "year"
        case .yearmonth: "yearmonth"
        case .any: "any"
        case .other(let name): name
        }
    }

    /// Whether cells of this type are numbers (what formula neutralisation spares).
    public var isNumeric: Bool { self == .number || self == .integer }
}
