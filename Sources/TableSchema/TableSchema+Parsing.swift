import Foundation

extension TableSchema {
    /// Reads a Table Schema from its JSON text. Unknown keys are ignored; a schema without
    /// fields, a field without a name, two fields with the same name, a primary key naming
    /// no field or a `pattern` that does not compile are refused.
    public init(json data: Data) throws(TableSchemaError) {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw TableSchemaError("Le schéma n'est pas un document JSON valide.")
        }
        guard let object = root.object else {
            throw TableSchemaError("Le schéma doit être un objet JSON.")
        }
        guard let fieldValues = object["fields"]?.array, !fieldValues.isEmpty else {
            throw TableSchemaError("Le schéma ne déclare aucun champ (« fields »).")
        }
        var fields: [SchemaField] = []
        for (index, value) in fieldValues.enumerated() {
            let field = try Self.field(from: value, number: index + 1)
            if fields.contains(where: { $0.name == field.name }) {
                throw TableSchemaError("Le champ « \(field.name) » est déclaré deux fois dans le schéma.")
            }
            fields.append(field)
        }
        var primaryKey: [String] = []
        if let key = object["primaryKey"]?.string {
            primaryKey = [key]
        } else if let keys = object["primaryKey"]?.array {
            primaryKey = keys.compactMap(\.string)
        }
        for key in primaryKey where !fields.contains(where: { $0.name == key }) {
            throw TableSchemaError("La clé primaire nomme « \(key) », qui n'est pas un champ du schéma.")
        }
        self.init(name: object["name"]?.string, title: object["title"]?.string,
                  description: object["description"]?.string, version: object["version"]?.scalarText,
                  path: object["path"]?.string, homepage: object["homepage"]?.string,
                  fields: fields, primaryKey: primaryKey,
                  missingValues: object["missingValues"]?.array?.compactMap(\.scalarText) ?? [""])
        do {
            _ = try CompiledSchema(self)
        } catch {
            throw error
        }
    }

    /// Reads a Table Schema from a JSON file.
    public init(contentsOfFile path: String) throws(TableSchemaError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TableSchemaError("Le schéma « \(path) » est illisible.")
        }
        try self.init(json: data)
    }

    private static func field(from value: JSONValue, number: Int) throws(TableSchemaError) -> SchemaField {
        guard let object = value.object, let name = object["name"]?.string, !name.isEmpty else {
            throw TableSchemaError("Le champ n° \(number) du schéma n'a pas de nom.")
        }
        let type = FieldType(name: object["type"]?.string ?? "string")
        var format = object["format"]?.string ?? "default"
        if format.hasPrefix("fmt:") { format.removeFirst(4) }
        var field = SchemaField(name: name, type: type, format: format,
                                constraints: constraints(from: object["constraints"]?.object ?? [:]))
        field.title = object["title"]?.string
        field.description = object["description"]?.string
        field.example = object["example"]?.scalarText ?? object["examples"]?.scalarText
        field.missingValues = object["missingValues"]?.array?.compactMap(\.scalarText)
        field.decimalChar = object["decimalChar"]?.string
        field.groupChar = object["groupChar"]?.string
        field.bareNumber = object["bareNumber"]?.bool
        if let values = object["trueValues"]?.array { field.trueValues = values.compactMap(\.scalarText) }
        if let values = object["falseValues"]?.array { field.falseValues = values.compactMap(\.scalarText) }
        return field
    }

    private static func constraints(from object: [String: JSONValue]) -> FieldConstraints {
        FieldConstraints(
            required: object["required"]?.bool ?? false,
            unique: object["unique"]?.bool ?? false,
            pattern: object["pattern"]?.string,
            enumeration: object["enum"]?.array?.compactMap(\.scalarText),
            minimum: object["minimum"]?.scalarText,
            maximum: object["maximum"]?.scalarText,
            exclusiveMinimum: object["exclusiveMinimum"]?.scalarText,
            exclusiveMaximum: object["exclusiveMaximum"]?.scalarText,
            minLength: object["minLength"]?.integer,
            maxLength: object["maxLength"]?.integer)
    }
}
