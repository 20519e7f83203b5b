import ArgumentParser
import Composition

struct PayFiPSimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payfip-simulator",
        abstract: "Run the PayFiP simulator (development and tests): the SOAP service, the payment page and the /_simulateur controls.",
        discussion: """
            SOAP: POST /tpa/services/securite (creerPaiementSecurise, recupererDetailPaiementSecurise).
            Payment page: GET /tpa/paiementws.web?idop=…  Controls: /_simulateur/operations (see the README).
            Operations live in memory; SIGTERM or SIGINT stops it.
            """
    )

    @Option(help: "Port to listen on (below 32768).")
    var port: Int = 18300

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "Seconds an operation may be paid after its creation (PayFiP: 900).")
    var lifetime: Int = 900

    func validate() throws {
        guard (1..<32768).contains(port) else { throw ValidationError("--port must be between 1 and 32767") }
        guard (1...86_400).contains(lifetime) else { throw ValidationError("--lifetime must be between 1 and 86400 seconds") }
    }

    func run() async throws {
        try await PayFiPSimulatorServer.run(host: host, port: port, lifetimeSeconds: lifetime)
    }
}
