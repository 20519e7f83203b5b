import Foundation

/// A Redis server of the test's own, on a free port, that the test may restart or flush
/// without disturbing other tests. Stopped by `stop()` (and when the test process exits).
public final class TemporaryRedis: @unchecked Sendable {
    public let port: Int
    public var url: String { "redis://127.0.0.1:\(port)/0" }
    private let directory: URL
    private let lock = NSLock()
    private var process: ChildProcess?

    public init() throws {
        port = try FreePort.find()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try start()
    }

    deinit {
        stopProcess()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the server (again) on the same port, empty: no persistence.
    public func start() throws {
        let process = try ChildProcess([
            "redis-server", "--bind", "127.0.0.1", "--port", String(port), "--dir", directory.path,
            "--save", "", "--appendonly", "no", "--loglevel", "warning",
        ], quiet: true)
        lock.withLock { self.process = process }
        try waitUntilAccepting()
    }

    /// Kills the server: connections break, data is lost.
    public func stop() {
        stopProcess()
    }

    /// Stops and starts again, empty.
    public func restart() throws {
        stop()
        try start()
    }

    private func stopProcess() {
        let current = lock.withLock { () -> ChildProcess? in
            defer { process = nil }
            return process
        }
        guard let current else { return }
        current.kill(SIGKILL)
        current.wait()
    }

    private func waitUntilAccepting() throws {
        for _ in 0..<100 {
            if FreePort.isAccepting(port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestEnvironment.ShellError(command: "redis-server --port \(port)", status: -1)
    }
}

/// Finds free TCP ports on the loopback interface.
public enum FreePort {
    public static func find() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public static func isAccepting(_ port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
