import Foundation
import Synchronization

/// A Redis server of the test's own, on a free port, that the test may restart or flush
/// without disturbing other tests. Stopped by `stop()` (and when the test process exits).
public final class TemporaryRedis: @unchecked Sendable {
    public private(set) var port: Int = 0
    public var url: String { "redis://127.0.0.1:\(port)/0" }
    private let directory: URL
    private let lock = NSLock()
    private var process: ChildProcess?

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A port found free may be taken before the server binds it: try a few.
        var attempt = 0
        while true {
            port = try FreePort.find()
            do {
                try start()
                return
            } catch {
                stopProcess()
                attempt += 1
                if attempt == 5 { throw error }
            }
        }
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
        for _ in 0..<200 {
            if FreePort.isAccepting(port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestEnvironment.ShellError(command: "redis-server --port \(port)", status: -1)
    }
}

/// Finds free TCP ports on the loopback interface, below Linux's ephemeral range (32768–60999):
/// a port the kernel hands out for outgoing connections could be taken between the moment a
/// test finds it free and the moment its server binds it.
public enum FreePort {
    /// Ports tests pick from; `Ops/test` and the scripts use fixed ports below 20000.
    public static let range = 20_000..<32_768
    private static let next = Mutex(Int.random(in: 0..<FreePort.range.count))

    public static func find() throws -> Int {
        for _ in 0..<200 {
            // Successive calls in this process never return the same port twice in a row.
            let port = next.withLock { offset in
                offset = (offset + 1 + Int.random(in: 0..<64)) % range.count
                return range.lowerBound + offset
            }
            if isBindable(port) { return port }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// Runs `bind` with free ports of `range` until one binds (a server of the test's own).
    public static func bind<T>(_ bind: (Int) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await bind(try find())
            } catch {
                attempt += 1
                if attempt == 10 { throw error }
            }
        }
    }

    static func isBindable(_ port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var reuse: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
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
