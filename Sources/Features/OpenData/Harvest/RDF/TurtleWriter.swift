import Foundation

/// Turtle (RDF 1.1) from an `RDFGraph`: the prefixes, then one block per named node, blank
/// nodes nested as `[ … ]`. Literals are short strings with every character Turtle forbids
/// there escaped (`"`, `\`, line breaks, other controls as `\uXXXX`); IRIs are cleaned of the
/// characters an IRIREF may not hold. Hand-written: no Swift RDF package is in the package set.
enum TurtleWriter {
    static func write(_ graph: RDFGraph) -> String {
        var output = ""
        for (prefix, namespace) in RDFPrefixes.all {
            output += "@prefix \(prefix): \(iri(namespace)) .\n"
        }
        for node in graph.nodes {
            output += "\n"
            output += node.iri.map(iri) ?? "[]"
            write(body: node, indent: 1, into: &output)
            output += " .\n"
        }
        return output
    }

    /// The node's `a` and its statements, each on its own line after the subject.
    private static func write(body node: RDFNode, indent: Int, into output: inout String) {
        let pad = String(repeating: "    ", count: indent)
        var lines: [String] = []
        if !node.types.isEmpty { lines.append("a " + node.types.joined(separator: ", ")) }
        for (predicate, object) in node.statements {
            var line = predicate + " "
            write(object, indent: indent, into: &line)
            lines.append(line)
        }
        for (index, line) in lines.enumerated() {
            output += (index == 0 ? "\n" : " ;\n") + pad + line
        }
    }

    private static func write(_ object: RDFObject, indent: Int, into output: inout String) {
        switch object {
        case .iri(let value):
            output += iri(value)
        case .literal(let value, let datatype, let language):
            output += literal(value)
            if let language { output += "@" + language } else if let datatype { output += "^^" + datatype }
        case .blank(let node):
            output += "["
            write(body: node, indent: indent + 1, into: &output)
            output += "\n" + String(repeating: "    ", count: indent) + "]"
        }
    }

    static func iri(_ value: String) -> String { "<" + RDFIRI.clean(value) + ">" }

    /// A short Turtle string (STRING_LITERAL_QUOTE).
    static func literal(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\u" + String(format: "%04X", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
