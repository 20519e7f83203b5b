import Testing
import XML

@Suite("XMLNode: the writer")
struct XMLNodeTests {
    @Test("elements, attributes in order, text, empty elements, the declaration")
    func structure() {
        let node = XMLNode.element("m:Reply", attributes: [("xmlns:m", "urn:x"), ("b", "2"), ("a", "1")], children: [
            .element("m:Empty"),
            .element("m:Text", children: [.text("hello "), .text("world")]),
        ])
        #expect(node.serialized(declaration: false)
            == #"<m:Reply xmlns:m="urn:x" b="2" a="1"><m:Empty/><m:Text>hello world</m:Text></m:Reply>"#)
        #expect(node.serialized().hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<m:Reply "))
        #expect(XMLNode.text("a").serialized(declaration: false) == "a")
    }

    @Test("markup characters and control characters are escaped")
    func escaping() {
        let text = "a & b < c > d \" e ' ]]> \t\n\r \u{0}\u{1}\u{B}\u{1F} \u{7F}\u{85} \u{FFFE} é 漢"
        let node = XMLNode.element("r", attributes: [("v", text)], children: [.text(text)])
        let written = node.serialized(declaration: false)
        #expect(written == "<r v=\"a &amp; b &lt; c &gt; d &quot; e ' ]]&gt; &#9;&#10;&#13; \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} &#x7F;&#x85; \u{FFFD} é 漢\">"
            + "a &amp; b &lt; c &gt; d &quot; e ' ]]&gt; \t\n&#13; \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} &#x7F;&#x85; \u{FFFD} é 漢</r>")
    }

    @Test("what it writes parses back to the same text and attributes")
    func roundTrip() throws {
        let value = "x & y < z > \"q\" 'a' \t tab\nline\r\nend é"
        let node = XMLNode.element("r", attributes: [("v", value), ("w", "")], children: [
            .text(value), .element("c", attributes: [("k", "]]>")]),
        ])
        let document = try XMLDocument.parse(Array(node.serialized().utf8))
        #expect(document.root.attributes == ["v": value, "w": ""])
        #expect(document.root.text == value)
        #expect(document.root.child("c")?.attributes["k"] == "]]>")
    }

    @Test("equality compares names, attributes in order, and children")
    func equality() {
        let a = XMLNode.element("r", attributes: [("a", "1"), ("b", "2")], children: [.text("t")])
        #expect(a == .element("r", attributes: [("a", "1"), ("b", "2")], children: [.text("t")]))
        #expect(a != .element("r", attributes: [("b", "2"), ("a", "1")], children: [.text("t")]))
        #expect(a != .element("r", attributes: [("a", "1")], children: [.text("t")]))
        #expect(a != .element("r", attributes: [("a", "1"), ("b", "2")]))
        #expect(a != .text("r"))
        #expect(XMLNode.element("e") == .element("e", attributes: [], children: []))
    }
}
