/// One statement to run as its own transaction on a pipeline connection: the local settings
/// first (e.g. the tenant's `search_path`), then the statement, prepared once per `scope`.
struct OneShotRequest: Sendable {
    var settings: [PostgresLocalSetting]
    var scope: String
    var query: PostgresQuery
    var continuation: CheckedContinuation<PostgresRows, any Error>
}
