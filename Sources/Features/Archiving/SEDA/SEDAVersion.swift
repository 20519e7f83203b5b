/// The SEDA versions the archive accepts, told apart by the manifest's namespace. 2.1 is still
/// what most tools of the field produce (Vitam's tests, ReSIP, as@lae exports).
public enum SEDAVersion: String, Sendable, CaseIterable, Codable {
    case v21 = "2.1"
    case v22 = "2.2"
    case v23 = "2.3"

    public var namespace: String {
        switch self {
        case .v21: "fr:gouv:culture:archivesdefrance:seda:v2.1"
        case .v22: "fr:gouv:culture:archivesdefrance:seda:v2.2"
        case .v23: "fr:gouv:culture:archivesdefrance:seda:v2.3"
        }
    }

    public init?(namespace: String?) {
        guard let found = Self.allCases.first(where: { $0.namespace == namespace }) else { return nil }
        self = found
    }

    /// The folder of its XSDs under the specifications directory, and its main schema.
    public var schemaFolder: String { "seda-\(rawValue)" }
    public var mainSchema: String { "seda-\(rawValue)-main.xsd" }
}
