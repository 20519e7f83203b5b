import ArgumentParser
import Composition

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Inspect and repair background jobs.",
        subcommands: [Dead.self, Retry.self, Cancel.self, Stats.self, Load.self]
    )

    struct Dead: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead jobs (failed their last attempt) with their last error.")
        @Option var queue: String?
        @Option var limit = 100
        func run() async throws {
            try await Operations(configuration: try prepare()).deadJobs(queue: queue, limit: limit)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a dead or cancelled job again (or every dead job).")
        @Argument(help: "The job's id.") var id: Int?
        @Flag(help: "Every dead job (of --queue, if given).") var allDead = false
        @Option var queue: String?
        func validate() throws {
            if (id == nil) == !allDead { throw ValidationError("give a job id or --all-dead") }
        }
        func run() async throws {
            let operations = Operations(configuration: try prepare())
            if let id { try await operations.retryJob(id) } else { try await operations.retryDeadJobs(queue: queue) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a job that has not started (or is dead).")
        @Argument(help: "The job's id.") var id: Int
        func run() async throws {
            try await Operations(configuration: try prepare()).cancelJob(id)
        }
    }

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Jobs per queue and state.")
        func run() async throws {
            try await Operations(configuration: try prepare()).jobStatistics()
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Diagnostics: enqueue test jobs spread over the members (Ops/bench/jobs, Ops/chaos/jobs)."
        )
        @Option(help: "How many jobs.") var count: Int
        @Flag(help: "diagnostics.ledger jobs (record each execution) rather than diagnostics.noop.") var ledger = false
        @Option(help: "ledger jobs: sleep this long before recording.") var sleepMs = 0
        @Option(help: "ledger jobs: fail the attempts up to this one.") var failUntilAttempt = 0
        func validate() throws {
            guard count > 0, count <= 10_000_000 else { throw ValidationError("--count must be between 1 and 10,000,000") }
        }
        func run() async throws {
            try await Operations(configuration: try prepare()).loadJobs(
                count: count, ledger: ledger, sleepMilliseconds: sleepMs, failUntilAttempt: failUntilAttempt
            )
        }
    }
}
