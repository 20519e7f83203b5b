import Foundation

extension ChildProcess {
    /// What a finished command said.
    public struct Finished: Sendable {
        public var status: Int32
        /// Its standard output and error, interleaved.
        public var output: String
    }

    /// Runs `arguments` to completion (on a thread of its own, so a long command does not hold
    /// a cooperative thread) and returns its exit status and output.
    public static func run(_ arguments: [String], directory: URL? = nil, environment: [String: String] = [:]) async throws -> Finished {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let shell = ["/bin/sh", "-c", "exec \"$@\" >\"$MUTUALIS_CHILD_OUTPUT\" 2>&1", "sh"] + arguments
        let environment = environment.merging(["MUTUALIS_CHILD_OUTPUT": file.path]) { given, _ in given }
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: try ChildProcess(shell, directory: directory, environment: environment).wait())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        let output = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return Finished(status: status, output: output)
    }
}
