/// What the simulator does with an operation's notification (`POST urlnotif` with
/// `idop=<idOp>`), globally or for one operation: `{"mode": "deliver"}`, `{"mode": "delay",
/// "delayMs": 2000}`, `{"mode": "repeat", "times": 3}` or `{"mode": "drop"}`. `delayMs` and
/// `times` combine with any mode but `drop`.
public struct NotificationBehaviour: Sendable, Codable, Equatable {
    public enum Mode: String, Sendable, Codable {
        case deliver, delay, `repeat`, drop
    }

    public var mode: Mode
    public var delayMs: Int?
    public var times: Int?

    public init(mode: Mode, delayMs: Int? = nil, times: Int? = nil) {
        self.mode = mode
        self.delayMs = delayMs
        self.times = times
    }

    public static let deliver = NotificationBehaviour(mode: .deliver)

    /// How many POSTs, after how long.
    var plan: (count: Int, delay: Duration) {
        if mode == .drop { return (0, .zero) }
        let count = max(0, min(times ?? (mode == .repeat ? 2 : 1), 100))
        return (count, .milliseconds(max(0, min(delayMs ?? 0, 600_000))))
    }
}
