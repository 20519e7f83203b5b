import ArgumentParser
import Composition
import Foundation

struct Work: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run background jobs: the relay (PostgreSQL → Redis Streams), the scheduler and a worker.",
        discussion: """
            Several processes may run at once: one relays (advisory lock), all schedule (each occurrence
            fires once), all work. SIGTERM stops taking jobs and lets in-flight ones finish
            (MUTUALIS_JOBS_SHUTDOWN_SECONDS). /livez, /readyz and /metrics on MUTUALIS_WORKER_HTTP_PORT.
            """
    )

    @Option(help: "Comma-separated queues to work on (default: every queue with a handler).")
    var queues: String?

    @Option(help: "Jobs run at once (default MUTUALIS_JOBS_CONCURRENCY, 32).")
    var concurrency: Int?

    func validate() throws {
        if let concurrency, concurrency < 1 || concurrency > 1024 { throw ValidationError("--concurrency must be between 1 and 1024") }
    }

    func run() async throws {
        let list = queues?.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try await PlatformWorker.run(configuration: try prepare(), queues: list, concurrency: concurrency)
    }
}
