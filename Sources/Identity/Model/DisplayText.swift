import Foundation

/// Names people give (an account's display name, a client's name): trimmed, at most 120
/// characters, no control characters and no bidirectional overrides (which would make a name
/// display as something else in lists and journals).
public enum DisplayText {
    public static let maximumLength = 120

    public static func checked(_ text: String, field: String, required: Bool = false) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !required || !trimmed.isEmpty, trimmed.count <= maximumLength else {
            let span = required ? "de 1 à \(maximumLength)" : "au plus \(maximumLength)"
            throw IdentityError.invalidInput("\(field) doit comporter \(span) caractères.")
        }
        guard trimmed.unicodeScalars.allSatisfy(isAllowed) else {
            throw IdentityError.invalidInput("\(field) contient des caractères de contrôle.")
        }
        return trimmed
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: false  // C0 and C1 controls
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: false  // bidirectional controls
        default: true
        }
    }
}
