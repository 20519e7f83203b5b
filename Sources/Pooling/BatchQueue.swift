import Foundation

/// Requests waiting for a dedicated thread that serves them in batches (the PostgreSQL and
/// Redis pipelines). The thread blocks in `take` and leaves with everything queued since its
/// last batch, up to `limit`, so one network round trip serves many requests.
public final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [Element] = []
    private var isClosed = false

    public init() {}

    /// Queues an element; false once the queue is closed.
    public func submit(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { return false }
        pending.append(element)
        condition.signal()
        return true
    }

    /// Blocks until elements are queued; nil once closed and drained.
    public func take(limit: Int) -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty && !isClosed {
            condition.wait()
        }
        if pending.isEmpty { return nil }
        if pending.count <= limit {
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
        let batch = Array(pending.prefix(limit))
        pending.removeFirst(limit)
        return batch
    }

    /// Stops accepting elements; threads drain what is queued, then stop.
    public func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
