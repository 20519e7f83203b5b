import CLibXML2
import Synchronization

/// A parsed XML document: the libxml2 tree (kept for schema validation, freed with the document)
/// and its elements as Swift values in `root`. Immutable after parsing.
///
/// Built for hostile input: a DOCTYPE is refused (so no entity is ever expanded and nothing is
/// ever loaded), as are documents above `limits.maxBytes` (before parsing) and elements nested
/// deeper than `limits.maxDepth`. libxml2's messages never reach stderr; they come back in the
/// thrown `XMLError`.
public final class XMLDocument: Sendable {
    /// Read only by validations, one at a time: libxml2's schema validator records `xs:ID`
    /// values in the document (`xmlAddID`), so concurrent validations of one document would race.
    nonisolated(unsafe) private let pointer: xmlDocPtr
    private let validation = Mutex(())

    /// The root element as a Swift tree, built once at parse time.
    public let root: XMLElement

    private init(pointer: xmlDocPtr, root: XMLElement) {
        self.pointer = pointer
        self.root = root
    }

    deinit {
        xmlFreeDoc(pointer)
    }

    /// Parses a document held in memory.
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .standard) throws(XMLError) -> XMLDocument {
        let (pointer, root) = try DocumentParser.parse(bytes, limits: limits).get()
        return XMLDocument(pointer: pointer, root: root)
    }

    /// Reads and parses a file; one larger than `limits.maxBytes` is refused without being read.
    /// An unreadable file is `malformed`, with the system's reason.
    public static func parse(contentsOf path: String, limits: XMLLimits = .standard) throws(XMLError) -> XMLDocument {
        switch FileAccess.readFile(path, limit: limits.maxBytes) {
        case .success(let bytes):
            return try parse(bytes, limits: limits)
        case .failure(.tooLarge(let size)):
            throw XMLError(kind: .tooLarge, message: "\(path): \(size) bytes, above the limit of \(limits.maxBytes)")
        case .failure(.unreadable(let reason)):
            throw XMLError(kind: .malformed, message: "cannot read \(path): \(reason)")
        }
    }

    /// Lends the libxml2 document to one validation at a time.
    func withExclusiveAccess<T>(_ body: (xmlDocPtr) -> T) -> T {
        validation.withLock { _ in body(pointer) }
    }
}
