import Blobs

/// What a route accepts as an upload: how large, of which kinds (detected from the bytes),
/// and, in a multipart form, the name of the file field.
public struct UploadPolicy: Sendable {
    public var maximumBytes: Int
    /// nil: any kind.
    public var accepted: Set<MediaType>?
    public var fileField: String

    public init(maximumBytes: Int, accepted: Set<MediaType>? = nil, fileField: String = "fichier") {
        self.maximumBytes = maximumBytes
        self.accepted = accepted
        self.fileField = fileField
    }

    /// "un document PDF, une image PNG ou une image JPEG".
    public var acceptedText: String {
        let labels = (accepted ?? []).map(\.label).sorted()
        guard labels.count > 1 else { return labels.first ?? "" }
        return labels.dropLast().joined(separator: ", ") + " ou " + labels.last!
    }

    /// "20 Mo".
    public var limitText: String {
        maximumBytes >= 1 << 30 ? "\(maximumBytes >> 30) Go" : maximumBytes >= 1 << 20 ? "\(maximumBytes >> 20) Mo" : "\(maximumBytes >> 10) Ko"
    }
}
