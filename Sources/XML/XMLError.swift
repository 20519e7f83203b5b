/// Why a document or a schema was refused. `message` carries libxml2's own text when libxml2
/// found the problem; `line` is the line of the offending construct when one is known.
public struct XMLError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Larger than `XMLLimits.maxBytes`; nothing was parsed.
        case tooLarge
        /// Elements nested deeper than `XMLLimits.maxDepth`.
        case tooDeep
        /// The document has a DOCTYPE: refused before any entity is declared, expanded or loaded.
        case doctypeRefused
        /// Not well-formed XML (or not readable): libxml2's first error.
        case malformed
        /// An XSD that could not be read or compiled.
        case schemaUnavailable
    }

    public var kind: Kind
    public var message: String
    public var line: Int?

    public init(kind: Kind, message: String, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
    }

    public var description: String {
        let name = switch kind {
        case .tooLarge: "too large"
        case .tooDeep: "too deep"
        case .doctypeRefused: "DOCTYPE refused"
        case .malformed: "malformed"
        case .schemaUnavailable: "schema unavailable"
        }
        if let line { return "XML \(name), line \(line): \(message)" }
        return "XML \(name): \(message)"
    }
}
