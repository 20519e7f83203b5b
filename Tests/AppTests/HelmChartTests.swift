import Foundation
import TestSupport
import Testing

/// The chart as a cluster would get it: `Tests/Helm/check_chart.py` lints it strictly and renders
/// it with Helm's own Go SDK (helm-python-sdk, no helm binary), then validates every manifest with
/// `kubernetes-validate --strict` (unknown fields refused), for the default values and a variant.
@Suite("Helm chart")
struct HelmChartTests {
    @Test("lints clean, renders, and every manifest validates strictly")
    func chart() async throws {
        let output = TestEnvironment.repositoryRoot.appendingPathComponent(".local/test/helm")
        try? FileManager.default.removeItem(at: output)
        let run = try await ChildProcess.run(
            [TestEnvironment.python, "Tests/Helm/check_chart.py", "Helm/mutualis", output.path], directory: TestEnvironment.repositoryRoot
        )
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("chart ok"), "\(run.output)")
    }
}
