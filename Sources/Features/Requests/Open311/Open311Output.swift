import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Web

/// Open311's two serialisations of the same tree: JSON (objects and arrays) and XML (a root
/// element holding one element per item). Values are text, numbers, booleans or lists.
enum Open311Format: String, Sendable {
    case json, xml

    /// `services.json` → (`services`, .json); nil without a known extension.
    static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let dot = file.lastIndex(of: "."), let format = Open311Format(rawValue: String(file[file.index(after: dot)...]).lowercased()) else {
            return nil
        }
        return (String(file[..<dot]), format)
    }
}

/// A node of an answer: written as JSON or XML alike.
indirect enum Open311Value: Sendable {
    case text(String)
    /// A JSON number (given as its text: `49.8925`).
    case number(String)
    case bool(Bool)
    /// An object: named members, in order (nil values are left out).
    case object([(String, Open311Value?)])
    /// A list; in XML each item is an element named `item`.
    case list(item: String, [Open311Value])
}

/// An error as Open311 writes them: `[{"code", "description"}]` or `<errors><error>…`.
struct Open311Error: Error, Sendable {
    var status: HTTPResponse.Status
    var description: String

    init(_ status: HTTPResponse.Status, _ description: String) {
        self.status = status
        self.description = description
    }

    static func notFound(_ description: String) -> Open311Error { Open311Error(.notFound, description) }
    static func badRequest(_ description: String) -> Open311Error { Open311Error(.badRequest, description) }

    var value: Open311Value {
        .list(item: "error", [.object([("code", .number(String(status.code))), ("description", .text(description))])])
    }
}

enum Open311Output {
    static func response(_ value: Open311Value, root: String, format: Open311Format, status: HTTPResponse.Status = .ok) -> Response {
        switch format {
        case .json:
            var json = JSONWriter(capacity: 4096)
            write(value, into: &json)
            return json.response(status: status)
        case .xml:
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            write(value, named: root, into: &xml)
            xml += "\n"
            return Response(status: status, headers: [.contentType: "text/xml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
    }

    static func error(_ error: Open311Error, format: Open311Format) -> Response {
        response(error.value, root: "errors", format: format, status: error.status)
    }

    static func write(_ value: Open311Value, into json: inout JSONWriter) {
        switch value {
        case .text(let text): json.value(text)
        case .number(let number): json.number(number)
        case .bool(let flag): json.value(flag)
        case .object(let members):
            json.beginObject()
            for case let (name, member?) in members {
                json.key(name)
                write(member, into: &json)
            }
            json.endObject()
        case .list(_, let items):
            json.beginArray()
            for item in items { write(item, into: &json) }
            json.endArray()
        }
    }

    static func write(_ value: Open311Value, named name: String, into xml: inout String) {
        xml += "<\(name)>"
        switch value {
        case .text(let text): xml += escape(text)
        case .number(let number): xml += escape(number)
        case .bool(let flag): xml += flag ? "true" : "false"
        case .object(let members):
            for case let (member, content?) in members { write(content, named: member, into: &xml) }
        case .list(let item, let items):
            for element in items { write(element, named: item, into: &xml) }
        }
        xml += "</\(name)>"
    }

    /// Text as XML 1.0 character data: markup characters escaped, characters XML cannot carry
    /// (controls other than tab and newlines) left out.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n": output.unicodeScalars.append(scalar)
            case "\r": output += "&#13;"
            default:
                let value = scalar.value
                if value < 0x20 || (0xFFFE...0xFFFF).contains(value) || (0x7F...0x84).contains(value) || (0x86...0x9F).contains(value) { continue }
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
