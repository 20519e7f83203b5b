import Foundation
import Testing
import TestSupport

/// A member's tables are reached only through its `search_path`: tenant migrations and feature
/// SQL use unqualified names. A qualified one (`platform.x`, `tenant_amiens.x`, `public.x`)
/// would reach past the member's schema.
@Suite("Schema qualification")
struct SchemaQualificationTests {
    static let qualified = try! NSRegularExpression(pattern: #"\b(platform|public|pg_temp|tenant_[a-z0-9_]+)\s*\.\s*"?[a-z_]"#, options: [.caseInsensitive])

    static func offences(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return qualified.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    static func files(under folder: String, extension suffix: String) throws -> [URL] {
        let root = TestEnvironment.repositoryRoot.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == suffix }
    }

    @Test("tenant migrations and feature modules name no schema")
    func unqualified() throws {
        let migrations = try Self.files(under: "Migrations/tenant", extension: "sql")
        let features = try Self.files(under: "Sources/Features", extension: "swift")
        #expect(!migrations.isEmpty && !features.isEmpty)
        for file in migrations + features {
            let text = try String(contentsOf: file, encoding: .utf8)
            let found = Self.offences(in: text)
            #expect(found.isEmpty, "\(file.lastPathComponent): \(found)")
        }
    }

    @Test("the check finds qualified names, however they are written")
    func detector() {
        #expect(Self.offences(in: "SELECT * FROM platform.tenants") == ["platform.t"])
        #expect(!Self.offences(in: "INSERT INTO tenant_amiens . news VALUES (1)").isEmpty)
        #expect(!Self.offences(in: #"SELECT 1 FROM public."accounts""#).isEmpty)
        #expect(Self.offences(in: "SELECT * FROM news WHERE platform_id = 1").isEmpty)
    }
}
