import Web

/// JSON-LD 1.1 from an `RDFGraph`: an `@context` declaring the prefixes, and an `@graph` of the
/// named nodes with their blank nodes nested. Keys are compact IRIs (`dct:title`), every value
/// an array of value objects (`{"@id": …}`, `{"@value": …, "@type"|"@language": …}`), so a
/// processor needs nothing but the context to expand it. Strings are escaped by `JSONWriter`.
/// Hand-written: no Swift RDF package is in the package set.
enum JSONLDWriter {
    static func write(_ graph: RDFGraph) -> [UInt8] {
        var json = JSONWriter(capacity: 16 * 1024)
        json.beginObject()
        json.key("@context")
        json.beginObject()
        for (prefix, namespace) in RDFPrefixes.all { json.field(prefix, namespace) }
        json.endObject()
        json.key("@graph")
        json.beginArray()
        for node in graph.nodes { write(node, into: &json) }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    private static func write(_ node: RDFNode, into json: inout JSONWriter) {
        json.beginObject()
        if let iri = node.iri { json.field("@id", RDFIRI.clean(iri)) }
        if !node.types.isEmpty {
            json.key("@type")
            json.beginArray()
            for type in node.types { json.value(type) }
            json.endArray()
        }
        // One key per predicate, its objects in the order they were stated.
        var order: [String] = []
        var objects: [String: [RDFObject]] = [:]
        for (predicate, object) in node.statements {
            if objects[predicate] == nil { order.append(predicate) }
            objects[predicate, default: []].append(object)
        }
        for predicate in order {
            json.key(predicate)
            json.beginArray()
            for object in objects[predicate] ?? [] { write(object, into: &json) }
            json.endArray()
        }
        json.endObject()
    }

    private static func write(_ object: RDFObject, into json: inout JSONWriter) {
        switch object {
        case .iri(let value):
            json.beginObject()
            json.field("@id", RDFIRI.clean(value))
            json.endObject()
        case .literal(let value, let datatype, let language):
            json.beginObject()
            json.field("@value", value)
            if let language { json.field("@language", language) } else if let datatype { json.field("@type", datatype) }
            json.endObject()
        case .blank(let node):
            write(node, into: &json)
        }
    }
}
