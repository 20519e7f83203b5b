import CLibXML2

/// Process-wide libxml2 setup, done once, and the frame every libxml2 operation of this module
/// runs in.
enum LibXML2 {
    /// `xmlInitParser` (libxml2 2.9 must be initialised once before threads use it) and the
    /// external entity loader, which is global: it refuses everything but the XSD files of the
    /// schema being compiled on the calling thread (see `LoaderScope`).
    private static let initialized: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader(loadExternalEntity)
        return true
    }()

    /// Runs one synchronous libxml2 operation: errors go to a fresh `Diagnostics` (the caller
    /// also installs it on its own contexts), the thread's fallback structured handler points to
    /// it too (for errors raised without a context, like the internal parses of a schema
    /// compilation), the generic channel is silenced, and the loader scope is set. Nothing
    /// reaches stderr, and since these handlers are thread-local and the operation never
    /// suspends, concurrent operations do not mix their messages.
    static func run<T>(schemaDirectory: String? = nil, _ body: (Diagnostics) -> T) -> T {
        precondition(initialized)
        let diagnostics = Diagnostics()
        let scope = LoaderScope(schemaDirectory: schemaDirectory, diagnostics: diagnostics)
        mutualis_xml_silence_generic_errors()
        xmlSetStructuredErrorFunc(diagnostics.context, collectStructuredError)
        defer { xmlSetStructuredErrorFunc(nil, discardStructuredError) }
        return withExtendedLifetime(diagnostics) {
            scope.activate { body(diagnostics) }
        }
    }
}

/// The global external entity loader. Nothing is loaded outside a schema compilation: a DOCTYPE
/// is refused before its subsets are read, and no document parse enables DTD loading or
/// XInclude, so a call here during a parse is refused and recorded.
private func loadExternalEntity(
    _ url: UnsafePointer<CChar>?, _ id: UnsafePointer<CChar>?, _ context: xmlParserCtxtPtr?
) -> xmlParserInputPtr? {
    let reference = url.map { String(cString: $0) } ?? id.map { String(cString: $0) } ?? "(no URL)"
    guard let scope = LoaderScope.current else { return nil }
    guard let context, let path = scope.localSchemaFile(for: reference) else {
        scope.diagnostics.record(refusal: "external resource refused: \(reference)")
        return nil
    }
    return xmlNewInputFromFile(context, path)
}
