import ArgumentParser
import Composition
import Tenancy

struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Invoices and payments.", subcommands: [Reconcile.self]
    )

    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reconcile",
            abstract: "Settle now the payment attempts left without a result past their lifetime (what the reconciliation job does every five minutes)."
        )
        @Option(help: "One member's slug (default: every active member with billing).") var tenant: String?

        func run() async throws {
            let slug = try tenant.map { text in
                do { return try TenantSlug(text) } catch { throw ValidationError("--tenant: \(error)") }
            }
            try await Operations(configuration: try prepare()).reconcilePayments(tenant: slug)
        }
    }
}
