import Foundation
@testable import Jobs
import Testing

@Suite("Job lifecycle and retry policy (pure)")
struct LifecycleTests {
    @Test("backoff doubles, is capped, and jitter only shortens it within its fraction")
    func backoff() {
        let policy = RetryPolicy(base: .seconds(2), cap: .seconds(60), jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, random: 0) == .seconds(2))
        #expect(policy.delay(afterAttempt: 2, random: 0) == .seconds(4))
        #expect(policy.delay(afterAttempt: 5, random: 0) == .seconds(32))
        #expect(policy.delay(afterAttempt: 6, random: 0) == .seconds(60))
        #expect(policy.delay(afterAttempt: 60, random: 0) == .seconds(60))
        #expect(policy.delay(afterAttempt: 3, random: 1) == .seconds(4))
        #expect(policy.delay(afterAttempt: 3, random: 0.5) == .seconds(6))
        for attempt in 1...20 {
            for random in stride(from: 0.0, to: 1.0, by: 0.1) {
                let delay = policy.delay(afterAttempt: attempt, random: random)
                #expect(delay <= .seconds(60))
                #expect(delay >= policy.delay(afterAttempt: attempt, random: 0) / 2)
            }
        }
        #expect(RetryPolicy(base: .seconds(1), cap: .seconds(10), jitter: 0).delay(afterAttempt: 3, random: 0.9) == .seconds(4))
    }

    @Test("a failure is retried at now + backoff until the last attempt, then dead")
    func failures() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let policy = RetryPolicy(base: .seconds(10), cap: .seconds(100), jitter: 0)
        #expect(JobLifecycle.afterFailure(attempt: 1, maxAttempts: 3, now: now, policy: policy, random: 0.3) == .retry(at: now.addingTimeInterval(10)))
        #expect(JobLifecycle.afterFailure(attempt: 2, maxAttempts: 3, now: now, policy: policy, random: 0.3) == .retry(at: now.addingTimeInterval(20)))
        #expect(JobLifecycle.afterFailure(attempt: 3, maxAttempts: 3, now: now, policy: policy, random: 0.3) == .dead)
        #expect(JobLifecycle.afterFailure(attempt: 1, maxAttempts: 3, now: now, policy: policy, random: 0.3, permanent: true) == .dead)
    }

    @Test("transitions")
    func transitions() {
        typealias L = JobLifecycle
        #expect(L.next(.enqueued, on: .claim(leaseExpired: false), attempts: 0, maxAttempts: 3) == .running)
        #expect(L.next(.retrying, on: .claim(leaseExpired: false), attempts: 2, maxAttempts: 3) == .running)
        #expect(L.next(.retrying, on: .claim(leaseExpired: false), attempts: 3, maxAttempts: 3) == nil)
        #expect(L.next(.running, on: .claim(leaseExpired: false), attempts: 1, maxAttempts: 3) == nil)
        #expect(L.next(.running, on: .claim(leaseExpired: true), attempts: 1, maxAttempts: 3) == .running)
        #expect(L.next(.running, on: .claim(leaseExpired: true), attempts: 3, maxAttempts: 3) == .dead)
        #expect(L.next(.running, on: .succeed, attempts: 1, maxAttempts: 3) == .succeeded)
        #expect(L.next(.running, on: .fail, attempts: 1, maxAttempts: 3) == .retrying)
        #expect(L.next(.running, on: .fail, attempts: 3, maxAttempts: 3) == .dead)
        #expect(L.next(.running, on: .release, attempts: 1, maxAttempts: 3) == .enqueued)
        #expect(L.next(.running, on: .release, attempts: 2, maxAttempts: 3) == .retrying)
        #expect(L.next(.running, on: .leaseExpired, attempts: 1, maxAttempts: 3) == .retrying)
        #expect(L.next(.running, on: .leaseExpired, attempts: 3, maxAttempts: 3) == .dead)
        #expect(L.next(.running, on: .cancel, attempts: 1, maxAttempts: 3) == nil)
        #expect(L.next(.dead, on: .cancel, attempts: 3, maxAttempts: 3) == .cancelled)
        #expect(L.next(.dead, on: .replay, attempts: 3, maxAttempts: 3) == .enqueued)
        #expect(L.next(.succeeded, on: .replay, attempts: 1, maxAttempts: 3) == nil)
        #expect(L.next(.succeeded, on: .claim(leaseExpired: true), attempts: 1, maxAttempts: 3) == nil)
    }
}

@Suite("Cron expressions (pure)")
struct CronTests {
    let paris = TimeZone(identifier: "Europe/Paris")!
    let utc = TimeZone(secondsFromGMT: 0)!

    func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    func iso(_ date: Date?) -> String? { date.map { ISO8601DateFormatter().string(from: $0) } }

    @Test("next occurrences", arguments: [
        ("*/15 * * * *", "2026-11-29T10:07:30Z", "2026-11-29T10:15:00Z"),
        ("0 2 * * *", "2026-11-29T10:00:00Z", "2026-11-30T02:00:00Z"),
        ("0 2 * * *", "2026-11-30T02:00:00Z", "2026-12-01T02:00:00Z"),
        ("30 8 1 * *", "2026-12-15T00:00:00Z", "2027-01-01T08:30:00Z"),
        ("0 9 * * mon-fri", "2026-11-28T12:00:00Z", "2026-11-30T09:00:00Z"),
        ("0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 12 13 * 5", "2026-11-01T00:00:00Z", "2026-11-06T12:00:00Z"),
        ("@hourly", "2026-11-29T10:59:59Z", "2026-11-29T11:00:00Z"),
        ("5,10 1-2 * jan,feb *", "2026-11-29T00:00:00Z", "2027-01-01T01:05:00Z"),
    ])
    func next(_ expression: String, _ after: String, _ expected: String) throws {
        let cron = try CronExpression(expression)
        #expect(iso(cron.next(after: date(after), in: utc)) == expected)
    }

    @Test("evaluated in Paris time, across the DST changes")
    func daylightSaving() throws {
        let nightly = try CronExpression("0 2 * * *")
        // 2 a.m. in Paris is 01:00Z in winter and 00:00Z in summer.
        #expect(iso(nightly.next(after: date("2026-11-29T12:00:00Z"), in: paris)) == "2026-11-30T01:00:00Z")
        #expect(iso(nightly.next(after: date("2026-07-01T12:00:00Z"), in: paris)) == "2026-07-02T00:00:00Z")
        // 29 March 2026: 02:00 does not exist in Paris; the next 2 a.m. is on the 30th.
        #expect(iso(nightly.next(after: date("2026-03-28T12:00:00Z"), in: paris)) == "2026-03-30T00:00:00Z")
        // 25 October 2026: 02:30 happens twice in Paris; it fires once.
        let halfPast = try CronExpression("30 2 * * *")
        let first = try #require(halfPast.next(after: date("2026-10-24T12:00:00Z"), in: paris))
        #expect(iso(first) == "2026-10-25T00:30:00Z")
        #expect(iso(halfPast.next(after: first, in: paris)) == "2026-10-26T01:30:00Z")
    }

    @Test("invalid expressions are refused with the field named", arguments: [
        "* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "*/0 * * * *", "5-1 * * * *", "a * * * *", "1,,2 * * * *",
    ])
    func invalid(_ expression: String) {
        #expect(throws: CronExpression.ParseError.self) { try CronExpression(expression) }
    }
}
