import Metrics
import Synchronization

/// Job metrics, labelled by queue only (never by member: the label set stays small).
final class JobMetrics: Sendable {
    struct Queue: Sendable {
        let runTime: Timer
        let succeeded: Counter
        let failures: Counter
        let retries: Counter
        let died: Counter
        let depth: Gauge
        let oldestAge: Gauge
        let running: Gauge
        let dead: Gauge

        init(_ queue: String) {
            let labels = [("queue", queue)]
            runTime = Timer(label: "jobs_run_duration_seconds", dimensions: labels, preferredDisplayUnit: .seconds)
            succeeded = Counter(label: "jobs_succeeded_total", dimensions: labels)
            failures = Counter(label: "jobs_failures_total", dimensions: labels)
            retries = Counter(label: "jobs_retries_total", dimensions: labels)
            died = Counter(label: "jobs_dead_total", dimensions: labels)
            depth = Gauge(label: "jobs_queue_depth", dimensions: labels)
            oldestAge = Gauge(label: "jobs_oldest_age_seconds", dimensions: labels)
            running = Gauge(label: "jobs_running", dimensions: labels)
            dead = Gauge(label: "jobs_dead", dimensions: labels)
        }
    }

    private let queues = Mutex<[String: Queue]>([:])

    func queue(_ name: String) -> Queue {
        queues.withLock { queues in
            if let existing = queues[name] { return existing }
            let created = Queue(name)
            queues[name] = created
            return created
        }
    }
}
