import Pooling
import Testing

@Suite("Pool state machine (pure)")
struct PoolStateMachineTests {
    typealias Machine = PoolStateMachine<String>

    @Test("opens up to capacity, then queues waiters")
    func capacity() {
        var machine = Machine(maxConnections: 2)
        guard case .open = machine.lease(1) else { Issue.record("expected open"); return }
        machine.opened()
        guard case .open = machine.lease(2) else { Issue.record("expected open"); return }
        machine.opened()
        guard case .wait = machine.lease(3) else { Issue.record("expected wait"); return }
        #expect(machine.leased == 2)
        #expect(machine.waiters == [3])
    }

    @Test("a released connection goes to the oldest waiter, else to the idle stack")
    func releaseHandsOver() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease(1)
        machine.opened()
        _ = machine.lease(2)
        _ = machine.lease(3)
        let first = machine.release("c1", reusable: true)
        guard case .connection("c1")? = first.wake?.1, first.wake?.0 == 2 else { Issue.record("expected hand-over to 2"); return }
        let second = machine.release("c1", reusable: true)
        #expect(second.wake?.0 == 3)
        let third = machine.release("c1", reusable: true)
        #expect(third.wake == nil)
        #expect(third.close == nil)
        #expect(machine.idle == ["c1"])
        guard case .use("c1") = machine.lease(4) else { Issue.record("expected reuse"); return }
    }

    @Test("idle connections are reused last in, first out")
    func lifo() {
        var machine = Machine(maxConnections: 2)
        _ = machine.lease(1); machine.opened()
        _ = machine.lease(2); machine.opened()
        _ = machine.release("a", reusable: true)
        _ = machine.release("b", reusable: true)
        guard case .use("b") = machine.lease(3) else { Issue.record("expected b"); return }
    }

    @Test("a broken connection is closed and its slot goes to a waiter, which opens anew")
    func brokenRelease() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease(1); machine.opened()
        _ = machine.lease(2)
        let action = machine.release("dead", reusable: false)
        #expect(action.close == "dead")
        guard case .openSlot? = action.wake?.1, action.wake?.0 == 2 else { Issue.record("expected open slot"); return }
        #expect(machine.opening == 1)
        #expect(machine.leased == 0)
    }

    @Test("a failed open frees its slot for the next waiter")
    func failedOpen() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease(1)
        _ = machine.lease(2)
        let action = machine.openFailed()
        #expect(action.wake?.0 == 2)
        #expect(machine.opening == 1)
        let last = machine.openFailed()
        #expect(last.wake == nil)
        #expect(machine.opening == 0)
    }

    @Test("cancelled waiters are not woken; a dead idle connection turns into an open slot")
    func cancelAndDiscard() {
        var machine = Machine(maxConnections: 1)
        _ = machine.lease(1); machine.opened()
        _ = machine.lease(2)
        let cancelled = machine.cancel(2)
        let cancelledAgain = machine.cancel(2)
        #expect(cancelled)
        #expect(!cancelledAgain)
        let released = machine.release("c", reusable: true)
        #expect(released.wake == nil)
        guard case .use = machine.lease(3) else { Issue.record("expected reuse"); return }
        machine.discardLeased()
        #expect(machine.leased == 0)
        #expect(machine.opening == 1)
    }

    @Test("shutdown fails waiters, closes idle connections and refuses new leases")
    func shutdown() {
        var machine = Machine(maxConnections: 2)
        _ = machine.lease(1); machine.opened()
        _ = machine.lease(2); machine.opened()
        _ = machine.release("idle", reusable: true)
        _ = machine.lease(3)  // reuses idle
        _ = machine.lease(4)  // waits
        let (close, fail) = machine.shutDown()
        #expect(close.isEmpty)
        #expect(fail == [4])
        guard case .fail = machine.lease(5) else { Issue.record("expected fail"); return }
        let afterShutdown = machine.release("x", reusable: true)
        #expect(afterShutdown.close == "x")
    }
}
