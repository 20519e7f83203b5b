/// A document to write, as plain Swift values (no libxml2 involved): elements with their
/// qualified names and attributes exactly as given (namespace declarations are attributes such
/// as `("xmlns", "fr:gouv:culture:archivesdefrance:seda:v2.2")`), and text.
public enum XMLNode: Sendable, Equatable {
    /// A qualified name as written, e.g. "ArchiveTransferReply"; attributes kept in order.
    case element(String, attributes: [(String, String)] = [], children: [XMLNode] = [])
    case text(String)

    /// UTF-8 XML, compact (no whitespace added), preceded by
    /// `<?xml version="1.0" encoding="UTF-8"?>` and a newline when `declaration`. Text and
    /// attribute values are escaped (see `XMLEscaping`); names are written as given.
    public func serialized(declaration: Bool = true) -> String {
        var output = declaration ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .text(let text):
            XMLEscaping.appendText(text, to: &output)
        case .element(let name, let attributes, let children):
            output += "<" + name
            for (attribute, value) in attributes {
                output += " " + attribute + "=\""
                XMLEscaping.appendAttributeValue(value, to: &output)
                output += "\""
            }
            guard !children.isEmpty else {
                output += "/>"
                return
            }
            output += ">"
            for child in children {
                child.write(to: &output)
            }
            output += "</" + name + ">"
        }
    }

    public static func == (lhs: XMLNode, rhs: XMLNode) -> Bool {
        switch (lhs, rhs) {
        case (.text(let left), .text(let right)):
            return left == right
        case (.element(let leftName, let leftAttributes, let leftChildren),
              .element(let rightName, let rightAttributes, let rightChildren)):
            return leftName == rightName
                && leftAttributes.count == rightAttributes.count
                && zip(leftAttributes, rightAttributes).allSatisfy { $0 == $1 }
                && leftChildren == rightChildren
        default:
            return false
        }
    }
}
