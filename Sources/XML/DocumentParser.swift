import CLibXML2

/// One libxml2 parse of an in-memory document, with the refusals enforced from inside the
/// parser's SAX callbacks: a DOCTYPE stops the parser as soon as its name is read (before an
/// internal subset is even looked at, so no entity is ever declared, expanded or loaded), and so
/// does the first element nested deeper than the limit.
///
/// Options: `XML_PARSE_NONET` and `XML_PARSE_BIG_LINES` only; never `NOENT`, `DTDLOAD`,
/// `DTDATTR`, `DTDVALID`, `XINCLUDE` or `HUGE`.
enum DocumentParser {
    /// The parse's state, reached from the C callbacks through the context's `_private`.
    final class State {
        let maxDepth: Int
        let diagnostics: Diagnostics
        var depth = 0
        var refusal: XMLError?

        init(maxDepth: Int, diagnostics: Diagnostics) {
            self.maxDepth = maxDepth
            self.diagnostics = diagnostics
        }

        static func from(_ context: UnsafeMutableRawPointer?) -> State? {
            guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
                  let state = parser.pointee._private else { return nil }
            return Unmanaged<State>.fromOpaque(state).takeUnretainedValue()
        }
    }

    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)

    /// The libxml2 document (the caller owns it) and its element tree as Swift values.
    static func parse(_ bytes: [UInt8], limits: XMLLimits) -> Result<(xmlDocPtr, XMLElement), XMLError> {
        guard bytes.count <= limits.maxBytes, bytes.count <= Int(Int32.max) else {
            return .failure(XMLError(kind: .tooLarge,
                                     message: "document of \(bytes.count) bytes, above the limit of \(limits.maxBytes)"))
        }
        return LibXML2.run { diagnostics in
            guard let parser = xmlNewParserCtxt(), let sax = parser.pointee.sax else {
                return .failure(XMLError(kind: .malformed, message: "libxml2 could not allocate a parser context"))
            }
            defer { xmlFreeParserCtxt(parser) }
            let state = State(maxDepth: limits.maxDepth, diagnostics: diagnostics)
            parser.pointee._private = Unmanaged.passUnretained(state).toOpaque()
            sax.pointee.serror = recordParserError
            sax.pointee.internalSubset = refuseDoctype
            sax.pointee.externalSubset = refuseDoctype
            sax.pointee.entityDecl = refuseEntityDeclaration
            sax.pointee.startElementNs = startElement
            sax.pointee.endElementNs = endElement

            // An empty array may have no base address: one NUL byte stands in, with a length of 0
            // (libxml2 then says "Document is empty").
            let input = bytes.isEmpty ? [0] : bytes
            let document: xmlDocPtr? = withExtendedLifetime(state) {
                input.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { chars in
                        xmlCtxtReadMemory(parser, chars.baseAddress, Int32(bytes.count), nil, nil, options)
                    }
                }
            }
            return finish(document, state: state, parser: parser)
        }
    }

    /// The choke point of a parse's outcome: a refusal from the callbacks first, then libxml2's
    /// first error, then a last look for any document type node.
    private static func finish(_ document: xmlDocPtr?, state: State, parser: xmlParserCtxtPtr)
        -> Result<(xmlDocPtr, XMLElement), XMLError> {
        if let refusal = state.refusal {
            if let document { xmlFreeDoc(document) }
            return .failure(refusal)
        }
        if let loaded = state.diagnostics.refusals.first {
            // Unreachable while DOCTYPEs are refused: nothing else makes the parser load.
            if let document { xmlFreeDoc(document) }
            return .failure(XMLError(kind: .doctypeRefused, message: loaded))
        }
        // Namespace errors (an undeclared prefix) leave libxml2's document "well-formed": any
        // error refuses it all the same.
        if let first = state.diagnostics.errors.first {
            if let document { xmlFreeDoc(document) }
            return .failure(XMLError(kind: .malformed, message: first.message, line: first.line > 0 ? first.line : nil))
        }
        guard let document else {
            return .failure(XMLError(kind: .malformed, message: "libxml2 parse failed (error \(parser.pointee.errNo))"))
        }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            xmlFreeDoc(document)
            return .failure(XMLError(kind: .doctypeRefused, message: "a DOCTYPE is not accepted"))
        }
        guard let root = xmlDocGetRootElement(document) else {
            xmlFreeDoc(document)
            return .failure(XMLError(kind: .malformed, message: "no root element"))
        }
        return .success((document, TreeBuilder.element(root)))
    }
}

// MARK: SAX callbacks (C function pointers: no captures; the state comes from the context).

/// Parser errors: the context's user data is the parser context itself.
private func recordParserError(_ context: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let error, let state = DocumentParser.State.from(context) else { return }
    state.diagnostics.record(error)
}

private func refuse(_ context: UnsafeMutableRawPointer?, _ kind: XMLError.Kind, _ message: String) {
    guard let context else { return }
    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
    let line = Int(xmlSAX2GetLineNumber(context))
    if let state = DocumentParser.State.from(context), state.refusal == nil {
        state.refusal = XMLError(kind: kind, message: message, line: line > 0 ? line : nil)
    }
    xmlStopParser(parser)
    parser.pointee.wellFormed = 0
}

private func refuseDoctype(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
                           _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?) {
    let declared = name.map { String(cString: $0) } ?? ""
    refuse(context, .doctypeRefused, "a DOCTYPE is not accepted (<!DOCTYPE \(declared) ...>)")
}

private func refuseEntityDeclaration(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?, _ type: Int32,
                                     _ publicID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?,
                                     _ content: UnsafeMutablePointer<xmlChar>?) {
    refuse(context, .doctypeRefused, "an entity declaration is not accepted")
}

private func startElement(_ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
                          _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?,
                          _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                          _ attributeCount: Int32, _ defaultedCount: Int32,
                          _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard let state = DocumentParser.State.from(context) else { return }
    state.depth += 1
    guard state.depth <= state.maxDepth else {
        refuse(context, .tooDeep, "elements nested deeper than the limit of \(state.maxDepth)")
        return
    }
    xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces,
                          attributeCount, defaultedCount, attributes)
}

private func endElement(_ context: UnsafeMutableRawPointer?, _ localName: UnsafePointer<xmlChar>?,
                        _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
    guard let state = DocumentParser.State.from(context) else { return }
    state.depth -= 1
    xmlSAX2EndElementNs(context, localName, prefix, uri)
}
