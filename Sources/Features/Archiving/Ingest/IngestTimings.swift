import Web

/// How long each step of an ingest took (logged with the transfer, read by `Ops/bench/ingest`).
struct IngestTimings: Sendable {
    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    private(set) var steps: [(name: String, milliseconds: Int)] = []

    init() { last = clock.now }

    /// Closes the step `name` (begun when the previous one ended).
    mutating func lap(_ name: String) {
        let now = clock.now
        let elapsed = now - last
        steps.append((name, elapsed.milliseconds))
        last = now
    }

    /// Closes the step `name`, of which `part` was spent in a sub-step (listed before it).
    mutating func lap(_ name: String, including part: (name: String, duration: Duration)) {
        lap(name)
        steps.insert((part.name, part.duration.milliseconds), at: steps.count - 1)
    }

    /// `unpack=12ms schema=3ms …`
    var summary: String { steps.map { "\($0.name)=\($0.milliseconds)ms" }.joined(separator: " ") }
}
