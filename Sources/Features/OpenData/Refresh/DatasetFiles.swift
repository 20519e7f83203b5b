import Foundation
import Web

/// The files of a produced dataset, made from its rows (cells in the schema's column order): CSV
/// (the schema's writer: UTF-8, header row, formula-like cells neutralised), JSON (one object
/// per row, keys sorted, numbers, integers and booleans typed, empty cells null) and, for a
/// schema with coordinates, GeoJSON. The same rows always give the same bytes: the refresh
/// compares their SHA-256 with the published version's. Written with `JSONWriter` (no
/// `[String: Any]` per row: Foundation's serialisation took most of a refresh's time).
struct DatasetFiles {
    let schema: SCDLSchema
    let rows: [[String]]

    /// Writes the CSV at `file`.
    func csv(to file: URL) throws {
        try TableCheck.write(rows, schema: schema, to: file)
    }

    /// The columns by name, in sorted order (the JSON objects' key order).
    private var sortedColumns: [(index: Int, field: SCDLSchema.Field)] {
        schema.fields.enumerated().map { ($0.offset, $0.element) }.sorted { $0.field.name < $1.field.name }
    }

    func json() -> [UInt8] {
        let columns = sortedColumns
        var json = JSONWriter(capacity: rows.count * 64 * max(1, columns.count))
        json.beginArray()
        for row in rows {
            json.beginObject()
            for (index, field) in columns {
                json.key(field.name)
                Self.write(index < row.count ? row[index] : "", field: field, into: &json)
            }
            json.endObject()
        }
        json.endArray()
        return json.bytes
    }

    /// The coordinates' columns (`…_LAT`, `…_LONG`), if the schema has them.
    var coordinates: (latitude: Int, longitude: Int)? {
        guard let latitude = schema.fieldNames.firstIndex(where: { $0.hasSuffix("_LAT") }),
              let longitude = schema.fieldNames.firstIndex(where: { $0.hasSuffix("_LONG") || $0.hasSuffix("_LON") }) else { return nil }
        return (latitude, longitude)
    }

    /// A FeatureCollection of points (rows without valid coordinates are left out).
    func geoJSON() -> [UInt8]? {
        guard let (latitudeColumn, longitudeColumn) = coordinates else { return nil }
        let columns = sortedColumns.filter { $0.index != latitudeColumn && $0.index != longitudeColumn }
        var json = JSONWriter(capacity: rows.count * 64 * max(1, columns.count))
        json.beginObject()
        json.key("features")
        json.beginArray()
        for row in rows where row.count > max(latitudeColumn, longitudeColumn) {
            let (latitude, longitude) = (row[latitudeColumn], row[longitudeColumn])
            guard JSONWriter.isJSONNumber(latitude), JSONWriter.isJSONNumber(longitude), let lat = Double(latitude), let lon = Double(longitude),
                  (-90...90).contains(lat), (-180...180).contains(lon) else { continue }
            json.beginObject()
            json.key("geometry")
            json.beginObject()
            json.key("coordinates")
            json.beginArray()
            json.number(longitude)
            json.number(latitude)
            json.endArray()
            json.field("type", "Point")
            json.endObject()
            json.key("properties")
            json.beginObject()
            for (index, field) in columns {
                json.key(field.name)
                Self.write(row[index], field: field, into: &json)
            }
            json.endObject()
            json.field("type", "Feature")
            json.endObject()
        }
        json.endArray()
        json.field("type", "FeatureCollection")
        json.endObject()
        return json.bytes
    }

    /// A cell as JSON: numbers, integers and booleans typed, empty cells null, the rest text.
    static func write(_ value: String, field: SCDLSchema.Field, into json: inout JSONWriter) {
        if value.isEmpty { json.null(); return }
        switch field.type {
        case "integer", "number": json.number(value)
        case "boolean":
            switch value.lowercased() {
            case "true", "vrai", "oui", "1": json.value(true)
            case "false", "faux", "non", "0": json.value(false)
            default: json.value(value)
            }
        default: json.value(value)
        }
    }
}
