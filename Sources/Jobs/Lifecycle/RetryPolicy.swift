/// Capped exponential backoff with jitter: the delay before attempt n+1 is
/// `min(cap, base × 2^(n-1))`, scaled by a random factor in [1 - jitter, 1] so that jobs that
/// failed together do not all come back together.
public struct RetryPolicy: Sendable, Equatable {
    public var base: Duration
    public var cap: Duration
    /// Fraction of the delay that is randomised (0 = none, 0.5 = "equal jitter").
    public var jitter: Double

    public init(base: Duration = .seconds(2), cap: Duration = .seconds(600), jitter: Double = 0.5) {
        precondition(jitter >= 0 && jitter <= 1)
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// The delay after the `attempt`-th failed attempt (1-based). `random` is in [0, 1).
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 40)
        let uncapped = base.seconds * Double(UInt64(1) << UInt64(exponent))
        let capped = min(uncapped, cap.seconds)
        let factor = 1 - jitter * min(max(random, 0), 1)
        return .milliseconds(Int64((capped * factor * 1000).rounded()))
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
