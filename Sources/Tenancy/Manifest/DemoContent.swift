import Foundation
import Yams

/// The demo content a member's declaration ships (`demo:` in `Tenants/<slug>.yaml`), one
/// section per module (`news:`, `documents:`…): each module reads its own section when
/// `mutualis tenants sync --demo-content` seeds a demonstration.
public struct DemoContent: Sendable, Equatable {
    /// Section name → its YAML text.
    let sections: [String: String]

    public static let empty = DemoContent(sections: [:])

    init(sections: [String: String]) {
        self.sections = sections
    }

    /// From the `demo` mapping of a declaration as Yams loaded it.
    init(parsing demo: Any?) throws {
        guard let demo else {
            self.sections = [:]
            return
        }
        guard let mapping = demo as? [String: Any] else { throw TenancyError.invalidManifest(file: "", reason: "demo must be a mapping of sections") }
        var sections: [String: String] = [:]
        for (key, value) in mapping { sections[key] = try Yams.dump(object: value) }
        self.sections = sections
    }

    public var keys: [String] { sections.keys.sorted() }

    /// The section `key` decoded as `T` (nil when the declaration has none).
    public func section<T: Decodable>(_ key: String, as type: T.Type) throws -> T? {
        guard let text = sections[key] else { return nil }
        return try YAMLDecoder().decode(T.self, from: text)
    }
}
