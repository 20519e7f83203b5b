/// A Frictionless Table Schema (the CSV column definitions OpenDataFrance's SCDL schemas are
/// written in): its identity, its fields in order, its primary key and missing values.
///
/// Read one with `TableSchema(json:)` or `TableSchema(contentsOfFile:)`; keys the module does not
/// know (`custom_checks`, `contributors`, `$schema`…) are ignored. Validate a CSV against it with
/// `TableValidator`.
public struct TableSchema: Sendable, Equatable {
    /// `name`, e.g. `subventions`.
    public var name: String?
    /// `title`, e.g. `Subventions`.
    public var title: String?
    /// `description`.
    public var description: String?
    /// `version`, e.g. `2.1.1`.
    public var version: String?
    /// `path`: the schema's canonical URL when it gives one.
    public var path: String?
    /// `homepage`.
    public var homepage: String?
    /// The columns, in the order the header must list them.
    public var fields: [SchemaField]
    /// `primaryKey`: field names (a single string in the JSON becomes a one-element array).
    public var primaryKey: [String]
    /// `missingValues`: cells read as "no value" (default `[""]`); a field may override them.
    public var missingValues: [String]

    public init(name: String? = nil, title: String? = nil, description: String? = nil,
                version: String? = nil, path: String? = nil, homepage: String? = nil,
                fields: [SchemaField], primaryKey: [String] = [], missingValues: [String] = [""]) {
        self.name = name
        self.title = title
        self.description = description
        self.version = version
        self.path = path
        self.homepage = homepage
        self.fields = fields
        self.primaryKey = primaryKey
        self.missingValues = missingValues
    }

    /// The field names, in order: the header a conforming CSV starts with.
    public var fieldNames: [String] { fields.map(\.name) }

    /// The field named `name`, if any.
    public func field(named name: String) -> SchemaField? {
        fields.first { $0.name == name }
    }
}
