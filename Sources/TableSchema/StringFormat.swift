import Foundation

/// The `format`s of a `string` field Frictionless checks, with the rules of the libraries it
/// uses: `email` (python-validators), `uri` (rfc3986: a scheme is required, nothing else is
/// checked), `uuid` (Python's `uuid.UUID`: braces, `urn:uuid:` and hyphens tolerated).
enum StringFormat: Sendable {
    case email, uri, uuid, unchecked

    init(format: String) {
        switch format {
        case "email": self = .email
        case "uri": self = .uri
        case "uuid": self = .uuid
        default: self = .unchecked
        }
    }

    func accepts(_ cell: String) -> Bool {
        switch self {
        case .email: Self.isEmail(cell)
        case .uri: Self.isURI(cell)
        case .uuid: Self.isUUID(cell)
        case .unchecked: true
        }
    }

    static func isURI(_ cell: String) -> Bool {
        var scalars = cell.unicodeScalars.makeIterator()
        guard let first = scalars.next(), first.isASCII, first.properties.isAlphabetic else { return false }
        while let scalar = scalars.next() {
            if scalar == ":" { return true }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || scalar == "+" || scalar == "." || scalar == "-" else { return false }
        }
        return false
    }

    static func isUUID(_ cell: String) -> Bool {
        guard !cell.isEmpty else { return false }
        var hex = cell.replacingOccurrences(of: "urn:", with: "").replacingOccurrences(of: "uuid:", with: "")[...]
        while hex.first == "{" || hex.first == "}" { hex.removeFirst() }
        while hex.last == "{" || hex.last == "}" { hex.removeLast() }
        let digits = hex.filter { $0 != "-" }
        return digits.count == 32 && digits.allSatisfy(\.isHexDigit) && digits.allSatisfy(\.isASCII)
    }

    static func isEmail(_ cell: String) -> Bool {
        guard cell.filter({ $0 == "@" }).count == 1, let at = cell.lastIndex(of: "@") else { return false }
        let user = String(cell[..<at]), domain = String(cell[cell.index(after: at)...])
        guard PythonText.length(user[...]) <= 64, PythonText.length(domain[...]) <= 253,
              matches(userExpression, user), !domain.isEmpty,
              !domain.unicodeScalars.contains(where: PythonText.isSpace), !domain.contains("__"),
              let encoded = Punycode.idna(domain) else { return false }
        var trimmed = encoded[...]
        while trimmed.last == "." { trimmed.removeLast() }
        return trimmed.count <= 253 && matches(domainExpression, encoded)
    }

    private static func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, options: [.anchored], range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    private static let latin = #"\u0100-\u017F\u0180-\u024F\u00A0-\u00FF"#
    private static let atom = latin + #"0-9a-z!#$%&'*+/=?^_`{}|~\-"#
    private static let quoted = latin + #"\x01-\x08\x0B\x0C\x0E-\x1F!#-\[\]-\x7F"#
    private static let userExpression = try! NSRegularExpression(
        pattern: "(?:^[\(latin)]|[\(atom)]+(?:\\.[\(atom)]+)*$|^\"(?:[\(quoted)]|\\\\[\\t.])*\")$",
        options: [.caseInsensitive, .useUnixLineSeparators])
    private static let domainExpression = try! NSRegularExpression(
        pattern: #"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z]$"#,
        options: [.caseInsensitive, .useUnixLineSeparators])
}
