import Archiving
import Foundation
import Testing

@Suite("Elimination: the pure state machine, every transition and every refusal")
struct EliminationTests {
    let units = [UUID(), UUID()]

    func requested() throws -> Elimination { try Elimination.request(units: units, by: "anne@amiens.fr") }

    func refusal(_ body: () throws -> Elimination) -> String? {
        do { _ = try body(); return nil } catch let refusal as Elimination.Refusal { return refusal.message } catch { return "\(error)" }
    }

    @Test("a request needs units, each once")
    func request() throws {
        #expect(try requested().state == .requested)
        #expect(refusal { try Elimination.request(units: [], by: "anne") }?.contains("au moins une") == true)
        let unit = UUID()
        #expect(refusal { try Elimination.request(units: [unit, unit], by: "anne") }?.contains("deux fois") == true)
    }

    @Test("approval by a second, distinct archivist; never by the requester")
    func approval() throws {
        let approved = try requested().applying(.approve(by: "bruno@amiens.fr"))
        #expect(approved.state == .approved)
        #expect(approved.approvedBy == "bruno@amiens.fr")
        #expect(refusal { try requested().applying(.approve(by: "anne@amiens.fr")) }?.contains("second archiviste") == true)
        #expect(refusal { try approved.applying(.approve(by: "carole@amiens.fr")) }?.contains("déjà approuvée") == true)
    }

    @Test("executed only once approved; closed eliminations change no more")
    func execution() throws {
        #expect(refusal { try requested().applying(.executed) }?.contains("qu'après l'approbation") == true)
        let executed = try requested().applying(.approve(by: "bruno")).applying(.executed)
        #expect(executed.state == .executed)
        for command in [Elimination.Command.executed, .approve(by: "x"), .reject(by: "x", reason: "r"), .cancel(by: "anne@amiens.fr")] {
            #expect(refusal { try executed.applying(command) }?.contains("close") == true, "\(command)")
        }
    }

    @Test("rejection needs a reason, from the request or the approval; cancellation only by the requester, before approval")
    func rejectionAndCancellation() throws {
        let rejected = try requested().applying(.reject(by: "bruno", reason: "  Contentieux en cours.  "))
        #expect(rejected.state == .rejected && rejected.reason == "Contentieux en cours." && rejected.closedBy == "bruno")
        #expect(try requested().applying(.approve(by: "bruno")).applying(.reject(by: "carole", reason: "Erreur")).state == .rejected)
        #expect(refusal { try requested().applying(.reject(by: "bruno", reason: " ")) }?.contains("motivé") == true)
        #expect(try requested().applying(.cancel(by: "anne@amiens.fr")).state == .cancelled)
        #expect(refusal { try requested().applying(.cancel(by: "bruno")) }?.contains("Seul l'archiviste") == true)
        #expect(refusal { try requested().applying(.approve(by: "bruno")).applying(.cancel(by: "anne@amiens.fr")) }?.contains("déjà approuvée") == true)
        for closed in [rejected, try requested().applying(.cancel(by: "anne@amiens.fr"))] {
            #expect(refusal { try closed.applying(.approve(by: "bruno")) }?.contains("close") == true)
        }
    }
}

@Suite("Retention: when a DUA ends and what may be eliminated")
struct RetentionTests {
    func unit(start: String? = "2016-03-31", duration: Int? = 10, measurement: String = "year", finalAction: String? = "Destroy",
              hold: Bool = false, eliminated: Bool = false, ancestorHold: Bool = false) -> Retention.Unit {
        let parts = start.map { $0.split(separator: "-").compactMap { Int($0) } }
        return Retention.Unit(id: UUID(), start: parts.map { DateComponents(year: $0[0], month: $0[1], day: $0[2]) }, duration: duration,
                              measurement: measurement, finalAction: finalAction, legalHold: hold, eliminated: eliminated,
                              ancestorHold: ancestorHold)
    }

    func day(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T00:00:00Z")! }

    @Test("the end is start + duration in years, months or days; none without a duration or a start")
    func end() {
        #expect(Retention.end(of: unit()) == day("2026-03-31"))
        #expect(Retention.end(of: unit(duration: 18, measurement: "month")) == day("2017-09-30"))
        #expect(Retention.end(of: unit(duration: 30, measurement: "day")) == day("2016-04-30"))
        #expect(Retention.end(of: unit(duration: nil)) == nil)
        #expect(Retention.end(of: unit(start: nil)) == nil)
    }

    @Test("eligible only past the DUA, for Destroy, without a legal hold, not already eliminated")
    func eligibility() {
        #expect(Retention.eligibility(unit(), on: day("2026-03-31")) == .eligible)
        #expect(Retention.eligibility(unit(), on: day("2026-03-30")) != .eligible)
        #expect(Retention.eligibility(unit(finalAction: "Keep"), on: day("2030-01-01")) != .eligible)
        #expect(Retention.eligibility(unit(hold: true), on: day("2030-01-01")) != .eligible)
        #expect(Retention.eligibility(unit(eliminated: true), on: day("2030-01-01")) != .eligible)
        #expect(Retention.eligibility(unit(duration: nil), on: day("2030-01-01")) != .eligible)
        if case .refused(let reason) = Retention.eligibility(unit(hold: true), on: day("2030-01-01")) { #expect(reason.contains("gel")) }
    }

    @Test("a hold on an ancestor freezes the unit too, whatever its rule says; a French reason names it")
    func ancestorHold() {
        let frozen = unit(ancestorHold: true)
        #expect(Retention.eligibility(frozen, on: day("2030-01-01")) != .eligible)
        guard case .refused(let reason) = Retention.eligibility(frozen, on: day("2030-01-01")) else { Issue.record("eligible under a held ancestor"); return }
        #expect(reason.contains("gel couvre ses descendants"))
        #expect(Retention.eligibility(unit(ancestorHold: false), on: day("2030-01-01")) == .eligible)
        // Already eliminated comes first: a tombstone under a hold is said eliminated, not frozen.
        guard case .refused(let gone) = Retention.eligibility(unit(eliminated: true, ancestorHold: true), on: day("2030-01-01")) else { return }
        #expect(gone.contains("déjà éliminée"))
    }
}

@Suite("Communicability: access rules' delays")
struct CommunicabilityTests {
    func day(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "T00:00:00Z")! }
    let start = DateComponents(year: 2020, month: 6, day: 15)

    @Test("open without a rule or with a zero delay; closed until start + delay, and for ever without a start or a duration")
    func delays() {
        #expect(Retention.communicable(hasRule: false, start: nil, duration: nil, measurement: "year", on: day("2020-01-01")))
        #expect(Retention.communicable(hasRule: true, start: nil, duration: 0, measurement: "year", on: day("2020-01-01")))
        #expect(!Retention.communicable(hasRule: true, start: start, duration: 25, measurement: "year", on: day("2045-06-14")))
        #expect(Retention.communicable(hasRule: true, start: start, duration: 25, measurement: "year", on: day("2045-06-15")))
        #expect(!Retention.communicable(hasRule: true, start: nil, duration: 25, measurement: "year", on: day("2100-01-01")))
        #expect(!Retention.communicable(hasRule: true, start: start, duration: nil, measurement: "year", on: day("2100-01-01")))
    }
}
