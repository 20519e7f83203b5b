@testable import Postgres
import Testing

@Suite("Statement cache (pure LRU)")
struct StatementCacheTests {
    func key(_ scope: String, _ sql: String = "SELECT 1") -> StatementCache.Key {
        StatementCache.key(scope: scope, sql: sql, types: [.int8])
    }

    @Test("prepares once per scope and statement, then reuses")
    func reuse() {
        var cache = StatementCache(capacity: 4)
        let first = cache.lookup(key("amiens"))
        #expect(first.mustPrepare)
        #expect(first.evicted == nil)
        let again = cache.lookup(key("amiens"))
        #expect(!again.mustPrepare)
        #expect(again.name == first.name)
        #expect(cache.lookup(key("boves")).name != first.name)
        #expect(cache.lookup(StatementCache.key(scope: "amiens", sql: "SELECT 1", types: [.int4])).mustPrepare)
    }

    @Test("evicts the least recently used when full, and stays bounded")
    func eviction() {
        var cache = StatementCache(capacity: 2)
        let a = cache.lookup(key("a"))
        _ = cache.lookup(key("b"))
        _ = cache.lookup(key("a"))  // a is now the most recent
        let c = cache.lookup(key("c"))
        #expect(c.evicted != nil)
        #expect(c.evicted != a.name)
        #expect(!cache.lookup(key("a")).mustPrepare)
        #expect(cache.lookup(key("b")).mustPrepare)
        for index in 0..<1_000 { _ = cache.lookup(key("member-\(index)")) }
        #expect(cache.count == 2)
    }

    @Test("a statement whose Parse failed is forgotten and prepared again")
    func removal() {
        var cache = StatementCache(capacity: 3)
        let first = cache.lookup(key("a"))
        cache.remove(key("a"))
        #expect(cache.count == 0)
        let retried = cache.lookup(key("a"))
        #expect(retried.mustPrepare)
        #expect(retried.name != first.name)
        #expect(retried.evicted == nil)
        _ = cache.lookup(key("b")); _ = cache.lookup(key("c"))
        #expect(cache.lookup(key("d")).evicted == retried.name)
    }
}
