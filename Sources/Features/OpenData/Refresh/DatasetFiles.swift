import Foundation

/// The files of a produced dataset, made from its rows in the schema's column order: CSV (UTF-8,
/// header row, formula-like cells neutralised), JSON (typed values, keys sorted) and, for a schema
/// with coordinates, GeoJSON. The same rows always give the same bytes: the refresh compares
/// their SHA-256 with the published version's.
struct DatasetFiles {
    let schema: SCDLSchema
    let rows: [[String: String]]

    /// Writes the CSV at `file`.
    func csv(to file: URL) throws {
        try TableCheck.write(rows.map { row in schema.fieldNames.map { row[$0] ?? "" } }, schema: schema, to: file)
    }

    func json() throws -> [UInt8] {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: schema.fields.map { field in (field.name, Self.typed(row[field.name] ?? "", field: field)) })
        }
        return Array(try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// The coordinates' columns (`…_LAT`, `…_LONG`), if the schema has them.
    var coordinates: (latitude: String, longitude: String)? {
        guard let latitude = schema.fieldNames.first(where: { $0.hasSuffix("_LAT") }),
              let longitude = schema.fieldNames.first(where: { $0.hasSuffix("_LONG") || $0.hasSuffix("_LON") }) else { return nil }
        return (latitude, longitude)
    }

    /// A FeatureCollection of points (rows without valid coordinates are left out).
    func geoJSON() throws -> [UInt8]? {
        guard let (latitudeField, longitudeField) = coordinates else { return nil }
        let features: [[String: Any]] = rows.compactMap { row in
            guard let latitude = Double(row[latitudeField] ?? ""), let longitude = Double(row[longitudeField] ?? ""),
                  (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
            var properties: [String: Any] = [:]
            for field in schema.fields where field.name != latitudeField && field.name != longitudeField {
                properties[field.name] = Self.typed(row[field.name] ?? "", field: field)
            }
            return ["type": "Feature", "geometry": ["type": "Point", "coordinates": [longitude, latitude]], "properties": properties]
        }
        let collection: [String: Any] = ["type": "FeatureCollection", "features": features]
        return Array(try JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// A cell as JSON: numbers, integers and booleans typed, empty cells null, the rest text.
    static func typed(_ value: String, field: SCDLSchema.Field) -> Any {
        if value.isEmpty { return NSNull() }
        switch field.type {
        case "integer": return Int(value).map { $0 as Any } ?? value
        case "number": return Double(value).map { $0 as Any } ?? value
        case "boolean":
            switch value.lowercased() {
            case "true", "vrai", "oui", "1": return true
            case "false", "faux", "non", "0": return false
            default: return value
            }
        default: return value
        }
    }
}
