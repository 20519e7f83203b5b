/// Where a job stands; PostgreSQL's `platform.jobs.state` is the truth.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Waiting for its `run_at` and a worker.
    case enqueued
    /// Claimed by a worker, which holds a lease on it.
    case running
    case succeeded
    /// Failed; will run again at its new `run_at`.
    case retrying
    /// Failed its last allowed attempt; kept with its last error until replayed or cancelled.
    case dead
    case cancelled

    /// States in which the job is still to be done (and its uniqueness key taken).
    public static let pending: [JobState] = [.enqueued, .retrying, .running]
}
