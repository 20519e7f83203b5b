import Foundation
import Hummingbird
import Identity
import Modules
import Logging
import Postgres
import Tenancy
import TenantStore
import Web

/// One post of a procedure's form: the files of the page stored, the pages up to this one
/// validated (earlier pages' answers travel in hidden fields), then the next page, the summary,
/// or the filing itself. A failure shows the page again with each field's errors (422).
struct FormFlow: Sendable {
    let services: RequestsServices
    let offered: OfferedProcedure
    let request: Request
    let context: TenantRequestContext
    let principal: Principal?
    let pages: CitizenPages

    var form: FormDefinition { offered.type.form }

    func handle(_ post: FormPost) async throws -> Response {
        let nonce = post.technical["_nonce"] ?? ""
        guard TrackingToken.isWellFormed(nonce) else { throw WebError.badRequest("Le formulaire a expiré ; rechargez la page de la démarche.") }
        let known = Set(form.fields.flatMap(\.postedKeys))
        if let unknown = post.answers.keys.sorted().first(where: { !known.contains($0) }) {
            context.logger.notice("request form: unknown field", metadata: ["type": "\(offered.type.slug)", "field": "\(unknown.prefix(100))"])
            throw WebError.badRequest("Le formulaire contient un champ inconnu (« \(unknown.prefix(100)) ») ; rechargez la page de la démarche.")
        }
        let pageCount = form.pages.count
        let current = min(max(Int(post.technical["_page"] ?? "0") ?? 0, 0), pageCount)
        let action = post.technical["_action"] ?? "suivant"
        var raw = post.answers
        var errors: [String: [String]] = [:]
        if current < pageCount {
            let owner = try services.store(offered.owner.slug)
            for field in form.pages[current].fields {
                guard case .file = field.kind, let file = post.files[field.key] else { continue }
                do {
                    let id = try await Attachments(services: services, owner: owner).store(file.bytes, fileName: file.name, for: field, uploader: "form:\(nonce)")
                    raw[field.key] = [id.uuidString.lowercased()]
                } catch let refusal as Attachments.Refusal {
                    errors[field.key] = [refusal.message]
                    raw[field.key] = nil
                }
            }
            try await attachFromSafe(post, page: form.pages[current], nonce: nonce, raw: &raw, errors: &errors)
        }
        let through = action == "precedent" ? current - 1 : min(current, pageCount - 1)
        var answers: [String: AnswerValue] = [:]
        var failed: Int?
        if through >= 0 {
            for index in 0...through {
                let subset = FormPost.answers(raw, of: form.pages[index])
                switch Result(catching: { () throws(AnswerErrors) in try form.validate(page: index, subset, earlier: answers) }) {
                case .success(let valid): answers.merge(valid) { _, new in new }
                case .failure(let problems):
                    for error in problems.errors { errors[error.key, default: []].append(error.message) }
                    failed = index
                }
                if failed != nil { break }
            }
        }
        if !errors.isEmpty {
            return try await pages.render(offered, request: request, context: context, step: .page(failed ?? min(current, pageCount - 1)), raw: raw, nonce: nonce,
                                    errors: errors, status: .unprocessableContent)
        }
        let next: CitizenPages.Step
        switch action {
        case "precedent":
            var previous = min(current, pageCount) - 1
            while previous > 0, !form.isPageVisible(previous, given: answers) { previous -= 1 }
            next = .page(max(previous, 0))
        case let edit where edit.hasPrefix("modifier-"):
            next = .page(min(max(Int(edit.dropFirst(9)) ?? 0, 0), pageCount - 1))
        case "envoyer":
            guard current == pageCount else { throw WebError.badRequest("Vérifiez le récapitulatif avant d'envoyer la demande.") }
            return try await send(answers, raw: raw, nonce: nonce, email: post.technical["_email"] ?? "")
        default:
            var following = current + 1
            while following < pageCount, !form.isPageVisible(following, given: answers) { following += 1 }
            next = following >= pageCount ? .summary : .page(following)
        }
        if let account = pages.citizen(principal) {
            let page = if case .page(let index) = next { index } else { pageCount - 1 }
            try await DraftStore(member: context.store).save(.init(answers: raw, page: page), account: account, owner: offered.owner.slug,
                                                           type: offered.type.slug, version: offered.type.version)
        }
        return try await pages.render(offered, request: request, context: context, step: next, raw: raw, nonce: nonce, answers: answers)
    }

