/// Declares the PAdES structures in the catalog, as ETSI EN 319 142-1 and pyHanko do: for a
/// document below PDF 2.0, the `/ESIC` developer extension (BaseVersion 1.7, level 1) in
/// `/Extensions`, and `/Version /1.7` when the document declares less (an update cannot change
/// the header, §7.5.2).
enum PDFExtensions {
    static func declarePAdES(catalog reference: PDFReference, version: String,
                             to update: inout PDFIncrementalUpdate) throws(PDFSignatureError) {
        let numbers = version.split(separator: ".").compactMap { Int($0) }
        guard numbers.lexicographicallyPrecedes([2, 0]) else { return }
        guard var catalog = try update.current(reference).dictionary else { throw .malformed("catalogue introuvable") }
        var changed = false
        if numbers.lexicographicallyPrecedes([1, 7]) {
            catalog["Version"] = .name("1.7")
            changed = true
        }
        let esic = PDFObject.dictionary(PDFDictionary([
            "Type": .name("DeveloperExtensions"), "BaseVersion": .name("1.7"), "ExtensionLevel": .integer(1),
        ]))
        switch catalog["Extensions"] {
        case .reference(let extensionsReference)?:
            if var extensions = try update.current(extensionsReference).dictionary {
                if extensions["ESIC"] == nil {
                    extensions["ESIC"] = esic
                    update.set(extensionsReference, .dictionary(extensions))
                }
            } else {
                catalog["Extensions"] = .dictionary(PDFDictionary(["ESIC": esic]))
                changed = true
            }
        case .dictionary(var extensions)?:
            if extensions["ESIC"] == nil {
                extensions["ESIC"] = esic
                catalog["Extensions"] = .dictionary(extensions)
                changed = true
            }
        case nil:
            catalog["Extensions"] = .dictionary(PDFDictionary(["ESIC": esic]))
            changed = true
        default:
            throw .malformed("/Extensions invalide")
        }
        if changed { update.set(reference, .dictionary(catalog)) }
    }
}
