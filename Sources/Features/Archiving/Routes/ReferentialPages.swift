import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Tenancy
import TenantStore
import Web

/// `/archives/referentiels`: archival agreements, originating agencies, management rules.
struct ReferentialPages: Sendable {
    let services: ArchiveServices
    let pages: PageRenderer

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        let admin = RequiredAccess.permission(.archiveAdmin)
        routes.get("/archives/referentiels", admin) { request, context, _ in
            let notices = ["convention": "La convention d'entrée est enregistrée.", "service": "Le service est enregistré.", "regle": "La règle est enregistrée.",
                           "profil": "Le profil d'archivage est enregistré."]
            return try await page(context, notice: request.uri.queryParameters["message"].flatMap { notices[String($0)] }, error: nil)
        }
        routes.form("/archives/referentiels/conventions", admin, ArchivistPages.AgreementForm.self) { _, context, _, form in
            try await handle(context, "convention") {
                let agencies = (form.agencies ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
                try await ArchiveReferentials(member: context.store).save(try ReferentialInput.agreement(identifier: form.identifier, name: form.name, agencies: agencies))
            }
        }
        routes.form("/archives/referentiels/services", admin, ArchivistPages.AgencyForm.self) { _, context, _, form in
            try await handle(context, "service") {
                try await ArchiveReferentials(member: context.store).save(try ReferentialInput.agency(identifier: form.identifier, name: form.name))
            }
        }
        routes.form("/archives/referentiels/profils", admin, ArchivistPages.ProfileForm.self) { _, context, _, form in
            try await handle(context, "profil") {
                let referentials = ArchiveReferentials(member: context.store)
                try await referentials.save(try ReferentialInput.profile(
                    documentType: form.documentType, agreement: form.agreement, agency: form.agency, rule: form.rule, finalAction: form.finalAction,
                    agreements: try await referentials.agreements()))
            }
        }
        routes.form("/archives/referentiels/regles", admin, ArchivistPages.RuleForm.self) { _, context, _, form in
            try await handle(context, "regle") {
                try await ArchiveReferentials(member: context.store).save(try ReferentialInput.rule(
                    identifier: form.identifier, kind: form.kind, name: form.name, duration: form.duration, measurement: form.measurement, finalAction: form.finalAction
                ))
            }
        }
    }

    /// Runs a change; a refusal shows the page again with the reason (422).
    func handle(_ context: TenantRequestContext, _ notice: String, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
        } catch let invalid as ReferentialInput.Invalid {
            return try await page(context, notice: nil, error: invalid.message, status: .unprocessableContent)
        }
        throw WebError.redirect(to: "/archives/referentiels?message=\(notice)")
    }

    func page(_ context: TenantRequestContext, notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let referentials = ArchiveReferentials(member: context.store)
        let csrf = context.session?.record.csrf ?? ""
        var response = pages.render("archive-referentials", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": csrf, "notice": notice ?? false, "error": error ?? false,
            "agreements": try await referentials.agreements().map {
                ["identifier": $0.identifier, "name": $0.name, "agencies": $0.originatingAgencies.isEmpty ? "tous les services du référentiel" : $0.originatingAgencies.joined(separator: ", ")]
            },
            "agencies": try await referentials.agencies().map { ["identifier": $0.identifier, "name": $0.name] },
            "profiles": try await referentials.profiles().map {
                ["documentType": $0.documentType, "agreement": $0.archivalAgreement, "agency": $0.originatingAgency,
                 "rule": $0.appraisalRule ?? "—", "finalAction": $0.finalAction]
            },
            "rules": try await referentials.rules().map { rule in
                let unit = ["year": "an(s)", "month": "mois", "day": "jour(s)"][rule.measurement] ?? rule.measurement
                return ["identifier": rule.identifier, "kind": rule.kind, "name": rule.name,
                        "duration": rule.duration.map { "\($0) \(unit)" } ?? "illimitée", "finalAction": rule.finalAction ?? "—"]
            },
            "kinds": ArchiveRule.kinds,
        ])
        response.status = status
        return response
    }
}