    /// A document chosen in the citizen's safe for a file field (`_coffre_<key>`) becomes the
    /// request's attachment: a checked copy, stored with the member that processes the request
    /// (its agents see it only through the request); the safe journals the loan.
    private func attachFromSafe(_ post: FormPost, page: FormPage, nonce: String, raw: inout [String: [String]],
                                errors: inout [String: [String]]) async throws {
        guard let account = pages.citizen(principal), let source = services.citizenDocuments.source else { return }
        for field in page.fields {
            guard case .file = field.kind, post.files[field.key] == nil, let choice = post.technical["_coffre_\(field.key)"], !choice.isEmpty else { continue }
            guard let id = UUID(uuidString: choice),
                  let (document, bytes) = try await source.copy(id, of: account, member: context.store,
                                                               purpose: "joint à la démarche « \(offered.type.title) » (\(offered.owner.name))") else {
                errors[field.key] = ["Ce document n'est plus dans votre coffre-fort."]
                continue
            }
            do {
                let owner = try services.store(offered.owner.slug)
                raw[field.key] = [try await Attachments(services: services, owner: owner).store(bytes, fileName: document.name, for: field,
                                                                                                 uploader: "form:\(nonce)").uuidString.lowercased()]
            } catch let refusal as Attachments.Refusal {
                errors[field.key] = [refusal.message]
            }
        }
    }

    /// Files the request: every visible required field answered, its documents given by this
    /// form, an e-mail address when filed without an account.
    private func send(_ answers: [String: AnswerValue], raw: [String: [String]], nonce: String, email: String) async throws -> Response {
        let complete: [String: AnswerValue]
        switch Result(catching: { () throws(AnswerErrors) in try form.complete(answers) }) {
        case .success(let valid): complete = valid
        case .failure(let problems):
            var errors: [String: [String]] = [:]
            for error in problems.errors { errors[error.key, default: []].append(error.message) }
            let first = problems.errors.compactMap { form.page(of: $0.key) }.min() ?? 0
            return try await pages.render(offered, request: request, context: context, step: .page(first), raw: raw, nonce: nonce, errors: errors, status: .unprocessableContent)
        }
        let requester: Requester
        if let account = pages.citizen(principal) {
            let row = try await context.store.read("SELECT display_name, email FROM accounts WHERE id = \(account)").first
            requester = .account(id: account, name: try row?.decode(String.self, at: 0) ?? "", email: try row?.decode(String.self, at: 1) ?? principal?.label ?? "")
        } else {
            let address: String
            switch Result(catching: { () throws(AnswerProblem) in try EmailAddress.normalise(email.trimmingCharacters(in: .whitespaces)) }) {
            case .success(let valid): address = valid
            case .failure(let problem):
                return try await pages.render(offered, request: request, context: context, step: .summary, raw: raw, nonce: nonce, answers: answers, email: email,
                                        emailError: problem.message, status: .unprocessableContent)
            }
            requester = .anonymous(email: address, name: "")
        }
        let owner = try services.store(offered.owner.slug)
        let (documents, foreign) = try await Attachments(services: services, owner: owner).verify(complete, uploader: "form:\(nonce)")
        if let foreign {
            context.logger.notice("request form: a document not given by this form", metadata: ["type": "\(offered.type.slug)", "field": "\(foreign)"])
            throw WebError.badRequest("Une pièce jointe n'a pas été déposée avec ce formulaire ; déposez-la de nouveau.")
        }
        let filed = try await FilingService(services: services).file(
            offered, on: context.tenant, by: requester, answers: complete, documents: documents, channel: .portal,
            actor: RequestsServices.actor(principal))
        if let account = requester.account {
            try await DraftStore(member: context.store).delete(account: account, owner: offered.owner.slug, type: offered.type.slug)
            if offered.owner.slug != context.tenant.slug.rawValue {
                // The mirror now (the job repeats it if this fails): « Mes demandes » lists it at once.
                try? await LinkSyncJob.apply(.init(filed.record, owner: offered.owner, statusLabel: offered.type.workflow.status(filed.record.status)?.label ?? "",
                                                   trackingHash: nil, notice: nil), member: context.store, tenant: context.tenant, services: services)
            }
            throw WebError.redirect(to: "/mes-demandes/\(filed.record.number)?message=depose")
        }
        return services.pages.render("requests-receipt", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "number": filed.record.number, "procedure": offered.type.title, "owner": offered.owner.name, "email": requester.email,
            "tracking": filed.trackingToken.map { services.portal(context.tenant.slug.rawValue) + "/demarches/suivi/\($0)" } ?? false,
        ], status: .created)
    }
}
