import Synchronization
import XML

/// Each SEDA schema compiled once for the whole test run (a compilation takes a moment).
final class SchemaCache: Sendable {
    private let compiled = Mutex<[SEDAFixtures.Version: XMLSchema]>([:])

    func schema(_ version: SEDAFixtures.Version) throws -> XMLSchema {
        try compiled.withLock { compiled in
            if let schema = compiled[version] { return schema }
            let schema = try XMLSchema(contentsOf: version.mainXSD)
            compiled[version] = schema
            return schema
        }
    }
}
