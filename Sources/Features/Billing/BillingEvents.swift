import Events

/// The events of the invoices service.
enum BillingEvents {
    static let family = EventFamily("billing", label: "Factures et paiements")
    static let imported = EventType("billing.invoices.imported", family: family, label: "Des factures sont importées")
    static let paymentRecorded = EventType("billing.payment.recorded", family: family, label: "Un paiement est enregistré")
    static let attemptStarted = EventType("billing.attempt.started", family: family, label: "Un paiement en ligne commence")
    static let attemptSettled = EventType("billing.attempt.settled", family: family, label: "Une tentative de paiement aboutit ou échoue")
    static var all: [EventType] { [imported, attemptStarted, paymentRecorded, attemptSettled] }

    struct ImportData: Codable {
        var id: String
        var invoices: Int
        var fileName: String
    }

    struct AttemptData: Codable {
        var attempt: String
        var invoice: String
        var reference: String
        var regie: String
        var state: String
        var amountCents: Int
        var method: String?
        var idOp: String?
    }
}
