import CLibXML2

/// Copies a libxml2 element subtree into `XMLElement` values, once, right after parsing. The
/// recursion is bounded by `XMLLimits.maxDepth`, enforced during the parse.
enum TreeBuilder {
    static func element(_ node: xmlNodePtr) -> XMLElement {
        var element = XMLElement(name: string(node.pointee.name), line: Int(xmlGetLineNo(node)))
        element.namespace = node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }

        var attribute = node.pointee.properties
        while let current = attribute {
            let name = string(current.pointee.name)
            if current.pointee.ns == nil || element.attributes[name] == nil {
                element.attributes[name] = text(of: current.pointee.children)
            }
            attribute = current.pointee.next
        }

        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(self.element(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.text += String(cString: content) }
            default:
                break  // comments and processing instructions are not content
            }
            child = current.pointee.next
        }
        return element
    }

    /// The concatenated text of a list of text nodes (an attribute's value).
    private static func text(of first: xmlNodePtr?) -> String {
        var result = ""
        var node = first
        while let current = node {
            if let content = current.pointee.content { result += String(cString: content) }
            node = current.pointee.next
        }
        return result
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
