import Foundation
import Postgres
import TestSupport
import Testing

@Suite("PostgreSQL round trips")
struct RoundTripTests {
    @Test("every supported type survives a round trip through a table")
    func everyTypeRoundTrips() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                try await client.query("""
                    CREATE TABLE samples (
                        t text, small int2, medium int4, big int8, flag bool, amount numeric(12,4),
                        id uuid, at timestamptz, day date, doc jsonb, blob bytea, tags text[]
                    )
                    """)
                let id = UUID()
                let at = Date(timeIntervalSince1970: 1_764_000_000.123456)
                let day = try #require(PostgresDate(year: 2026, month: 2, day: 28))
                let blob: [UInt8] = [0, 1, 2, 255, 0, 128]
                let doc = PostgresJSON(text: #"{"commune": "Amiens", "insee": "80021"}"#)
                let tags = PostgresTextArray(["eau", "crèche", "with \"quote\"", "with,comma", ""])
                try await client.query("""
                    INSERT INTO samples VALUES (\("Salouël — ñ 😀"), \(Int16(-7)), \(Int32(2_000_000)), \(Int.max),
                        \(true), \(Decimal(string: "-1234.5678")!), \(id), \(at), \(day), \(doc), \(blob), \(tags))
                    """)
                let row = try #require(try await client.query("SELECT * FROM samples").single())
                let (t, small, medium, big, flag, amount, readID, readAt, readDay, readDoc, readBlob, readTags) = try row.decode(
                    (String, Int, Int32, Int, Bool, Decimal, UUID, Date, PostgresDate, PostgresJSON, [UInt8], PostgresTextArray).self
                )
                #expect(t == "Salouël — ñ 😀")
                #expect(small == -7)
                #expect(medium == 2_000_000)
                #expect(big == Int.max)
                #expect(flag == true)
                #expect(amount == Decimal(string: "-1234.5678")!)
                #expect(readID == id)
                #expect(abs(readAt.timeIntervalSince(at)) < 0.000_001)
                #expect(readDay == day)
                #expect(readDay.description == "2026-02-28")
                let decoded = try readDoc.decode([String: String].self)
                #expect(decoded == ["commune": "Amiens", "insee": "80021"])
                #expect(readBlob == blob)
                #expect(readTags == tags)
            }
        }
    }

    @Test("numeric values of every shape decode exactly", arguments: [
        "0", "1", "-1", "10000", "12345678.9", "0.0001", "0.00001", "-0.5", "99999999999999999999.99", "1.10",
    ])
    func numericShapes(_ text: String) async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let row = try #require(try await client.query("SELECT \(text)::numeric, \(text)::numeric::text").single())
                let (value, asText) = try row.decode((Decimal, String).self)
                #expect(value == Decimal(string: asText, locale: Locale(identifier: "en_US_POSIX")))
            }
        }
    }

    @Test("NULL decodes as nil only when asked for an Optional")
    func nullHandling() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let nothing: String? = nil
                let row = try #require(try await client.query("SELECT \(nothing)::text, NULL::int8, NULL::uuid").single())
                #expect(try row.decode(String?.self, at: 0) == nil)
                #expect(try row.decode(Int?.self, at: 1) == nil)
                #expect(try row.decode(UUID?.self, at: 2) == nil)
                let error = #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 1) }
                #expect(error?.code == .decoding)
                #expect(error?.message.contains("NULL") == true)
            }
        }
    }

    @Test("decoding a column as the wrong type names the column and the types")
    func wrongTypeIsExplained() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let row = try #require(try await client.query("SELECT 'x'::text AS title").single())
                let error = #expect(throws: PostgresError.self) { try row.decode("title", as: Int.self) }
                #expect(error?.code == .decoding)
                #expect(error?.message.contains("title") == true)
                #expect(error?.message.contains("text") == true)
                #expect(throws: PostgresError.self) { try row.decode("missing", as: String.self) }
                #expect(throws: PostgresError.self) { try row.decode((String, Int).self) }
            }
        }
    }

    @Test("empty arrays, arrays with NULLs and empty strings")
    func arrayEdges() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let row = try #require(try await client.query(
                    "SELECT ARRAY[]::text[], ARRAY['a', NULL, '']::text[], \(""), \(PostgresTextArray([String?]([nil, "b"])))"
                ).single())
                let (empty, mixed, emptyString, bound) = try row.decode((PostgresTextArray, PostgresTextArray, String, PostgresTextArray).self)
                #expect(empty.elements.isEmpty)
                #expect(mixed.elements == ["a", nil, ""])
                #expect(throws: PostgresError.self) { try mixed.nonNull() }
                #expect(emptyString == "")
                #expect(bound.elements == [nil, "b"])
            }
        }
    }

    @Test("a value is a parameter, never SQL")
    func parametersAreNotSQL() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let hostile = "'; DROP TABLE pg_class; --"
                let row = try #require(try await client.query("SELECT \(hostile)::text").single())
                #expect(try row.decode(String.self, at: 0) == hostile)
            }
        }
    }
}
