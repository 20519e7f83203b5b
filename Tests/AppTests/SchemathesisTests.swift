import Composition
import Foundation
import HTTPTypes
import Identity
import TestSupport
import Testing

/// The live API against its own document: schemathesis (PyPI, pinned in
/// `Ops/requirements-test.txt`) generates requests from `/api/v1/openapi.json`, valid and
/// invalid, with a partner token holding every delegable scope, against the server listening on
/// a real socket. No 5xx, and every answer (status, media type, headers, body) as documented.
@Suite("Schemathesis against the live API", .serialized)
struct SchemathesisTests {
    /// As a partner system (a token with every delegable scope), then as a member's administrator
    /// (session cookie and CSRF header: the routes for people).
    @Test("no server error and no answer that contradicts the document", arguments: ["partner", "administrator"])
    func fuzz(_ caller: String) async throws {
        let port = try FreePort.find()
        try await TestPlatform.with(environment: ["MUTUALIS_HTTP_PORT": String(port), "MUTUALIS_PUBLIC_PORT": String(port), "MUTUALIS_INSECURE_COOKIES": "1"]) { platform in
            let credentials: [String]
            if caller == "partner" {
                credentials = ["--header", "Authorization: Bearer \(try await platform.clientToken("amiens"))"]
            } else {
                try await platform.account("amiens", "admin@amiens.fr", roles: [.tenantAdmin])
                let session = try await platform.test { client in
                    let response = try await client.send(.post, "/api/v1/session", host: "amiens.localhost",
                                                         json: ["email": "admin@amiens.fr", "password": TestPlatform.password])
                    return (response.cookie("mutualis") ?? "", try response.json()["csrf_token"] as? String ?? "")
                }
                credentials = ["--header", "Cookie: mutualis=\(session.0)", "--header", "X-CSRF-Token: \(session.1)",
                               // Signing itself out would leave the rest of the run anonymous.
                               "--exclude-path-regex", "^/api/v1/sessions?$"]
            }
            let folder = TestEnvironment.repositoryRoot.appendingPathComponent(".local/test/schemathesis/\(caller)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let run = try await platform.serve {
                let schema = try await platform.test { client in
                    try await client.send(.get, "/api/v1/openapi.json", host: "amiens.localhost").text
                }
                let file = folder.appendingPathComponent("openapi.json")
                try Data(schema.utf8).write(to: file)
                // A file part of a multipart form is any bytes: « true » is a valid file, not the
                // boolean the negative check believes it sent.
                let config = folder.appendingPathComponent("schemathesis.toml")
                try Data("""
                    [checks]
                    not_a_server_error.enabled = true
                    status_code_conformance.enabled = true
                    content_type_conformance.enabled = true
                    response_headers_conformance.enabled = true
                    response_schema_conformance.enabled = true
                    negative_data_rejection.enabled = true
                    positive_data_acceptance.enabled = false
                    use_after_free.enabled = false
                    ensure_resource_availability.enabled = false
                    missing_required_header.enabled = false
                    ignored_auth.enabled = false
                    object_level_authorization.enabled = false
                    unsupported_method.enabled = false
                    allow_header_conformance.enabled = false

                    [[operations]]
                    include-path = "/api/v1/documents"
                    include-method = "POST"
                    checks.negative_data_rejection.enabled = false
                    """.utf8).write(to: config)
                return try await ChildProcess.run([
                    TestEnvironment.repositoryRoot.appendingPathComponent(".local/venv/bin/schemathesis").path, "--config-file", config.path, "run", file.path,
                    "--url", "http://127.0.0.1:\(port)", "--header", "Host: amiens.localhost:\(port)",
                ] + credentials + [
                    "--max-examples", "25", "--seed", "20261203", "--workers", "1", "--generation-database", "none",
                    "--request-timeout", "20", "--no-color",
                    // The credentials are fixed headers: leaving them out is not something the run can do.
                    "--generation-with-security-parameters", "false",
                    "--report", "junit", "--report-dir", folder.path,
                ], directory: folder)
            }
            try Data(run.output.utf8).write(to: folder.appendingPathComponent("output.txt"))
            #expect(run.status == 0, "schemathesis as \(caller) (full output in .local/test/schemathesis/\(caller)/output.txt):\n\(run.output.suffix(6000))")
        }
    }
}
