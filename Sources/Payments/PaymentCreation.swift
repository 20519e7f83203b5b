/// What a payment operation is created with (PayFiP's `creerPaiementSecurise` fields).
public struct PaymentCreation: Sendable, Equatable {
    /// The régie's client number at the DGFiP: 6 digits.
    public var numcli: String
    /// The financial year (`exer`).
    public var exer: Int
    /// The debt reference, unique per attempt: 6 to 30 characters in `[A-Za-z0-9]`.
    public var refdet: String
    /// What is paid; the adapter keeps at most 100 characters of `[A-Za-z0-9 ]`
    /// (see `PayFiPObjet.sanitised`).
    public var objet: String
    /// The amount in cents (PayFiP's `montant`).
    public var amountCents: Int
    /// The payer's e-mail address (`mel`): the provider mails the receipt there.
    public var payerEmail: String
    /// Where the provider POSTs `idop=<idOp>` when the payer is done (`urlnotif`).
    public var notificationURL: String
    /// Where the payer's browser is sent back (`urlredirect`).
    public var returnURL: String
    public var mode: PaymentMode

    public init(numcli: String, exer: Int, refdet: String, objet: String, amountCents: Int, payerEmail: String,
                notificationURL: String, returnURL: String, mode: PaymentMode) {
        self.numcli = numcli
        self.exer = exer
        self.refdet = refdet
        self.objet = objet
        self.amountCents = amountCents
        self.payerEmail = payerEmail
        self.notificationURL = notificationURL
        self.returnURL = returnURL
        self.mode = mode
    }

    /// The smallest and largest amounts PayFiP takes (1 € and 100 000 €, as eopayment checks).
    public static let amountRange = 100...10_000_000

    /// What is wrong with these fields for PayFiP, nil when nothing is (checked before any call).
    public var problem: String? {
        if numcli.count != 6 || !numcli.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "numcli must be 6 digits"
        }
        if !(1000...9999).contains(exer) { return "exer must be a year" }
        if !(6...30).contains(refdet.count) || !refdet.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return "refdet must be 6 to 30 characters in [A-Za-z0-9]"
        }
        if !Self.amountRange.contains(amountCents) {
            return "amountCents must be in \(Self.amountRange.lowerBound)...\(Self.amountRange.upperBound)"
        }
        if !(6...80).contains(payerEmail.count) || !payerEmail.contains("@") {
            return "payerEmail must be an address of 6 to 80 characters"
        }
        for (name, url) in [("notificationURL", notificationURL), ("returnURL", returnURL)]
        where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            return "\(name) must be an http(s) URL"
        }
        return nil
    }
}
