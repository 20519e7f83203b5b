import Metrics

/// Pool usage exported through swift-metrics, e.g. `postgres_pool_connections{state="leased"}`.
struct PoolMetrics: Sendable {
    let name: String
    let leased: Gauge
    let idle: Gauge
    let waiting: Gauge
    let timeouts: Counter

    init(name: String, capacity: Int) {
        self.name = name
        leased = Gauge(label: "\(name)_pool_connections", dimensions: [("state", "leased")])
        idle = Gauge(label: "\(name)_pool_connections", dimensions: [("state", "idle")])
        waiting = Gauge(label: "\(name)_pool_waiters")
        timeouts = Counter(label: "\(name)_pool_lease_timeouts_total")
        Gauge(label: "\(name)_pool_capacity").record(capacity)
    }

    func publish(_ statistics: PoolStatistics) {
        leased.record(statistics.leased)
        idle.record(statistics.idle)
        waiting.record(statistics.waiting)
    }
}
