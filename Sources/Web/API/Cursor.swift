import Hummingbird
import Cryptography
import Foundation

/// An opaque position in a list (cursor pagination): the values that order it, encoded so that
/// clients pass it back as they got it (`?after=`). A malformed cursor is a 400 naming it.
public struct Cursor: Sendable, Equatable {
    public var values: [String]

    public init(_ values: [String]) {
        self.values = values
    }

    public var encoded: String { Base64URL.encode(Array(values.joined(separator: "\u{1F}").utf8)) }

    /// Reads `?<name>=` (nil when absent).
    public static func read(_ parameter: String, from query: [String: String], parts: Int) throws -> Cursor? {
        guard let text = query[parameter] else { return nil }
        guard text.utf8.count <= 200, let bytes = Base64URL.decode(text), let decoded = String(validating: bytes, as: UTF8.self) else {
            throw WebError.invalidParameter(parameter, "Le curseur « \(parameter) » n'est pas valable : reprenez celui de la page précédente.")
        }
        let values = decoded.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard values.count == parts else {
            throw WebError.invalidParameter(parameter, "Le curseur « \(parameter) » n'est pas valable : reprenez celui de la page précédente.")
        }
        return Cursor(values)
    }

    /// `?<name>=` holding one value (an id, a sequence number, a time): nil when absent, a 400
    /// naming it when it is not one.
    public static func single<Value: LosslessStringConvertible>(_ parameter: String, _ type: Value.Type, from query: [String: String]) throws -> Value? {
        guard let cursor = try read(parameter, from: query, parts: 1) else { return nil }
        guard let value = Value(cursor.values[0]) else {
            throw WebError.invalidParameter(parameter, "Le curseur « \(parameter) » n'est pas valable : reprenez celui de la page précédente.")
        }
        return value
    }

    /// `?limit=` between 1 and `maximum` (default `preferred`).
    public static func limit(from query: [String: String], preferred: Int = 50, maximum: Int = 200) throws -> Int {
        guard let text = query["limit"] else { return preferred }
        guard text.count <= 4, let value = Int(text), (1...maximum).contains(value) else {
            throw WebError.invalidParameter("limit", "limit doit être un entier entre 1 et \(maximum).")
        }
        return value
    }
}

extension APIParameter {
    public static let after = APIParameter("after", in: .query, description: "Curseur : le `next_cursor` de la page précédente.", schema: .string(maxLength: 200))
    public static func limit(maximum: Int = 200) -> APIParameter {
        APIParameter("limit", in: .query, description: "Éléments par page (1 à \(maximum)).", schema: .integer(minimum: 1, maximum: maximum))
    }
}

extension Request {
    /// The query's parameters (the first value of each name), as text.
    public var query: [String: String] {
        var values: [String: String] = [:]
        for (name, value) in uri.queryParameters where values[String(name)] == nil { values[String(name)] = String(value) }
        return values
    }
}
