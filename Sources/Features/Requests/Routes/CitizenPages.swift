import Cryptography
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Modules
import Tenancy
import Web

/// The « Démarches » section of a portal: the procedures offered there (the member's own and the
/// intercommunality's competences), each one's form page by page with a summary before sending,
/// drafts for signed-in citizens, anonymous filing where the type allows it.
struct CitizenPages: Sendable {
    let services: RequestsServices

    func register(on routes: SecuredRoutes<TenantRequestContext>) {
        routes.get("/demarches", .public) { _, context in
            let offered = try await services.offered(on: context.tenant)
            var groups: [[String: Any]] = []
            for owner in Self.unique(offered.map(\.owner)) {
                let procedures = offered.filter { $0.owner == owner }.map { item -> [String: Any] in
                    ["slug": item.type.slug, "title": item.type.title, "description": item.type.description,
                     "delay": item.type.delay.days, "anonymous": item.type.allowsAnonymous]
                }
                let own = owner.slug == context.tenant.slug.rawValue
                groups.append(["title": own ? "Démarches de \(owner.name)" : "Démarches de \(owner.name) (compétences intercommunales)",
                               "note": own ? false : "Ces demandes sont traitées par les services de \(owner.name) ; vous les suivez ici, dans « Mes demandes ».",
                               "procedures": procedures])
            }
            return services.pages.render("requests-list", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: ["groups": groups])
        }
        routes.get("/demarches/:slug", .public) { request, context in
            let principal = context.principal
            let offered = try await procedure(context)
            if !offered.type.allowsAnonymous, principal == nil { throw Self.signIn(offered) }
            var raw: [String: [String]] = [:]
            var page = 0
            var resumed = false
            if let account = citizen(principal),
               let draft = try await DraftStore(member: context.store).draft(account: account, owner: offered.owner.slug, type: offered.type.slug,
                                                                            version: offered.type.version) {
                raw = draft.answers
                page = min(max(draft.page, 0), offered.type.form.pages.count - 1)
                resumed = true
            }
            return try await render(offered, request: request, context: context, step: .page(page), raw: raw, nonce: try SecureRandom.token(byteCount: 24), draft: resumed)
        }
        routes.post("/demarches/:slug", .public) { request, context in
            let principal = context.principal
            let offered = try await procedure(context)
            if !offered.type.allowsAnonymous, principal == nil { throw Self.signIn(offered) }
            // The form's files at most (a multipart form is read whole before its fields are checked).
            let files = offered.type.form.inputFields.reduce(0) { total, field in
                if case .file(_, let maxBytes) = field.kind { total + maxBytes } else { total }
            }
            let post = try await FormPost.read(request, limit: min(files, services.uploadLimit) + 256 * 1024)
            try CSRF.verify(post.csrf, session: context.session, request: request, cookie: services.cookie)
            return try await FormFlow(services: services, offered: offered, request: request, context: context, principal: principal, pages: self).handle(post)
        }
    }

    enum Step: Equatable {
        case page(Int)
        case summary
    }

    func render(_ offered: OfferedProcedure, request: Request, context: TenantRequestContext, step: Step, raw: [String: [String]], nonce: String,
                errors: [String: [String]] = [:], general: [String] = [], answers: [String: AnswerValue] = [:], email: String = "",
                emailError: String? = nil, draft: Bool = false, status: HTTPResponse.Status = .ok) async throws -> Response {
        let form = offered.type.form
        let (csrf, setCookie) = try CSRF.token(session: context.session, request: request, cookie: services.cookie)
        var values: [String: Any] = [
            "csrf": csrf, "nonce": nonce, "draft": draft,
            "hasErrors": !errors.isEmpty || !general.isEmpty || emailError != nil, "general": general,
            "enctype": form.inputFields.contains { if case .file = $0.kind { true } else { false } } ? "multipart/form-data" : "application/x-www-form-urlencoded",
        ]
        var procedure: [String: Any] = ["slug": offered.type.slug, "title": offered.type.title, "description": offered.type.description,
                                        "owner": offered.owner.name, "delay": offered.type.delay.days, "first": false]
        switch step {
        case .page(let index):
            procedure["first"] = index == 0
            let page = form.pages[index]
            values["page"] = index
            values["step"] = ["number": index + 1, "count": form.pages.count, "title": page.title] as [String: Any]
            var safe: [CitizenDocument] = []
            if let account = citizen(context.principal), let source = services.citizenDocuments.source,
               page.fields.contains(where: { if case .file = $0.kind { true } else { false } }) {
                safe = (try? await source.documents(of: account, member: context.store)) ?? []
            }
            values["fields"] = FormView.fields(page.fields, form: form, raw: raw, errors: errors, safe: safe)
            values["hidden"] = FormView.hidden(raw, except: page)
            values["hasPrevious"] = index > 0
            values["last"] = index == form.pages.count - 1
        case .summary:
            values["page"] = form.pages.count
            values["summary"] = true
            values["hidden"] = FormView.hidden(raw, except: nil)
            let shown = form.keepingVisible(answers)
            values["pages"] = form.pages.enumerated().compactMap { index, page -> [String: Any]? in
                let items = FormView.summary(FormDefinition(title: form.title, pages: [page]), answers: shown)
                guard form.isPageVisible(index, given: shown) else { return nil }
                return ["index": index, "title": page.title, "items": items]
            }
            values["askEmail"] = citizenAccount(context) == nil
            values["email"] = email
            values["emailError"] = emailError ?? false
        }
        values["procedure"] = procedure
        return services.pages.render("requests-form", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: values, status: status,
                                     headers: setCookie.map { [.setCookie: $0] } ?? [:])
    }

    func procedure(_ context: TenantRequestContext) async throws -> OfferedProcedure {
        let slug = context.parameters.get("slug") ?? ""
        guard let offered = try await services.offered(slug, on: context.tenant) else {
            throw WebError.notFound("Cette démarche n'est pas proposée sur ce portail.")
        }
        return offered
    }

    /// The signed-in citizen's (or agent's) account, who files in their own name.
    func citizen(_ principal: Principal?) -> UUID? {
        guard let principal, principal.kind == .citizen || principal.kind == .agent else { return nil }
        return UUID(uuidString: principal.id)
    }

    func citizenAccount(_ context: TenantRequestContext) -> UUID? { citizen(context.principal) }

    static func signIn(_ offered: OfferedProcedure) -> WebError {
        .redirect(to: "/compte/connexion?retour=%2Fdemarches%2F\(offered.type.slug)")
    }

    static func unique(_ owners: [OwnerRef]) -> [OwnerRef] {
        var seen: Set<OwnerRef> = []
        return owners.filter { seen.insert($0).inserted }
    }
}
