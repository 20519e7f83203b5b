import Foundation

/// Requests waiting for a pipeline thread. Threads block in `take` and leave with every
/// request queued since their last batch, so one network round trip serves many requests.
final class PipelineQueue: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [OneShotRequest] = []
    private var isClosed = false

    /// Queues a request; false once the queue is closed.
    func submit(_ request: OneShotRequest) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { return false }
        pending.append(request)
        condition.signal()
        return true
    }

    /// Blocks until requests are queued; nil once closed and drained.
    func take(limit: Int) -> [OneShotRequest]? {
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

    /// Stops accepting requests; threads drain what is queued, then stop.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
        condition.unlock()
    }
}
