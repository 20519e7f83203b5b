/// The JSON form of a schema, as it appears in the OpenAPI document.
extension JSONSchema {
    var document: [String: Any] { document(request: false) }

    /// `request`: the schema of a request body, whose unknown members the API ignores (as
    /// `RequestPayload` decodes), so objects admit them.
    func document(request: Bool) -> [String: Any] {
        switch self {
        case .object(let properties, let required, let additional, let description):
            var object: [String: Any] = [
                "type": "object",
                "properties": Dictionary(properties.map { ($0.0, $0.1.document(request: request)) }, uniquingKeysWith: { first, _ in first }),
                "additionalProperties": additional || request,
            ]
            if !required.isEmpty { object["required"] = required }
            if let description { object["description"] = description }
            return object
        case .array(let items, let description):
            var object: [String: Any] = ["type": "array", "items": items.document(request: request)]
            if let description { object["description"] = description }
            return object
        case .string(let format, let pattern, let minLength, let maxLength, let values, let description):
            var object: [String: Any] = ["type": "string"]
            if let format { object["format"] = format }
            if let pattern { object["pattern"] = pattern }
            if let minLength { object["minLength"] = minLength }
            if let maxLength { object["maxLength"] = maxLength }
            if let values { object["enum"] = values }
            if let description { object["description"] = description }
            return object
        case .integer(let minimum, let maximum, let description):
            var object: [String: Any] = ["type": "integer"]
            if let minimum { object["minimum"] = minimum }
            if let maximum { object["maximum"] = maximum }
            if let description { object["description"] = description }
            return object
        case .boolean(let description):
            var object: [String: Any] = ["type": "boolean"]
            if let description { object["description"] = description }
            return object
        case .binary:
            return ["type": "string", "contentMediaType": "application/octet-stream"]
        case .nullable(let schema):
            return ["oneOf": [schema.document(request: request), ["type": "null"]]]
        case .reference(let name):
            return ["$ref": "#/components/schemas/\(name)"]
        case .any(let description):
            return description.map { ["description": $0] } ?? [:]
        }
    }
}
