/// Settings of the job runtime of a `mutualis work` process.
public struct JobsConfiguration: Sendable {
    /// Queues this process works on (nil: every queue with a registered handler).
    public var queues: [String]?
    /// Jobs run at once by this process.
    public var concurrency: Int
    /// A job whose worker stopped answering for this long is taken by another worker.
    public var visibilityTimeout: Duration
    /// On SIGTERM, in-flight jobs get this long to finish before being given back.
    public var shutdownDeadline: Duration
    /// At most this many jobs of one member (per queue) sit in a stream or run at once: a
    /// member's backlog cannot delay the other members' jobs.
    public var tenantCap: Int
    public var retryPolicy: RetryPolicy
    /// How often the relay looks for due jobs when no notification wakes it.
    public var pollInterval: Duration

    public init(
        queues: [String]? = nil, concurrency: Int = 32, visibilityTimeout: Duration = .seconds(60),
        shutdownDeadline: Duration = .seconds(25), tenantCap: Int = 64, retryPolicy: RetryPolicy = RetryPolicy(),
        pollInterval: Duration = .milliseconds(250)
    ) {
        self.queues = queues
        self.concurrency = concurrency
        self.visibilityTimeout = visibilityTimeout
        self.shutdownDeadline = shutdownDeadline
        self.tenantCap = tenantCap
        self.retryPolicy = retryPolicy
        self.pollInterval = pollInterval
    }
}
