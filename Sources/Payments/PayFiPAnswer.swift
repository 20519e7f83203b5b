import XML

/// PayFiP's answers read with the `XML` module (no DTD, no entity, bounded size and depth):
/// the SOAP body's operation response, or its fault. Elements are matched by local name, so
/// the prefixes and default namespaces the service chooses do not matter.
public enum PayFiPAnswer {
    public enum Problem: Error, Sendable, Equatable {
        /// The answer is a SOAP fault.
        case fault(PayFiPFault)
        /// The answer is not a SOAP envelope this adapter can read.
        case unreadable(String)
    }

    /// Answers are small: 256 KiB and 32 levels are plenty.
    static let limits = XMLLimits(maxBytes: 256 * 1024, maxDepth: 32)

    /// The `idOp` of a `creerPaiementSecuriseResponse`.
    public static func idOp(_ bytes: [UInt8]) -> Result<String, Problem> {
        response(bytes, named: "creerPaiementSecuriseResponse").flatMap { response in
            guard let idOp = response.descendants(named: "idOp").first?.text.trimmed, !idOp.isEmpty else {
                return .failure(.unreadable("no idOp in creerPaiementSecuriseResponse"))
            }
            return .success(idOp)
        }
    }

    /// The fields of a `recupererDetailPaiementSecuriseResponse`'s `return`.
    public static func detail(_ bytes: [UInt8]) -> Result<PayFiPDetail, Problem> {
        response(bytes, named: "recupererDetailPaiementSecuriseResponse").flatMap { response in
            guard let values = response.child("return") else {
                return .failure(.unreadable("no return in recupererDetailPaiementSecuriseResponse"))
            }
            var fields: [String: String] = [:]
            for field in values.children where PayFiPProtocol.detailFields.contains(field.name) {
                fields[field.name] = field.text.trimmed
            }
            return .success(PayFiPDetail(fields: fields))
        }
    }

    /// The body's element of that name, or the body's fault.
    static func response(_ bytes: [UInt8], named name: String) -> Result<XMLElement, Problem> {
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(bytes, limits: limits)
        } catch {
            return .failure(.unreadable(error.description))
        }
        guard document.root.name == "Envelope", document.root.namespace == PayFiPProtocol.soapNamespace,
              let body = document.root.child("Body") else {
            return .failure(.unreadable("not a SOAP 1.1 envelope (root \(document.root.name))"))
        }
        if let fault = body.child("Fault") { return .failure(.fault(self.fault(fault))) }
        guard let response = body.child(name) else {
            return .failure(.unreadable("no \(name) in the SOAP body (found \(body.children.map(\.name)))"))
        }
        return .success(response)
    }

    static func fault(_ element: XMLElement) -> PayFiPFault {
        var fault = PayFiPFault(faultCode: element.child("faultcode")?.text.trimmed ?? "",
                                faultString: element.child("faultstring")?.text.trimmed ?? "")
        let types = [PayFiPProtocol.functionalError] + PayFiPProtocol.technicalErrors
        if let error = element.child("detail")?.children.first(where: { types.contains($0.name) }) {
            fault.errorType = error.name
            fault.code = error.child("code")?.text.trimmed
            fault.label = error.child("libelle")?.text.trimmed
            fault.description = error.child("descriptif")?.text.trimmed
            fault.severity = error.child("severite")?.text.trimmed
        }
        return fault
    }
}

extension String {
    var trimmed: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
