import Foundation

/// A field as the designer's « ajouter un champ » form gives it (all text), turned into a
/// `FormField` or French reasons. Pure: the designer's pages and tests use the same rules.
public struct FieldDraft: Sendable, Equatable {
    public var label: String
    /// Empty: derived from the label (`Nature des déchets` → `nature_des_dechets`).
    public var key: String
    /// `text`, `textarea`, `number`, `date`, `single`, `multiple`, `yesno`, `file`, `address`,
    /// `email`, `phone`, `siret`, `iban`, `section`, `explanation`.
    public var kind: String
    public var help: String
    public var required: Bool
    /// One choice per line, `valeur : libellé` or just the label.
    public var choices: String
    public var maxLength: String
    public var minimum: String
    public var maximum: String
    public var integerOnly: Bool
    /// For a file field: `pdf`, `jpeg`, `png`…
    public var mediaTypes: [String]
    public var maxMegabytes: String
    /// An explanation's text.
    public var text: String
    public var conditionField: String
    public var conditionValue: String

    public init(label: String, key: String = "", kind: String, help: String = "", required: Bool = true, choices: String = "",
                maxLength: String = "", minimum: String = "", maximum: String = "", integerOnly: Bool = false, mediaTypes: [String] = [],
                maxMegabytes: String = "", text: String = "", conditionField: String = "", conditionValue: String = "") {
        self.label = label
        self.key = key
        self.kind = kind
        self.help = help
        self.required = required
        self.choices = choices
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.integerOnly = integerOnly
        self.mediaTypes = mediaTypes
        self.maxMegabytes = maxMegabytes
        self.text = text
        self.conditionField = conditionField
        self.conditionValue = conditionValue
    }

    public static let kinds: [(id: String, label: String)] = [
        ("text", "Texte court"), ("textarea", "Texte long"), ("number", "Nombre"), ("date", "Date"), ("single", "Choix unique"),
        ("multiple", "Choix multiples"), ("yesno", "Oui / non"), ("file", "Fichier"), ("address", "Adresse (avec position)"),
        ("email", "Adresse électronique"), ("phone", "Téléphone"), ("siret", "Numéro SIRET"), ("iban", "IBAN"),
        ("section", "Titre de section"), ("explanation", "Texte explicatif"),
    ]

    public static let fileTypes: [(id: String, mediaType: String, label: String)] = [
        ("pdf", "application/pdf", "PDF"), ("jpeg", "image/jpeg", "JPEG"), ("png", "image/png", "PNG"),
        ("odt", "application/vnd.oasis.opendocument.text", "texte OpenDocument"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    ]

    /// The field, or what is wrong with the draft.
    public func field() -> Result<FormField, DraftErrors> {
        var errors: [String] = []
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...200).contains(label.count) { errors.append("Le libellé doit compter de 1 à 200 caractères.") }
        let key = key.trimmingCharacters(in: .whitespaces).isEmpty ? Self.key(from: label) : key.trimmingCharacters(in: .whitespaces)
        if key.wholeMatch(of: #/[a-z][a-z0-9_]{0,39}/#) == nil {
            errors.append("L'identifiant doit commencer par une lettre et ne contenir que des minuscules, des chiffres et « _ » (40 au plus).")
        }
        func integer(_ text: String, _ name: String, default value: Int) -> Int {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return value }
            guard let number = Int(trimmed), number > 0 else { errors.append("\(name) doit être un entier positif."); return value }
            return number
        }
        func decimal(_ text: String, _ name: String) -> Decimal? {
            let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard !trimmed.isEmpty else { return nil }
            guard let number = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) else { errors.append("\(name) doit être un nombre."); return nil }
            return number
        }
        let kind: FieldKind
        switch self.kind {
        case "text": kind = .shortText(maxLength: integer(maxLength, "La longueur maximale", default: 200))
        case "textarea": kind = .longText(maxLength: integer(maxLength, "La longueur maximale", default: 2000))
        case "number": kind = .number(minimum: decimal(minimum, "Le minimum"), maximum: decimal(maximum, "Le maximum"), integerOnly: integerOnly)
        case "date": kind = .date()
        case "single", "multiple":
            let parsed = Self.choices(choices)
            if parsed.isEmpty { errors.append("Indiquez au moins une option, une par ligne.") }
            kind = self.kind == "single" ? .singleChoice(choices: parsed) : .multipleChoice(choices: parsed)
        case "yesno": kind = .yesNo
        case "file":
            let types = mediaTypes.compactMap { id in Self.fileTypes.first { $0.id == id }?.mediaType }
            if types.isEmpty { errors.append("Choisissez au moins un type de fichier accepté.") }
            let megabytes = integer(maxMegabytes, "La taille maximale", default: 10)
            if megabytes > 100 { errors.append("La taille maximale ne peut pas dépasser 100 Mo.") }
            kind = .file(mediaTypes: types, maxBytes: min(megabytes, 100) * 1024 * 1024)
        case "address": kind = .address
        case "email": kind = .email
        case "phone": kind = .phone
        case "siret": kind = .siret
        case "iban": kind = .iban
        case "section": kind = .section
        case "explanation":
            let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !(1...5000).contains(body.count) { errors.append("Le texte explicatif doit compter de 1 à 5000 caractères.") }
            kind = .explanation(text: body)
        default:
            return .failure(DraftErrors(messages: ["Type de champ inconnu."]))
        }
        let help = help.trimmingCharacters(in: .whitespacesAndNewlines)
        let conditionField = conditionField.trimmingCharacters(in: .whitespaces)
        let condition = conditionField.isEmpty ? nil : FieldCondition(field: conditionField, equals: conditionValue.trimmingCharacters(in: .whitespaces))
        guard errors.isEmpty else { return .failure(DraftErrors(messages: errors)) }
        return .success(FormField(key: key, label: label, help: help.isEmpty ? nil : help, isRequired: required && kind.isInput, kind: kind, condition: condition))
    }

    /// `Nature des déchets` → `nature_des_dechets` (40 characters at most).
    public static func key(from label: String) -> String {
        let folded = label.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        var key = ""
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber { key.append(character) } else if key.last != "_" { key.append("_") }
        }
        key = String(key.trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(40))
        if let first = key.first, !first.isLetter { key = "c_" + key.prefix(38) }
        return key
    }

    /// One choice per line: `valeur : libellé`, or a label whose value is derived from it.
    public static func choices(_ text: String) -> [Choice] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            if let colon = trimmed.range(of: " : ") {
                return Choice(String(trimmed[..<colon.lowerBound]).trimmingCharacters(in: .whitespaces),
                              String(trimmed[colon.upperBound...]).trimmingCharacters(in: .whitespaces))
            }
            return Choice(key(from: trimmed).replacingOccurrences(of: "_", with: "-"), trimmed)
        }
    }
}

/// What is wrong with a designer's input, in French.
public struct DraftErrors: Error, Equatable, Sendable {
    public var messages: [String]
}
