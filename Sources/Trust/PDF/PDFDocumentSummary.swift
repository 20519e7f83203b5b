/// What the signing page shows about a PDF before it is signed.
public struct PDFDocumentSummary: Sendable, Equatable {
    /// Pages found by walking the page tree (not the declared `/Count`).
    public var pageCount: Int
    /// Fully qualified names of the signature fields (`/FT /Sig`), signed or not, in form order.
    /// Empty for an encrypted file (the names are encrypted strings).
    public var signatureFieldNames: [String]
    public var isEncrypted: Bool
    /// The header's version, or the catalog's `/Version` when that is later (e.g. "1.7").
    public var pdfVersion: String

    public init(pageCount: Int, signatureFieldNames: [String], isEncrypted: Bool, pdfVersion: String) {
        self.pageCount = pageCount
        self.signatureFieldNames = signatureFieldNames
        self.isEncrypted = isEncrypted
        self.pdfVersion = pdfVersion
    }
}
