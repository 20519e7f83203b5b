import Foundation
import TableSchema

/// Paths the tests read: the samples beside this file, the SCDL schemas in `../shared/specs`.
enum TestPaths {
    /// `<repository>` from this file's path (`<repository>/Tests/TableSchemaTests/Support.swift`).
    static let repository: String = {
        var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        components.removeLast(3)
        return components.joined(separator: "/")
    }()

    static let samples = repository + "/Tests/TableSchemaTests/Samples"
    static let specs = ProcessInfo.processInfo.environment["MUTUALIS_SPECS_DIR"] ?? repository + "/../shared/specs"
    static let scdlNames = ["deliberations", "subventions", "budget", "equipements", "catalogue"]

    static func scdlSchema(_ name: String) -> String { specs + "/scdl/\(name)/schema.json" }

    static var scdlAvailable: Bool {
        scdlNames.allSatisfy { FileManager.default.isReadableFile(atPath: scdlSchema($0)) }
    }
}

/// A temporary CSV file, removed when the value is released.
final class TemporaryCSV {
    let path: String

    init(_ bytes: [UInt8]) throws {
        path = NSTemporaryDirectory() + "tableschema-\(UUID().uuidString).csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    convenience init(_ text: String) throws {
        try self.init(Array(text.utf8))
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension TableSchema {
    /// A schema from a JSON literal (tests only).
    static func test(_ json: String) throws -> TableSchema {
        try TableSchema(json: Data(json.utf8))
    }
}

/// Validates `text` against `schema`.
func validate(_ text: String, _ schema: TableSchema, options: ValidationOptions = ValidationOptions()) throws -> ValidationReport {
    let file = try TemporaryCSV(text)
    return try TableValidator(schema: schema, options: options).validate(fileAtPath: file.path)
}

extension ValidationReport {
    /// `row:field:code` of every issue, as the agreement tests compare them.
    var positions: Set<String> {
        Set(issues.map { "\($0.rowNumber.map(String.init) ?? "-"):\($0.fieldNumber.map(String.init) ?? "-"):\($0.code.rawValue)" })
    }
}
