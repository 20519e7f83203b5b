import Foundation
import ZIPFoundation

/// An import as received: a CSV alone, or a ZIP holding one CSV and the bills' PDFs (flat: file
/// names without folders). ZIP entries are bounded (count, sizes, compression ratio) and unpacked
/// into `folder`; nothing outside it is written.
struct ImportBundle {
    let csv: URL
    /// PDF file name → unpacked file.
    let pdfs: [String: URL]

    static let maxEntries = 2000
    static let maxEntryBytes = 20 << 20
    static let maxTotalBytes = 500 << 20

    static func open(_ upload: URL, isZip: Bool, folder: URL) throws(InvoiceFileRefusal) -> ImportBundle {
        guard isZip else { return ImportBundle(csv: upload, pdfs: [:]) }
        func refused(_ message: String) -> InvoiceFileRefusal { InvoiceFileRefusal(messages: [message], more: 0) }
        let archive: Archive
        do { archive = try Archive(url: upload, accessMode: .read) } catch { throw refused("Le fichier n'est pas une archive ZIP lisible.") }
        var csv: URL?
        var pdfs: [String: URL] = [:]
        var total = 0
        var count = 0
        for entry in archive {
            count += 1
            guard count <= maxEntries else { throw refused("L'archive contient plus de \(maxEntries) fichiers.") }
            guard entry.type == .file else {
                if entry.type == .symlink { throw refused("L'archive contient un lien symbolique : refusée.") }
                continue
            }
            let name = entry.path
            guard !name.contains("/"), !name.contains("\\"), !name.hasPrefix("."), name.count <= 100, !name.contains("\0") else {
                throw refused("« \(name.prefix(100)) » : l'archive ne doit contenir que des fichiers à sa racine.")
            }
            let declared = Int(clamping: entry.uncompressedSize)
            guard declared <= maxEntryBytes else { throw refused("« \(name) » dépasse \(maxEntryBytes >> 20) Mo.") }
            total += declared
            guard total <= maxTotalBytes else { throw refused("Le contenu de l'archive dépasse \(maxTotalBytes >> 20) Mo.") }
            if declared > 1 << 20, entry.compressedSize == 0 || declared / Int(clamping: entry.compressedSize) > 100 {
                throw refused("« \(name) » se décompresse plus de 100 fois : refusé.")
            }
            let lower = name.lowercased()
            guard lower.hasSuffix(".csv") || lower.hasSuffix(".pdf") else { continue }
            let target = folder.appendingPathComponent("\(count)-\(lower.hasSuffix(".csv") ? "factures.csv" : "facture.pdf")")
            try extract(entry, of: archive, to: target, limit: declared, name: name)
            if lower.hasSuffix(".csv") {
                guard csv == nil else { throw refused("L'archive contient plusieurs fichiers CSV ; un seul est attendu.") }
                csv = target
            } else {
                pdfs[name] = target
            }
        }
        guard let csv else { throw refused("L'archive ne contient pas de fichier CSV des factures.") }
        return ImportBundle(csv: csv, pdfs: pdfs)
    }

    private static func extract(_ entry: Entry, of archive: Archive, to target: URL, limit: Int, name: String) throws(InvoiceFileRefusal) {
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = try? FileHandle(forWritingTo: target) else {
            throw InvoiceFileRefusal(messages: ["« \(name) » n'a pas pu être décompressé."], more: 0)
        }
        defer { try? handle.close() }
        var written = 0
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 20) { data in
                written += data.count
                guard written <= limit else { throw CocoaError(.fileReadTooLarge) }
                try handle.write(contentsOf: data)
            }
        } catch {
            throw InvoiceFileRefusal(messages: ["« \(name) » est illisible ou plus grand qu'annoncé."], more: 0)
        }
    }
}
