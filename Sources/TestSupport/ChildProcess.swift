import Foundation

/// A child process started with `posix_spawn` and reaped with `waitpid`.
///
/// Foundation's `Process` relies on SIGCHLD delivery, which the test runner's threads block,
/// so its `waitUntilExit` can hang on an already-exited child; and children inherit that
/// blocked signal mask, so a server started that way ignores SIGTERM. Here the child gets an
/// empty signal mask and default dispositions, and the parent waits with `waitpid` directly.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?

    /// Starts `arguments[0]` (looked up in PATH) with the rest as its arguments, in `directory`,
    /// with `environment` added to the test process's.
    public init(_ arguments: [String], directory: URL? = nil, environment: [String: String] = [:], quiet: Bool = false) throws {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // Run from `directory` through the shell-less `env --chdir`.
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var argv = assignments + arguments
        if let directory { argv = ["env", "--chdir=\(directory.path)"] + argv } else { argv = ["env"] + argv }
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var childPID: pid_t = 0
        let status = posix_spawnp(&childPID, "env", &actions, &attributes, &cArguments, environ)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        pid = childPID
    }

    /// Blocks until the child exits; returns its exit status (128 + signal if killed).
    @discardableResult
    public func wait() -> Int32 {
        if let status = lock.withLock({ exitStatus }) { return status }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = Self.exitCode(status)
        lock.withLock { exitStatus = code }
        return code
    }

    /// Waits up to `limit` for the child to exit; its exit status, or nil if it is still running.
    public func wait(atMost limit: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while true {
            if let status = lock.withLock({ exitStatus }) { return status }
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let code = Self.exitCode(status)
                lock.withLock { exitStatus = code }
                return code
            }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The exit status `waitpid` reported: the code, or 128 + the signal that killed it.
    private static func exitCode(_ status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    public func kill(_ signal: Int32 = SIGKILL) {
        if lock.withLock({ exitStatus }) == nil { Glibc.kill(pid, signal) }
    }
}
