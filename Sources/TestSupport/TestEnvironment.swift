import Foundation
import Logging

/// Where the servers started by `Ops/test` listen, read from the environment it exports.
public enum TestEnvironment {
    /// Administrative URL of the throwaway test cluster (a role allowed to create databases).
    public static var databaseURL: String {
        required("MUTUALIS_TEST_DATABASE_URL")
    }

    /// Redis for tests.
    public static var redisURL: String {
        required("MUTUALIS_TEST_REDIS_URL")
    }

    /// A second PostgreSQL cluster that tests may restart, and the command that restarts it.
    public static var restartableDatabaseURL: String { required("MUTUALIS_TEST_RESTARTABLE_DATABASE_URL") }
    public static var restartDatabaseCommand: String { required("MUTUALIS_TEST_RESTART_DATABASE_COMMAND") }
    public static var stopDatabaseCommand: String { required("MUTUALIS_TEST_STOP_DATABASE_COMMAND") }
    public static var startDatabaseCommand: String { required("MUTUALIS_TEST_START_DATABASE_COMMAND") }


    /// The Python of `.local/venv`, with the pinned test tools (Selenium, validators), as
    /// `Ops/test` installed them.
    public static var python: String { required("MUTUALIS_TEST_PYTHON") }

    /// The repository root (for Migrations/ and Tenants/).
    public static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }

    public static var logger: Logger {
        var logger = Logger(label: "mutualis.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["MUTUALIS_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }

    static func required(_ name: String) -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            fatalError("\(name) is not set: run the tests through Ops/test, which starts PostgreSQL and Redis")
        }
        return value
    }

    /// Runs a shell command from the repository root and fails if it fails.
    public static func shell(_ command: String) throws {
        let status = try ChildProcess(["bash", "-c", command], directory: repositoryRoot).wait()
        guard status == 0 else { throw ShellError(command: command, status: status) }
    }

    public struct ShellError: Error, CustomStringConvertible {
        public var command: String
        public var status: Int32
        public var description: String { "`\(command)` exited with \(status)" }
    }
}
