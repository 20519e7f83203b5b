/// A counting semaphore for async code: at most `count` holders at once, the others wait in
/// order. Tests use it to bound how many throwaway databases (and their connections) exist
/// at once, whatever the parallelism of the test runner.
public actor AsyncPermits {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(_ count: Int) {
        available = count
    }

    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
