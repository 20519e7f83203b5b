import Foundation

/// A declared schema (an OpenDataFrance SCDL Table Schema), as the pages, the entry forms and
/// the harvesters need it: its fields, its version, and its canonical address on
/// schema.data.gouv.fr (what DCAT's `dct:conformsTo` names).
public struct SCDLSchema: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var title: String
        public var description: String
        public var type: String
        public var format: String?
        public var required: Bool
        public var enumValues: [String]
        public var example: String?
    }

    public var name: String
    public var title: String
    public var version: String
    public var fields: [Field]
    /// The schema file (what the validator reads).
    public var file: URL

    public var canonicalURL: String { "https://schema.data.gouv.fr/schemas/scdl/\(name)/\(version)/schema.json" }
    public var pageURL: String { "https://schema.data.gouv.fr/scdl/\(name)/" }
    public var fieldNames: [String] { fields.map(\.name) }
}

/// The SCDL schemas the platform knows, read from the reference specifications
/// (`<MUTUALIS_SPECS_DIR>/scdl/<name>/schema.json`) once.
public struct SCDLSchemas: Sendable {
    public static let names = ["deliberations", "subventions", "budget", "equipements", "catalogue"]

    public let all: [String: SCDLSchema]

    public init(specifications: URL) throws {
        var all: [String: SCDLSchema] = [:]
        for name in Self.names {
            let file = specifications.appendingPathComponent("scdl/\(name)/schema.json")
            all[name] = try Self.read(file, name: name)
        }
        self.all = all
    }

    public func schema(_ name: String) throws -> SCDLSchema {
        guard let schema = all[name] else { throw OpenDataError.unknownSchema(name) }
        return schema
    }

    static func read(_ file: URL, name: String) throws -> SCDLSchema {
        let data: Data
        do { data = try Data(contentsOf: file) } catch { throw OpenDataError.schemaUnreadable(file.path, "\(error)") }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let fields = object["fields"] as? [[String: Any]] else {
            throw OpenDataError.schemaUnreadable(file.path, "not a Table Schema (no fields)")
        }
        return SCDLSchema(
            name: name, title: object["title"] as? String ?? name, version: object["version"] as? String ?? "latest",
            fields: fields.compactMap { field in
                guard let fieldName = field["name"] as? String else { return nil }
                let constraints = field["constraints"] as? [String: Any] ?? [:]
                return SCDLSchema.Field(
                    name: fieldName, title: field["title"] as? String ?? fieldName, description: field["description"] as? String ?? "",
                    type: field["type"] as? String ?? "string", format: field["format"] as? String,
                    required: constraints["required"] as? Bool ?? false,
                    enumValues: (constraints["enum"] as? [Any])?.map { "\($0)" } ?? [],
                    example: (field["example"]).map { "\($0)" }
                )
            },
            file: file
        )
    }
}
