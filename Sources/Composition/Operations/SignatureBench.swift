import Cryptography
import Foundation
import Trust

/// `mutualis pki bench` (Ops/bench/sign): signatures per second with a member's seal (RSA
/// 2048) over a synthetic document, on one thread: CAdES-B-B, CAdES-B-T (the platform's TSA in
/// process), PAdES-B-T over a PDF of the same size, and the PIN unlock (scrypt) on its own.
extension Operations {
    public func benchSignatures(tenant: String, seconds: Double, size: Int, threads: Int = 1) async throws {
        guard let trust = try loadTrust() else { throw TrustError.configuration("no PKI in \(pkiDirectory.root.path) (mutualis pki init)") }
        let seal = try trust.seal(member: tenant)
        let document = try SecureRandom.bytes(size)
        let pdf = Self.syntheticPDF(size: size)

        /// `threads` loops at once (tasks on the cooperative pool, one per core at most).
        func measure(_ name: String, _ body: @escaping @Sendable () async throws -> Void) async throws {
            try await body()  // warm-up
            let start = ContinuousClock.now
            let count = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<threads {
                    group.addTask {
                        var count = 0
                        while ContinuousClock.now - start < .seconds(seconds) {
                            try await body()
                            count += 1
                        }
                        return count
                    }
                }
                return try await group.reduce(0, +)
            }
            let elapsed = ContinuousClock.now - start
            let rate = Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            output("\(name)\(threads > 1 ? "_\(threads)_threads" : "")_per_s=\(String(format: "%.1f", rate))")
        }
        if threads == 1 { output("document_bytes=\(size) key=\(seal.key.kind)") }
        try await measure("cades_bb") { _ = try await trust.signCAdES(document, as: seal, timestamped: false) }
        try await measure("cades_bt") { _ = try await trust.signCAdES(document, as: seal, timestamped: true) }
        try await measure("pades_bt") {
            _ = try await trust.signPAdES(pdf, as: seal, field: PDFSignatureField(signerName: "Bench", reason: "Bench", contentsCapacity: 24_576))
        }
        guard threads == 1 else { return }
        let envelope = try KeyEnvelope.seal(seal.key, label: "bench", kek: trust.kek, pin: "482913")
        try await measure("pin_unlock") { _ = try envelope.open(kek: trust.kek, pin: "482913") }
    }

    /// A one-page PDF whose content stream pads it to about `size` bytes.
    static func syntheticPDF(size: Int) -> [UInt8] {
        let padding = String(repeating: "% mutualis bench padding line..............................\n", count: max(1, size / 60))
        let content = "BT /F1 12 Tf 72 720 Td (Document de test) Tj ET\n" + padding
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
        ]
        var pdf = "%PDF-1.7\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(pdf.utf8)
    }
}
