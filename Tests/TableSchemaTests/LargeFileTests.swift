import Foundation
import TableSchema
import Testing

/// A large file streams in bounded memory. Opt-in (`TABLESCHEMA_LARGE_MB=200`): writing and
/// reading 200 MB takes minutes in a debug build.
@Suite("TableValidator: a large file",
       .enabled(if: ProcessInfo.processInfo.environment["TABLESCHEMA_LARGE_MB"] != nil, "set TABLESCHEMA_LARGE_MB to run"))
struct LargeFileTests {
    private static func residentKiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }

    @Test("a file of TABLESCHEMA_LARGE_MB megabytes validates without being held in memory")
    func large() throws {
        let megabytes = Int(ProcessInfo.processInfo.environment["TABLESCHEMA_LARGE_MB"] ?? "") ?? 200
        let schema = try TableSchema.test("""
            {"fields": [{"name": "id", "type": "integer"}, {"name": "nom", "constraints": {"required": true}},
                        {"name": "montant", "type": "number", "constraints": {"minimum": 0}},
                        {"name": "date", "type": "date"}, {"name": "siret", "constraints": {"pattern": "\\\\d{14}"}}]}
            """)
        let path = NSTemporaryDirectory() + "tableschema-large-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        var rows = 0, written = 0
        var chunk = "id,nom,montant,date,siret\n"
        while written < megabytes << 20 {
            for _ in 0..<10_000 {
                rows += 1
                chunk += "\(rows),Association numéro \(rows) pour la culture,\(rows % 9973).50,2024-03-\(rows % 28 + 1),21800021700017\n"
            }
            written += chunk.utf8.count
            try handle.write(contentsOf: Data(chunk.utf8))
            chunk = ""
        }
        try handle.close()
        let before = Self.residentKiB()
        let start = Date()
        let report = try TableValidator(schema: schema, options: ValidationOptions(byteLimit: nil)).validate(fileAtPath: path)
        let seconds = Date().timeIntervalSince(start)
        let growth = Self.residentKiB() - before
        print("large file: \(written >> 20) MiB, \(report.rowCount) rows, \(Int(seconds)) s, peak RSS growth \(growth / 1024) MiB")
        #expect(report.valid, "\(report.issues.prefix(3))")
        #expect(report.rowCount == rows)
        #expect(growth < 100 << 10)
    }
}
