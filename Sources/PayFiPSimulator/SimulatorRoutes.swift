import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Payments

/// The simulator's routes: the SOAP service and the payment page at PayFiP's paths, and the
/// controls under `/_simulateur/` (JSON).
struct SimulatorRoutes: Sendable {
    let store: OperationStore
    let delivery: NotificationDelivery
    let logger: Logger

    func register(on router: Router<BasicRequestContext>) {
        router.post(RouterPath(PayFiPProtocol.servicePath)) { request, _ in try await soap(request) }
        router.get(RouterPath(PayFiPProtocol.pagePath)) { request, _ in page(request.uri.queryParameters.get("idop") ?? "") }
        router.post(RouterPath(PayFiPProtocol.pagePath)) { request, _ in try await choose(request) }

        let control = router.group("_simulateur")
        control.get("operations") { _, _ in json(store.list()) }
        control.delete("operations") { _, _ in
            store.reset()
            return json(["reset": true])
        }
        control.get("operations/:idOp") { _, context in
            guard let operation = store.operation(try context.parameters.require("idOp")) else { return problem(.notFound, "unknown idOp") }
            return json(operation)
        }
        control.post("operations/:idOp/outcome") { request, context in
            let choice = try await request.decode(as: OutcomeRequest.self, context: context)
            return finish(try context.parameters.require("idOp"), choice.outcome, redirect: choice.redirect ?? false)
        }
        control.put("operations/:idOp/notification") { request, context in
            let behaviour = try await request.decode(as: NotificationBehaviour.self, context: context)
            guard store.setBehaviour(behaviour, for: try context.parameters.require("idOp")) else { return problem(.notFound, "unknown idOp") }
            return json(behaviour)
        }
        control.post("operations/:idOp/expire") { _, context in
            guard store.expire(try context.parameters.require("idOp")) else { return problem(.notFound, "unknown or finished idOp") }
            return json(["expired": true])
        }
        control.get("notifications") { _, _ in json(store.globalBehaviour) }
        control.put("notifications") { request, context in
            let behaviour = try await request.decode(as: NotificationBehaviour.self, context: context)
            _ = store.setBehaviour(behaviour, for: nil)
            return json(behaviour)
        }
        control.post("purge") { _, _ in json(["purged": store.purge()]) }
    }

    struct OutcomeRequest: Decodable {
        var outcome: SimulatedOutcome
        var redirect: Bool?
    }

    // MARK: SOAP

    func soap(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        switch SimulatorSOAP.read(Array(buffer: body)) {
        case .failure(let problem):
            return xml(.internalServerError, SimulatorSOAP.clientFault(problem.reason))
        case .success(let call) where call.operation == "creerPaiementSecurise":
            switch store.create(call.fields) {
            case .success(let operation):
                logger.info("operation created", metadata: ["idop": "\(operation.idOp)", "refdet": "\(operation.refdet)"])
                return xml(.ok, SimulatorSOAP.created(operation.idOp))
            case .failure(let fault):
                return xml(.internalServerError, SimulatorSOAP.fault(fault))
            }
        case .success(let call):
            switch store.detail(call.fields["idOp", default: ""]) {
            case .success(let operation): return xml(.ok, SimulatorSOAP.detail(operation))
            case .failure(let fault): return xml(.internalServerError, SimulatorSOAP.fault(fault))
            }
        }
    }

    // MARK: The payment page

    func page(_ idOp: String) -> Response {
        guard let operation = store.operation(idOp) else {
            return html(.notFound, PaymentPage.message("Opération inconnue", "Aucune opération ne correspond à cet identifiant."))
        }
        switch operation.state {
        case "expired":
            return html(.gone, PaymentPage.message("Opération expirée", "Le délai de 15 minutes pour payer est dépassé."))
        case "finished":
            return html(.conflict, PaymentPage.message("Opération terminée", "Cette opération a déjà été traitée."))
        default:
            return html(.ok, PaymentPage.render(operation))
        }
    }

    func choose(_ request: Request) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = FormEncoding.decode(String(buffer: body))
        guard let choice = form["choix"].flatMap(SimulatedOutcome.init(rawValue:)) else {
            return html(.badRequest, PaymentPage.message("Choix incorrect", "Choisissez l'une des quatre possibilités."))
        }
        return finish(form["idop", default: ""], choice, redirect: true)
    }

    /// Records the choice, sends the notification (in the background) and either redirects the
    /// browser to `urlredirect` with `idop` appended or answers the operation as JSON.
    func finish(_ idOp: String, _ outcome: SimulatedOutcome, redirect: Bool) -> Response {
        switch store.finish(idOp, outcome: outcome) {
        case .success(let operation):
            logger.info("operation finished", metadata: ["idop": "\(idOp)", "resultrans": "\(operation.resultrans)"])
            delivery.notify(operation)
            guard redirect else { return json(operation) }
            return Response(status: .seeOther, headers: [.location: FormEncoding.appending("idop", idOp, to: operation.urlredirect)])
        case .failure(.unknown):
            return redirect ? page(idOp) : problem(.notFound, "unknown idOp")
        case .failure(.expired):
            return redirect ? page(idOp) : problem(.gone, "the operation expired")
        case .failure(.finished):
            return redirect ? page(idOp) : problem(.conflict, "the operation is already finished")
        }
    }

    // MARK: Answers

    func xml(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/xml; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func html(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func json(_ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var response = json(["error": message])
        response.status = status
        return response
    }
}
