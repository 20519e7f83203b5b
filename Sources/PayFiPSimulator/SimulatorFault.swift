import Payments

/// A `FonctionnelleErreur` the simulator answers with. P1 and P5 are PayFiP's own codes (as
/// eopayment documents them); the creation refusals' codes are the simulator's, since PayFiP's
/// list of codes is not public (clients should not depend on them: any functional fault on
/// creation is an invalid request).
struct SimulatorFault: Error, Sendable, Equatable {
    var code: String
    var label: String
    var description: String

    static let unknownOperation = SimulatorFault(code: PayFiPProtocol.unknownOperationCode, label: "IdOp incorrect",
                                                 description: "L'identifiant de l'opération est inconnu.")
    static let noResultYet = SimulatorFault(code: PayFiPProtocol.noResultYetCode, label: "Résultat de la transaction non connu",
                                            description: "La transaction n'est pas terminée ou son résultat n'est pas encore connu.")

    static func refdetTaken(_ refdet: String) -> SimulatorFault {
        SimulatorFault(code: "SIM-REFDET", label: "Référence déjà utilisée",
                       description: "La référence \(refdet) a déjà une opération en cours ou payée pour ce client et cet exercice.")
    }

    static func invalid(_ field: String, _ expected: String) -> SimulatorFault {
        SimulatorFault(code: "SIM-FORMAT", label: "Paramètre \(field) incorrect", description: "\(field) : \(expected).")
    }

    /// The formats PayFiP documents (and eopayment checks) for `creerPaiementSecurise`.
    static func validation(_ fields: [String: String]) -> SimulatorFault? {
        func digits(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }
        let numcli = fields["numcli", default: ""], exer = fields["exer", default: ""], montant = fields["montant", default: ""]
        let refdet = fields["refdet", default: ""], mel = fields["mel", default: ""], objet = fields["objet", default: ""]
        if numcli.count != 6 || !digits(numcli) { return .invalid("numcli", "6 chiffres") }
        if exer.count != 4 || !digits(exer) { return .invalid("exer", "une année sur 4 chiffres") }
        guard digits(montant), let amount = Int(montant), PaymentCreation.amountRange.contains(amount) else {
            return .invalid("montant", "un montant en centimes entre 100 et 10000000")
        }
        if !(1...30).contains(refdet.count) || !refdet.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            return .invalid("refdet", "1 à 30 caractères alphanumériques")
        }
        if !(6...80).contains(mel.count) || !mel.contains("@") { return .invalid("mel", "une adresse électronique") }
        if objet.count > 100 || !objet.allSatisfy({ $0 == " " || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) {
            return .invalid("objet", "au plus 100 caractères alphanumériques ou espaces")
        }
        if !["T", "X", "W"].contains(fields["saisie", default: ""]) { return .invalid("saisie", "T, X ou W") }
        for name in ["urlnotif", "urlredirect"] {
            let url = fields[name, default: ""]
            if !(url.hasPrefix("http://") || url.hasPrefix("https://")) || url.count > 250 { return .invalid(name, "une URL http(s)") }
        }
        return nil
    }
}
