import Foundation
import Payments
import Testing
import XML

@Suite("PayFiP: request envelopes")
struct PayFiPEnvelopeTests {
    static let creation = PaymentCreation(
        numcli: "012345", exer: 2026, refdet: "FAC2026000123", objet: "Cantine d'école — février & mars <2026>",
        amountCents: 12_345, payerEmail: "camille.martin@example.org",
        notificationURL: "https://mairie.example.org/paiements/notification?a=1&b=2",
        returnURL: "https://mairie.example.org/paiements/retour", mode: .test
    )

    @Test("creerPaiementSecurise: the wrapper in the service's namespace, arg0's fields in the WSDL's order, escaped")
    func create() throws {
        let text = PayFiPEnvelope.create(Self.creation)
        #expect(text.contains("<urlnotif>https://mairie.example.org/paiements/notification?a=1&amp;b=2</urlnotif>"))
        let document = try XMLDocument.parse(Array(text.utf8))
        #expect(document.root.name == "Envelope")
        #expect(document.root.namespace == PayFiPProtocol.soapNamespace)
        let call = try #require(document.root.child("Body")?.child("creerPaiementSecurise"))
        #expect(call.namespace == PayFiPProtocol.serviceNamespace)
        let arg0 = try #require(call.child("arg0"))
        #expect(arg0.namespace == nil)
        #expect(arg0.children.map(\.name) == ["exer", "mel", "montant", "numcli", "objet", "refdet", "saisie", "urlnotif", "urlredirect"])
        #expect(arg0.child("exer")?.text == "2026")
        #expect(arg0.child("montant")?.text == "12345")
        #expect(arg0.child("numcli")?.text == "012345")
        #expect(arg0.child("objet")?.text == "Cantine d ecole fevrier mars 2026")
        #expect(arg0.child("saisie")?.text == "T")
        #expect(arg0.child("urlnotif")?.text == "https://mairie.example.org/paiements/notification?a=1&b=2")
    }

    @Test("an objet with nothing PayFiP accepts is left out; the modes are T, X and W")
    func optionalObjet() throws {
        var creation = Self.creation
        creation.objet = "— « » —"
        creation.mode = .production
        let document = try XMLDocument.parse(Array(PayFiPEnvelope.create(creation).utf8))
        let arg0 = try #require(document.root[path: "Body", "creerPaiementSecurise", "arg0"])
        #expect(arg0.child("objet") == nil)
        #expect(arg0.child("saisie")?.text == "W")
        #expect(PaymentMode.activation.rawValue == "X")
    }

    @Test("recupererDetailPaiementSecurise carries the idOp, escaped")
    func result() throws {
        let text = PayFiPEnvelope.result(of: "ab<&>")
        let document = try XMLDocument.parse(Array(text.utf8))
        let call = try #require(document.root.child("Body")?.child("recupererDetailPaiementSecurise"))
        #expect(call.namespace == PayFiPProtocol.serviceNamespace)
        #expect(call[path: "arg0", "idOp"]?.text == "ab<&>")
    }

    @Test("objet: accents dropped, apostrophes and hyphens made spaces, at most 100 characters")
    func objet() {
        #expect(PayFiPObjet.sanitised("Crèche Saint-Exupéry : l’été") == "Creche Saint Exupery l ete")
        #expect(PayFiPObjet.sanitised(String(repeating: "a", count: 150)).count == 100)
        #expect(PayFiPObjet.sanitised("  ") == "")
    }

    @Test("a creation's fields are checked before any call")
    func problems() {
        #expect(Self.creation.problem == nil)
        var creation = Self.creation
        creation.numcli = "12345"
        #expect(creation.problem?.contains("numcli") == true)
        creation = Self.creation
        creation.refdet = "FAC-1"
        #expect(creation.problem?.contains("refdet") == true)
        creation = Self.creation
        creation.amountCents = 99
        #expect(creation.problem?.contains("amountCents") == true)
        creation = Self.creation
        creation.payerEmail = "nobody"
        #expect(creation.problem?.contains("payerEmail") == true)
        creation = Self.creation
        creation.returnURL = "javascript:alert(1)"
        #expect(creation.problem?.contains("returnURL") == true)
    }
}
