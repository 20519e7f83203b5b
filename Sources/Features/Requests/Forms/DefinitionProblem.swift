/// What makes a form definition unusable; `message` is shown to the agent who designs it (French).
public enum DefinitionProblem: Hashable, Sendable {
    case invalidVersion
    case title
    case noPages
    case noInputField
    /// Pages are numbered from 1 in these cases.
    case pageTitle(page: Int)
    case emptyPage(page: Int)
    case invalidKey(String)
    case duplicateKey(String)
    case label(key: String)
    case helpTooLong(key: String)
    case maxLength(key: String, allowed: ClosedRange<Int>)
    case emptyRange(key: String)
    case tooFewChoices(key: String)
    case invalidChoiceValue(key: String, value: String)
    case duplicateChoice(key: String, value: String)
    case choiceLabel(key: String, value: String)
    case noMediaTypes(key: String)
    case invalidMediaType(key: String, mediaType: String)
    case maxBytes(key: String)
    case explanationText(key: String)
    case conditionUnknownField(key: String, field: String)
    case conditionNotEarlier(key: String, field: String)
    case conditionNotTestable(key: String, field: String)
    case conditionUnknownValue(key: String, value: String)

    public var message: String {
        switch self {
        case .invalidVersion: "Le numéro de version du formulaire doit être positif."
        case .title: "Le titre du formulaire doit comporter de 1 à 200 caractères."
        case .noPages: "Le formulaire doit comporter au moins une page."
        case .noInputField: "Le formulaire doit comporter au moins un champ à remplir."
        case .pageTitle(let page): "Le titre de la page \(page) doit comporter de 1 à 200 caractères."
        case .emptyPage(let page): "La page \(page) ne comporte aucun élément."
        case .invalidKey(let key):
            "L'identifiant « \(key) » n'est pas valide : une lettre minuscule puis des lettres minuscules, chiffres ou « _ » (40 caractères au plus)."
        case .duplicateKey(let key): "L'identifiant « \(key) » est utilisé plusieurs fois."
        case .label(let key): "Le libellé du champ « \(key) » doit comporter de 1 à 200 caractères."
        case .helpTooLong(let key): "L'aide du champ « \(key) » ne doit pas dépasser 1000 caractères."
        case .maxLength(let key, let allowed):
            "La longueur maximale du champ « \(key) » doit être comprise entre \(allowed.lowerBound) et \(allowed.upperBound)."
        case .emptyRange(let key): "Le minimum du champ « \(key) » dépasse son maximum."
        case .tooFewChoices(let key): "Le champ « \(key) » doit proposer au moins deux choix."
        case .invalidChoiceValue(let key, let value):
            "La valeur « \(value) » du champ « \(key) » n'est pas valide : lettres minuscules, chiffres, « _ » ou « - » (64 caractères au plus)."
        case .duplicateChoice(let key, let value): "La valeur « \(value) » est proposée plusieurs fois dans le champ « \(key) »."
        case .choiceLabel(let key, let value):
            "Le libellé du choix « \(value) » du champ « \(key) » doit comporter de 1 à 200 caractères."
        case .noMediaTypes(let key): "Le champ « \(key) » doit accepter au moins un type de fichier."
        case .invalidMediaType(let key, let type): "Le type de fichier « \(type) » du champ « \(key) » n'est pas valide."
        case .maxBytes(let key): "La taille maximale des fichiers du champ « \(key) » doit être comprise entre 1 octet et 100 Mo."
        case .explanationText(let key): "Le texte « \(key) » doit comporter de 1 à 5000 caractères."
        case .conditionUnknownField(let key, let field):
            "La condition du champ « \(key) » porte sur un champ inconnu (« \(field) »)."
        case .conditionNotEarlier(let key, let field):
            "La condition du champ « \(key) » porte sur « \(field) », qui doit le précéder dans le formulaire."
        case .conditionNotTestable(let key, let field):
            "La condition du champ « \(key) » porte sur « \(field) », qui n'est ni un choix ni une question oui/non."
        case .conditionUnknownValue(let key, let value):
            "La condition du champ « \(key) » teste la valeur « \(value) », qui ne fait pas partie des choix proposés."
        }
    }
}
