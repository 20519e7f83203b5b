import Foundation

/// The job state machine, free of I/O: which transitions are allowed and what a failure leads
/// to. The SQL of `JobStore` applies exactly these rules in its `WHERE` clauses.
public enum JobLifecycle {
    public enum Event: Sendable, Equatable {
        /// A worker takes the job (also allowed on a running job whose lease expired: its
        /// worker died).
        case claim(leaseExpired: Bool)
        case succeed
        case fail
        /// A worker shutting down gives the job back without it counting as an attempt.
        case release
        /// The worker's lease ran out (it died mid-attempt): the attempt counts.
        case leaseExpired
        case cancel
        /// An operator runs a dead (or cancelled) job again.
        case replay
    }

    /// What becomes of a job after a failed attempt.
    public enum FailureOutcome: Sendable, Equatable {
        case retry(at: Date)
        case dead
    }

    public static func next(_ state: JobState, on event: Event, attempts: Int, maxAttempts: Int) -> JobState? {
        switch (state, event) {
        case (.enqueued, .claim), (.retrying, .claim):
            return attempts < maxAttempts ? .running : nil
        case (.running, .claim(leaseExpired: true)):
            return attempts < maxAttempts ? .running : .dead
        case (.running, .succeed):
            return .succeeded
        case (.running, .fail):
            return attempts < maxAttempts ? .retrying : .dead
        case (.running, .release):
            return attempts > 1 ? .retrying : .enqueued
        case (.running, .leaseExpired):
            return attempts < maxAttempts ? .retrying : .dead
        case (.enqueued, .cancel), (.retrying, .cancel), (.dead, .cancel):
            return .cancelled
        case (.dead, .replay), (.cancelled, .replay):
            return .enqueued
        default:
            return nil
        }
    }

    /// After the `attempt`-th attempt failed at `now`: retry after the policy's delay, or die
    /// (after the last attempt, or at once when the failure is `permanent`).
    public static func afterFailure(
        attempt: Int, maxAttempts: Int, now: Date, policy: RetryPolicy, random: Double, permanent: Bool = false, schedule: [Duration]? = nil
    ) -> FailureOutcome {
        guard attempt < maxAttempts, !permanent else { return .dead }
        if let schedule, let last = schedule.last {
            // The kind's own schedule, with a tenth of jitter.
            let delay = attempt - 1 < schedule.count ? schedule[attempt - 1] : last
            return .retry(at: now.addingTimeInterval(delay.seconds * (1 - 0.1 * min(max(random, 0), 1))))
        }
        return .retry(at: now.addingTimeInterval(policy.delay(afterAttempt: attempt, random: random).seconds))
    }
}
