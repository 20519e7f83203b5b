import Foundation
import Requests
import Testing

@Suite("Request numbers: SLUG-YEAR-000042")
struct RequestNumberTests {
    @Test("formatting: slug upper-cased, sequence padded to six digits")
    func formatting() throws {
        #expect(try #require(RequestNumber(slug: "depots", year: 2026, sequence: 42)).description == "DEPOTS-2026-000042")
        #expect(try #require(RequestNumber(slug: "etat-civil", year: 2027, sequence: 999_999)).description == "ETAT-CIVIL-2027-999999")
        #expect(try #require(RequestNumber(slug: "eau", year: 2026, sequence: 1_234_567)).description == "EAU-2026-1234567")
        for (slug, year, sequence) in [("", 2026, 1), ("dépôts", 2026, 1), ("1eau", 2026, 1), ("eau-", 2026, 1), ("eau--x", 2026, 1),
                                       ("eau", 999, 1), ("eau", 10_000, 1), ("eau", 2026, 0), (String(repeating: "a", count: 41), 2026, 1)] {
            #expect(RequestNumber(slug: slug, year: year, sequence: sequence) == nil, "\(slug) \(year) \(sequence)")
        }
    }

    @Test("parsing: what formatting gives, and nothing else")
    func parsing() throws {
        let number = try #require(RequestNumber("ETAT-CIVIL-2026-000042"))
        #expect(number.slug == "ETAT-CIVIL" && number.year == 2026 && number.sequence == 42)
        #expect(RequestNumber("EAU-2026-1234567")?.sequence == 1_234_567)
        #expect(RequestNumber("FETE-2025-2026-000001")?.slug == "FETE-2025")
        for text in ["depots-2026-000042", "DEPOTS-26-000042", "DEPOTS-2026-42", "DEPOTS-2026-0001234", "-2026-000001",
                     "DEPOTS-2026", "DEPOTS-2026-000000", "DEPOTS_2026_000042", "DEPOTS-2026-00004A", ""] {
            #expect(RequestNumber(text) == nil, "\(text)")
        }
        let json = try JSONEncoder().encode([number])
        #expect(String(decoding: json, as: UTF8.self) == #"["ETAT-CIVIL-2026-000042"]"#)
        #expect(try JSONDecoder().decode([RequestNumber].self, from: json) == [number])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([RequestNumber].self, from: Data(#"["x"]"#.utf8)) }
    }
}
