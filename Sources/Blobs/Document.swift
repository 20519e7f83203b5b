import Foundation

/// A file a member keeps: its bytes are the blob `sha256`; the row says what it is and who
/// brought it.
public struct Document: Sendable, Equatable {
    public var id: UUID
    public var sha256: String
    public var sha512: String
    public var size: Int
    public var mediaType: String
    public var fileName: String
    public var addedByKind: String
    public var addedBy: String?
    public var addedByLabel: String?
    public var addedAt: Date
}

/// Who adds a document (for its row and the journal).
public struct DocumentAuthor: Sendable {
    public var kind: String
    public var id: String?
    public var label: String?

    public init(kind: String, id: String?, label: String?) {
        self.kind = kind
        self.id = id
        self.label = label
    }
}

/// File names as people send them, made safe to store and to send back in a
/// `Content-Disposition`: the last path component only, no control or bidirectional
/// characters, no characters Windows refuses, at most 200 bytes (extension kept).
public enum DocumentName {
    public static let maximumBytes = 200

    public static func sanitized(_ raw: String?, fallbackExtension: String) -> String {
        var name = raw ?? ""
        if let slash = name.lastIndex(where: { $0 == "/" || $0 == "\\" }) { name = String(name[name.index(after: slash)...]) }
        name = String(String.UnicodeScalarView(name.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F: return nil
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return nil
            default: return "<>:\"|?*".unicodeScalars.contains(scalar) ? "_" : scalar
            }
        }))
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " .")).precomposedStringWithCanonicalMapping
        if name.isEmpty { name = "document.\(fallbackExtension)" }
        guard name.utf8.count > maximumBytes else { return name }
        let dot = name.lastIndex(of: ".")
        let suffix = dot.map { String(name[$0...]) }.flatMap { $0.utf8.count <= 16 ? $0 : nil } ?? ""
        var stem = dot.map { String(name[..<$0]) } ?? name
        while stem.utf8.count + suffix.utf8.count > maximumBytes { stem.removeLast() }
        return stem + suffix
    }
}
