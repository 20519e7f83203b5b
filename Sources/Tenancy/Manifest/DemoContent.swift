import Foundation
import Yams

/// The demo content a member's declaration ships (`demo:` in `Tenants/<slug>.yaml`), one
/// section per module (`news:`, `documents:`…): each module reads its own section when
/// `mutualis tenants sync --demo-content` seeds a demonstration.
public struct DemoContent: Sendable, Equatable {
    /// Section name → its YAML text.
    let sections: [String: String]
    /// The folder files named by demo content are relative to (`Tenants/`).
    public let assetsRoot: URL?

    public static let empty = DemoContent(sections: [:], assetsRoot: nil)

    init(sections: [String: String], assetsRoot: URL?) {
        self.sections = sections
        self.assetsRoot = assetsRoot
    }

    /// From the `demo` mapping of a declaration as Yams loaded it.
    init(parsing demo: Any?, assetsRoot: URL) throws {
        self.assetsRoot = assetsRoot
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

    /// The bytes of a file a demo section names (a path inside `Tenants/`, no `..`).
    public func file(_ path: String) throws -> Data {
        guard let assetsRoot, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
            throw TenancyError.invalidManifest(file: "", reason: "demo file \(path) must be a path inside the Tenants folder")
        }
        return try Data(contentsOf: assetsRoot.appendingPathComponent(path))
    }

    /// The section `key` decoded as `T` (nil when the declaration has none).
    public func section<T: Decodable>(_ key: String, as type: T.Type) throws -> T? {
        guard let text = sections[key] else { return nil }
        return try YAMLDecoder().decode(T.self, from: text)
    }
}
