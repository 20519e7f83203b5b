/// The kinds of content the platform recognises from the bytes themselves.
public struct MediaType: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    /// French, for messages ("un PDF", "une image PNG").
    public let label: String
    public let fileExtension: String

    public var description: String { rawValue }

    public static let pdf = MediaType(rawValue: "application/pdf", label: "un document PDF", fileExtension: "pdf")
    public static let png = MediaType(rawValue: "image/png", label: "une image PNG", fileExtension: "png")
    public static let jpeg = MediaType(rawValue: "image/jpeg", label: "une image JPEG", fileExtension: "jpg")
    public static let tiff = MediaType(rawValue: "image/tiff", label: "une image TIFF", fileExtension: "tif")
    public static let zip = MediaType(rawValue: "application/zip", label: "une archive ZIP", fileExtension: "zip")
    public static let docx = MediaType(rawValue: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                       label: "un document Word", fileExtension: "docx")
    public static let xlsx = MediaType(rawValue: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                       label: "un classeur Excel", fileExtension: "xlsx")
    public static let pptx = MediaType(rawValue: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                       label: "une présentation PowerPoint", fileExtension: "pptx")
    public static let odt = MediaType(rawValue: "application/vnd.oasis.opendocument.text", label: "un texte OpenDocument", fileExtension: "odt")
    public static let ods = MediaType(rawValue: "application/vnd.oasis.opendocument.spreadsheet", label: "un classeur OpenDocument", fileExtension: "ods")
    public static let odp = MediaType(rawValue: "application/vnd.oasis.opendocument.presentation", label: "une présentation OpenDocument", fileExtension: "odp")
    public static let xml = MediaType(rawValue: "application/xml", label: "un document XML", fileExtension: "xml")
    public static let json = MediaType(rawValue: "application/json", label: "un document JSON", fileExtension: "json")
    public static let csv = MediaType(rawValue: "text/csv", label: "un tableau CSV", fileExtension: "csv")
    public static let text = MediaType(rawValue: "text/plain", label: "un texte", fileExtension: "txt")
    /// Nothing recognised.
    public static let binary = MediaType(rawValue: "application/octet-stream", label: "un fichier d'un type non reconnu", fileExtension: "bin")

    public static let all: [MediaType] = [.pdf, .png, .jpeg, .tiff, .zip, .docx, .xlsx, .pptx, .odt, .ods, .odp, .xml, .json, .csv, .text, .binary]

    /// Office documents of both families.
    public static let office: Set<MediaType> = [.docx, .xlsx, .pptx, .odt, .ods, .odp]

    public init?(rawValue: String) {
        guard let known = Self.all.first(where: { $0.rawValue == rawValue.lowercased() }) else { return nil }
        self = known
    }

    init(rawValue: String, label: String, fileExtension: String) {
        self.rawValue = rawValue
        self.label = label
        self.fileExtension = fileExtension
    }

    /// A content of this type is also acceptable where `other` is expected (CSV is text;
    /// office documents and JSON/XML are not ZIP or text for the purpose of an upload).
    public func satisfies(_ accepted: Set<MediaType>) -> Bool {
        accepted.contains(self) || (self == .csv && accepted.contains(.text))
    }
}
