import TableSchema
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
    /// The schema file.
    public var file: URL
    /// The schema as the validator and the writer read it.
    public var table: TableSchema

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
        let table: TableSchema
        do { table = try TableSchema(contentsOfFile: file.path) } catch { throw OpenDataError.schemaUnreadable(file.path, error.message) }
        return SCDLSchema(
            name: name, title: table.title ?? name, version: table.version ?? "latest",
            fields: table.fields.map { field in
                SCDLSchema.Field(
                    name: field.name, title: field.title ?? field.name, description: field.description ?? "", type: field.type.name,
                    format: field.format == "default" ? nil : field.format, required: field.constraints.required,
                    enumValues: field.constraints.enumeration ?? [], example: field.example
                )
            },
            file: file, table: table
        )
    }
}
