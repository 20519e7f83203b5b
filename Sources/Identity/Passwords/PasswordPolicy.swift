import Foundation

/// What a new password must be: at least 12 characters, at most 256, not one of the common
/// passwords shipped with the platform, and not the account's e-mail address.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 12
    public static let maximumLength = 256

    public enum Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        case tooShort
        case tooLong
        case common
        case sameAsEmail

        /// French, for pages and problem documents.
        public var description: String {
            switch self {
            case .tooShort: "Le mot de passe doit comporter au moins \(PasswordPolicy.minimumLength) caractères."
            case .tooLong: "Le mot de passe ne doit pas dépasser \(PasswordPolicy.maximumLength) caractères."
            case .common: "Ce mot de passe est trop courant : choisissez-en un autre."
            case .sameAsEmail: "Le mot de passe ne doit pas être votre adresse électronique."
            }
        }
    }

    private let common: Set<String>

    public init(common: Set<String>) {
        self.common = common
    }

    /// The list in `Resources/common-passwords.txt` (one per line, lowercase).
    public static func shipped() throws -> PasswordPolicy {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let entries = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return PasswordPolicy(common: Set(entries.filter { !$0.isEmpty && !$0.hasPrefix("#") }))
    }

    public var commonCount: Int { common.count }

    public func check(_ password: String, email: EmailAddress?) throws(Rejection) {
        let length = password.count
        guard length >= Self.minimumLength else { throw .tooShort }
        guard length <= Self.maximumLength else { throw .tooLong }
        let folded = password.lowercased()
        guard !common.contains(folded) else { throw .common }
        if let email, folded == email.rawValue || folded == email.rawValue.split(separator: "@").first.map(String.init) {
            throw .sameAsEmail
        }
    }
}
