import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import Web

/// Open311 GeoReport v2 under `/open311/v2/` on a member's host, in JSON or XML (the path's
/// extension): its located procedures as services, filing by partner systems (an API client
/// with `requests.file`, by bearer token or `api_key`), and the public status of requests.
/// `jurisdiction_id`, when given, is the host name. Errors come in Open311's format.
struct Open311Routes: Sendable {
    let services: RequestsServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/open311/v2/:file", .public) { request, context in
            try await answer(request, context, file: "file") { name, query in
                switch name {
                case "services":
                    let offered = try await services.offered(on: context.tenant).filter(\.type.isLocated)
                    return (.list(item: "service", offered.map(Open311Catalogue.service)), "services")
                case "requests":
                    return (.list(item: "request", try await reports(query, context: context)), "service_requests")
                default:
                    throw Open311Error.notFound("Ressource Open311 inconnue.")
                }
            }
        }
        routes.get("/open311/v2/services/:file", .public) { request, context in
            try await answer(request, context, file: "file") { code, _ in
                guard let offered = try await services.offered(code, on: context.tenant), offered.type.isLocated else {
                    throw Open311Error.notFound("Aucun service « \(code.prefix(60)) » sur ce portail.")
                }
                return (Open311Catalogue.definition(offered), "service_definition")
            }
        }
        for path in ["/open311/v2/requests/:file", "/open311/v2/request/:file"] {
            routes.get(path, .public) { request, context in
                try await answer(request, context, file: "file") { number, _ in
                    guard RequestNumber(number) != nil,
                          let report = try await Open311Reports(services: services).reports(on: context.tenant, .init(numbers: [number])).first else {
                        throw Open311Error.notFound("Aucune demande « \(number.prefix(60)) » sur ce portail.")
                    }
                    // The specification's JSON is the request itself; its XML, the request in <service_requests>.
                    let xml = Open311Format.split(context.parameters.get("file") ?? "")?.format == .xml
                    return (xml ? .list(item: "request", [Open311Reports.value(report)]) : Open311Reports.value(report), "service_requests")
                }
            }
        }
        routes.post("/open311/v2/:file", .public) { request, context in
            var request = request
            let body = try? await request.collectBody(upTo: RequestPayload.limit)
            return try await answer(request, context, file: "file") { name, query in
                guard name == "requests" else { throw Open311Error.notFound("Ressource Open311 inconnue.") }
                guard let body else { throw Open311Error(.contentTooLarge, "Le contenu envoyé dépasse \(RequestPayload.limit / 1024) Kio.") }
                var parameters = query
                if body.readableBytes > 0 {
                    let type = (request.headers[.contentType] ?? "").lowercased()
                    guard type.hasPrefix("application/x-www-form-urlencoded") else {
                        throw Open311Error(.unsupportedMediaType, "Envoyez les paramètres en application/x-www-form-urlencoded.")
                    }
                    guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { throw Open311Error.badRequest("Paramètres mal encodés.") }
                    try Open311Filing.parse(text, into: &parameters)
                }
                try checkJurisdiction(parameters, request: request)
                let principal = try await filer(parameters, request: request, context: context)
                var fields = parameters
                fields["api_key"] = nil
                fields["jurisdiction_id"] = nil
                let (filed, offered) = try await Open311Filing(services: services).file(fields, on: context.tenant, principal: principal)
                let notice = "Demande \(filed.record.number) reçue ; elle est traitée par \(offered.owner.name) sous \(offered.type.delay.days) jours."
                return (.list(item: "request", [.object([
                    ("service_request_id", .text(filed.record.number)), ("service_notice", .text(notice)), ("account_id", .text(principal.id)),
                ])]), "service_requests")
            }
        }
    }

    /// Runs `body` with the file's name (without its extension) and the query's parameters;
    /// every refusal is written in Open311's format (JSON when the extension is unknown).
    func answer(_ request: Request, _ context: TenantRequestContext, file parameter: String,
                _ body: (String, Open311Filing.Parameters) async throws -> (Open311Value, String)) async throws -> Response {
        guard let file = context.parameters.get(parameter), let (name, format) = Open311Format.split(file) else {
            return Open311Output.error(.notFound("Précisez le format : .json ou .xml."), format: .json)
        }
        do {
            var query: Open311Filing.Parameters = [:]
            try Open311Filing.parse(request.uri.query ?? "", into: &query)
            if request.method == .get { try checkJurisdiction(query, request: request) }
            let (value, root) = try await body(name, query)
            return Open311Output.response(value, root: root, format: format)
        } catch let error as Open311Error {
            return Open311Output.error(error, format: format)
        } catch let error as WebError where error.status.code < 500 {
            return Open311Output.error(Open311Error(error.status, error.detail ?? error.title), format: format)
        }
    }

    /// `jurisdiction_id` is optional (one jurisdiction per host); given, it must be this host.
    func checkJurisdiction(_ parameters: Open311Filing.Parameters, request: Request) throws {
        guard let given = parameters["jurisdiction_id"] else { return }
        let host = (request.headers[HTTPField.Name("Host")!] ?? request.head.authority ?? "").split(separator: ":").first.map { $0.lowercased() } ?? ""
        guard given.count == 1, given[0].lowercased() == host else {
            throw Open311Error.notFound("jurisdiction_id inconnu : ce portail est « \(host) ».")
        }
    }

    /// The API client filing: its bearer token, or its token given as `api_key`.
    func filer(_ parameters: Open311Filing.Parameters, request: Request, context: TenantRequestContext) async throws -> Principal {
        var principal = context.principal
        if principal == nil, let keys = parameters["api_key"] {
            guard keys.count == 1, keys[0].count <= 512 else { throw Open311Error(.unauthorized, "api_key n'est pas valable.") }
            principal = try await Authenticator(context: services.identity).principal(bearer: keys[0], tenant: context.tenant.slug)
            guard principal != nil else { throw Open311Error(.unauthorized, "api_key n'est pas valable ou a expiré.") }
        }
        guard let principal, principal.kind == .client else {
            throw Open311Error(.unauthorized, "Une clé d'API (api_key, ou Authorization: Bearer) d'un partenaire est requise.")
        }
        guard principal.can(.requestsFile) else { throw Open311Error(.forbidden, "Cette clé d'API n'a pas la permission requests.file.") }
        return principal
    }

    func reports(_ query: Open311Filing.Parameters, context: TenantRequestContext) async throws -> [Open311Value] {
        func one(_ name: String) throws -> String? {
            guard let values = query[name] else { return nil }
            guard values.count == 1 else { throw Open311Error.badRequest("Le paramètre \(name) n'accepte qu'une valeur.") }
            return values[0]
        }
        func date(_ name: String) throws -> Date? {
            guard let text = try one(name) else { return nil }
            guard text.count <= 40, let date = try? Date(text, strategy: .iso8601) else {
                throw Open311Error.badRequest("\(name) : date et heure ISO 8601 attendues (2026-12-01T00:00:00Z).")
            }
            return date
        }
        var filter = Open311Reports.Query()
        if let ids = try one("service_request_id") {
            let numbers = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !numbers.isEmpty, numbers.count <= 100, numbers.allSatisfy({ RequestNumber($0) != nil }) else {
                throw Open311Error.badRequest("service_request_id : des numéros de demande séparés par des virgules (100 au plus).")
            }
            filter.numbers = numbers
        }
        if let code = try one("service_code") {
            guard ProcedureType.validSlug(code) else { throw Open311Error.badRequest("service_code inconnu.") }
            filter.code = code
        }
        if let status = try one("status") {
            let wanted = Set(status.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            guard !wanted.isEmpty, wanted.isSubset(of: ["open", "closed"]) else { throw Open311Error.badRequest("status : open ou closed.") }
            filter.closed = wanted.count == 2 ? nil : wanted.contains("closed")
        }
        let (start, end) = (try date("start_date"), try date("end_date"))
        // At most 90 days: by default the last 90.
        let span: TimeInterval = 90 * 86_400
        filter.before = end
        filter.from = start ?? (end ?? Date()).addingTimeInterval(-span)
        if let start, let end {
            guard start <= end else { throw Open311Error.badRequest("start_date doit précéder end_date.") }
            guard end.timeIntervalSince(start) <= span else { throw Open311Error.badRequest("La période ne peut dépasser 90 jours.") }
        }
        return try await Open311Reports(services: services).reports(on: context.tenant, filter).map(Open311Reports.value)
    }
}
