import Metrics

/// Pool usage exported through swift-metrics (Prometheus `postgres_pool_*`).
struct PoolMetrics: Sendable {
    let leased = Gauge(label: "postgres_pool_connections", dimensions: [("state", "leased")])
    let idle = Gauge(label: "postgres_pool_connections", dimensions: [("state", "idle")])
    let waiting = Gauge(label: "postgres_pool_waiters")
    let timeouts = Counter(label: "postgres_pool_lease_timeouts_total")

    init(capacity: Int) {
        Gauge(label: "postgres_pool_capacity").record(capacity)
    }

    func publish(_ statistics: PostgresPoolStatistics) {
        leased.record(statistics.leased)
        idle.record(statistics.idle)
        waiting.record(statistics.waiting)
    }
}
