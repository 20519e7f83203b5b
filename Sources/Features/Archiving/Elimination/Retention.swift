import Foundation

/// When a unit's retention (DUA) ends, and whether it may be eliminated: pure date arithmetic
/// over the unit's effective appraisal rule (its own, or else its nearest ancestor's, as
/// `ArchiveAccess` resolves it) and that rule's start date, and the legal holds over it.
public enum Retention {
    public struct Unit: Sendable, Equatable {
        public var id: UUID
        public var start: DateComponents?
        /// nil: no rule, or an unlimited one.
        public var duration: Int?
        public var measurement: String
        public var finalAction: String?
        /// A legal hold on the unit itself.
        public var legalHold: Bool
        public var eliminated: Bool
        /// A legal hold on one of its ancestors: a hold freezes the whole subtree.
        public var ancestorHold: Bool

        public init(id: UUID, start: DateComponents?, duration: Int?, measurement: String, finalAction: String?, legalHold: Bool, eliminated: Bool,
                    ancestorHold: Bool = false) {
            self.id = id
            self.start = start
            self.duration = duration
            self.measurement = measurement
            self.finalAction = finalAction
            self.legalHold = legalHold
            self.eliminated = eliminated
            self.ancestorHold = ancestorHold
        }
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The first day the unit is past its retention (start + duration); nil if it never ends.
    public static func end(of unit: Unit) -> Date? {
        end(start: unit.start, duration: unit.duration, measurement: unit.measurement)
    }

    /// A rule's start plus its duration (years, months or days); nil without either.
    public static func end(start: DateComponents?, duration: Int?, measurement: String) -> Date? {
        guard let start, let duration, let from = calendar.date(from: start) else { return nil }
        let component: Calendar.Component = switch measurement { case "month": .month; case "day": .day; default: .year }
        return calendar.date(byAdding: component, value: duration, to: from)
    }

    /// Whether a unit under an access rule is communicable on `day`: no rule, a rule of zero
    /// duration, or its delay over. A rule with no start date or an unlimited one keeps it closed.
    public static func communicable(hasRule: Bool, start: DateComponents?, duration: Int?, measurement: String, on day: Date) -> Bool {
        guard hasRule else { return true }
        if duration == 0 { return true }
        guard let end = end(start: start, duration: duration, measurement: measurement) else { return false }
        return end <= day
    }

    public enum Eligibility: Sendable, Equatable {
        case eligible
        case refused(String)
    }

    /// Whether the unit may be eliminated on `day`.
    public static func eligibility(_ unit: Unit, on day: Date) -> Eligibility {
        if unit.eliminated { return .refused("L'unité est déjà éliminée.") }
        if unit.legalHold { return .refused("L'unité est sous gel (contentieux, enquête) : elle ne peut pas être éliminée.") }
        if unit.ancestorHold {
            return .refused("Une unité dont elle dépend est sous gel (contentieux, enquête) : le gel couvre ses descendants, elle ne peut pas être éliminée.")
        }
        guard unit.finalAction == "Destroy" else { return .refused("Le sort final de l'unité est la conservation.") }
        guard let end = end(of: unit) else { return .refused("L'unité n'a pas de durée d'utilité administrative finie.") }
        guard end <= day else {
            return .refused("La durée d'utilité administrative de l'unité court jusqu'au \(end.formatted(.iso8601.year().month().day())).")
        }
        return .eligible
    }
}
