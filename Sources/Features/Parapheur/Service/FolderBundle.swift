import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web
import ZIPFoundation

/// The bundle of a completed folder (ZIP): the signed documents, the detached signatures, the
/// timestamp tokens, a French signature summary (HTML) and the folder's history (JSON) — what
/// the archive takes in, and what an agent sends on.
struct FolderBundle: Sendable {
    let service: FolderService
    let names: [DeskID: String]

    func response(_ folder: Folder) async throws -> Response {
        guard folder.circuit.status == .completed else {
            throw WebError(.conflict, kind: "not-completed", title: "Dossier en cours",
                           detail: "Le paquet signé n'existe qu'une fois le circuit du dossier terminé.")
        }
        let bytes = try await archive(folder)
        let name = "parapheur-\(folder.id.uuidString.lowercased().prefix(8)).zip"
        return Response(status: .ok, headers: [.contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    func archive(_ folder: Folder) async throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, bytes) in try await entries(folder) { try add(archive, path, bytes) }
        guard let data = archive.data else { throw WebError.unavailable("Le paquet n'a pas pu être constitué.") }
        return Array(data)
    }

    /// The bundle's files by path: `documents/`, `signatures/`, `horodatages/`, `annexes/`,
    /// `bordereau.html`, `historique.json` (what the ZIP holds, and what the archive receives).
    func entries(_ folder: Folder) async throws -> [(String, [UInt8])] {
        let files = try await service.store.files(folder.id)
        var entries: [(String, [UInt8])] = []
        var summaries: [(String, String, [String])] = []
        var used = Set<String>()
        func unique(_ path: String) -> String {
            var candidate = path
            var counter = 2
            while used.contains(candidate) {
                candidate = path.replacingOccurrences(of: ".", with: "-\(counter).", options: .backwards, range: path.range(of: ".", options: .backwards))
                counter += 1
            }
            used.insert(candidate)
            return candidate
        }
        for file in files {
            let bytes = try await service.bytes(of: file)
            let folderName = switch file.role { case .main: "documents"; case .signature: "signatures"; case .annex: "annexes" }
            entries.append((unique("\(folderName)/\(file.fileName)"), bytes))
            var signers: [String] = []
            var tokens: [[UInt8]] = []
            if file.role == .signature, let cms = try? CMSSignedData(der: bytes) {
                signers = cms.signerSubjects
                tokens = cms.timestampTokens
            } else if file.role == .main {
                for content in PDFEmbeddedSignatures.contents(of: bytes) {
                    guard let cms = try? CMSSignedData(der: content) else { continue }
                    signers += cms.signerSubjects
                    tokens += cms.timestampTokens
                }
            }
            for (index, token) in tokens.enumerated() {
                entries.append((unique("horodatages/\(file.fileName)-\(index + 1).tst"), token))
            }
            if file.role != .annex { summaries.append((file.fileName, file.sha256, signers)) }
        }
        entries.append(("bordereau.html", Array(summary(folder, files: summaries).utf8)))
        let view = FolderView(folder: folder, files: files, names: names)
        var json = JSONWriter(capacity: 4096)
        view.write(into: &json)
        entries.append(("historique.json", json.bytes))
        return entries
    }

    private func add(_ archive: Archive, _ path: String, _ bytes: [UInt8]) throws {
        let data = Data(bytes)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<(Int(position) + size))
        }
    }

    func summary(_ folder: Folder, files: [(String, String, [String])]) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let name = { (desk: DeskID) in names[desk] ?? "Bureau supprimé" }
        var rows = ""
        for entry in folder.circuit.history {
            rows += "<tr><td>\(escape(FrenchDate.long(entry.at))) à \(escape(FrenchDate.time(entry.at)))</td><td>\(escape(ParapheurLabels.action(entry.action)))</td>"
            rows += "<td>\(escape(entry.signatory(naming: name) ?? "Administrateur ou plate-forme"))</td><td>\(escape(entry.comment ?? ""))</td></tr>\n"
        }
        var documents = ""
        for (fileName, sha256, signers) in files {
            documents += "<li><strong>\(escape(fileName))</strong> — SHA-256 <code>\(sha256)</code>"
            if !signers.isEmpty { documents += "<br>Signé par : " + signers.map(escape).joined(separator: " ; ") }
            documents += "</li>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>Bordereau de signature — \(escape(folder.title))</title></head>
            <body>
            <h1>Bordereau de signature</h1>
            <p><strong>\(escape(folder.title))</strong> (\(escape(folder.type.label))), déposé le \(escape(FrenchDate.long(folder.createdAt))) par le bureau \(escape(name(folder.emitter))).</p>
            <h2>Documents</h2>
            <ul>
            \(documents)</ul>
            <p>Chaque signature se vérifie avec les outils usuels : un lecteur PDF pour les documents signés (PAdES), \
            <code>openssl cms -verify</code> pour les signatures détachées (CAdES), <code>openssl ts -verify</code> pour les jetons d'horodatage.</p>
            <h2>Historique du circuit</h2>
            <table><thead><tr><th>Date</th><th>Action</th><th>Bureau</th><th>Commentaire</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            </body></html>
            """
    }
}

/// French words for the parapheur's pages, mail and summaries.
enum ParapheurLabels {
    static func action(_ kind: ActionKind) -> String {
        switch kind {
        case .visa: "Visa"
        case .sign: "Signature"
        case .seal: "Cachet"
        case .reject: "Rejet"
        case .transfer: "Transfert"
        case .askSecondOpinion: "Demande d'avis"
        case .giveOpinion: "Avis donné"
        case .undo: "Annulation"
        case .bypass: "Passage forcé (administrateur)"
        case .resubmit: "Renvoi dans le circuit"
        }
    }

    static func step(_ kind: StepKind) -> String {
        switch kind {
        case .visa: "Visa"
        case .signature: "Signature"
        case .seal: "Cachet"
        }
    }

    static func status(_ status: Circuit.Status) -> String {
        switch status {
        case .inProgress: "En cours"
        case .rejected: "Rejeté"
        case .completed: "Terminé"
        }
    }
}
