/// Prepares a PDF for a PAdES signature or document timestamp (ETSI EN 319 142-1, ISO 32000-1
/// §12.8) as an incremental update: the original bytes are kept, so earlier signatures stay valid.
///
/// The update holds the signature dictionary (`/ByteRange`, `/Contents` of zeros), a merged
/// signature field and widget on the last page (with an appearance when visible), the page's or
/// its `/Annots` array's new version, the AcroForm's (`/Fields`, `/SigFlags 3`), the catalog's
/// when it must declare the ESIC extension, and a cross-reference section of the file's kind.
public enum PDFIncrementalSigner {
    /// The width of each of the three numbers `/ByteRange` reserves (files up to 10 GB).
    static let byteRangeDigits = 10

    /// Appends the update for `field` to `pdf`. Refuses a file that is not a PDF, is encrypted,
    /// is broken, or is certified without allowed changes (a signature would break it).
    public static func prepare(_ pdf: [UInt8], field: PDFSignatureField) throws(PDFSignatureError) -> PreparedPDF {
        guard (1...PDFSignatureField.maximumContentsCapacity).contains(field.contentsCapacity) else {
            throw .unsupported("place réservée pour la signature de \(field.contentsCapacity) octets")
        }
        let file = try PDFFile(pdf)
        guard !file.isEncrypted else { throw .encrypted }
        let (catalogReference, catalog) = try file.catalog()
        if field.kind == .signature, try certificationPermission(file, catalog: catalog) == 1 {
            throw .unsupported("document certifié sans aucune modification autorisée (DocMDP P=1)")
        }
        let pages = try PDFPageTree.pages(in: file, catalog: catalog)
        let page = pages[pages.count - 1]
        let name = PDFForm.newSignatureName(existing: try PDFForm.fields(in: file, catalog: catalog))

        var update = PDFIncrementalUpdate(file: file)
        let signatureReference = update.allocate()
        let fieldReference = update.allocate()
        let (body, byteRangeAt, contentsAt) = signatureDictionary(field)
        update.setBody(signatureReference, body)

        var widget = PDFDictionary([
            "FT": .name("Sig"), "Type": .name("Annot"), "Subtype": .name("Widget"),
            "T": PDFText.string(name), "V": .reference(signatureReference), "F": .integer(132),
            "P": .reference(page.reference),
        ])
        if let lines = field.visibleText, !lines.isEmpty {
            let appearance = PDFAppearance(lines: lines, box: page.visibleBox, rotation: page.rotation)
            let appearanceReference = update.allocate()
            update.set(appearanceReference, .stream(appearance.stream))
            widget["Rect"] = .array(appearance.rect.map(PDFObject.number))
            widget["AP"] = .dictionary(PDFDictionary(["N": .reference(appearanceReference)]))
        } else {
            widget["Rect"] = .array([.integer(0), .integer(0), .integer(0), .integer(0)])
        }
        update.set(fieldReference, .dictionary(widget))
        try PDFForm.addWidget(fieldReference, page: page.reference, to: &update)
        try PDFForm.addField(fieldReference, catalog: catalogReference, to: &update)
        try PDFExtensions.declarePAdES(catalog: catalogReference, version: file.version(catalog: catalog), to: &update)

        let output = update.write()
        var bytes = output.bytes
        guard let signatureAt = output.bodyOffsets[signatureReference.number] else { throw .malformed("signature non écrite") }
        let contentsStart = signatureAt + contentsAt
        let contentsEnd = contentsStart + 2 * field.contentsCapacity + 2
        let byteRange = [0, contentsStart, contentsEnd, bytes.count - contentsEnd]
        let written = Array(("[" + byteRange.map(String.init).joined(separator: " ")).utf8)
        let placeholderStart = signatureAt + byteRangeAt
        for (index, byte) in written.enumerated() { bytes[placeholderStart + index] = byte }
        return PreparedPDF(bytes: bytes, byteRange: byteRange)
    }

    /// The `/P` of a certification signature (`/Perms /DocMDP`, §12.8.2.2), nil if uncertified.
    /// With 1 no change is allowed, so a new signature would break the certification; document
    /// timestamps remain allowed (ISO 32000-2 §12.8.2.2.2, as pyHanko judges them).
    static func certificationPermission(_ file: PDFFile, catalog: PDFDictionary) throws(PDFSignatureError) -> Int? {
        guard let permissions = try file.dictionary(catalog["Perms"]),
              let certification = try file.dictionary(permissions["DocMDP"]) else { return nil }
        for item in try file.resolve(certification["Reference"]).array ?? [] {
            guard let reference = try file.dictionary(item), reference["TransformMethod"]?.name == "DocMDP" else { continue }
            return try file.resolve(try file.dictionary(reference["TransformParams"])?["P"]).integer ?? 2
        }
        return 2
    }

    /// The signature dictionary's bytes, with where its `/ByteRange` array and its `/Contents`
    /// string start: the array is written as `[` and spaces, to be filled once the file is laid out.
    static func signatureDictionary(_ field: PDFSignatureField) -> (body: [UInt8], byteRangeAt: Int, contentsAt: Int) {
        var dictionary = PDFDictionary()
        switch field.kind {
        case .signature:
            dictionary["Type"] = .name("Sig")
            dictionary["Filter"] = .name("Adobe.PPKLite")
            dictionary["SubFilter"] = .name("ETSI.CAdES.detached")
            dictionary["M"] = PDFText.date(field.signingTime)
            if let name = field.signerName { dictionary["Name"] = PDFText.string(name) }
            if let reason = field.reason { dictionary["Reason"] = PDFText.string(reason) }
            if let location = field.location { dictionary["Location"] = PDFText.string(location) }
        case .documentTimestamp:
            dictionary["Type"] = .name("DocTimeStamp")
            dictionary["Filter"] = .name("Adobe.PPKLite")
            dictionary["SubFilter"] = .name("ETSI.RFC3161")
        }
        var body = PDFSerializer.bytes(.dictionary(dictionary))
        body.removeLast(2) // ">>"
        body += Array("/ByteRange ".utf8)
        let byteRangeAt = body.count
        body += Array("[".utf8) + [UInt8](repeating: 0x20, count: 3 + 4 * byteRangeDigits) + Array("] /Contents ".utf8)
        let contentsAt = body.count
        body += Array("<".utf8) + [UInt8](repeating: UInt8(ascii: "0"), count: 2 * field.contentsCapacity) + Array("> >>".utf8)
        return (body, byteRangeAt, contentsAt)
    }

    /// Pages, signature fields, encryption and version, for the signing page. An encrypted file
    /// is described as far as its unencrypted structure allows (its page count may be 0).
    public static func summary(_ pdf: [UInt8]) throws(PDFSignatureError) -> PDFDocumentSummary {
        let file = try PDFFile(pdf)
        guard !file.isEncrypted else {
            let catalog = try? file.catalog().1
            let pages = catalog.flatMap { try? PDFPageTree.pages(in: file, catalog: $0).count } ?? 0
            return PDFDocumentSummary(pageCount: pages, signatureFieldNames: [], isEncrypted: true,
                                      pdfVersion: catalog.map { file.version(catalog: $0) } ?? file.headerVersion)
        }
        let (_, catalog) = try file.catalog()
        let pages = try PDFPageTree.pages(in: file, catalog: catalog)
        let names = try PDFForm.fields(in: file, catalog: catalog).filter(\.isSignature).map(\.name)
        return PDFDocumentSummary(pageCount: pages.count, signatureFieldNames: names,
                                  isEncrypted: false, pdfVersion: file.version(catalog: catalog))
    }
}
