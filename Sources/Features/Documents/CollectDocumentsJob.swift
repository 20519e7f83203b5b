import Blobs
import Jobs
import TenantStore
import Logging

/// Each night, per member: documents no service references, older than the grace period, are
/// removed with their blobs (unless another document has the same bytes), and so are staged
/// blobs interrupted uploads left behind.
struct CollectDocumentsJob: JobHandler {
    struct Payload: Codable, Sendable {
        var graceHours: Int
    }

    static let kind = "documents.collect"
    static let queue = "maintenance"
    static let deadline: Duration = .seconds(3600)

    let blobs: any BlobStore

    func run(_ job: Job<Payload>) async throws {
        let report = try await DocumentCollector(
            documents: DocumentStore(member: try job.member(), blobs: blobs), grace: .seconds(3600 * max(1, job.payload.graceHours))
        ).collect()
        job.logger.info("documents collected", metadata: [
            "documents": "\(report.documents)", "blobs": "\(report.blobs)", "staged": "\(report.staged)",
        ])
    }
}
