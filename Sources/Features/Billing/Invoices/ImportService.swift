import Blobs
import Cryptography
import Events
import Foundation
import Postgres
import TenantStore

/// Imports a billing software's export: the file checked whole (schema, regies, dates, PDFs,
/// references not already imported), then every invoice written in one transaction. The same
/// file imported again (same SHA-256) changes nothing.
struct ImportService: Sendable {
    let services: BillingServices

    enum Outcome: Sendable {
        case imported(id: UUID, invoices: Int)
        /// This exact file was imported before.
        case unchanged(id: UUID, invoices: Int)
    }

    /// `upload` is the received file (CSV, or ZIP with the PDFs); removed by the caller.
    func apply(_ upload: URL, isZip: Bool, fileName: String, member: MemberStore, by author: String,
               actor: EventActor) async throws -> Result<Outcome, InvoiceFileRefusal> {
        let sha256 = try Self.sha256(of: upload)
        if let row = try await member.read("SELECT id, invoices FROM billing_imports WHERE sha256 = \(sha256)").first {
            return .success(.unchanged(id: try row.decode(UUID.self, at: 0), invoices: try row.decode(Int.self, at: 1)))
        }
        let folder = services.workDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle: ImportBundle
        do { bundle = try ImportBundle.open(upload, isZip: isZip, folder: folder) } catch { return .failure(error) }
        let lines: [InvoiceFile.Line]
        switch InvoiceFile.read(path: bundle.csv.path, byteLimit: services.importLimit) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let read): lines = read
        }
        guard !lines.isEmpty else { return .failure(InvoiceFileRefusal(messages: ["Le fichier ne contient aucune facture."], more: 0)) }
        let regies = Set(try await InvoiceStore(member).regies().map(\.id))
        let references = lines.map(\.reference)
        let existing = Set(try await member.read("""
            SELECT reference FROM billing_invoices WHERE reference = ANY(\(PostgresTextArray(references)))
            """).map { try $0.decode(String.self, at: 0) })
        var problems: [String] = []
        for line in lines {
            if !regies.contains(line.regie) { problems.append("Ligne \(line.row), regie : la régie « \(line.regie) » n'existe pas.") }
            if line.dueOn < line.issuedOn { problems.append("Ligne \(line.row), date_echeance : l'échéance précède la date d'émission.") }
            if existing.contains(line.reference) { problems.append("Ligne \(line.row), reference : la facture « \(line.reference) » est déjà importée.") }
            if let pdf = line.pdf {
                if !isZip {
                    problems.append("Ligne \(line.row), pdf : envoyez une archive ZIP contenant « \(pdf) » avec le CSV.")
                } else if let file = bundle.pdfs[pdf] {
                    if (try? FileHandle(forReadingFrom: file).read(upToCount: 5)).flatMap({ $0 }) != Data("%PDF-".utf8) {
                        problems.append("Ligne \(line.row), pdf : « \(pdf) » n'est pas un document PDF.")
                    }
                } else {
                    problems.append("Ligne \(line.row), pdf : « \(pdf) » est absent de l'archive.")
                }
            }
        }
        guard problems.isEmpty else { return .failure(InvoiceFileRefusal(messages: Array(problems.prefix(200)), more: max(0, problems.count - 200))) }
        // The bills' PDFs become documents first (an import refused later leaves them to the collector).
        var documents: [String: UUID] = [:]
        let store = DocumentStore(member: member, blobs: services.blobs)
        for (name, file) in bundle.pdfs where lines.contains(where: { $0.pdf == name }) {
            let bytes = try Data(contentsOf: file)
            let staged = try await services.blobs.stage(member: member.slug, from: MemoryBytes(Array(bytes)), limit: max(bytes.count, 1))
            documents[name] = try await store.add(staged, fileName: name, by: DocumentAuthor(kind: "billing", id: nil, label: author), holder: nil).id
        }
        let id = UUID()
        do {
            try await member.transaction { connection in
                try await connection.query("""
                    INSERT INTO billing_imports (id, sha256, file_name, invoices, imported_by) VALUES (\(id), \(sha256), \(String(fileName.prefix(200))), \(lines.count), \(author))
                    """)
                for line in lines {
                    let invoice = UUID()
                    let document = line.pdf.flatMap { documents[$0] }
                    try await connection.query("""
                        INSERT INTO billing_invoices (id, reference, regie_id, debtor_name, debtor_address, amount_cents, issued_on, due_on, key_hash, document_id, import_id)
                        VALUES (\(invoice), \(line.reference), \(line.regie), \(line.debtor), \(line.address), \(Int64(line.amountCents)), \(line.issuedOn)::date,
                                \(line.dueOn)::date, \(try InvoiceStore.keyHash(reference: line.reference, key: line.paymentKey)), \(document), \(id))
                        """)
                    if let document { try await DocumentStore.reference(document, holder: "billing.invoice:\(invoice.uuidString.lowercased())", on: connection) }
                }
                try await services.events?.record(try NewEvent(type: BillingEvents.imported.name, subject: "billing/imports/\(id.uuidString.lowercased())",
                                                               data: BillingEvents.ImportData(id: id.uuidString.lowercased(), invoices: lines.count, fileName: fileName),
                                                               actor: actor), tenant: member.slug, on: connection)
            }
        } catch let error as PostgresError where error.sqlState == "23505" {
            // The same file, or an invoice of it, imported meanwhile by someone else.
            return .failure(InvoiceFileRefusal(messages: ["Ce fichier ou une de ses factures vient d'être importé par ailleurs ; rechargez la page."], more: 0))
        }
        return .success(.imported(id: id, invoices: lines.count))
    }

    static func sha256(of file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var digest = try Digest(.sha256)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try digest.update(Array(chunk)) }
        return try digest.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
