import Foundation

/// The structural checks of a manifest against itself and its package (pure: no I/O).
enum ManifestChecks {
    /// Ids used twice (objects, groups and units share the XML `ID` space).
    static func duplicateIDs(_ manifest: SEDAManifest) -> [IngestRefusal] {
        var seen = Set<String>()
        var refusals: [IngestRefusal] = []
        let ids = manifest.objects.map(\.id) + manifest.groups.keys.sorted() + manifest.flattenedUnits.map(\.unit.id)
        for id in ids where !seen.insert(id).inserted {
            refusals.append(IngestRefusal(.duplicateID, "L'identifiant « \(id) » est utilisé plusieurs fois dans le manifeste."))
        }
        for id in ids where id.isEmpty {
            refusals.append(IngestRefusal(.duplicateID, "Un objet ou une unité n'a pas d'identifiant."))
            break
        }
        return refusals
    }

    /// Every `DataObjectReference` names an object or a group of the manifest.
    static func unresolvedReferences(_ manifest: SEDAManifest) -> [IngestRefusal] {
        let known = Set(manifest.objects.map(\.id)).union(manifest.groups.keys)
        return manifest.flattenedUnits.flatMap { unit, _ in
            unit.objectReferences.filter { !known.contains($0) }.map {
                IngestRefusal(.unresolvedReference, "L'unité « \(unit.id) » (ligne \(unit.line)) référence l'objet « \($0) », absent du manifeste.")
            }
        }
    }

    /// Each object's file, by its `Uri` (normalised as the container normalises entry paths);
    /// refusals for objects without a file.
    static func objectFiles(_ manifest: SEDAManifest, in container: SIPContainer) -> ([String: SIPContainer.File], [IngestRefusal]) {
        var files: [String: SIPContainer.File] = [:]
        var refusals: [IngestRefusal] = []
        for object in manifest.objects {
            guard let uri = object.uri, let path = try? SIPContainer.normalised(uri.removingPercentEncoding ?? uri),
                  let file = container.files[path] else {
                refusals.append(IngestRefusal(.missingObject, "L'objet « \(object.id) » (ligne \(object.line)) désigne « \(object.uri ?? "—") », absent du paquet."))
                continue
            }
            files[object.id] = file
        }
        return (files, refusals)
    }

    /// Files of the package no object declares.
    static func unlistedFiles(_ manifest: SEDAManifest, in container: SIPContainer) -> [IngestRefusal] {
        let declared = Set(manifest.objects.compactMap { $0.uri.flatMap { try? SIPContainer.normalised($0.removingPercentEncoding ?? $0) } })
        return container.files.keys.sorted().filter { $0 != SIPContainer.manifestName && !declared.contains($0) }.map {
            IngestRefusal(.unlistedFile, "Le fichier « \($0) » du paquet n'est déclaré par aucun objet du manifeste.")
        }
    }

    /// The digest a manifest declares, normalised (hex lowercase; base64 accepted).
    static func declaredDigest(_ object: SEDAManifest.Object) -> String {
        let text = object.digest.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.allSatisfy(\.isHexDigit) { return text.lowercased() }
        if let data = Data(base64Encoded: text) { return data.map { String(format: "%02x", $0) }.joined() }
        return text
    }
}
