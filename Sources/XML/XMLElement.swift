/// An element of a parsed document, as plain Swift values: built once when the document is
/// parsed, then read from any task without touching libxml2.
public struct XMLElement: Sendable, Equatable {
    /// The local name (no prefix).
    public var name: String
    /// The namespace URI, nil when the element is in no namespace.
    public var namespace: String?
    /// The attributes by local name (namespace declarations excluded). Should two attributes
    /// share a local name (`id` and `xml:id`), the one without a namespace wins.
    public var attributes: [String: String]
    /// The element children, in document order.
    public var children: [XMLElement]
    /// The text and CDATA of the direct children, concatenated as is (not trimmed).
    public var text: String
    /// The line of the start tag (1-based).
    public var line: Int

    public init(name: String, namespace: String? = nil, attributes: [String: String] = [:],
                children: [XMLElement] = [], text: String = "", line: Int = 0) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
    }

    /// The first element child with that local name.
    public func child(_ name: String) -> XMLElement? {
        children.first { $0.name == name }
    }

    /// The element children with that local name, in order.
    public func children(named name: String) -> [XMLElement] {
        children.filter { $0.name == name }
    }

    /// The elements below this one (not itself) with that local name, depth-first in document
    /// order.
    public func descendants(named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        var stack: [XMLElement] = children.reversed()
        while let element = stack.popLast() {
            if element.name == name { found.append(element) }
            stack.append(contentsOf: element.children.reversed())
        }
        return found
    }

    /// `element[path: "a", "b"]` is `element.child("a")?.child("b")`; no component is itself.
    public subscript(path path: String...) -> XMLElement? {
        var current: XMLElement? = self
        for name in path {
            current = current?.child(name)
        }
        return current
    }
}
