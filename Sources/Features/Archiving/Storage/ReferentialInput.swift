import Foundation

/// Checks what an archivist types into the referentials (pages and commands), with French
/// reasons: nothing reaches the database's own checks.
public enum ReferentialInput {
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var message: String
        public var description: String { "\(field): \(message)" }
    }

    static func identifier(_ raw: String, field: String = "identifier") throws(Invalid) -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._:-".unicodeScalars.contains($0)) }
        guard (1...100).contains(text.count), allowed, text.first.map({ $0.isLetter || $0.isNumber }) == true else {
            throw Invalid(field: field, message: "L'identifiant « \(text.prefix(100)) » doit comporter de 1 à 100 caractères : lettres, chiffres, « . _ : - », en commençant par une lettre ou un chiffre.")
        }
        return text
    }

    static func name(_ raw: String) throws(Invalid) -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(text.count) else { throw Invalid(field: "name", message: "Le nom comporte de 1 à 200 caractères.") }
        return text
    }

    public static func agreement(identifier: String, name: String, agencies: [String]) throws(Invalid) -> ArchivalAgreement {
        var checked: [String] = []
        for agency in agencies where !agency.trimmingCharacters(in: .whitespaces).isEmpty {
            checked.append(try Self.identifier(agency, field: "agencies"))
        }
        return ArchivalAgreement(identifier: try Self.identifier(identifier), name: try Self.name(name), originatingAgencies: checked, active: true)
    }

    public static func agency(identifier: String, name: String) throws(Invalid) -> ArchiveAgency {
        ArchiveAgency(identifier: try Self.identifier(identifier), name: try Self.name(name))
    }

    public static func rule(identifier: String, kind: String, name: String, duration: String?, measurement: String?, finalAction: String?) throws(Invalid) -> ArchiveRule {
        guard ArchiveRule.kinds.contains(kind) else {
            throw Invalid(field: "kind", message: "La catégorie de règle est l'une de : \(ArchiveRule.kinds.joined(separator: ", ")).")
        }
        let durationText = (duration ?? "").trimmingCharacters(in: .whitespaces)
        var years: Int?
        if !durationText.isEmpty && durationText.lowercased() != "illimitée" {
            guard let value = Int(durationText), (0...9999).contains(value) else {
                throw Invalid(field: "duration", message: "La durée est un nombre entier de 0 à 9999 (vide : illimitée).")
            }
            years = value
        }
        let unit = (measurement ?? "year").isEmpty ? "year" : (measurement ?? "year")
        guard ["year", "month", "day"].contains(unit) else { throw Invalid(field: "measurement", message: "L'unité de durée est year, month ou day.") }
        let action = (finalAction ?? "").trimmingCharacters(in: .whitespaces)
        let allowed = kind == "AppraisalRule" ? ["Keep", "Destroy"] : kind == "StorageRule" ? ["RestrictAccess", "Transfer", "Copy"] : []
        if allowed.isEmpty {
            guard action.isEmpty else { throw Invalid(field: "finalAction", message: "Seules les règles de sort final et de durée d'utilité courante ont un sort final.") }
        } else {
            guard allowed.contains(action) else { throw Invalid(field: "finalAction", message: "Le sort final d'une \(kind) est l'un de : \(allowed.joined(separator: ", ")).") }
        }
        return ArchiveRule(identifier: try Self.identifier(identifier), kind: kind, name: try Self.name(name), duration: years,
                           measurement: unit, finalAction: action.isEmpty ? nil : action)
    }

    /// A profile; its agreement must be one of `agreements`.
    public static func profile(documentType: String, agreement: String, agency: String, rule: String?, finalAction: String?,
                               agreements: [ArchivalAgreement]) throws(Invalid) -> ArchiveProfile {
        let type = documentType.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...200).contains(type.count), type.contains(":") else {
            throw Invalid(field: "documentType", message: "Le type de document s'écrit « module:type », par exemple « parapheur:Arrêté/Voirie » (3 à 200 caractères).")
        }
        let agreementID = try identifier(agreement, field: "agreement")
        guard agreements.contains(where: { $0.identifier == agreementID }) else {
            throw Invalid(field: "agreement", message: "La convention « \(agreementID) » n'existe pas : enregistrez-la d'abord.")
        }
        let ruleText = (rule ?? "").trimmingCharacters(in: .whitespaces)
        let action = (finalAction ?? "").isEmpty ? "Keep" : (finalAction ?? "Keep")
        guard ["Keep", "Destroy"].contains(action) else { throw Invalid(field: "finalAction", message: "Le sort final est Keep ou Destroy.") }
        return ArchiveProfile(documentType: type, archivalAgreement: agreementID, originatingAgency: try identifier(agency, field: "agency"),
                              appraisalRule: ruleText.isEmpty ? nil : try identifier(ruleText, field: "rule"), finalAction: action)
    }
}
