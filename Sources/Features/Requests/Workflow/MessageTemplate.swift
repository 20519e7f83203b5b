import Foundation

/// The messages of transitions: plain text where `{{numero}}`, `{{statut}}` and `{{demarche}}`
/// (spaces allowed inside the braces) stand for the request's number, its new status and the
/// procedure's name.
public enum MessageTemplate {
    public static let placeholders: Set<String> = ["numero", "statut", "demarche"]

    /// A piece of a template: text as is, or a placeholder's name.
    enum Part: Equatable {
        case text(Substring)
        case placeholder(String)
    }

    /// The placeholders used, in order; nil when a `{{` is not closed.
    public static func placeholders(in template: String) -> [String]? {
        parts(of: template)?.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    /// The names used that are not known placeholders; nil when a `{{` is not closed.
    public static func unknownPlaceholders(in template: String) -> [String]? {
        placeholders(in: template)?.filter { !placeholders.contains($0) }
    }

    /// The message with its placeholders replaced (unknown ones left as written).
    public static func render(_ template: String, values: [String: String]) -> String {
        guard let parts = parts(of: template) else { return template }
        return parts.map { part in
            switch part {
            case .text(let text): String(text)
            case .placeholder(let name): values[name] ?? "{{\(name)}}"
            }
        }.joined()
    }

    static func parts(of template: String) -> [Part]? {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            parts.append(.text(rest[..<open.lowerBound]))
            guard let close = rest[open.upperBound...].range(of: "}}") else { return nil }
            parts.append(.placeholder(String(rest[open.upperBound..<close.lowerBound]).trimmingWhitespace()))
            rest = rest[close.upperBound...]
        }
        parts.append(.text(rest))
        return parts
    }
}
