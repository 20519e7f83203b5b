/// A SOAP fault from PayFiP: `faultcode` and `faultstring`, and, when the detail holds one of
/// PayFiP's errors, its type (`FonctionnelleErreur`, `TechIndisponibiliteErreur`…), `code`,
/// `libelle`, `descriptif` and `severite`.
public struct PayFiPFault: Sendable, Equatable {
    public var faultCode: String
    public var faultString: String
    /// The detail element's local name; nil when the detail holds none of PayFiP's errors.
    public var errorType: String?
    public var code: String?
    public var label: String?
    public var description: String?
    public var severity: String?

    public init(faultCode: String, faultString: String, errorType: String? = nil, code: String? = nil, label: String? = nil,
                description: String? = nil, severity: String? = nil) {
        self.faultCode = faultCode
        self.faultString = faultString
        self.errorType = errorType
        self.code = code
        self.label = label
        self.description = description
        self.severity = severity
    }

    public var isFunctional: Bool { errorType == PayFiPProtocol.functionalError }
    /// A technical error (PayFiP down or broken), or a fault blaming the server.
    public var isTechnical: Bool {
        if let errorType { return PayFiPProtocol.technicalErrors.contains(errorType) && errorType != "TechProtocolaireErreur" }
        return faultCode.hasSuffix("Server")
    }

    /// The most telling text: the description, else the label, else the fault string.
    public var message: String {
        [description, label].compactMap { $0 }.first { !$0.isEmpty } ?? faultString
    }
}
