import Foundation
import Requests
import Testing

@Suite("Processing delays: late from the midnight after the last day, Paris time; final statuses never late")
struct DeadlineTests {
    let month = ProcessingDelay(days: 30)!
    let open = WorkflowStatus(id: "instruction", label: "En cours d'instruction")
    let closed = WorkflowStatus(id: "cloturee", label: "Clôturée", isFinal: true)

    @Test("filed on 1 March: due by the end of 31 March (summer time by then), late from 1 April 00:00")
    func lateness() {
        let filed = parisTime(2026, 3, 1, 10)
        #expect(month.lateFrom(filedAt: filed) == parisTime(2026, 4, 1))
        #expect(month.dueDay(filedAt: filed) == CalendarDate(year: 2026, month: 3, day: 31))
        #expect(!month.isLate(filedAt: filed, now: parisTime(2026, 3, 31, 23, 59, 59), status: open))
        #expect(month.isLate(filedAt: filed, now: parisTime(2026, 4, 1), status: open))
        #expect(!month.isLate(filedAt: filed, now: parisTime(2027, 1, 1), status: closed))
    }

    @Test("the filing day is the day in Paris, not in UTC")
    func parisDay() {
        let justAfterMidnight = parisTime(2026, 3, 1, 0, 30)  // 28 February 23:30 UTC
        #expect(month.lateFrom(filedAt: justAfterMidnight) == parisTime(2026, 4, 1))
        let lateEvening = parisTime(2026, 3, 1, 23, 59)
        #expect(month.lateFrom(filedAt: lateEvening) == parisTime(2026, 4, 1))
        #expect(ProcessingDelay(days: 1)!.lateFrom(filedAt: parisTime(2026, 10, 24, 12)) == parisTime(2026, 10, 26))
    }

    @Test("a request's lateness follows its status in the workflow")
    func lifecycle() throws {
        let workflow = WorkflowDefinition.standard
        let filed = parisTime(2026, 3, 1, 10)
        var lifecycle = try RequestLifecycle.start(in: workflow, requester: nil, at: filed).0
        let context = RequestLifecycle.MessageContext(number: RequestNumber(slug: "eau", year: 2026, sequence: 1)!, procedure: "Eau")
        let agent = LifecycleActor.agent(UUID(), permissions: ["requests.process"])
        let later = parisTime(2026, 5, 1)
        #expect(lifecycle.isLate(now: later, delay: month, in: workflow))
        #expect(!lifecycle.isLate(now: parisTime(2026, 3, 2), delay: month, in: workflow))
        for id in ["prendre-en-charge", "accepter"] {
            try lifecycle.apply(.transition(id: id), by: agent, in: workflow, context: context, at: filed)
        }
        #expect(lifecycle.isLate(now: later, delay: month, in: workflow), "accepted but not closed: still counted")
        try lifecycle.apply(.transition(id: "cloturer"), by: agent, in: workflow, context: context, at: filed)
        #expect(!lifecycle.isLate(now: later, delay: month, in: workflow))
    }

    @Test("delays are 1 to 3650 days")
    func bounds() {
        #expect(ProcessingDelay(days: 0) == nil && ProcessingDelay(days: 3651) == nil)
        #expect(ProcessingDelay(days: 1)?.days == 1 && ProcessingDelay(days: 3650)?.days == 3650)
    }
}
