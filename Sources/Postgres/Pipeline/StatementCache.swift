/// Which statements a pipeline connection has prepared, least recently used first out.
///
/// Pure bookkeeping: the pipeline sends the Parse for `.prepare` answers and the close for
/// evicted names. Bounded so that memory stays flat however many members there are.
struct StatementCache {
    struct Lookup: Equatable {
        /// Server-side statement name to execute.
        var name: String
        /// True when the statement must be prepared first.
        var mustPrepare: Bool
        /// A statement pushed out to make room, to close on the server.
        var evicted: String?
    }

    /// A statement's identity on a connection: its scope, its text and its parameter types.
    struct Key: Hashable {
        var scope: String
        var sql: String
        var types: [PostgresType]
    }

    private struct Entry {
        var key: Key
        var name: String
        var newer: Int?
        var older: Int?
    }

    let capacity: Int
    private var entries: [Entry] = []
    private var indexByKey: [Key: Int] = [:]
    private var freeSlots: [Int] = []
    private var newest: Int?
    private var oldest: Int?
    private var counter = 0

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    var count: Int { indexByKey.count }

    static func key(scope: String, sql: String, types: [PostgresType]) -> Key {
        Key(scope: scope, sql: sql, types: types)
    }

    mutating func lookup(_ key: Key) -> Lookup {
        if let index = indexByKey[key] {
            moveToNewest(index)
            return Lookup(name: entries[index].name, mustPrepare: false, evicted: nil)
        }
        counter += 1
        let name = "mutualis_\(counter)"
        var evicted: String?
        let index: Int
        if indexByKey.count >= capacity, let victim = oldest {
            evicted = entries[victim].name
            unlink(victim)
            indexByKey.removeValue(forKey: entries[victim].key)
            entries[victim] = Entry(key: key, name: name)
            index = victim
        } else if let slot = freeSlots.popLast() {
            entries[slot] = Entry(key: key, name: name)
            index = slot
        } else {
            entries.append(Entry(key: key, name: name))
            index = entries.count - 1
        }
        indexByKey[key] = index
        pushNewest(index)
        return Lookup(name: name, mustPrepare: true, evicted: evicted)
    }

    /// Forgets a statement whose Parse failed or never ran.
    mutating func remove(_ key: Key) {
        guard let index = indexByKey.removeValue(forKey: key) else { return }
        unlink(index)
        freeSlots.append(index)
    }

    mutating func removeAll() {
        entries.removeAll()
        freeSlots.removeAll()
        indexByKey.removeAll()
        newest = nil
        oldest = nil
    }

    private mutating func moveToNewest(_ index: Int) {
        guard newest != index else { return }
        unlink(index)
        pushNewest(index)
    }

    private mutating func pushNewest(_ index: Int) {
        entries[index].older = newest
        entries[index].newer = nil
        if let newest { entries[newest].newer = index }
        newest = index
        if oldest == nil { oldest = index }
    }

    private mutating func unlink(_ index: Int) {
        let (newer, older) = (entries[index].newer, entries[index].older)
        if let newer { entries[newer].older = older } else { newest = older }
        if let older { entries[older].newer = newer } else { oldest = newer }
        entries[index].newer = nil
        entries[index].older = nil
    }
}
