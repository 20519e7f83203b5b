import CLibXML2

/// A compiled XSD. Compiled once, then shared read-only by any number of concurrent validations
/// (each gets its own libxml2 validation context and its own error list).
public final class XMLSchema: Sendable {
    nonisolated(unsafe) private let pointer: xmlSchemaPtr

    /// Loads `mainXSD`; imports of http://www.w3.org/2001/xml.xsd and
    /// http://www.w3.org/1999/xlink.xsd (and any other absolute URL) are resolved ONLY to files
    /// of the same name in the XSD's directory, never the network. Includes and imports by path
    /// must stay in that directory too.
    public init(contentsOf mainXSD: String) throws(XMLError) {
        guard let path = FileAccess.realPath(mainXSD) else {
            throw XMLError(kind: .schemaUnavailable, message: "no schema at \(mainXSD)")
        }
        guard path.hasSuffix(".xsd") else {
            throw XMLError(kind: .schemaUnavailable, message: "\(mainXSD): a schema file must end in .xsd")
        }
        let result: Result<xmlSchemaPtr, XMLError> = LibXML2.run(schemaDirectory: FileAccess.parent(of: path)) { diagnostics in
            guard let parser = xmlSchemaNewParserCtxt(path) else {
                return .failure(XMLError(kind: .schemaUnavailable, message: "libxml2 could not allocate a schema parser"))
            }
            defer { xmlSchemaFreeParserCtxt(parser) }
            xmlSchemaSetParserStructuredErrors(parser, collectStructuredError, diagnostics.context)
            guard let schema = xmlSchemaParse(parser) else {
                let reason = diagnostics.summary() ?? "libxml2 could not compile it"
                return .failure(XMLError(kind: .schemaUnavailable, message: "\(mainXSD): \(reason)",
                                         line: diagnostics.errors.first.map(\.line).flatMap { $0 > 0 ? $0 : nil }))
            }
            // An import libxml2 only warns about (it skips it) is still refused here: the schema
            // would not be the one its author wrote.
            guard diagnostics.refusals.isEmpty else {
                xmlSchemaFree(schema)
                return .failure(XMLError(kind: .schemaUnavailable,
                                         message: "\(mainXSD): \(diagnostics.refusals.joined(separator: "; "))"))
            }
            return .success(schema)
        }
        pointer = try result.get()
    }

    deinit {
        xmlSchemaFree(pointer)
    }

    /// The document's validity errors against this schema, in document order; empty when valid.
    public func validate(_ document: XMLDocument) -> [XMLIssue] {
        LibXML2.run { diagnostics in
            guard let context = xmlSchemaNewValidCtxt(pointer) else {
                return [XMLIssue(line: 0, message: "libxml2 could not allocate a validation context")]
            }
            defer { xmlSchemaFreeValidCtxt(context) }
            xmlSchemaSetValidStructuredErrors(context, collectStructuredError, diagnostics.context)
            let code = document.withExclusiveAccess { xmlSchemaValidateDoc(context, $0) }
            let issues = diagnostics.issues
            if code != 0 && issues.isEmpty {
                let reason = code < 0 ? "libxml2 internal error during validation" : "invalid (libxml2 code \(code))"
                return [XMLIssue(line: 0, message: reason)]
            }
            return issues
        }
    }
}
