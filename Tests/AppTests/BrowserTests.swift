import Archiving
import Composition
import Foundation
import Identity
import TestSupport
import Testing

/// The portals in a real browser (headless Chromium driven by `Tests/Browser/portal_tour.py`),
/// as an operator and a citizen use them: what only a browser enforces (a page's CSP) and
/// what only a browser measures (axe-core's accessibility rules).
@Suite("In a browser")
struct BrowserTests {
    @Test("the console's grant hands the operator over to the member; every page passes axe-core with no console error")
    func portalTour() async throws {
        let port = try FreePort.find()
        try await TestPlatform.with(environment: [
            "MUTUALIS_HTTP_PORT": String(port), "MUTUALIS_PUBLIC_PORT": String(port), "MUTUALIS_INSECURE_COOKIES": "1",
        ]) { platform in
            try await OperatorConsole(context: platform.services.identity).createOperator(
                email: "ops@consortium.fr", displayName: "Opératrice", password: TestPlatform.password
            )
            try await platform.account("amiens", "claire@amiens.fr", roles: [])
            try await platform.account("amiens", "direction@amiens.fr", roles: [.tenantAdmin])
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-tour-\(UUID().uuidString)")
            let screenshots = TestEnvironment.repositoryRoot.appendingPathComponent(".local/test/screenshots")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let report = folder.appendingPathComponent("report.json")
            // Uploaded from the page by the administrator's tour.
            let document = folder.appendingPathComponent("reglement-visite.pdf")
            try FileManager.default.copyItem(at: TestEnvironment.repositoryRoot.appendingPathComponent("Tenants/assets/demo/reglement-salle-des-fetes.pdf"), to: document)
            // A SIP under the demo's agreement, uploaded from the archivist's page.
            var extra: [String: String] = [:]
            var archivePages: [String] = []
            if ArchiveFixture.specsPresent {
                let sip = folder.appendingPathComponent("versement.zip")
                try SIPBuilder(version: .v22, messageIdentifier: "TOUR-1", archivalAgreement: "CONV-AMIENS-2026", archivalAgency: "amiens",
                               transferringAgency: "amiens-dgs", originatingAgency: "amiens-dgs", units: [
                                   SIPBuilder.Unit(title: "Arrêtés du maire — visite", level: "RecordGrp", files: [
                                       SIPBuilder.File(name: "arrete.pdf", bytes: SamplePDF.arrete, mimeType: "application/pdf"),
                                   ]),
                               ]).write(to: sip)
                extra["MUTUALIS_TOUR_SIP"] = sip.path
                archivePages = ["archive-referentials", "archive-home", "archive-transfer", "archive-search", "archive-unit", "archive-eliminations"]
            }
            let environment = extra
            let status = try await platform.serve {
                try await RawHTTP.onThread {
                    try ChildProcess([TestEnvironment.python, "Tests/Browser/portal_tour.py"], directory: TestEnvironment.repositoryRoot, environment: [
                        "MUTUALIS_TOUR_PORT": String(port), "MUTUALIS_TOUR_PASSWORD": TestPlatform.password,
                        "MUTUALIS_TOUR_OPERATOR": "ops@consortium.fr", "MUTUALIS_TOUR_CITIZEN": "claire@amiens.fr",
                        "MUTUALIS_TOUR_ADMIN": "direction@amiens.fr", "MUTUALIS_TOUR_DOCUMENT": document.path,
                        "MUTUALIS_TOUR_PDF": TestEnvironment.repositoryRoot.appendingPathComponent("Tenants/assets/demo/arrete-voirie.pdf").path,
                        "MUTUALIS_TOUR_REPORT": report.path, "MUTUALIS_TOUR_SCREENSHOTS": screenshots.path,
                    ].merging(environment) { $1 }).wait()
                }
            }
            #expect(status == 0)
            let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any] ?? [:]
            let failures = parsed["failures"] as? [String] ?? ["no report"]
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            let violations = parsed["violations"] as? [String: [String]] ?? [:]
            for page in ["console-login", "console-home", "console-handoff", "member-agents", "portal-home", "account-login", "account-home", "error-signed-in",
                         "admin-documents", "admin-webhooks", "admin-webhook-created", "admin-webhook", "notifications", "notification-preferences",
                         "parapheur-admin", "parapheur-new", "parapheur-folder", "parapheur-desk",
                         "requests-list", "requests-form", "requests-form-errors", "requests-summary", "requests-receipt", "requests-tracking",
                         "requests-mine", "requests-queue", "requests-agent-request", "requests-designer", "requests-designer-type",
                         "billing-mine", "billing-invoice", "safe-home", "safe-document", "billing-admin", "billing-regie", "billing-report"] + archivePages {
                #expect(violations[page] != nil, "\(page) was not visited")
                #expect(violations[page]?.isEmpty == true, "\(page): \(violations[page] ?? [])")
            }
            try? FileManager.default.removeItem(at: folder)
        }
    }
}
