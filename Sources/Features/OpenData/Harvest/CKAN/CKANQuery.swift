import Foundation

/// The part of Solr's query syntax CKAN harvesters send in `q` and `fq`: terms joined by
/// spaces or `AND` (all must hold), alternatives by `OR`, a leading `-` to exclude, parentheses
/// (ignored), `field:value` on `id`, `name`, `organization`/`owner_org`, `tags`, `res_format`,
/// `license_id`, and `metadata_modified`/`metadata_created` ranges (`[2026-01-01T00:00:00Z TO *]`);
/// a bare word searches titles, descriptions and keywords; `*:*` matches everything.
struct CKANQuery: Sendable {
    struct Term: Sendable {
        var negated: Bool
        var field: String?
        var value: String
    }

    /// Every group must match; a group matches when one of its terms does.
    var groups: [[Term]] = []

    static let fields: Set<String> = ["id", "name", "organization", "owner_org", "tags", "res_format", "license_id",
                                      "metadata_modified", "metadata_created", "title", "text"]

    init(_ text: String?, parameter: String) throws(CKANError) {
        guard let text, text.count <= 2000 else {
            if text != nil { throw .validation(parameter, "Search Query is invalid: too long") }
            return
        }
        var pendingOr = false
        for token in Self.tokens(text) {
            if token == "AND" || token == "&&" { continue }
            if token == "OR" || token == "||" {
                pendingOr = !groups.isEmpty
                continue
            }
            if token == "*:*" || token == "*" { continue }
            var body = Substring(token)
            let negated = body.hasPrefix("-") || body.hasPrefix("!")
            if negated || body.hasPrefix("+") { body = body.dropFirst() }
            var term = Term(negated: negated, field: nil, value: String(body).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            if let colon = body.firstIndex(of: ":"), !body.hasPrefix("[") {
                let field = String(body[..<colon])
                guard Self.fields.contains(field) else {
                    throw .validation(parameter, "Search Query is invalid: unknown field \"\(field)\"")
                }
                term.field = field
                term.value = String(body[body.index(after: colon)...]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if field.hasPrefix("metadata_"), CKANDates.range(term.value) == nil {
                    throw .validation(parameter, "Search Query is invalid: bad range \(term.value)")
                }
            }
            guard !term.value.isEmpty else { continue }
            if pendingOr, !groups.isEmpty { groups[groups.count - 1].append(term) } else { groups.append([term]) }
            pendingOr = false
        }
    }

    /// Words, with `[… TO …]` ranges and `"quoted phrases"` kept whole, parentheses dropped.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var closing: Character?
        for character in text {
            if let end = closing {
                current.append(character)
                if character == end { closing = nil }
            } else if character == "[" || character == "\"" {
                current.append(character)
                closing = character == "[" ? "]" : "\""
            } else if character == "(" || character == ")" || character.isWhitespace {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    func matches(_ package: CKANPackage) -> Bool {
        groups.allSatisfy { group in group.contains { term in matches(term, package) != term.negated } }
    }

    private func matches(_ term: Term, _ package: CKANPackage) -> Bool {
        let value = term.value
        switch term.field {
        case "id": return package.id == value
        case "name": return package.name == value
        case "organization", "owner_org": return package.organizationName == value || package.organizationID == value
        case "tags": return package.entry.dataset.keywords.contains { $0 == value }
        case "res_format": return package.resources.contains { $0.format.label.caseInsensitiveCompare(value) == .orderedSame }
        case "license_id": return package.entry.dataset.licence.ckanID == value
        case "metadata_modified": return CKANDates.range(value)?.contains(package.entry.modified) ?? false
        case "metadata_created": return CKANDates.range(value)?.contains(package.entry.dataset.createdAt) ?? false
        default: return Self.fold(package.searchText).contains(Self.fold(value))
        }
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }
}
