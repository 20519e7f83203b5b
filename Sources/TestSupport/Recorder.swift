import Synchronization

/// Collects values from concurrent callbacks.
public final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])
    public init() {}
    public func append(_ value: Value) { storage.withLock { $0.append(value) } }
    public var values: [Value] { storage.withLock { $0 } }
}

/// Counts events from concurrent callbacks.
public final class Counter: Sendable {
    private let storage = Mutex(0)
    public init() {}
    public func increment(by amount: Int = 1) { storage.withLock { $0 += amount } }
    public var value: Int { storage.withLock { $0 } }
}
