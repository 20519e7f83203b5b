import Foundation

/// The French messages of `TableIssue`s: « Ligne 3, colonne « montant » : « abc » n'est pas un
/// nombre. »
enum IssueMessages {
    static func quoted(_ text: String) -> String {
        let clean = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return "« " + (clean.count > 80 ? String(clean.prefix(77)) + "…" : clean) + " »"
    }

    static func place(row: Int, field: String) -> String {
        "Ligne \(row), colonne \(quoted(field))"
    }

    static func typeError(row: Int, field: SchemaField, cell: String) -> String {
        "\(place(row: row, field: field.name)) : \(quoted(cell)) n'est pas \(expectation(field))."
    }

    /// What a field's type expects, after « n'est pas ».
    static func expectation(_ field: SchemaField) -> String {
        switch field.type {
        case .number: "un nombre" + (field.decimalChar == "," ? " (virgule décimale)" : " (point décimal, sans espace)")
        case .integer: "un nombre entier"
        case .boolean:
            "une valeur booléenne (\((field.trueValues + field.falseValues).map { quoted($0) }.joined(separator: ", ")))"
        case .date: "une date " + dateFormat(field.format, default: "AAAA-MM-JJ")
        case .datetime: "une date et heure " + dateFormat(field.format, default: "AAAA-MM-JJTHH:MM:SS")
        case .time: "une heure " + dateFormat(field.format, default: "HH:MM:SS")
        case .year: "une année (AAAA)"
        case .yearmonth: "une année et un mois (AAAA-MM)"
        case .string:
            switch field.format {
            case "email": "une adresse électronique valide"
            case "uri": "une adresse web (URI avec son schéma, p. ex. « https: »)"
            case "uuid": "un UUID"
            default: "du texte"
            }
        case .any, .other: "une valeur lisible"
        }
    }

    private static func dateFormat(_ format: String, default standard: String) -> String {
        if format == "default" || format.isEmpty { return "au format \(standard)" }
        if format == "any" { return "reconnaissable" }
        let replacements = [("%Y", "AAAA"), ("%y", "AA"), ("%m", "MM"), ("%d", "JJ"), ("%H", "HH"),
                            ("%M", "MM"), ("%S", "SS"), ("%f", "ffffff"), ("%z", "±HHMM")]
        return "au format " + replacements.reduce(format) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    static func constraint(_ kind: ConstraintKind, row: Int, field: SchemaField, cell: String?) -> String {
        let place = place(row: row, field: field.name)
        let value = quoted(cell ?? "")
        let constraints = field.constraints
        return switch kind {
        case .required: "\(place) : une valeur est obligatoire."
        case .minLength: "\(place) : \(value) est trop court (au moins \(constraints.minLength ?? 0) caractères)."
        case .maxLength: "\(place) : \(value) est trop long (au plus \(constraints.maxLength ?? 0) caractères)."
        case .pattern: "\(place) : \(value) ne respecte pas la forme attendue (motif \(constraints.pattern ?? ""))."
        case .enumeration:
            "\(place) : \(value) n'est pas une valeur autorisée (valeurs possibles : "
                + (constraints.enumeration ?? []).map { quoted($0) }.joined(separator: ", ") + ")."
        case .minimum: "\(place) : \(value) est inférieur au minimum (\(constraints.minimum ?? ""))."
        case .maximum: "\(place) : \(value) est supérieur au maximum (\(constraints.maximum ?? ""))."
        case .exclusiveMinimum: "\(place) : \(value) doit être strictement supérieur à \(constraints.exclusiveMinimum ?? "")."
        case .exclusiveMaximum: "\(place) : \(value) doit être strictement inférieur à \(constraints.exclusiveMaximum ?? "")."
        }
    }

    static func unique(row: Int, field: String, cell: String, firstRow: Int) -> String {
        "\(place(row: row, field: field)) : \(quoted(cell)) figure déjà ligne \(firstRow), or la colonne n'admet pas de doublon."
    }

    static func primaryKey(row: Int, fields: [String], firstRow: Int?) -> String {
        let key = fields.joined(separator: ", ")
        guard let firstRow else { return "Ligne \(row) : la clé primaire (\(key)) est vide." }
        return "Ligne \(row) : la clé primaire (\(key)) reprend celle de la ligne \(firstRow)."
    }

    static func extraCell(row: Int, column: Int, cell: String, width: Int) -> String {
        "Ligne \(row), colonne n° \(column) : cellule en trop (\(quoted(cell))), l'en-tête n'a que \(width) colonnes."
    }

    static func missingCell(row: Int, field: String) -> String {
        "\(place(row: row, field: field)) : cellule manquante, la ligne est trop courte."
    }

    static func blankRow(row: Int) -> String {
        "Ligne \(row) : la ligne est vide."
    }
}
