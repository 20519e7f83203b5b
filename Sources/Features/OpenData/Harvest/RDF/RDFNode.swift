import Foundation

/// A small RDF graph, as the DCAT-AP catalogue needs it: named nodes (an IRI) holding their
/// statements, and nested blank nodes (a publisher, a contact point, a period of time) written
/// inline. Predicates, classes and datatypes are prefixed names of `RDFPrefixes`; the writers
/// (Turtle, JSON-LD) turn one graph into either serialisation, so both always say the same.
///
/// Hand-written rather than a library: no Swift RDF package is in the package set, and the
/// catalogue needs only writing (no parsing, no reasoning), which two small serialisers do.
struct RDFNode: Sendable, Equatable {
    /// Nil for a blank node (written nested where it is used).
    var iri: String?
    /// Prefixed class names (`dcat:Dataset`).
    var types: [String]
    var statements: [(predicate: String, object: RDFObject)] = []

    init(iri: String?, types: [String]) {
        self.iri = iri
        self.types = types
    }

    mutating func add(_ predicate: String, _ object: RDFObject?) {
        guard let object else { return }
        statements.append((predicate, object))
    }

    /// A plain or language-tagged text; nothing when empty.
    mutating func add(_ predicate: String, text: String?, language: String? = nil) {
        guard let text, !text.isEmpty else { return }
        statements.append((predicate, .literal(text, datatype: nil, language: language)))
    }

    static func == (lhs: RDFNode, rhs: RDFNode) -> Bool {
        lhs.iri == rhs.iri && lhs.types == rhs.types && lhs.statements.count == rhs.statements.count
            && zip(lhs.statements, rhs.statements).allSatisfy { $0.predicate == $1.predicate && $0.object == $1.object }
    }
}

indirect enum RDFObject: Sendable, Equatable {
    case iri(String)
    /// `datatype` is a prefixed name (`xsd:date`); a literal has a datatype or a language, not both.
    case literal(String, datatype: String?, language: String?)
    case blank(RDFNode)

    static func typed(_ value: String, _ datatype: String) -> RDFObject { .literal(value, datatype: datatype, language: nil) }
    static func integer(_ value: Int) -> RDFObject { .typed(String(value), "xsd:integer") }
    static func dateTime(_ date: Date) -> RDFObject { .typed(RDFDates.dateTime(date), "xsd:dateTime") }
    static func french(_ text: String) -> RDFObject { .literal(text, datatype: nil, language: "fr") }
}

/// The graph: top-level nodes, in order.
struct RDFGraph: Sendable {
    var nodes: [RDFNode] = []
}
