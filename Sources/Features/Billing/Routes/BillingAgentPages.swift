import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Logging
import NIOCore
import Postgres
import TableSchema
import Tenancy
import TenantStore
import Web

/// The regies' agents (`billing.manage`): regies, imports (a refused file shows its errors by
/// line and imports nothing), each regie's invoices, the day's reconciliation, the payments'
/// export for the accounting software.
struct BillingAgentPages: Sendable {
    let services: BillingServices

    struct RegieForm: FormPayload {
        var csrf: String?
        var id: String
        var label: String
        var numcli: String
        var kind: String
    }

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/administration/factures", .permission(.billingManage)) { request, context, _ in
            let notices = ["regie": "La régie est créée.", "import": "Les factures sont importées.", "inchange": "Ce fichier avait déjà été importé : rien n'a changé."]
            return try await admin(context, notice: request.uri.queryParameters.get("message").flatMap { notices[String($0)] })
        }
        routes.form("/administration/factures/regies", .permission(.billingManage), RegieForm.self) { _, context, _, form in
            let id = form.id.trimmingCharacters(in: .whitespaces), label = form.label.trimmingCharacters(in: .whitespaces)
            var errors: [String] = []
            if id.wholeMatch(of: #/[a-z][a-z0-9-]{0,39}/#) == nil { errors.append("L'identifiant : minuscules, chiffres et tirets, 40 au plus.") }
            if !(1...200).contains(label.count) { errors.append("Le libellé doit compter de 1 à 200 caractères.") }
            if form.numcli.wholeMatch(of: #/[0-9]{6}/#) == nil { errors.append("Le numéro client PayFiP compte six chiffres.") }
            if !Regie.kinds.contains(where: { $0.id == form.kind }) { errors.append("Nature de régie inconnue.") }
            guard errors.isEmpty else { return try await admin(context, errors: errors, status: .unprocessableContent) }
            let added = try await context.store.transaction { connection in
                try await connection.execute("""
                    INSERT INTO billing_regies (id, label, numcli, kind) VALUES (\(id), \(label), \(form.numcli), \(form.kind)) ON CONFLICT DO NOTHING
                    """)
            }
            guard added == 1 else { return try await admin(context, errors: ["Une régie porte déjà cet identifiant."], status: .conflict) }
            throw WebError.redirect(to: "/administration/factures?message=regie")
        }
        routes.post("/administration/factures/imports", .permission(.billingManage)) { request, context, principal in
            let form = try await MultipartForm.read(request, limit: services.importLimit + 64 * 1024, maximumParts: 4)
            try CSRF.verify(form.first("csrf").map { String(decoding: $0.bytes, as: UTF8.self) }, session: context.session, request: request, cookie: services.cookie)
            guard let file = form.first("fichier"), !file.bytes.isEmpty else {
                return try await admin(context, errors: ["Choisissez un fichier CSV ou ZIP."], status: .unprocessableContent)
            }
            let outcome = try await ImportRequest(services: services).run(bytes: file.bytes, fileName: file.fileName ?? "factures.csv", context: context, principal: principal)
            switch outcome {
            case .failure(let refusal):
                context.logger.notice("invoice import refused", metadata: ["errors": "\(refusal.messages.count + refusal.more)"])
                return try await admin(context, errors: refusal.messages, more: refusal.more, status: .unprocessableContent)
            case .success(.imported): throw WebError.redirect(to: "/administration/factures?message=import")
            case .success(.unchanged): throw WebError.redirect(to: "/administration/factures?message=inchange")
            }
        }
        routes.get("/administration/factures/regies/:regie", .permission(.billingManage)) { request, context, _ in
            let id = context.parameters.get("regie") ?? ""
            guard let regie = try await InvoiceStore(context.store).regies().first(where: { $0.id == id }) else { throw WebError.notFound("Cette régie n'existe pas.") }
            let status = request.uri.queryParameters.get("etat").map { String($0) }
            guard status == nil || ["open", "paid", "overdue", ""].contains(status!) else { throw WebError.invalidParameter("etat", "État inconnu.") }
            let today = FrenchDate.iso(Date())
            let invoices = try await InvoiceStore(context.store).invoices(regie: id, status: status?.isEmpty == false ? status : nil, today: today)
            return services.pages.render("billing-regie", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
                "regie": ["id": regie.id, "label": regie.label, "numcli": regie.numcli],
                "filters": [("", "Toutes"), ("open", "À payer"), ("overdue", "En retard"), ("paid", "Payées")].map {
                    ["value": $0.0, "label": $0.1, "selected": $0.0 == (status ?? "")] as [String: Any]
                },
                "invoices": invoices.map { invoice in
                    var values = InvoicePage.summary(invoice, today: today)
                    values["debtor"] = invoice.debtorName
                    return values
                },
            ])
        }
        routes.get("/administration/factures/rapport", .permission(.billingManage)) { request, context, _ in
            try await ReconciliationReport(services: services).page(request, context)
        }
        routes.get("/administration/factures/paiements.csv", .permission(.billingManage)) { request, context, _ in
            try await ReconciliationReport(services: services).export(request, context)
        }
    }

    func admin(_ context: TenantRequestContext, notice: String? = nil, errors: [String] = [], more: Int = 0,
               status: HTTPResponse.Status = .ok) async throws -> Response {
        let regies = try await InvoiceStore(context.store).regies()
        let counts = try await context.store.read("""
            SELECT regie_id, count(*) FILTER (WHERE paid_at IS NULL), count(*) FILTER (WHERE paid_at IS NOT NULL) FROM billing_invoices GROUP BY regie_id
            """).map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1), try $0.decode(Int.self, at: 2)) }
        let imports = try await context.store.read("""
            SELECT imported_at, file_name, invoices, imported_by FROM billing_imports ORDER BY imported_at DESC LIMIT 10
            """).map { ["date": FrenchDate.long(try $0.decode(Date.self, at: 0)), "file": try $0.decode(String.self, at: 1),
                        "invoices": try $0.decode(Int.self, at: 2), "by": try $0.decode(String.self, at: 3)] as [String: Any] }
        let kinds = Dictionary(uniqueKeysWithValues: Regie.kinds.map { ($0.id, $0.label) })
        return services.pages.render("billing-admin", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "", "notice": notice ?? false, "hasErrors": !errors.isEmpty, "errors": errors,
            "more": more > 0 ? more : false, "columns": InvoiceFile.columns.joined(separator: ", "), "imports": imports,
            "kinds": Regie.kinds.map { ["id": $0.id, "label": $0.label] },
            "regies": regies.map { regie in
                let count = counts.first { $0.0 == regie.id }
                return ["id": regie.id, "label": regie.label, "numcli": regie.numcli, "kind": kinds[regie.kind] ?? regie.kind,
                        "open": count?.1 ?? 0, "paid": count?.2 ?? 0] as [String: Any]
            },
        ], status: status)
    }
}

/// An import received by a page or the API: written to a work file, applied, removed.
struct ImportRequest: Sendable {
    let services: BillingServices

    func run(bytes: [UInt8], fileName: String, context: TenantRequestContext, principal: Principal) async throws -> Result<ImportService.Outcome, InvoiceFileRefusal> {
        guard bytes.count <= services.importLimit else {
            throw WebError(.contentTooLarge, kind: "payload-too-large", title: "Fichier trop volumineux", detail: "Le fichier dépasse \(services.importLimit >> 20) Mo.")
        }
        try FileManager.default.createDirectory(at: services.workDirectory, withIntermediateDirectories: true)
        let file = services.workDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let isZip = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        return try await ImportService(services: services).apply(file, isZip: isZip, fileName: fileName, member: context.store, by: principal.label,
                                                                 actor: BillingServices.actor(principal))
    }
}
