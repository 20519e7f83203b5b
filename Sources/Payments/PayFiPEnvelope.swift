import XML

/// The request envelopes of `PaiementSecuriseService`, written with the `XML` module's writer
/// (every value escaped): the operation's wrapper in the service's namespace, its fields
/// unqualified inside `arg0`, as the WSDL's document/literal binding wants them.
public enum PayFiPEnvelope {
    /// `creerPaiementSecurise`: the fields in the WSDL's order; `objet` sanitised, and left out
    /// when nothing of it remains (it is optional).
    public static func create(_ creation: PaymentCreation) -> String {
        var fields: [(String, String)] = [
            ("exer", String(creation.exer)),
            ("mel", creation.payerEmail),
            ("montant", String(creation.amountCents)),
            ("numcli", creation.numcli),
        ]
        let objet = PayFiPObjet.sanitised(creation.objet)
        if !objet.isEmpty { fields.append(("objet", objet)) }
        fields += [
            ("refdet", creation.refdet),
            ("saisie", creation.mode.rawValue),
            ("urlnotif", creation.notificationURL),
            ("urlredirect", creation.returnURL),
        ]
        return envelope(operation: "creerPaiementSecurise", fields: fields)
    }

    /// `recupererDetailPaiementSecurise` of one operation.
    public static func result(of idOp: String) -> String {
        envelope(operation: "recupererDetailPaiementSecurise", fields: [("idOp", idOp)])
    }

    static func envelope(operation: String, fields: [(String, String)]) -> String {
        XMLNode.element("soapenv:Envelope", attributes: [
            ("xmlns:soapenv", PayFiPProtocol.soapNamespace), ("xmlns:pai", PayFiPProtocol.serviceNamespace),
        ], children: [
            .element("soapenv:Header"),
            .element("soapenv:Body", children: [
                .element("pai:" + operation, children: [
                    .element("arg0", children: fields.map { name, value in
                        .element(name, children: value.isEmpty ? [] : [.text(value)])
                    }),
                ]),
            ]),
        ]).serialized()
    }
}
