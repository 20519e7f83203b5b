import Blobs

/// Compares a binary object's declared `FormatIdentification` (PRONOM `FormatId`, `MimeType`)
/// with what its bytes are (`MediaSniffer`, from the content). A declared format the archive
/// does not know is not judged; one it knows must match the content.
enum FormatCheck {
    /// PRONOM identifiers of the formats the sniffer recognises.
    static let pronom: [String: MediaType] = {
        var table: [String: MediaType] = [:]
        func add(_ ids: [String], _ type: MediaType) { for id in ids { table[id] = type } }
        add(["fmt/14", "fmt/15", "fmt/16", "fmt/17", "fmt/18", "fmt/19", "fmt/20", "fmt/95", "fmt/276", "fmt/354",
             "fmt/476", "fmt/477", "fmt/478", "fmt/479", "fmt/480", "fmt/481", "fmt/1129"], .pdf)
        add(["fmt/11", "fmt/12", "fmt/13"], .png)
        add(["fmt/41", "fmt/42", "fmt/43", "fmt/44", "fmt/645", "x-fmt/398", "x-fmt/390", "x-fmt/391"], .jpeg)
        add(["fmt/7", "fmt/8", "fmt/9", "fmt/10", "fmt/353", "x-fmt/387", "x-fmt/388", "x-fmt/399"], .tiff)
        add(["fmt/101"], .xml)
        add(["fmt/817"], .json)
        add(["fmt/412"], .docx)
        add(["fmt/214"], .xlsx)
        add(["fmt/215"], .pptx)
        add(["fmt/290", "fmt/291", "fmt/1756"], .odt)
        add(["fmt/294", "fmt/295", "fmt/1755"], .ods)
        add(["fmt/292", "fmt/293", "fmt/1754"], .odp)
        add(["x-fmt/18"], .csv)
        add(["x-fmt/111"], .text)
        add(["x-fmt/263"], .zip)
        return table
    }()

    /// The PRONOM identifier the archive records for a detected type.
    static func formatID(of type: MediaType) -> String? {
        switch type {
        case .pdf: "fmt/18"
        case .png: "fmt/12"
        case .jpeg: "fmt/43"
        case .tiff: "fmt/353"
        case .xml: "fmt/101"
        case .json: "fmt/817"
        case .docx: "fmt/412"
        case .xlsx: "fmt/214"
        case .pptx: "fmt/215"
        case .odt: "fmt/291"
        case .ods: "fmt/295"
        case .odp: "fmt/293"
        case .csv: "x-fmt/18"
        case .text: "x-fmt/111"
        case .zip: "x-fmt/263"
        default: nil
        }
    }

    /// nil when the content agrees with the declaration (or nothing judgeable was declared),
    /// else the French reason.
    static func mismatch(declaredFormat: String?, declaredMime: String?, detected: MediaType?, object: String) -> String? {
        let actual = detected ?? .binary
        let expected = declaredFormat.flatMap { pronom[$0] } ?? declaredMime.flatMap { MediaType(rawValue: $0) }
        guard let expected, expected != .binary else { return nil }
        if compatible(expected, actual) { return nil }
        let declared = [declaredFormat, declaredMime].compactMap { $0 }.joined(separator: ", ")
        return "L'objet « \(object) » est déclaré \(expected.label) (\(declared)) mais son contenu est \(actual.label)."
    }

    static func compatible(_ expected: MediaType, _ actual: MediaType) -> Bool {
        if expected == actual { return true }
        let textual: Set<MediaType> = [.text, .csv]
        return textual.contains(expected) && textual.contains(actual)
    }
}
