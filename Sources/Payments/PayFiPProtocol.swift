/// The constants of PayFiP's `PaiementSecuriseService` (SOAP 1.1, document/literal, JAX-WS), as
/// its WSDL and the clients that use it (eopayment's `payfip_ws`) name them.
public enum PayFiPProtocol {
    public static let soapNamespace = "http://schemas.xmlsoap.org/soap/envelope/"
    /// The service's namespace: the operations' wrappers and the faults' detail elements.
    public static let serviceNamespace =
        "http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService"
    /// The namespace of the answers' types.
    public static let responseNamespace = "http://securite.service.tpa.cp.finances.gouv.fr/reponse"
    /// The `faultstring` of a functional error (the request is refused, or the result not there).
    public static let functionalFault = "fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur"

    /// The SOAP endpoint's path (`https://www.payfip.gouv.fr/tpa/services/securite`).
    public static let servicePath = "/tpa/services/securite"
    /// The payment page's path (`https://www.payfip.gouv.fr/tpa/paiementws.web?idop=…`).
    public static let pagePath = "/tpa/paiementws.web"

    /// The detail elements of the faults: a functional error, and the three technical ones.
    public static let functionalError = "FonctionnelleErreur"
    public static let technicalErrors = ["TechDysfonctionnementErreur", "TechIndisponibiliteErreur", "TechProtocolaireErreur"]

    /// Functional error codes of `recupererDetailPaiementSecurise`: P1, the operation is unknown
    /// (never created, or purged the night after it lapsed); P5, no result yet.
    public static let unknownOperationCode = "P1"
    public static let noResultYetCode = "P5"

    /// How long an operation may be paid after its creation.
    public static let operationLifetime: Duration = .seconds(15 * 60)

    /// The fields of `recupererDetailPaiementSecurise`'s answer, in the WSDL's order.
    public static let detailFields = [
        "dattrans", "exer", "heurtrans", "idOp", "mel", "montant", "numauto", "numcli", "objet", "refdet", "resultrans", "saisie",
    ]
}
