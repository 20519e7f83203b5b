import HTTPTypes
import Hummingbird
import Web

/// A CKAN action's failure, answered as CKAN answers it (harvesters read `success` and
/// `error.__type`): 404 "Not Found Error", 409 "Validation Error" with the faulty parameters,
/// 400 "Bad Request" for an unknown action or a body that is not a JSON object.
struct CKANError: Error, Sendable {
    var status: HTTPResponse.Status
    var type: String
    var message: String
    /// Validation errors by parameter (CKAN puts them beside `__type` and `message`).
    var fields: [(String, [String])] = []

    static func notFound(_ message: String = "Not found") -> CKANError {
        CKANError(status: .notFound, type: "Not Found Error", message: message)
    }

    static func validation(_ field: String, _ message: String) -> CKANError {
        CKANError(status: .conflict, type: "Validation Error", message: "\(field): \(message)", fields: [(field, [message])])
    }

    static func badRequest(_ message: String) -> CKANError {
        CKANError(status: .badRequest, type: "Bad Request", message: "Bad request - \(message)")
    }

    func response(help: String) -> Response {
        var json = JSONWriter()
        json.beginObject()
        json.field("help", help)
        json.field("success", false)
        json.key("error")
        json.beginObject()
        json.field("__type", type)
        json.field("message", message)
        for (field, messages) in fields {
            json.key(field)
            json.beginArray()
            for message in messages { json.value(message) }
            json.endArray()
        }
        json.endObject()
        json.endObject()
        return json.response(status: status)
    }
}
