import Foundation
import Requests
import Testing

@Suite("Numbers and dates as typed in France")
struct NumberDateTests {
    let decimal = FieldKind.number()

    @Test("decimal comma or point, thousands spaces, sign; canonical decimal string")
    func numbers() throws {
        let cases: [(String, String)] = [
            ("12,5", "12.5"), ("12.5", "12.5"), ("1 000,50", "1000.5"), ("1\u{202F}000", "1000"), ("-3", "-3"),
            ("+007", "7"), ("0,000", "0"), ("-0", "0"), (" 42 ", "42"), ("0,25", "0.25"), ("-0,5", "-0.5"),
        ]
        for (typed, stored) in cases {
            #expect(try answer(decimal, typed) == .number(stored), "\(typed)")
        }
    }

    @Test("what is not a number", arguments: ["1,2,3", "abc", "12,", ",5", "1.000,5", "1e5", "١٢", "--1", "12 €", "0x1F",
                                              "1234567890123456", "1,12345678901"])
    func notNumbers(typed: String) {
        #expect(problems(decimal, typed) == [.notANumber])
    }

    @Test("integers only, and bounds (inclusive)")
    func integerAndBounds() throws {
        let count = FieldKind.number(minimum: 0, maximum: 10, integerOnly: true)
        #expect(try answer(count, "7,0") == .number("7"), "a whole number typed with decimals")
        #expect(problems(count, "2,5") == [.notAnInteger])
        #expect(try answer(count, "0") == .number("0"))
        #expect(try answer(count, "10") == .number("10"))
        #expect(problems(count, "-1") == [.belowMinimum(0)])
        #expect(problems(count, "11") == [.aboveMaximum(10)])
        let rate = FieldKind.number(minimum: Decimal(string: "0.5"), maximum: Decimal(string: "99.95"))
        #expect(problems(rate, "0,49") == [.belowMinimum(Decimal(string: "0.5")!)])
        #expect(problems(rate, "99,951") == [.aboveMaximum(Decimal(string: "99.95")!)])
        #expect(try answer(rate, "99,95") == .number("99.95"))
        #expect(AnswerProblem.belowMinimum(Decimal(string: "0.5")!).message == "La valeur doit être supérieure ou égale à 0,5.")
        #expect(AnswerProblem.aboveMaximum(10).message == "La valeur doit être inférieure ou égale à 10.")
        #expect(AnswerProblem.notAnInteger.message == "Saisissez un nombre entier.")
    }

    @Test("dates: AAAA-MM-JJ and JJ/MM/AAAA, leap years")
    func dates() throws {
        let date = FieldKind.date()
        let bastille = try #require(CalendarDate(year: 2026, month: 7, day: 14))
        #expect(try answer(date, "2026-07-14") == .date(bastille))
        #expect(try answer(date, " 14/07/2026 ") == .date(bastille))
        #expect(try answer(date, "29/02/2024") == .date(try #require(CalendarDate(year: 2024, month: 2, day: 29))))
        #expect(try answer(date, "2000-02-29") != nil)
        #expect(bastille.description == "2026-07-14" && bastille.french == "14/07/2026")
    }

    @Test("invalid dates", arguments: ["31/02/2026", "29/02/2026", "29/02/1900", "2026-13-01", "2026-04-31", "00/01/2026",
                                       "14/7/2026", "2026/07/14", "14-07-2026", "14/07/26", "2026-7-14", "0999-01-01",
                                       "demain", "14/07/2026 10:00", "１４/07/2026"])
    func invalidDates(typed: String) {
        #expect(problems(.date(), typed) == [.invalidDate])
    }

    @Test("date bounds are inclusive")
    func dateBounds() throws {
        let start = try #require(CalendarDate(year: 2026, month: 1, day: 1))
        let end = try #require(CalendarDate(year: 2026, month: 12, day: 31))
        let kind = FieldKind.date(minimum: start, maximum: end)
        #expect(try answer(kind, "01/01/2026") == .date(start))
        #expect(try answer(kind, "2026-12-31") == .date(end))
        #expect(problems(kind, "31/12/2025") == [.dateTooEarly(start)])
        #expect(problems(kind, "2027-01-01") == [.dateTooLate(end)])
        #expect(AnswerProblem.dateTooEarly(start).message == "La date doit être le 01/01/2026 ou après.")
        #expect(AnswerProblem.invalidDate.message == "Saisissez une date valide au format JJ/MM/AAAA.")
    }

    @Test("calendar dates order, encode as AAAA-MM-JJ, refuse bad JSON")
    func calendarDate() throws {
        let a = try #require(CalendarDate(year: 2025, month: 12, day: 31))
        let b = try #require(CalendarDate(year: 2026, month: 1, day: 1))
        #expect(a < b && !(b < a))
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        let json = try JSONEncoder().encode([a])
        #expect(String(decoding: json, as: UTF8.self) == #"["2025-12-31"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [a])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2025-02-30"]"#.utf8)) }
    }
}
