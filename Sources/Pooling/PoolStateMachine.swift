/// The connection pool's bookkeeping, free of I/O: who holds what, who waits, when to open.
///
/// The pool asks it what to do and carries out the answer (open a connection, resume a
/// waiter, close a connection). Capacity counts leased and opening connections; idle ones are
/// reused last-in first-out so that warm connections stay warm.
public struct PoolStateMachine<Connection> {
    public typealias WaiterID = Int

    public enum LeaseAction {
        /// Use this idle connection.
        case use(Connection)
        /// A slot is reserved for the caller: open a new connection.
        case open
        /// At capacity: wait for a release.
        case wait
        /// The pool is shut down.
        case fail
    }

    /// What to do when a waiter is woken.
    public enum Grant {
        case connection(Connection)
        case openSlot
    }

    public struct ReleaseAction {
        /// A connection to close (broken, or the pool is shut down).
        public var close: Connection?
        /// A waiter to wake, and what it receives.
        public var wake: (WaiterID, Grant)?
    }

    public let maxConnections: Int
    public private(set) var idle: [Connection] = []
    public private(set) var leased = 0
    public private(set) var opening = 0
    public private(set) var waiters: [WaiterID] = []
    public private(set) var isShutDown = false

    public init(maxConnections: Int) {
        precondition(maxConnections > 0)
        self.maxConnections = maxConnections
    }

    public mutating func lease(_ waiter: WaiterID) -> LeaseAction {
        if isShutDown { return .fail }
        if let connection = idle.popLast() {
            leased += 1
            return .use(connection)
        }
        if leased + opening < maxConnections {
            opening += 1
            return .open
        }
        waiters.append(waiter)
        return .wait
    }

    /// An open attempt reserved by `lease` or `.openSlot` succeeded; the opener holds it.
    public mutating func opened() {
        opening -= 1
        leased += 1
    }

    /// An open attempt failed; its slot goes to the next waiter, which will try again.
    public mutating func openFailed() -> ReleaseAction {
        opening -= 1
        return ReleaseAction(close: nil, wake: handSlotToWaiter())
    }

    /// A leased connection comes back; `reusable` is false when it broke or is mid-transaction.
    public mutating func release(_ connection: Connection, reusable: Bool) -> ReleaseAction {
        leased -= 1
        if isShutDown { return ReleaseAction(close: connection, wake: nil) }
        if reusable {
            if !waiters.isEmpty {
                leased += 1
                return ReleaseAction(close: nil, wake: (waiters.removeFirst(), .connection(connection)))
            }
            idle.append(connection)
            return ReleaseAction(close: nil, wake: nil)
        }
        return ReleaseAction(close: connection, wake: handSlotToWaiter())
    }

    /// An idle connection turned out dead when leased: forget it and reserve a slot instead.
    public mutating func discardLeased() {
        leased -= 1
        opening += 1
    }

    /// A waiter gave up (timeout or cancellation). Returns false if it was already woken.
    public mutating func cancel(_ waiter: WaiterID) -> Bool {
        guard let index = waiters.firstIndex(of: waiter) else { return false }
        waiters.remove(at: index)
        return true
    }

    /// Stops the pool: idle connections to close and waiters to fail.
    public mutating func shutDown() -> (close: [Connection], fail: [WaiterID]) {
        isShutDown = true
        defer {
            idle.removeAll()
            waiters.removeAll()
        }
        return (idle, waiters)
    }

    private mutating func handSlotToWaiter() -> (WaiterID, Grant)? {
        guard !isShutDown, !waiters.isEmpty else { return nil }
        opening += 1
        return (waiters.removeFirst(), .openSlot)
    }
}

extension PoolStateMachine: Sendable where Connection: Sendable {}
extension PoolStateMachine.LeaseAction: Sendable where Connection: Sendable {}
extension PoolStateMachine.Grant: Sendable where Connection: Sendable {}
extension PoolStateMachine.ReleaseAction: Sendable where Connection: Sendable {}
