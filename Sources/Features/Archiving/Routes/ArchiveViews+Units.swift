import Foundation
import Web

extension ArchiveViews {
    /// Journal entries as the lifecycle tables show them.
    static func lifecycle(_ entries: [ArchiveJournalEntry]) -> [[String: Any]] {
        entries.map {
            ["at": FrenchDate.long($0.at) + " " + FrenchDate.time($0.at), "action": action($0.action), "by": $0.by ?? "—",
             "outcome": $0.outcome == "success" ? "réussi" : "échec", "code": $0.action]
        }
    }

    /// A rule as the unit page shows it: identifier and name, start, duration, end, origin.
    static func rule(_ rule: ArchiveAccess.AppliedRule, inheritedTitle: String?) -> [String: Any] {
        let duration: String = switch (rule.duration, rule.measurement) {
        case (nil, _): rule.name == nil ? "inconnue (règle absente du référentiel)" : "illimitée"
        case (let value?, "month"): "\(value) mois"
        case (let value?, "day"): value > 1 ? "\(value) jours" : "\(value) jour"
        case (let value?, _): value > 1 ? "\(value) ans" : "\(value) an"
        }
        return [
            "identifier": rule.identifier, "name": rule.name ?? "—", "duration": duration,
            "start": rule.start.flatMap { Retention.calendar.date(from: $0) }.map(FrenchDay.numeric) ?? "non indiquée",
            "end": rule.end.map(FrenchDay.numeric) ?? "aucune (pas de date de départ ou durée illimitée)",
            "finalAction": ["Keep": "Conserver", "Destroy": "Détruire"][rule.finalAction ?? ""] ?? "non indiqué",
            "inherited": rule.inheritedFrom != nil, "from": rule.inheritedFrom?.uuidString.lowercased() ?? "", "fromTitle": inheritedTitle ?? "",
        ]
    }
}
