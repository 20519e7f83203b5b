import Testing
import XML

@Suite("XMLDocument: parsing and the element tree")
struct XMLDocumentTests {
    private func parse(_ text: String, limits: XMLLimits = .standard) throws(XMLError) -> XMLDocument {
        try XMLDocument.parse(Array(text.utf8), limits: limits)
    }

    @Test("a well-formed document becomes a tree with names, attributes, text and lines")
    func wellFormed() throws {
        let document = try parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <library city="Lyon" open='yes'>
              <!-- a comment is not text -->
              <book id="b1" lang="fr">
                <title>  Les Misérables &amp; co </title>
                <author>Victor Hugo</author>
              </book>
              <book id="b2"><title><![CDATA[<raw> & kept]]> and more</title><note/></book>
              <shelf><book id="b3"><title>Nested</title></book></shelf>
            </library>
            """)
        let root = document.root
        #expect(root.name == "library")
        #expect(root.namespace == nil)
        #expect(root.attributes == ["city": "Lyon", "open": "yes"])
        #expect(root.line == 2)
        #expect(root.children.map(\.name) == ["book", "book", "shelf"])

        let first = try #require(root.child("book"))
        #expect(first.attributes["id"] == "b1")
        #expect(first.line == 4)
        #expect(first.child("title")?.text == "  Les Misérables & co ")
        #expect(first.child("title")?.line == 5)
        #expect(first.child("missing") == nil)

        #expect(root.children(named: "book").compactMap { $0.attributes["id"] } == ["b1", "b2"])
        #expect(root.descendants(named: "book").compactMap { $0.attributes["id"] } == ["b1", "b2", "b3"])
        #expect(root.descendants(named: "title").map(\.text) == ["  Les Misérables & co ", "<raw> & kept and more", "Nested"])
        #expect(root.descendants(named: "library").isEmpty)

        #expect(root[path: "book", "author"]?.text == "Victor Hugo")
        #expect(root[path: "shelf", "book", "title"]?.text == "Nested")
        #expect(root[path: "shelf", "nothing"] == nil)
        #expect(root[path: "book", "note"] == nil)  // the first book has no note
        #expect(root.children[1].child("note") == XMLElement(name: "note", line: 8))

        // The text of an element is that of its direct children only, whitespace included.
        #expect(root.child("shelf")?.text == "")
        #expect(root.text.allSatisfy { $0.isWhitespace })
    }

    @Test("elements and attributes carry their namespace URI and local name")
    func namespaces() throws {
        let document = try parse("""
            <m:message xmlns:m="urn:example:message" xmlns="urn:example:default" xmlns:x="urn:example:x">
              <body x:kind="note" kind="plain" xml:id="b1" xml:lang="fr">Bonjour</body>
              <x:extra/>
              <bare xmlns=""/>
            </m:message>
            """)
        let root = document.root
        #expect(root.name == "message")
        #expect(root.namespace == "urn:example:message")
        #expect(root.attributes.isEmpty)  // namespace declarations are not attributes

        let body = try #require(root.child("body"))
        #expect(body.namespace == "urn:example:default")
        // By local name; the attribute without a namespace wins a clash.
        #expect(body.attributes == ["kind": "plain", "id": "b1", "lang": "fr"])
        #expect(body.text == "Bonjour")
        #expect(root.child("extra")?.namespace == "urn:example:x")
        #expect(root.child("bare")?.namespace == nil)
    }

    @Test("characters and encodings: references, UTF-8, an ISO-8859-1 declaration")
    func characters() throws {
        let document = try parse("<r a=\"&#233;&#x20AC;&lt;\">caf&#xE9; — 漢字 &quot;&apos;</r>")
        #expect(document.root.attributes["a"] == "é€<")
        #expect(document.root.text == "café — 漢字 \"'")

        let latin1: [UInt8] = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf".utf8) + [0xE9] + Array("</r>".utf8)
        #expect(try XMLDocument.parse(latin1).root.text == "café")
    }

    @Test("a file is read and parsed; a missing one is refused with the system's reason")
    func files() throws {
        let path = try TemporaryFile.write("<r><a>1</a></r>")
        defer { TemporaryFile.remove(path) }
        #expect(try XMLDocument.parse(contentsOf: path).root.child("a")?.text == "1")

        let error = #expect(throws: XMLError.self) { try XMLDocument.parse(contentsOf: path + ".missing") }
        #expect(error?.kind == .malformed)
        #expect(error?.message.contains("No such file") == true)
    }

    @Test("malformed XML is refused with libxml2's message and line")
    func malformed() throws {
        let error = #expect(throws: XMLError.self) {
            try parse("<r>\n  <a>\n  </b>\n</r>")
        }
        #expect(error?.kind == .malformed)
        #expect(error?.line == 3)
        #expect(error?.message.contains("Opening and ending tag mismatch") == true)
        #expect(error?.description.contains("line 3") == true)

        let badUTF8: [UInt8] = Array("<r>".utf8) + [0xFF, 0xFE] + Array("</r>".utf8)
        #expect((#expect(throws: XMLError.self) { try XMLDocument.parse(badUTF8) })?.kind == .malformed)
        let unknownEncoding = #expect(throws: XMLError.self) {
            try parse("<?xml version=\"1.0\" encoding=\"X-NOPE\"?><r/>")
        }
        #expect(unknownEncoding?.kind == .malformed)

        for text in ["", "   ", "<r>", "<r></r><s/>", "<r a='1' a='2'/>", "<r>&undefined;</r>", "<p:r/>", "text"] {
            let error = #expect(throws: XMLError.self, "\(text)") { try parse(text) }
            #expect(error?.kind == .malformed, "\(text)")
            #expect(error?.message.isEmpty == false, "\(text)")
        }
    }
}
