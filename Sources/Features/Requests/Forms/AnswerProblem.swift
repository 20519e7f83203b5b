import Foundation

/// Why an answer was refused. `message` is what the citizen reads under the field (French).
public enum AnswerProblem: Error, Hashable, Sendable {
    case required
    /// A key the form does not have (or an item that takes no answer).
    case unknownField
    case singleValueExpected
    case tooLong(maxLength: Int)
    case controlCharacters
    case notANumber
    case notAnInteger
    case belowMinimum(Decimal)
    case aboveMaximum(Decimal)
    case invalidDate
    case dateTooEarly(CalendarDate)
    case dateTooLate(CalendarDate)
    case unknownChoice
    case invalidYesNo
    case invalidDocument
    case addressTextMissing
    case invalidCoordinates
    case invalidEmail
    case invalidPhone
    case siretFormat
    case siretChecksum
    case ibanFormat
    case ibanCountry(String)
    case ibanLength(country: String, expected: Int)
    case ibanChecksum

    public var message: String {
        switch self {
        case .required: "Ce champ est obligatoire."
        case .unknownField: "Ce champ n'existe pas dans le formulaire."
        case .singleValueExpected: "Une seule valeur est attendue."
        case .tooLong(let max): "Ce texte ne doit pas dépasser \(max) caractères."
        case .controlCharacters: "Ce texte contient des caractères non autorisés."
        case .notANumber: "Saisissez un nombre (par exemple 12 ou 12,5)."
        case .notAnInteger: "Saisissez un nombre entier."
        case .belowMinimum(let min): "La valeur doit être supérieure ou égale à \(Self.french(min))."
        case .aboveMaximum(let max): "La valeur doit être inférieure ou égale à \(Self.french(max))."
        case .invalidDate: "Saisissez une date valide au format JJ/MM/AAAA."
        case .dateTooEarly(let date): "La date doit être le \(date.french) ou après."
        case .dateTooLate(let date): "La date doit être le \(date.french) ou avant."
        case .unknownChoice: "Ce choix ne fait pas partie des réponses proposées."
        case .invalidYesNo: "Répondez par oui ou par non."
        case .invalidDocument: "Le document joint n'est pas valide."
        case .addressTextMissing: "Saisissez l'adresse en toutes lettres."
        case .invalidCoordinates: "Les coordonnées du point ne sont pas valides."
        case .invalidEmail: "L'adresse électronique n'est pas valide."
        case .invalidPhone:
            "Le numéro de téléphone n'est pas valide (10 chiffres commençant par 0, ou +33 suivi de 9 chiffres)."
        case .siretFormat: "Le numéro SIRET doit comporter 14 chiffres."
        case .siretChecksum: "Le numéro SIRET n'est pas valide (clé de contrôle)."
        case .ibanFormat: "L'IBAN n'est pas valide : il commence par le code du pays (FR…) suivi de chiffres et de lettres."
        case .ibanCountry(let country): "Les IBAN de ce pays (\(country)) ne sont pas acceptés : seuls ceux de la zone SEPA le sont."
        case .ibanLength(let country, let expected): "Un IBAN \(country) comporte \(expected) caractères."
        case .ibanChecksum: "L'IBAN n'est pas valide (clé de contrôle)."
        }
    }

    private static func french(_ number: Decimal) -> String {
        "\(number)".replacingOccurrences(of: ".", with: ",")
    }
}

/// A refused answer: the field's key (or the unknown posted key) and why.
public struct FieldError: Hashable, Sendable {
    public var key: String
    public var problem: AnswerProblem

    public init(key: String, problem: AnswerProblem) {
        self.key = key
        self.problem = problem
    }

    public var message: String { problem.message }
}

/// The refused answers of a post, in form order (unknown keys last). Nothing is kept.
public struct AnswerErrors: Error, Hashable, Sendable {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    /// The messages to show under the field with this key.
    public func messages(for key: String) -> [String] { errors.filter { $0.key == key }.map(\.message) }

    /// The problems of the field with this key.
    public func problems(for key: String) -> [AnswerProblem] { errors.filter { $0.key == key }.map(\.problem) }
}
