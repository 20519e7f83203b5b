import Foundation

/// What went wrong in the open-data service, with enough context for the operator's log.
enum OpenDataError: Error, CustomStringConvertible {
    case unknownSchema(String)
    case schemaUnreadable(String, String)
    case unknownDataset(member: String, dataset: String)
    case invalidDemo(member: String, reason: String)

    var description: String {
        switch self {
        case .unknownSchema(let name): "unknown SCDL schema \(String(reflecting: name)) (known: \(SCDLSchemas.names.joined(separator: ", ")))"
        case .schemaUnreadable(let path, let reason): "cannot read the Table Schema \(path): \(reason)"
        case .unknownDataset(let member, let dataset): "member \(member) has no dataset \(String(reflecting: dataset))"
        case .invalidDemo(let member, let reason): "open-data demo content of \(member): \(reason)"
        }
    }
}
