import CLibPQ
import Glibc

/// Pipeline mode: many one-shot transactions sent in one write and read back in order.
///
/// Each request is its own segment ending in a Sync, so it runs in its own implicit
/// transaction: an error aborts that request alone, and `set_config(..., true)` (the function
/// form of `SET LOCAL`) lasts until that Sync. Statements are prepared per scope (a tenant's
/// schema) so PostgreSQL never re-plans them for a changed `search_path`.
extension PGConnection {
    private static let setLocalStatement = "mutualis_set_local"

    private enum Step {
        case setting
        case deallocate
        case prepare(key: StatementCache.Key)
        case query
    }

    /// Prepares the shared statements, then switches the connection to pipeline mode.
    func enterPipelineMode() throws {
        let sql = "SELECT set_config($1, $2, true)"
        let types: [Oid] = [Oid(PostgresType.text.rawValue), Oid(PostgresType.text.rawValue)]
        _ = try consume(PQprepare(handle, Self.setLocalStatement, sql, 2, types), sql: sql)
        guard PQenterPipelineMode(handle) == 1 else {
            throw LibPQ.connectionError(handle, code: .unexpectedState)
        }
    }

    /// Sends every request, then reads every result, handing each request its outcome as soon
    /// as its segment is read (its task can run while the rest is read). `deliver` is called
    /// exactly once per request; when the connection itself fails, every request without an
    /// outcome gets that failure. Returns false when the connection must not be reused (a send
    /// failed midway and may have left a segment without its Sync).
    func runPipeline(
        _ requests: [OneShotRequest], cache: inout StatementCache, deliver: (Int, Result<PostgresRows, PostgresError>) -> Void
    ) -> Bool {
        assertNotOnEventLoop()
        var plans: [(request: Int?, steps: [Step])] = []
        plans.reserveCapacity(requests.count + 1)
        var sendFailure: PostgresError?
        // libpq flushes at every Sync; corking the socket makes the kernel send the whole
        // batch as one segment, so the server wakes once per batch rather than per request.
        setCork(true)

        send: for (index, request) in requests.enumerated() {
            let key = StatementCache.key(scope: request.scope, sql: request.query.sql, types: request.query.bindings.types)
            let lookup = cache.lookup(key)
            if let evicted = lookup.evicted {
                // Closed in its own segment before this request, so no failure of ours skips it.
                guard PQsendQueryParams(handle, "DEALLOCATE \(evicted)", 0, nil, nil, nil, nil, 0) == 1,
                      PQpipelineSync(handle) == 1
                else { sendFailure = lostError(); break send }
                plans.append((nil, [.deallocate]))
            }
            var steps: [Step] = []
            for setting in request.settings {
                guard sendSetting(setting) else { sendFailure = lostError(); break send }
                steps.append(.setting)
            }
            if lookup.mustPrepare {
                let types = request.query.bindings.types.map { Oid($0.rawValue) }
                guard PQsendPrepare(handle, lookup.name, request.query.sql, Int32(types.count), types) == 1 else {
                    cache.remove(key)
                    sendFailure = lostError()
                    break send
                }
                steps.append(.prepare(key: key))
            }
            let sent = request.query.bindings.withLibPQArguments { count, _, values, lengths, formats in
                PQsendQueryPrepared(handle, lookup.name, count, values, lengths, formats, PostgresFormat.binary.rawValue)
            }
            guard sent == 1, PQpipelineSync(handle) == 1 else { sendFailure = lostError(); break send }
            steps.append(.query)
            plans.append((index, steps))
        }

        setCork(false)
        var delivered = [Bool](repeating: false, count: requests.count)
        do {
            for plan in plans {
                let outcome = try readSegment(plan.steps, sql: plan.request.map { requests[$0].query.sql } ?? "DEALLOCATE", cache: &cache)
                if let index = plan.request {
                    delivered[index] = true
                    deliver(index, outcome)
                }
            }
        } catch {
            sendFailure = error
        }
        guard delivered.contains(false) else { return sendFailure == nil }
        let failure = sendFailure ?? lostError()
        for index in requests.indices where !delivered[index] { deliver(index, .failure(failure)) }
        return false
    }

    /// Reads the results of one segment up to its Sync.
    private func readSegment(_ steps: [Step], sql: String, cache: inout StatementCache) throws(PostgresError) -> Result<PostgresRows, PostgresError> {
        var rows: PostgresRows?
        var failure: PostgresError?
        for step in steps {
            guard let result = PQgetResult(handle) else { throw lostError() }
            let status = PQresultStatus(result)
            switch status {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                if case .query = step { rows = Self.rows(from: result, sql: sql) }
            case PGRES_PIPELINE_ABORTED:
                if case .prepare(let key) = step { cache.remove(key) }
            default:
                let error = LibPQ.resultError(result, connection: handle, query: sql)
                if case .prepare(let key) = step { cache.remove(key) }
                failure = failure ?? error
            }
            PQclear(result)
            guard isConnected else { throw failure ?? lostError() }
            // Each statement's results end with a NULL.
            if let extra = PQgetResult(handle) {
                PQclear(extra)
                throw PostgresError(.unexpectedState, "pipeline returned more results than statements", query: sql)
            }
        }
        guard let sync = PQgetResult(handle) else { throw lostError() }
        defer { PQclear(sync) }
        guard PQresultStatus(sync) == PGRES_PIPELINE_SYNC else {
            throw failure ?? LibPQ.resultError(sync, connection: handle, query: sql)
        }
        if let failure { return .failure(failure) }
        guard let rows else { return .failure(PostgresError(.unexpectedState, "pipeline statement returned no result", query: sql)) }
        return .success(rows)
    }

    private func sendSetting(_ setting: PostgresLocalSetting) -> Bool {
        setting.encoded.withLibPQArguments { count, _, values, lengths, formats in
            PQsendQueryPrepared(handle, Self.setLocalStatement, count, values, lengths, formats, PostgresFormat.binary.rawValue)
        } == 1
    }

    /// TCP_CORK on the connection's socket (no effect, and no error, on a Unix socket).
    private func setCork(_ on: Bool) {
        var value: Int32 = on ? 1 : 0
        _ = setsockopt(PQsocket(handle), Int32(IPPROTO_TCP), TCP_CORK, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    private func lostError() -> PostgresError {
        LibPQ.connectionError(handle, code: isConnected ? .unexpectedState : .connectionLost)
    }
}
