import Foundation

/// Runs `python -m frictionless validate --json --trusted --schema SCHEMA CSV` with the test
/// venv's Python (`MUTUALIS_TEST_PYTHON`, default `<repository>/.local/venv/bin/python`), with
/// proxies pointing at a closed local port so that nothing can reach the network.
enum Frictionless {
    struct Verdict {
        var valid: Bool
        /// `row:field:code`, header errors on row 1 (Frictionless gives them `rowNumbers: [1]`).
        var positions: Set<String>
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static var python: String {
        ProcessInfo.processInfo.environment["MUTUALIS_TEST_PYTHON"] ?? TestPaths.repository + "/.local/venv/bin/python"
    }

    static func validate(schema: String, csv: String, encoding: String? = nil) throws -> Verdict {
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Unavailable(description: "frictionless absent: no Python at \(python) (run Ops/test, which installs Ops/requirements-test.txt, or set MUTUALIS_TEST_PYTHON)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        var arguments = ["-m", "frictionless", "validate", "--json", "--trusted", "--schema", schema]
        if let encoding { arguments += ["--encoding", encoding] }
        process.arguments = arguments + [csv]
        var environment = ProcessInfo.processInfo.environment
        for name in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"] { environment[name] = "http://127.0.0.1:9" }
        environment["NO_PROXY"] = nil
        environment["no_proxy"] = nil
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let tasks = report["tasks"] as? [[String: Any]], let task = tasks.first else {
            throw Unavailable(description: "frictionless absent or failing (\(python) -m frictionless, exit \(process.terminationStatus)): \(errorText.prefix(600))")
        }
        var positions = Set<String>()
        for error in task["errors"] as? [[String: Any]] ?? [] {
            let code = error["type"] as? String ?? "?"
            let row = (error["rowNumber"] as? Int) ?? ((error["rowNumbers"] as? [Int])?.first)
            let field = error["fieldNumber"] as? Int
            positions.insert("\(row.map(String.init) ?? "-"):\(field.map(String.init) ?? "-"):\(code)")
        }
        return Verdict(valid: task["valid"] as? Bool ?? false, positions: positions)
    }
}
