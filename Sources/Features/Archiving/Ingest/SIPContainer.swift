import Foundation
import ZIPFoundation

/// A SIP's ZIP, checked and unpacked into a work folder. Entries are read with ZIPFoundation;
/// on top of it: paths must be relative and stay inside the package (no `..`, no absolute or
/// drive path, no backslash), no links, a bounded number of entries, bounded sizes (declared
/// and actual: the inflater is stopped as soon as an entry gives more than it declared) and
/// bounded compression ratios. Unpacked files are named by their index in the work folder,
/// never by the entry's path, so nothing can be written outside it. Stored (not compressed)
/// objects are not unpacked: their bytes are read where they lie in the package (`ZIPLayout`),
/// or from the copies staged while it was received (`SIPTap`) when they name the same bytes.
public struct SIPContainer: Sendable {
    /// Where a file's bytes are: a span of the package, or an unpacked file of the work folder;
    /// or, for a span that was staged while the package was received, both staged copies.
    public struct File: Sendable {
        public var url: URL
        public var offset: Int
        public var length: Int
        var tapped: SIPTap.Tapped? = nil
    }

    /// The package's files by normalised path.
    public let files: [String: File]
    public let manifestPath: URL

    static let manifestName = "manifest.xml"

    /// Blocking (run it off the event loops). `tapped`: the copies staged while the package was
    /// received, by the offset of their bytes in it.
    static func unpack(_ zip: URL, into folder: URL, limits: SIPLimits, tapped: [Int: SIPTap.Tapped] = [:]) throws -> SIPContainer {
        let archive: ZIPFoundation.Archive
        do { archive = try ZIPFoundation.Archive(url: zip, accessMode: .read) } catch {
            throw IngestRefusal(.notZip, "Le paquet n'est pas une archive ZIP lisible.")
        }
        var entries: [(path: String, entry: Entry)] = []
        var declaredTotal: UInt64 = 0
        for entry in archive {
            guard entries.count < limits.maxEntries else {
                throw IngestRefusal(.tooManyEntries, "Le paquet contient plus de \(limits.maxEntries) entrées.")
            }
            let path = try normalised(entry.path)
            switch entry.type {
            case .symlink: throw IngestRefusal(.link, "L'entrée « \(path) » est un lien symbolique : les liens sont refusés.")
            case .directory: continue
            case .file: break
            }
            let declared = entry.uncompressedSize
            declaredTotal += declared
            guard declaredTotal <= UInt64(limits.maxUnpackedBytes) else {
                throw IngestRefusal(.tooLarge, "Le contenu décompressé du paquet dépasserait \(limits.maxUnpackedBytes) octets.")
            }
            try checkRatio(path: path, compressed: entry.compressedSize, uncompressed: declared, limits: limits)
            guard !entries.contains(where: { $0.path == path }) else {
                throw IngestRefusal(.unsafePath, "Le chemin « \(path) » apparaît deux fois dans le paquet.")
            }
            entries.append((path, entry))
        }
        guard entries.contains(where: { $0.path == manifestName }) else {
            throw IngestRefusal(.missingManifest, "Le paquet ne contient pas de « manifest.xml » à sa racine.")
        }
        var files: [String: File] = [:]
        var actualTotal = 0
        let spans = ZIPLayout.storedSpans(of: zip)
        for (index, (path, entry)) in entries.enumerated() {
            if path != manifestName, !entry.isCompressed, let span = spans[entry.path], span.length == Int(entry.uncompressedSize) {
                actualTotal += span.length
                guard actualTotal <= limits.maxUnpackedBytes else {
                    throw IngestRefusal(.tooLarge, "Le contenu décompressé du paquet dépasse \(limits.maxUnpackedBytes) octets.")
                }
                let copies = tapped[span.offset].flatMap { $0.length == span.length ? $0 : nil }
                files[path] = File(url: zip, offset: span.offset, length: span.length, tapped: copies)
                continue
            }
            let target = folder.appendingPathComponent("\(index)")
            let limit = path == manifestName ? min(Int(entry.uncompressedSize), limits.maxManifestBytes) : Int(entry.uncompressedSize)
            if path == manifestName, entry.uncompressedSize > UInt64(limits.maxManifestBytes) {
                throw IngestRefusal(.tooLarge, "Le manifeste dépasse \(limits.maxManifestBytes) octets.")
            }
            let written = try extract(entry, of: archive, to: target, path: path, limit: limit)
            actualTotal += written
            guard actualTotal <= limits.maxUnpackedBytes else {
                throw IngestRefusal(.tooLarge, "Le contenu décompressé du paquet dépasse \(limits.maxUnpackedBytes) octets.")
            }
            files[path] = File(url: target, offset: 0, length: written)
        }
        return SIPContainer(files: files, manifestPath: files[manifestName]!.url)
    }

    /// The path as the manifest's `Uri` would name it: `/`-separated, relative, no `.`/`..`.
    static func normalised(_ raw: String) throws(IngestRefusal) -> String {
        let unsafe = IngestRefusal(.unsafePath, "Le chemin « \(raw.prefix(200)) » sort du paquet ou n'est pas relatif : refusé.")
        guard !raw.isEmpty, raw.utf8.count <= 1024, !raw.hasPrefix("/"), !raw.contains("\\"), !raw.contains("\0") else { throw unsafe }
        if raw.count >= 2, raw.dropFirst().first == ":" { throw unsafe }
        var parts: [Substring] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { throw unsafe }
            parts.append(part)
        }
        guard !parts.isEmpty else { throw unsafe }
        return parts.joined(separator: "/")
    }

    static func checkRatio(path: String, compressed: UInt64, uncompressed: UInt64, limits: SIPLimits) throws(IngestRefusal) {
        guard uncompressed > UInt64(limits.ratioThreshold) else { return }
        guard compressed > 0, uncompressed / compressed <= UInt64(limits.maxCompressionRatio) else {
            throw IngestRefusal(.compressionRatio, "L'entrée « \(path) » se décompresse plus de \(limits.maxCompressionRatio) fois : bombe de décompression présumée, refusée.")
        }
    }

    /// Unpacks one entry, stopping as soon as it gives more than `limit` bytes.
    static func extract(_ entry: Entry, of archive: ZIPFoundation.Archive, to target: URL, path: String, limit: Int) throws -> Int {
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = try? FileHandle(forWritingTo: target) else {
            throw ArchiveError.storage("unpack \(path) into \(target.path)", "cannot create the file")
        }
        defer { try? handle.close() }
        var written = 0
        struct Overflow: Error {}
        do {
            // No CRC-32: every object is checked against its declared SHA-256/512 next, and the
            // manifest against its schema (a pass over each gigabyte saved).
            _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { data in
                written += data.count
                guard written <= limit else { throw Overflow() }
                do { try handle.write(contentsOf: data) } catch { throw ArchiveError.storage("unpack \(path) into \(target.path)", "\(error)") }
            }
        } catch let error as ArchiveError {
            throw error
        } catch is Overflow {
            throw IngestRefusal(.compressionRatio, "L'entrée « \(path) » donne plus d'octets qu'elle n'en déclare : refusée.")
        } catch {
            throw IngestRefusal(.notZip, "L'entrée « \(path) » est illisible (\(error)).")
        }
        return written
    }
}
