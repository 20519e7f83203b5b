/// The French messages of header issues.
enum HeaderMessages {
    static func missingLabel(field: String, position: Int) -> String {
        "En-tête : la colonne \(IssueMessages.quoted(field)) manque (attendue en position \(position))."
    }

    static func extraLabel(label: String, position: Int) -> String {
        "En-tête : la colonne \(IssueMessages.quoted(label)) (position \(position)) n'est pas prévue par le schéma."
    }

    static func incorrectLabel(label: String, expected: String, position: Int) -> String {
        "En-tête, colonne n° \(position) : \(IssueMessages.quoted(label)) au lieu de \(IssueMessages.quoted(expected)) attendue."
    }

    static func blankLabel(expected: String, position: Int) -> String {
        "En-tête, colonne n° \(position) : le nom de colonne est vide (attendu : \(IssueMessages.quoted(expected)))."
    }

    static func duplicateLabel(label: String, position: Int, first: [Int]) -> String {
        "En-tête, colonne n° \(position) : \(IssueMessages.quoted(label)) figure déjà en position "
            + first.map(String.init).joined(separator: ", ") + "."
    }

    static let emptySource = "Le fichier est vide : ni en-tête, ni ligne."
}
