import Foundation
import Redis

/// A stream entry naming a job.
struct StreamEntry: Sendable {
    var queue: String
    var entryID: String
    var jobID: Int
}

/// The Redis side: one stream per queue (`mutualis:jobs:<queue>`) read by the consumer group
/// `workers`. Entries carry only the job's id (and member and kind, for operators reading the
/// stream); everything else is read from PostgreSQL when the job is claimed.
struct JobStreams: Sendable {
    static let group = "workers"
    /// Present while Redis still holds what the relay put in it; its absence means Redis lost
    /// its data (restart without persistence, FLUSHALL, failover to an empty replica).
    static let epochKey = "mutualis:jobs:epoch"

    let redis: RedisClient

    static func key(_ queue: String) -> String { "mutualis:jobs:\(queue)" }

    /// Creates the consumer groups (and streams) that do not exist.
    func ensureGroups(_ queues: [String]) async throws {
        let replies = try await redis.pipeline(queues.map { RedisCommand("XGROUP", "CREATE", Self.key($0), Self.group, "0", "MKSTREAM") })
        for reply in replies {
            if case .error(let message) = reply, !message.hasPrefix("BUSYGROUP") {
                throw RedisError(.server, message, command: "XGROUP")
            }
        }
    }

    /// True if Redis still has the epoch the relay wrote after its last repair.
    func epochSurvived() async throws -> Bool {
        try await redis.send("EXISTS", Self.epochKey).integer == 1
    }

    /// Marks Redis as holding the dispatches PostgreSQL knows of: written only once the repair
    /// after a loss succeeded, so a repair that failed is tried again at the next round.
    func markEpoch() async throws {
        try await redis.send("SET", Self.epochKey, "1")
    }

    func add(_ candidates: [DispatchCandidate]) async throws {
        guard !candidates.isEmpty else { return }
        let replies = try await redis.pipeline(candidates.map { candidate in
            RedisCommand("XADD", Self.key(candidate.queue), "*", "id", candidate.id, "tenant", candidate.tenant, "kind", candidate.kind)
        })
        if let failure = replies.first(where: { if case .error = $0 { return true } else { return false } }), case .error(let message) = failure {
            throw RedisError(.server, message, command: "XADD")
        }
    }

    /// New entries for `consumer`, waiting up to `block` for some.
    /// Per queue, since when entries have been waiting undelivered: the time of the oldest
    /// entry after the group's last delivered one (stream ids carry Redis's clock), or nil when
    /// nothing waits. A job dispatched after that time may simply not have been read yet.
    func waitingSince(_ queues: [String]) async throws -> [String: Date] {
        // Two pipelined round trips whatever the number of queues: each group's last delivered
        // entry, then the first entry after it.
        let groups = try await redis.pipeline(queues.map { RedisCommand("XINFO", "GROUPS", Self.key($0)) })
        let delivered: [(queue: String, last: String)] = zip(queues, groups).compactMap { queue, reply in
            guard let group = reply.array?.first(where: { Self.field("name", in: $0)?.string == Self.group }),
                  let last = Self.field("last-delivered-id", in: group)?.string
            else { return nil }
            return (queue, last)
        }
        guard !delivered.isEmpty else { return [:] }
        let next = try await redis.pipeline(delivered.map { RedisCommand("XRANGE", Self.key($0.queue), "(" + $0.last, "+", "COUNT", 1) })
        var waiting: [String: Date] = [:]
        for (entry, reply) in zip(delivered, next) {
            guard let id = reply.array?.first?.array?.first?.string,
                  let milliseconds = id.split(separator: "-").first.flatMap({ Int64($0) })
            else { continue }
            waiting[entry.queue] = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }
        return waiting
    }

    /// A field of a RESP2 map (a flat array of alternating names and values).
    static func field(_ name: String, in reply: RedisReply) -> RedisReply? {
        guard let parts = reply.array else { return nil }
        var index = 0
        while index + 1 < parts.count {
            if parts[index].string == name { return parts[index + 1] }
            index += 2
        }
        return nil
    }

    func read(consumer: String, queues: [String], count: Int, block: Duration) async throws -> [StreamEntry] {
        var command = RedisCommand("XREADGROUP", "GROUP", Self.group, consumer, "COUNT", count, "BLOCK", block.milliseconds, "STREAMS")
        for queue in queues { command.append(Self.key(queue)) }
        for _ in queues { command.append(">") }
        let reply = try await redis.withConnection { try await $0.send(command, timeout: block + .seconds(5)) }
        guard let streams = reply.array else { return [] }
        var entries: [StreamEntry] = []
        for stream in streams {
            guard let parts = stream.array, parts.count == 2, let key = parts[0].string, let items = parts[1].array else { continue }
            let queue = String(key.dropFirst("mutualis:jobs:".count))
            entries += items.compactMap { Self.entry($0, queue: queue) }
        }
        return entries
    }

    /// Entries delivered to some consumer more than `minIdle` ago and never acknowledged
    /// (its worker died): they become `consumer`'s.
    func autoclaim(consumer: String, queue: String, minIdle: Duration, count: Int) async throws -> [StreamEntry] {
        let reply = try await redis.send(RedisCommand(
            "XAUTOCLAIM", Self.key(queue), Self.group, consumer, minIdle.milliseconds, "0-0", "COUNT", count
        ))
        guard let parts = reply.array, parts.count >= 2, let items = parts[1].array else { return [] }
        return items.compactMap { Self.entry($0, queue: queue) }
    }

    /// Acknowledges and deletes entries (their jobs' outcomes are recorded in PostgreSQL).
    func acknowledge(_ entries: [StreamEntry]) async throws {
        guard !entries.isEmpty else { return }
        var commands: [RedisCommand] = []
        for (queue, group) in Dictionary(grouping: entries, by: \.queue) {
            var ack = RedisCommand("XACK", Self.key(queue), Self.group)
            var delete = RedisCommand("XDEL", Self.key(queue))
            for entry in group {
                ack.append(entry.entryID)
                delete.append(entry.entryID)
            }
            commands += [ack, delete]
        }
        _ = try await redis.pipeline(commands)
    }

    static func entry(_ reply: RedisReply, queue: String) -> StreamEntry? {
        guard let parts = reply.array, parts.count == 2, let id = parts[0].string, let fields = parts[1].array else { return nil }
        var index = 0
        while index + 1 < fields.count {
            if fields[index].string == "id", let jobID = fields[index + 1].integer {
                return StreamEntry(queue: queue, entryID: id, jobID: jobID)
            }
            index += 2
        }
        return nil
    }
}
