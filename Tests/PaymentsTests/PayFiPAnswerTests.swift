import Foundation
import Payments
import Testing

@Suite("PayFiP: answers, faults and their meaning")
struct PayFiPAnswerTests {
    static func envelope(_ body: String) -> [UInt8] {
        Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>\(body)</S:Body></S:Envelope>
            """.utf8)
    }

    static func detail(resultrans: String, numauto: String = "123456") -> [UInt8] {
        envelope("""
            <ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="\(PayFiPProtocol.serviceNamespace)">
              <return xmlns:r="\(PayFiPProtocol.responseNamespace)">
                <r:dattrans>29112026</r:dattrans><r:exer>2026</r:exer><r:heurtrans>2107</r:heurtrans>
                <r:idOp>OP42</r:idOp><r:mel>camille@example.org</r:mel><r:montant>12345</r:montant>
                <r:numauto>\(numauto)</r:numauto><r:numcli>012345</r:numcli><r:objet>Cantine</r:objet>
                <r:refdet>FAC2026000123</r:refdet><r:resultrans>\(resultrans)</r:resultrans><r:saisie>T</r:saisie>
              </return>
            </ns2:recupererDetailPaiementSecuriseResponse>
            """)
    }

    static func fault(type: String, code: String) -> [UInt8] {
        envelope("""
            <S:Fault><faultcode>S:Server</faultcode><faultstring>\(PayFiPProtocol.functionalFault)</faultstring>
            <detail><ns2:\(type) xmlns:ns2="\(PayFiPProtocol.serviceNamespace)"><code>\(code)</code>
            <descriptif>IdOp incorrect ou inconnu</descriptif><libelle>IdOp incorrect</libelle><severite>2</severite></ns2:\(type)></detail>
            </S:Fault>
            """)
    }

    @Test("creerPaiementSecuriseResponse gives the idOp, whatever its namespace")
    func idOp() throws {
        let answer = Self.envelope("""
            <ns2:creerPaiementSecuriseResponse xmlns:ns2="\(PayFiPProtocol.serviceNamespace)">
            <return><idOp xmlns="\(PayFiPProtocol.responseNamespace)"> 6d1a0c0e-5b3f </idOp></return>
            </ns2:creerPaiementSecuriseResponse>
            """)
        #expect(try PayFiPAnswer.idOp(answer).get() == "6d1a0c0e-5b3f")
    }

    @Test("recupererDetailPaiementSecuriseResponse: every field, the amount, the authorisation, the time in Paris")
    func detail() throws {
        let detail = try PayFiPAnswer.detail(Self.detail(resultrans: "P")).get()
        #expect(detail["refdet"] == "FAC2026000123")
        let result = try detail.result().get()
        #expect(result.outcome == .paidByCard)
        #expect(result.idOp == "OP42")
        #expect(result.amountCents == 12_345)
        #expect(result.numauto == "123456")
        #expect(result.resultrans == "P")
        // 29 November 2026, 21:07 in Paris (UTC+1) is 20:07 UTC.
        #expect(result.paidAt == Date(timeIntervalSince1970: 1_795_982_820))
    }

    @Test("resultrans: P card, V direct debit, R and Z refused, A abandoned; anything else is not read")
    func mapping() throws {
        let expected: [(String, PaymentOutcome)] = [("P", .paidByCard), ("V", .paidByDirectDebit), ("R", .refused), ("Z", .refused), ("A", .abandoned)]
        for (code, outcome) in expected {
            #expect(try PayFiPAnswer.detail(Self.detail(resultrans: code, numauto: "")).get().result().get().outcome == outcome)
        }
        #expect(try PayFiPAnswer.detail(Self.detail(resultrans: "A", numauto: "")).get().result().get().numauto == nil)
        #expect(throws: PayFiPDetail.DetailProblem.self) { try PayFiPAnswer.detail(Self.detail(resultrans: "Q")).get().result().get() }
    }

    @Test("a FonctionnelleErreur is read: type, code, label, description")
    func functionalFault() {
        guard case .failure(.fault(let fault)) = PayFiPAnswer.detail(Self.fault(type: "FonctionnelleErreur", code: "P1")) else {
            Issue.record("no fault")
            return
        }
        #expect(fault.isFunctional)
        #expect(!fault.isTechnical)
        #expect(fault.code == "P1")
        #expect(fault.label == "IdOp incorrect")
        #expect(fault.message == "IdOp incorrect ou inconnu")
        #expect(fault.faultCode == "S:Server")
    }

    @Test("an unavailability error is technical; a protocol error is not")
    func technicalFault() {
        guard case .failure(.fault(let down)) = PayFiPAnswer.idOp(Self.fault(type: "TechIndisponibiliteErreur", code: "T1")),
              case .failure(.fault(let protocolError)) = PayFiPAnswer.idOp(Self.fault(type: "TechProtocolaireErreur", code: "T2")) else {
            Issue.record("no fault")
            return
        }
        #expect(down.isTechnical)
        #expect(!protocolError.isTechnical)
    }

    @Test("what is not a SOAP envelope, or carries a DOCTYPE, is unreadable")
    func unreadable() {
        let html = Array("<html><body>Bad gateway</body></html>".utf8)
        let doctype = Array("""
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>&e;</S:Body></S:Envelope>
            """.utf8)
        for bytes in [html, doctype, Array("not xml".utf8), Self.envelope("<other/>")] {
            guard case .failure(.unreadable) = PayFiPAnswer.idOp(bytes) else {
                Issue.record("read: \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
        }
    }

    @Test("dattrans and heurtrans: ddMMyyyy and HHmm in Paris time, nothing else")
    func timestamps() {
        // 1 July 2026, 09:30 in Paris (UTC+2) is 07:30 UTC.
        #expect(PayFiPTimestamp.date(dattrans: "01072026", heurtrans: "0930") == Date(timeIntervalSince1970: 1_782_891_000))
        #expect(PayFiPTimestamp.date(dattrans: "31022026", heurtrans: "0930") == nil)
        #expect(PayFiPTimestamp.date(dattrans: "2026-07-01", heurtrans: "0930") == nil)
        #expect(PayFiPTimestamp.date(dattrans: "01072026", heurtrans: "2460") == nil)
        #expect(PayFiPTimestamp.date(dattrans: "", heurtrans: "") == nil)
        let fields = PayFiPTimestamp.fields(for: Date(timeIntervalSince1970: 1_782_891_000))
        #expect(fields.dattrans == "01072026")
        #expect(fields.heurtrans == "0930")
    }
}
