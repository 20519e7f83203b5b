import Payments
import XML

/// The service side of `PaiementSecuriseService`: requests read with the `XML` module (no DTD,
/// no entity), answers and faults written with its writer, in the shape JAX-WS gives them.
enum SimulatorSOAP {
    struct Call {
        var operation: String
        var fields: [String: String]
    }

    static let operations = ["creerPaiementSecurise", "recupererDetailPaiementSecurise"]

    /// The operation called and the fields of its `arg0`; nil with the reason when the request is
    /// not one of the service's.
    static func read(_ bytes: [UInt8]) -> Result<Call, SimulatorRequestProblem> {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(bytes, limits: XMLLimits(maxBytes: 64 * 1024, maxDepth: 16))
        } catch {
            return .failure(SimulatorRequestProblem(reason: error.description))
        }
        guard document.root.name == "Envelope", document.root.namespace == PayFiPProtocol.soapNamespace,
              let call = document.root.child("Body")?.children.first else {
            return .failure(SimulatorRequestProblem(reason: "not a SOAP 1.1 envelope with a body"))
        }
        guard operations.contains(call.name), call.namespace == PayFiPProtocol.serviceNamespace else {
            return .failure(SimulatorRequestProblem(reason: "unknown operation {\(call.namespace ?? "")}\(call.name)"))
        }
        var fields: [String: String] = [:]
        for field in call.child("arg0")?.children ?? [] {
            fields[field.name] = field.text.trimmingWhitespace
        }
        return .success(Call(operation: call.name, fields: fields))
    }

    static func created(_ idOp: String) -> String {
        envelope(.element("ns2:creerPaiementSecuriseResponse", attributes: namespaces, children: [
            .element("return", children: [.element("idOp", children: [.text(idOp)])]),
        ]))
    }

    static func detail(_ operation: SimulatedOperation) -> String {
        let values = [
            ("dattrans", operation.dattrans), ("exer", operation.exer), ("heurtrans", operation.heurtrans), ("idOp", operation.idOp),
            ("mel", operation.mel), ("montant", operation.montant), ("numauto", operation.numauto), ("numcli", operation.numcli),
            ("objet", operation.objet), ("refdet", operation.refdet), ("resultrans", operation.resultrans), ("saisie", operation.saisie),
        ]
        return envelope(.element("ns2:recupererDetailPaiementSecuriseResponse", attributes: namespaces, children: [
            .element("return", children: values.map { name, value in .element(name, children: value.isEmpty ? [] : [.text(value)]) }),
        ]))
    }

    /// A `FonctionnelleErreur` (sent with HTTP 500, as SOAP 1.1 faults are).
    static func fault(_ fault: SimulatorFault) -> String {
        envelope(.element("S:Fault", children: [
            .element("faultcode", children: [.text("S:Server")]),
            .element("faultstring", children: [.text(PayFiPProtocol.functionalFault)]),
            .element("detail", children: [
                .element("ns2:FonctionnelleErreur", attributes: namespaces, children: [
                    .element("code", children: [.text(fault.code)]),
                    .element("descriptif", children: [.text(fault.description)]),
                    .element("libelle", children: [.text(fault.label)]),
                    .element("severite", children: [.text("2")]),
                ]),
            ]),
        ]))
    }

    /// A request the service cannot read at all.
    static func clientFault(_ reason: String) -> String {
        envelope(.element("S:Fault", children: [
            .element("faultcode", children: [.text("S:Client")]),
            .element("faultstring", children: [.text(reason)]),
        ]))
    }

    private static let namespaces = [("xmlns:ns2", PayFiPProtocol.serviceNamespace), ("xmlns:ns3", PayFiPProtocol.responseNamespace)]

    private static func envelope(_ content: XMLNode) -> String {
        XMLNode.element("S:Envelope", attributes: [("xmlns:S", PayFiPProtocol.soapNamespace)], children: [
            .element("S:Body", children: [content]),
        ]).serialized()
    }
}

struct SimulatorRequestProblem: Error, Sendable {
    var reason: String
}

extension String {
    var trimmingWhitespace: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
