import Foundation

/// Procedure types as Open311 services: the located ones (an address field), their input
/// fields as attributes. The location field is no attribute (it is `lat`, `long` and
/// `address_string`), nor are file fields (Open311 does not carry files).
enum Open311Catalogue {
    static func service(_ offered: OfferedProcedure) -> Open311Value {
        let type = offered.type
        let keywords = [type.open311Group, offered.owner.name].filter { !$0.isEmpty }.joined(separator: ", ")
        return .object([
            ("service_code", .text(type.slug)), ("service_name", .text(type.title)), ("description", .text(type.description)),
            ("metadata", .bool(!attributes(of: type).isEmpty)), ("type", .text("realtime")), ("keywords", .text(keywords)),
            ("group", .text(type.open311Group)),
        ])
    }

    static func definition(_ offered: OfferedProcedure) -> Open311Value {
        .object([
            ("service_code", .text(offered.type.slug)),
            ("attributes", .list(item: "attribute", attributes(of: offered.type).enumerated().map { index, field in attribute(field, order: index + 1, in: offered.type.form) })),
        ])
    }

    /// The input fields a client answers with `attribute[<key>]`, in form order.
    static func attributes(of type: ProcedureType) -> [FormField] {
        type.form.inputFields.filter { field in
            if field.key == type.locationField?.key { return false }
            if case .file = field.kind { return false }
            return true
        }
    }

    static func attribute(_ field: FormField, order: Int, in form: FormDefinition) -> Open311Value {
        var description = datatypeDescription(field.kind)
        if let condition = field.condition {
            let value = form.field(condition.field).flatMap { controlling in controlling.kind.choices?.first { $0.value == condition.value }?.label } ?? condition.value
            description += (description.isEmpty ? "" : " ") + "Seulement si « \(form.field(condition.field)?.label ?? condition.field) » vaut « \(value) »."
        }
        var values: [Open311Value]?
        if let choices = field.kind.choices {
            values = choices.map { .object([("key", .text($0.value)), ("name", .text($0.label))]) }
        } else if case .yesNo = field.kind {
            values = [.object([("key", .text(YesNo.yes)), ("name", .text("Oui"))]), .object([("key", .text(YesNo.no)), ("name", .text("Non"))])]
        }
        return .object([
            ("variable", .bool(true)), ("code", .text(field.key)), ("datatype", .text(datatype(field.kind))),
            ("required", .bool(field.isRequired && field.condition == nil)), ("datatype_description", .text(description)),
            ("order", .number(String(order))), ("description", .text(field.help.map { "\(field.label) — \($0)" } ?? field.label)),
            ("values", values.map { .list(item: "value", $0) }),
        ])
    }

    static func datatype(_ kind: FieldKind) -> String {
        switch kind {
        case .longText: "text"
        case .number: "number"
        case .date: "datetime"
        case .singleChoice, .yesNo: "singlevaluelist"
        case .multipleChoice: "multivaluelist"
        default: "string"
        }
    }

    static func datatypeDescription(_ kind: FieldKind) -> String {
        switch kind {
        case .shortText(let maxLength), .longText(let maxLength): "Texte, \(maxLength) caractères au plus."
        case .number(_, _, let integerOnly): integerOnly ? "Nombre entier." : "Nombre (point ou virgule décimale)."
        case .date: "Date AAAA-MM-JJ."
        case .multipleChoice: "Une ou plusieurs valeurs : attribute[code][]=valeur, répété."
        case .email: "Adresse électronique."
        case .phone: "Numéro de téléphone français."
        case .siret: "Numéro SIRET (14 chiffres)."
        case .iban: "IBAN (zone SEPA)."
        case .address: "Adresse en toutes lettres."
        default: ""
        }
    }
}
