import Foundation
import Redis

/// A token bucket: `capacity` requests at once, refilled at `capacity` per `period`.
public struct RateLimit: Sendable, Hashable {
    /// Names the bucket's purpose in its Redis key (`mutualis:rate:<name>:<subject>`).
    public var name: String
    public var capacity: Int
    public var period: Duration

    public init(name: String, capacity: Int, period: Duration) {
        precondition(capacity > 0 && period > .zero)
        self.name = name
        self.capacity = capacity
        self.period = period
    }

    /// Tokens per millisecond.
    var refillRate: Double { Double(capacity) / Double(max(1, period.wholeMilliseconds)) }
}

/// Token buckets in Redis, checked and consumed in one round trip (a Lua script on Redis's
/// clock, so every server agrees): all the buckets a request touches at once, all or nothing.
public struct RateLimiter: Sendable {
    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        /// Tokens left in the tightest bucket.
        public var remaining: Int
        /// When denied: seconds until the request would be allowed.
        public var retryAfter: Int
        /// Seconds until the tightest bucket is full again.
        public var reset: Int
        /// The tightest bucket (for `RateLimit-Policy`).
        public var limit: RateLimit
    }

    let redis: RedisClient

    public init(redis: RedisClient) {
        self.redis = redis
    }

    /// Takes `cost` tokens from each `(limit, subject)` bucket if every one has them; otherwise
    /// takes nothing and says how long to wait.
    public func consume(_ buckets: [(limit: RateLimit, subject: String)], cost: Int = 1) async throws -> Decision {
        precondition(!buckets.isEmpty)
        let keys = buckets.map { "mutualis:rate:\($0.limit.name):\($0.subject)" }
        var arguments: [any RedisArgument] = [cost]
        for bucket in buckets {
            arguments.append(bucket.limit.capacity)
            arguments.append(String(bucket.limit.refillRate))
        }
        let reply = try await redis.evaluate(Self.script, keys: keys, arguments: arguments).array ?? []
        guard reply.count == 4, let allowed = reply[0].integer, let index = reply[1].integer, let remaining = reply[2].integer,
              let wait = reply[3].integer, buckets.indices.contains(index - 1)
        else { throw RedisError(.unexpectedReply, "the rate-limit script answered an unexpected shape", command: "EVALSHA") }
        let limit = buckets[index - 1].limit
        let missing = Double(limit.capacity - remaining)
        return Decision(
            allowed: allowed == 1, remaining: remaining, retryAfter: max(1, Int((Double(wait) / 1000).rounded(.up))),
            reset: Int((missing / limit.refillRate / 1000).rounded(.up)), limit: limit
        )
    }

    /// KEYS: the buckets. ARGV: cost, then capacity and refill rate (tokens/ms) per bucket.
    /// Returns {allowed, index of the tightest bucket (1-based), its tokens left, ms to wait}.
    static let script = RedisScript("""
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local cost = tonumber(ARGV[1])
        local levels, capacities, rates = {}, {}, {}
        local allowed, tightest, wait = 1, 1, 0
        for i, key in ipairs(KEYS) do
            capacities[i] = tonumber(ARGV[2 * i])
            rates[i] = tonumber(ARGV[2 * i + 1])
            local state = redis.call('HMGET', key, 't', 'at')
            local level = tonumber(state[1]) or capacities[i]
            local at = tonumber(state[2]) or now
            levels[i] = math.min(capacities[i], level + math.max(0, now - at) * rates[i])
            if levels[i] < cost then
                allowed = 0
                local needed = math.ceil((cost - levels[i]) / rates[i])
                if needed > wait then wait = needed; tightest = i end
            end
        end
        for i, key in ipairs(KEYS) do
            if allowed == 1 then
                levels[i] = levels[i] - cost
                if levels[i] / capacities[i] < levels[tightest] / capacities[tightest] then tightest = i end
            end
            redis.call('HSET', key, 't', tostring(levels[i]), 'at', now)
            redis.call('PEXPIRE', key, math.ceil((capacities[i] - levels[i]) / rates[i]) + 1000)
        end
        return {allowed, tightest, math.floor(levels[tightest]), wait}
        """)
}

extension Duration {
    var wholeMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
