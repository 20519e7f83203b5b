import Foundation

/// The vocabularies the catalogue uses, with the prefixes both writers declare.
enum RDFPrefixes {
    static let all: [(prefix: String, namespace: String)] = [
        ("dcat", "http://www.w3.org/ns/dcat#"),
        ("dct", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("vcard", "http://www.w3.org/2006/vcard/ns#"),
        ("hydra", "http://www.w3.org/ns/hydra/core#"),
        ("spdx", "http://spdx.org/rdf/terms#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ]
}

enum RDFDates {
    /// `2026-11-25T08:00:00Z` (xsd:dateTime, UTC, to the second).
    static func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// Whether `text` is an `xsd:date` the catalogue may state (`YYYY-MM-DD`).
    static func isDate(_ text: String) -> Bool {
        text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil
    }
}

/// IRIs as both serialisations may carry them: characters an IRI may not contain (spaces,
/// `<>"{}|\^` and the backquote, controls) are percent-encoded; everything else is kept.
enum RDFIRI {
    static func clean(_ iri: String) -> String {
        var output = ""
        for scalar in iri.unicodeScalars {
            if scalar.value <= 0x20 || "<>\"{}|\\^`".unicodeScalars.contains(scalar) || scalar.value == 0x7F {
                for byte in String(scalar).utf8 { output += String(format: "%%%02X", byte) }
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
