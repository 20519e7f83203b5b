/// How an API route appears in the OpenAPI document: what it does, what it takes and answers.
/// Declared with the route (`SecuredRoutes`), so the document cannot drift from the routes.
public struct APIOperation: Sendable {
    public var id: String
    public var summary: String
    public var description: String?
    public var tags: [String]
    public var parameters: [APIParameter]
    /// The JSON body's schema (`application/json`), if the operation takes one.
    public var requestBody: JSONSchema?
    /// Other request media types it accepts (an upload: `multipart/form-data`, raw bytes).
    public var requestMediaTypes: [String: JSONSchema]
    public var responses: [Int: APIResponse]
    /// An example of the JSON body (any JSON value: dictionaries, arrays, strings, numbers).
    public var requestExample: (any Sendable)?

    public init(
        _ id: String, summary: String, description: String? = nil, tags: [String], parameters: [APIParameter] = [],
        requestBody: JSONSchema? = nil, requestExample: (any Sendable)? = nil, requestMediaTypes: [String: JSONSchema] = [:],
        responses: [Int: APIResponse]
    ) {
        self.requestExample = requestExample
        self.id = id
        self.summary = summary
        self.description = description
        self.tags = tags
        self.parameters = parameters
        self.requestBody = requestBody
        self.requestMediaTypes = requestMediaTypes
        self.responses = responses
    }
}

public struct APIParameter: Sendable {
    public enum Location: String, Sendable { case path, query, header }
    public var name: String
    public var location: Location
    public var required: Bool
    public var description: String
    public var schema: JSONSchema

    public init(_ name: String, in location: Location, required: Bool = false, description: String, schema: JSONSchema) {
        self.name = name
        self.location = location
        self.required = required || location == .path
        self.description = description
        self.schema = schema
    }
}

public struct APIResponse: Sendable {
    public var description: String
    /// nil: no body (204, 304).
    public var schema: JSONSchema?
    /// The body's media type when it is not JSON (a document's bytes).
    public var mediaType: String
    public var headers: [String: String]
    /// An example of the body (a JSON value).
    public var example: (any Sendable)?
    /// Other media types the same status may come as (the XML form of a reply, a problem).
    public var alternatives: [String: JSONSchema]

    public init(
        _ description: String, schema: JSONSchema? = nil, mediaType: String = "application/json", headers: [String: String] = [:],
        example: (any Sendable)? = nil, alternatives: [String: JSONSchema] = [:]
    ) {
        self.example = example
        self.alternatives = alternatives
        self.description = description
        self.schema = schema
        self.mediaType = mediaType
        self.headers = headers
    }
}

extension APIResponse {
    /// An RFC 9457 problem document (`application/problem+json`).
    public static func problem(_ description: String) -> APIResponse {
        APIResponse(description, schema: .reference("Problem"), mediaType: "application/problem+json")
    }

    /// No content.
    public static func empty(_ description: String) -> APIResponse { APIResponse(description) }
}

extension APIParameter {
    /// A positive integer identifier in the path.
    public static func integerID(_ description: String = "Identifiant") -> APIParameter {
        APIParameter("id", in: .path, description: description, schema: .integer(minimum: 1, maximum: Int(Int64.max)))
    }

    public static func uuidID(_ name: String = "id", _ description: String = "Identifiant") -> APIParameter {
        APIParameter(name, in: .path, description: description, schema: .uuid)
    }

    public static let page = APIParameter("page", in: .query, description: "Numéro de page (1 à 10 000).", schema: .integer(minimum: 1, maximum: 10_000))
    public static let perPage = APIParameter("per_page", in: .query, description: "Éléments par page (1 à 100).", schema: .integer(minimum: 1, maximum: 100))
}
