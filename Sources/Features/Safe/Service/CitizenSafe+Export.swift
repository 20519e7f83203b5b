import Foundation
import HTTPTypes
import Logging
import Postgres
import Tenancy
import TenantStore
import Web
import ZIPFoundation

/// Portability: the whole safe in one ZIP — each intact document under `documents/`, a
/// `manifeste.json` (metadata, SHA-256 of each file) and a `SHA256SUMS` that `sha256sum -c`
/// checks. An altered document is listed in the manifest as such, without content.
extension CitizenSafe {
    func export() async throws -> [UInt8] {
        let key = try await dataKey()
        let all = try await store.documents(of: account, limit: 100_000, name: nameDecrypter(key))
        let archive = try Archive(accessMode: .create)
        var used = Set<String>()
        var manifest: [[String: Any]] = []
        var sums = ""
        for document in all.reversed() {
            var entry: [String: Any] = [
                "id": document.id.uuidString.lowercased(), "file_name": document.fileName, "media_type": document.mediaType,
                "size": document.size, "hash_algorithm": SafeDocument.hashAlgorithm, "sha256": document.sha256,
                "deposited_at": ISO8601DateFormatter().string(from: document.depositedAt), "deposited_by": document.depositedByLabel ?? "",
            ]
            switch try await open(document) {
            case .intact(let bytes):
                let path = Self.unique("documents/" + document.fileName, in: &used)
                let data = Data(bytes)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
                entry["path"] = path
                entry["status"] = "intact"
                sums += "\(document.sha256)  \(path)\n"
            case .altered(let reason):
                try await record(document, altered: reason, action: "export")
                entry["status"] = "altered"
                entry["problem"] = reason
            }
            manifest.append(entry)
        }
        let json = try JSONSerialization.data(withJSONObject: [
            "format": "mutualis-coffre-fort/1", "exported_at": ISO8601DateFormatter().string(from: Date()), "member": member.slug.rawValue,
            "documents": manifest,
        ] as [String: Any], options: [.prettyPrinted, .sortedKeys])
        for (path, data) in [("manifeste.json", json), ("SHA256SUMS", Data(sums.utf8))] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        guard let data = archive.data else { throw WebError.unavailable("L'export du coffre-fort n'a pas pu être constitué.") }
        try await store.journal("export", account: account, by: principal, detail: "\(all.count) document(s)")
        return Array(data)
    }

    /// `documents/facture.pdf`, then `documents/facture-2.pdf`…
    static func unique(_ path: String, in used: inout Set<String>) -> String {
        var candidate = path
        var counter = 2
        while used.contains(candidate) {
            let url = URL(fileURLWithPath: path)
            let ext = url.pathExtension
            let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
            candidate = ext.isEmpty ? "\(stem)-\(counter)" : "\(stem)-\(counter).\(ext)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
