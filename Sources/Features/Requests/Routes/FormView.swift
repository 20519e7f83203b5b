import Foundation
import Modules
import Web

/// A form's page as the templates show it: each item with its input, its posted value and its
/// errors in French next to it. Values are plain text (the templates escape them).
enum FormView {
    static func fields(_ fields: [FormField], form: FormDefinition, raw: [String: [String]], errors: [String: [String]],
                       documentNames: [String: String] = [:], safe: [CitizenDocument] = []) -> [[String: Any]] {
        fields.map { field in
            let values = raw[field.key] ?? []
            let value = values.first ?? ""
            var item: [String: Any] = [
                "key": field.key, "id": "champ-\(field.key)", "label": field.label, "help": field.help ?? false,
                "required": field.isRequired && field.kind.isInput, "value": value,
                "errors": errors[field.key] ?? [], "hasErrors": !(errors[field.key] ?? []).isEmpty,
                "kind": kindName(field.kind),
            ]
            item["is_" + kindName(field.kind)] = true
            if let condition = field.condition, let controlling = form.field(condition.field) {
                let label = controlling.kind.choices?.first { $0.value == condition.value }?.label ?? (condition.value == YesNo.yes ? "Oui" : "Non")
                item["condition"] = "À remplir seulement si « \(controlling.label) » est « \(label) »."
            }
            switch field.kind {
            case .shortText(let max), .longText(let max): item["maxLength"] = max
            case .singleChoice(let choices), .multipleChoice(let choices):
                item["choices"] = choices.enumerated().map { index, choice in
                    ["value": choice.value, "label": choice.label, "id": "champ-\(field.key)-\(index)", "checked": values.contains(choice.value)] as [String: Any]
                }
            case .yesNo:
                item["yes"] = value == YesNo.yes
                item["no"] = value == YesNo.no
            case .file(let mediaTypes, let maxBytes):
                item["accept"] = mediaTypes.joined(separator: ",")
                item["limit"] = ByteCount.french(maxBytes)
                item["kept"] = value.isEmpty ? false : (documentNames[value] ?? "fichier déjà joint")
                let offered = safe.filter { mediaTypes.contains($0.mediaType) && $0.size <= maxBytes }
                item["hasSafe"] = !offered.isEmpty
                item["safe"] = offered.map { ["document": $0.id.uuidString.lowercased(), "name": $0.name] }
            case .address:
                item["latitude"] = raw[field.key + FormField.latitudeSuffix]?.first ?? ""
                item["longitude"] = raw[field.key + FormField.longitudeSuffix]?.first ?? ""
            case .explanation(let text): item["text"] = text
            case .number(let minimum, let maximum, _):
                item["bounds"] = [minimum.map { "au moins \($0)" }, maximum.map { "au plus \($0)" }].compactMap { $0 }.joined(separator: ", ")
            default: break
            }
            return item
        }
    }

    static func kindName(_ kind: FieldKind) -> String {
        switch kind {
        case .shortText: "text"
        case .longText: "textarea"
        case .number: "number"
        case .date: "date"
        case .singleChoice: "single"
        case .multipleChoice: "multiple"
        case .yesNo: "yesno"
        case .file: "file"
        case .address: "address"
        case .email: "email"
        case .phone: "phone"
        case .siret: "siret"
        case .iban: "iban"
        case .section: "section"
        case .explanation: "explanation"
        }
    }

    /// Hidden inputs carrying the answers of the other pages (a multi-step form without JavaScript).
    static func hidden(_ raw: [String: [String]], except page: FormPage?) -> [[String: String]] {
        let skip = Set(page?.fields.flatMap(\.postedKeys) ?? [])
        return raw.filter { !skip.contains($0.key) }.sorted { $0.key < $1.key }.flatMap { key, values in
            values.map { ["name": key, "value": $0] }
        }
    }

    /// The answers as a summary or a request's page shows them: label and text, in form order.
    static func summary(_ form: FormDefinition, answers: [String: AnswerValue], documentLink: ((UUID) -> String)? = nil) -> [[String: Any]] {
        form.visibleFields(given: answers).compactMap { field in
            guard field.kind.isInput, let answer = answers[field.key] else { return nil }
            var item: [String: Any] = ["label": field.label, "text": answer.displayText(for: field)]
            if case .document(let id) = answer {
                item["text"] = "pièce jointe"
                if let documentLink { item["link"] = documentLink(id) }
            }
            if case .address(let address) = answer, let latitude = address.latitude, let longitude = address.longitude {
                item["text"] = "\(address.text) (\(String(format: "%.5f", latitude)), \(String(format: "%.5f", longitude)))"
            }
            return item
        }
    }
}
