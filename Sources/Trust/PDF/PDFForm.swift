/// The interactive form (`/AcroForm`, §12.7): the names of its fields, and adding a field to it
/// and a widget to a page in an update.
enum PDFForm {
    struct Field: Equatable {
        /// Fully qualified: partial names joined with dots.
        var name: String
        var isSignature: Bool
    }

    static let maximumFields = 100_000

    /// Every named field node (terminal or not), in form order, with its inherited `/FT`.
    static func fields(in file: PDFFile, catalog: PDFDictionary) throws(PDFSignatureError) -> [Field] {
        guard let acroForm = try file.dictionary(catalog["AcroForm"]),
              let roots = try file.resolve(acroForm["Fields"]).array else { return [] }
        var fields: [Field] = []
        var visited: Set<Int> = []
        var stack: [(PDFObject, parent: String, type: String?)] = roots.reversed().map { ($0, "", nil) }
        while let (object, parent, inheritedType) = stack.popLast() {
            if let reference = object.reference, !visited.insert(reference.number).inserted { continue }
            guard fields.count < maximumFields, visited.count <= maximumFields else {
                throw .unsupported("plus de \(maximumFields) champs de formulaire")
            }
            guard let node = try file.dictionary(object) else { continue }
            let type = node["FT"]?.name ?? inheritedType
            var name = parent
            if let partial = try file.resolve(node["T"]).stringBytes {
                name = parent.isEmpty ? PDFText.decode(partial) : parent + "." + PDFText.decode(partial)
                fields.append(Field(name: name, isSignature: type == "Sig"))
            }
            for kid in (try file.resolve(node["Kids"]).array ?? []).reversed() {
                stack.append((kid, name, type))
            }
        }
        return fields
    }

    /// "Signature N": N is one more than the signature fields already there, then the first free.
    static func newSignatureName(existing fields: [Field]) -> String {
        let names = Set(fields.map(\.name))
        var number = fields.filter(\.isSignature).count + 1
        while names.contains("Signature \(number)") { number += 1 }
        return "Signature \(number)"
    }

    /// Adds `field` to `/AcroForm /Fields` and sets `/SigFlags 3` (SignaturesExist, AppendOnly).
    /// The AcroForm may be absent (a new object, the catalog rewritten to point to it), inline in
    /// the catalog (the catalog rewritten), or indirect (that object rewritten); an indirect
    /// `/Fields` array is rewritten as its own object.
    static func addField(_ field: PDFReference, catalog reference: PDFReference,
                         to update: inout PDFIncrementalUpdate) throws(PDFSignatureError) {
        guard var catalog = try update.current(reference).dictionary else { throw .malformed("catalogue introuvable") }
        switch catalog["AcroForm"] {
        case .reference(let formReference)?:
            if let form = try update.current(formReference).dictionary {
                if let changed = try adding(field, to: form, update: &update) { update.set(formReference, .dictionary(changed)) }
                return
            }
            fallthrough // a dangling reference: as if there were no form
        case nil, .null?:
            let formReference = update.allocate()
            update.set(formReference, .dictionary(PDFDictionary(["Fields": .array([.reference(field)]), "SigFlags": .integer(3)])))
            catalog["AcroForm"] = .reference(formReference)
            update.set(reference, .dictionary(catalog))
        case .dictionary(let form)?:
            if let changed = try adding(field, to: form, update: &update) {
                catalog["AcroForm"] = .dictionary(changed)
                update.set(reference, .dictionary(catalog))
            }
        default:
            throw .malformed("/AcroForm invalide")
        }
    }

    /// The form dictionary with the field added, or nil if only its indirect `/Fields` changed.
    private static func adding(_ field: PDFReference, to form: PDFDictionary,
                               update: inout PDFIncrementalUpdate) throws(PDFSignatureError) -> PDFDictionary? {
        var form = form
        var changed = false
        switch form["Fields"] {
        case .reference(let arrayReference)?:
            guard let fields = try update.current(arrayReference).array else { throw .malformed("/Fields invalide") }
            update.set(arrayReference, .array(fields + [.reference(field)]))
        case .array(let fields)?:
            form["Fields"] = .array(fields + [.reference(field)])
            changed = true
        case nil:
            form["Fields"] = .array([.reference(field)])
            changed = true
        default:
            throw .malformed("/Fields invalide")
        }
        let flags = try update.file.resolve(form["SigFlags"]).integer ?? 0
        if flags & 3 != 3 {
            form["SigFlags"] = .integer(flags | 3)
            changed = true
        }
        return changed ? form : nil
    }

    /// Adds the widget to the page's `/Annots`: the page rewritten when the array is inline or
    /// absent, the array object rewritten when it is indirect.
    static func addWidget(_ widget: PDFReference, page reference: PDFReference,
                          to update: inout PDFIncrementalUpdate) throws(PDFSignatureError) {
        guard var page = try update.current(reference).dictionary else { throw .malformed("page introuvable") }
        switch page["Annots"] {
        case .reference(let arrayReference)?:
            switch try update.current(arrayReference) {
            case .array(let annotations):
                update.set(arrayReference, .array(annotations + [.reference(widget)]))
                return
            case .null:
                page["Annots"] = .array([.reference(widget)])
            default:
                throw .malformed("/Annots invalide")
            }
        case .array(let annotations)?:
            page["Annots"] = .array(annotations + [.reference(widget)])
        case nil, .null?:
            page["Annots"] = .array([.reference(widget)])
        default:
            throw .malformed("/Annots invalide")
        }
        update.set(reference, .dictionary(page))
    }
}
