/// A schema ready to validate: every field compiled, the primary key as field positions.
struct CompiledSchema: Sendable {
    let schema: TableSchema
    let fields: [CompiledField]
    /// 0-based positions of the primary key's fields.
    let primaryKey: [Int]

    init(_ schema: TableSchema) throws(TableSchemaError) {
        self.schema = schema
        var fields: [CompiledField] = []
        for field in schema.fields {
            fields.append(try CompiledField(field, schemaMissingValues: schema.missingValues))
        }
        self.fields = fields
        primaryKey = schema.primaryKey.compactMap { name in schema.fields.firstIndex { $0.name == name } }
    }
}
