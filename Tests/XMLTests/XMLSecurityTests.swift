import Testing
import XML

/// Hostile input, as an archive ingest receives it.
@Suite("XMLDocument: hostile documents are refused")
struct XMLSecurityTests {
    private func refusal(_ text: String, limits: XMLLimits = .standard) -> XMLError? {
        #expect(throws: XMLError.self) { try XMLDocument.parse(Array(text.utf8), limits: limits) }
    }

    @Test("billion laughs: the DOCTYPE is refused before any entity is declared")
    func billionLaughs() {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            let previous = String(repeating: "&lol\(level - 1);", count: 10)
            entities += "<!ENTITY lol\(level) \"\(previous)\">\n"
        }
        let clock = ContinuousClock()
        var error: XMLError?
        let elapsed = clock.measure {
            error = refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(entities)]>\n<lolz>&lol9;</lolz>")
        }
        #expect(error?.kind == .doctypeRefused)
        #expect(error?.line == 2)
        #expect(elapsed < .seconds(1))
    }

    @Test("an external entity is refused and the file it names never read")
    func externalEntity() throws {
        let hostile = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"
        let error = refusal(hostile)
        #expect(error?.kind == .doctypeRefused)
        #expect(error.map { !$0.description.contains("root:") } == true)

        // From a file too, and with the entity in an attribute default or a parameter entity.
        let path = try TemporaryFile.write(hostile)
        defer { TemporaryFile.remove(path) }
        let fromFile = #expect(throws: XMLError.self) { try XMLDocument.parse(contentsOf: path) }
        #expect(fromFile?.kind == .doctypeRefused)
        #expect(fromFile.map { !$0.description.contains("root:") } == true)

        for variant in [
            "<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r/>",
            "<!DOCTYPE r PUBLIC \"-//X//EN\" \"http://127.0.0.1:9/x.dtd\"><r/>",
            "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><r/>",
            "<!DOCTYPE r [<!ATTLIST r a CDATA \"&x;\">]><r/>",
            "<!DOCTYPE r><r/>",
            "<?xml version=\"1.0\"?><!-- c --><!DOCTYPE r [\n]><r/>",
        ] {
            let error = refusal(variant)
            #expect(error?.kind == .doctypeRefused, "\(variant)")
            #expect(error.map { !$0.description.contains("root:") } == true, "\(variant)")
        }
    }

    @Test("nesting deeper than the limit is refused; the limit itself is accepted")
    func depth() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "<a>\n", count: depth) + String(repeating: "</a>", count: depth)
        }
        let error = refusal(nested(200))
        #expect(error?.kind == .tooDeep)
        #expect(error?.line == 129)  // the 129th <a>, one per line

        let document = try XMLDocument.parse(Array(nested(128).utf8))
        var depth = 1
        var element = document.root
        while let child = element.child("a") {
            depth += 1
            element = child
        }
        #expect(depth == 128)
        #expect(refusal(nested(11), limits: XMLLimits(maxDepth: 10))?.kind == .tooDeep)
    }

    @Test("a document above maxBytes is refused before parsing, in memory or on disk")
    func size() throws {
        let limits = XMLLimits(maxBytes: 1_000)
        let big = "<r>" + String(repeating: "x", count: 1_000) + "</r>"
        let error = refusal(big, limits: limits)
        #expect(error?.kind == .tooLarge)
        #expect(error?.line == nil)
        // Not parsed at all: even malformed content is only "too large".
        #expect(refusal(String(repeating: "<", count: 2_000), limits: limits)?.kind == .tooLarge)

        let path = try TemporaryFile.write(big)
        defer { TemporaryFile.remove(path) }
        let fromFile = #expect(throws: XMLError.self) { try XMLDocument.parse(contentsOf: path, limits: limits) }
        #expect(fromFile?.kind == .tooLarge)
        #expect(try XMLDocument.parse(contentsOf: path, limits: XMLLimits(maxBytes: 1_007)).root.text.count == 1_000)
    }

    @Test("concurrent parses keep their own errors")
    func concurrentErrors() async {
        let outcomes = await withTaskGroup(of: (Int, XMLError?).self) { group in
            for index in 0..<16 {
                group.addTask {
                    let text = String(repeating: "\n", count: index) + "<r>\(index)</s>"
                    do throws(XMLError) {
                        _ = try XMLDocument.parse(Array(text.utf8))
                        return (index, nil)
                    } catch {
                        return (index, error)
                    }
                }
            }
            var outcomes: [(Int, XMLError?)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.count == 16)
        for (index, error) in outcomes {
            #expect(error?.kind == .malformed)
            #expect(error?.line == index + 1)
        }
    }
}
