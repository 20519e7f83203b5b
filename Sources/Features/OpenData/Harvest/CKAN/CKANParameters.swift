import Foundation
import Hummingbird

/// An action's parameters, as CKAN takes them: the query string (`+` is a space, as Python's
/// `urlencode` writes it) and, on POST, a JSON object body whose members win over the query.
/// Numbers and booleans in the body are read as their text (`"rows": 100` is `rows=100`).
struct CKANParameters: Sendable {
    var values: [String: String] = [:]

    static let bodyLimit = 64 * 1024

    static func read(_ request: Request) async throws(CKANError) -> CKANParameters {
        var parameters = CKANParameters(values: query(request.uri.query ?? ""))
        guard request.method == .post else { return parameters }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: bodyLimit) } catch {
            throw .badRequest("the JSON body is larger than \(bodyLimit / 1024) kB")
        }
        let bytes = Array(body.readableBytesView)
        guard bytes.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return parameters }
        let object: [String: Value]
        do { object = try JSONDecoder().decode([String: Value].self, from: Data(bytes)) } catch {
            throw .badRequest("JSON Error: the body must be a JSON object of parameters")
        }
        for (name, value) in object {
            if let text = value.text { parameters.values[name] = text }
        }
        return parameters
    }

    static func query(_ query: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text) }
            guard let name = parts.first.map(decode), !name.isEmpty else { continue }
            values[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return values
    }

    subscript(_ name: String) -> String? { values[name] }

    /// A non-empty text parameter.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// A natural number (0, 1, …), at most `maximum` (larger is brought down to it, as CKAN
    /// does for `rows`): "Invalid integer" or "Must be a natural number" otherwise (409).
    func natural(_ name: String, default value: Int, maximum: Int = Int(Int32.max)) throws(CKANError) -> Int {
        guard let text = text(name) else { return value }
        guard text.count <= 18, let number = Int(text) else { throw .validation(name, "Invalid integer") }
        guard number >= 0 else { throw .validation(name, "Must be a natural number") }
        return min(number, maximum)
    }

    /// CKAN's booleans: true/false, yes/no, 1/0, on/off, any case.
    func flag(_ name: String, default value: Bool = false) throws(CKANError) -> Bool {
        guard let text = text(name)?.lowercased() else { return value }
        if ["true", "yes", "1", "on"].contains(text) { return true }
        if ["false", "no", "0", "off"].contains(text) { return false }
        throw .validation(name, "Value must be one of: true, false")
    }

    /// A body member: its text when it is a string, number or boolean; a list of texts joined by commas.
    enum Value: Decodable {
        case text(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .text(flag ? "true" : "false")
            } else if let number = try? container.decode(Int.self) {
                self = .text(String(number))
            } else if let number = try? container.decode(Double.self) {
                self = .text(String(number))
            } else if let text = try? container.decode(String.self) {
                self = .text(text)
            } else if let list = try? container.decode([String].self) {
                self = .text(list.joined(separator: ","))
            } else {
                self = .other
            }
        }

        var text: String? {
            if case .text(let text) = self { return text }
            return nil
        }
    }
}
