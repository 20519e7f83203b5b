import Foundation

/// A regie of the member: who collects one kind of bills, with its PayFiP client number.
struct Regie: Sendable, Equatable {
    var id: String
    var label: String
    var numcli: String
    var kind: String

    static let kinds: [(id: String, label: String)] = [
        ("eau", "Eau"), ("petite-enfance", "Petite enfance (crèche)"), ("loisirs", "Accueil de loisirs"), ("cantine", "Restauration scolaire"), ("autre", "Autre"),
    ]
}

/// An invoice as the member stores it (amounts in integer cents).
struct Invoice: Sendable {
    var id: UUID
    var reference: String
    var regie: String
    var regieLabel: String
    var numcli: String
    var debtorName: String
    var debtorAddress: String
    var amountCents: Int
    /// `AAAA-MM-JJ`.
    var issuedOn: String
    var dueOn: String
    var documentID: UUID?
    var accountID: UUID?
    var paidAt: Date?

    var isPaid: Bool { paidAt != nil }

    /// Overdue: unpaid after its due day (Paris).
    func isOverdue(today: String) -> Bool { !isPaid && dueOn < today }
}

/// Amounts as people read them: `42,50 €`.
enum Euros {
    static func french(_ cents: Int) -> String {
        let euros = cents / 100, rest = abs(cents % 100)
        var digits = String(euros)
        var grouped = ""
        while digits.count > 3 {
            grouped = "\u{202F}" + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return digits + grouped + "," + (rest < 10 ? "0" : "") + String(rest) + "\u{00A0}€"
    }
}
