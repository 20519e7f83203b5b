import Foundation
import Requests
import Testing

@Suite("SIRET, IBAN, phone numbers, e-mail addresses")
struct IdentifierTests {
    @Test("SIRET: 14 digits with a Luhn key, spaces removed")
    func siret() throws {
        #expect(try answer(.siret, "732 829 320 00074") == .siret("73282932000074"))
        #expect(problems(.siret, "73282932000075") == [.siretChecksum])
        #expect(problems(.siret, "00000000000000") == [.siretChecksum])
        for typed in ["7328293200007", "732829320000741", "7328293200007A", "732.829.320.00074", "SIRET"] {
            #expect(problems(.siret, typed) == [.siretFormat], "\(typed)")
        }
        #expect(AnswerProblem.siretChecksum.message == "Le numéro SIRET n'est pas valide (clé de contrôle).")
        #expect(AnswerProblem.siretFormat.message == "Le numéro SIRET doit comporter 14 chiffres.")
    }

    @Test("La Poste (SIREN 356000000): the sum of the digits is a multiple of 5, the head office keeps Luhn")
    func laPoste() throws {
        // 35600000000001 fails Luhn but its digits sum to 15.
        #expect(!SIRET.luhn("35600000000001"))
        #expect(try answer(.siret, "356 000 000 00001") == .siret("35600000000001"))
        // 35600000000014 passes Luhn but its digits sum to 19: refused.
        #expect(SIRET.luhn("35600000000014"))
        #expect(problems(.siret, "35600000000014") == [.siretChecksum])
        #expect(problems(.siret, "35600000000019") == [.siretChecksum])
        // The head office: Luhn, although its digits sum to 26.
        #expect(try answer(.siret, "35600000000048") == .siret("35600000000048"))
    }

    @Test("IBAN: France and SEPA, spaces and case normalised", arguments: [
        "FR76 3000 6000 0112 3456 7890 189", "fr7630006000011234567890189", "DE89 3704 0044 0532 0130 00",
        "BE68 5390 0754 7034", "GB82 WEST 1234 5698 7654 32", "NL91ABNA0417164300", "CH93 0076 2011 6238 5295 7",
        "MT84MALT011000012345MTLCAST001S", "NO93 8601 1117 947",
    ])
    func validIBAN(typed: String) throws {
        let expected = typed.replacingOccurrences(of: " ", with: "").uppercased()
        #expect(try answer(.iban, typed) == .iban(expected))
    }

    @Test("IBAN refusals: key, length, country, format")
    func invalidIBAN() {
        #expect(problems(.iban, "FR76 3000 6000 0112 3456 7890 188") == [.ibanChecksum])
        #expect(problems(.iban, "DE89370400440532013001") == [.ibanChecksum])
        #expect(problems(.iban, "FR76 3000 6000 0112 3456 7890 18") == [.ibanLength(country: "FR", expected: 27)])
        #expect(problems(.iban, "BR1800360305000010009795493C1") == [.ibanCountry("BR")])
        for typed in ["76FR30006000011234567890189", "FRAB30006000011234567890189", "FR76-3000-6000", "FR7", "FR76 3000 6000 0112 3456 7890 1é9"] {
            #expect(problems(.iban, typed) == [.ibanFormat], "\(typed)")
        }
        #expect(AnswerProblem.ibanChecksum.message == "L'IBAN n'est pas valide (clé de contrôle).")
        #expect(AnswerProblem.ibanLength(country: "FR", expected: 27).message == "Un IBAN FR comporte 27 caractères.")
        #expect(IBAN.lengths["FR"] == 27 && IBAN.lengths.count >= 36)
    }

    @Test("phone: 10 digits from 0 or +33 and 9 digits, spaces, dots or dashes; stored +33XXXXXXXXX", arguments: [
        ("01 23 45 67 89", "+33123456789"), ("06.12.34.56.78", "+33612345678"), ("06-12-34-56-78", "+33612345678"),
        ("0612345678", "+33612345678"), ("+33 6 12 34 56 78", "+33612345678"), ("+33612345678", "+33612345678"),
        ("09 70 80 90 10", "+33970809010"), ("06 12.34-56 78", "+33612345678"),
    ])
    func phone(typed: String, stored: String) throws {
        #expect(try answer(.phone, typed) == .phone(stored))
    }

    @Test("phone refusals", arguments: ["061234567", "06123456789", "00 12 34 56 78", "+330612345678", "+33 0 12 34 56 78",
                                        "+44 20 7946 0958", "06 12 34 56 7a", "tél. 0612345678", "6 12 34 56 78", "+3361234567"])
    func invalidPhone(typed: String) {
        #expect(problems(.phone, typed) == [.invalidPhone])
    }

    @Test("e-mail: domain lower-cased, local part kept")
    func email() throws {
        #expect(try answer(.email, " Anne.Martin+mairie@Amiens.FR ") == .email("Anne.Martin+mairie@amiens.fr"))
        #expect(try answer(.email, "o'brien@sous.domaine.example.org") == .email("o'brien@sous.domaine.example.org"))
        for typed in ["anne", "anne@", "@amiens.fr", "anne@amiens", "anne@@amiens.fr", "anne..m@amiens.fr", ".anne@amiens.fr",
                      "anne@-amiens.fr", "anne@amiens.f", "anné@amiens.fr", "anne martin@amiens.fr", "anne@amiens..fr",
                      "anne@amiens.fr2"] {
            #expect(problems(.email, typed) == [.invalidEmail], "\(typed)")
        }
    }
}
