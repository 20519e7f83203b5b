import Events
import Foundation
import HTTPTypes
import Mail
import Postgres
import Tenancy
import TenantStore
import Web

/// Applies an action to a request of the member that processes it: the pure lifecycle decides,
/// then one transaction writes the request, its events, and what the citizen and the agents are
/// told (a citizen of another member through `LinkSyncJob`, on their own portal).
struct ProcessingService: Sendable {
    let services: RequestsServices
    let owner: Tenant

    var store: MemberStore { services.tenants.member(owner.slug) }

    /// The request after the action. A refusal (`LifecycleRefusal`) changes nothing; so does a
    /// request changed since `revision` (409, when the caller gives the revision it showed).
    @discardableResult
    func act(on id: UUID, _ action: LifecycleAction, by actor: LifecycleActor, eventActor: EventActor,
             revision: Int? = nil, at now: Date = Date()) async throws -> RequestRecord {
        guard let current = try await RequestStore(store).request(id) else { throw WebError.notFound("Cette demande n'existe pas.") }
        guard let type = try await ProcedureStore(store).type(id: current.typeID, version: current.typeVersion) else {
            throw WebError.notFound("La démarche de cette demande n'existe plus.")
        }
        return try await store.transaction { connection in
            guard var record = try await RequestStore(store).lock(id, on: connection) else { throw WebError.notFound("Cette demande n'existe pas.") }
            if let revision, revision != record.revision {
                throw WebError(.conflict, kind: "conflict", title: "Demande modifiée entre-temps",
                               detail: "La demande \(record.number) a été modifiée depuis que vous l'avez ouverte ; rechargez la page.")
            }
            guard let number = RequestNumber(record.number) else { throw RequestsError.numbering(record.number) }
            let context = RequestLifecycle.MessageContext(number: number, procedure: type.title)
            let effects: [LifecycleEffect]
            do {
                effects = try Result { () throws(LifecycleRefusal) in
                    try record.lifecycle.apply(action, by: actor, in: type.workflow, context: context, at: now)
                }.get()
            } catch let refusal as LifecycleRefusal {
                throw Self.webError(refusal)
            }
            if case .assigned(let assignee) = action {
                switch assignee {
                case .agent(let agent): (record.assigneeAgent, record.assigneeTeam) = (agent, nil)
                case .team(let team): (record.assigneeAgent, record.assigneeTeam) = (nil, team)
                }
            }
            record.closed = record.lifecycle.isClosed(in: type.workflow)
            try await RequestStore.update(record, closed: record.closed, on: connection)
            record.revision += 1
            try await handle(effects, of: action, record: record, type: type, actor: eventActor, on: connection)
            return record
        }
    }

    private func handle(_ effects: [LifecycleEffect], of action: LifecycleAction, record: RequestRecord, type: ProcedureType,
                        actor: EventActor, on connection: PostgresConnection) async throws {
        let statusLabel = type.workflow.status(record.status)?.label ?? record.status
        let subject = "request:\(record.id.uuidString.lowercased())"
        var notice: String?
        for effect in effects {
            switch effect {
            case .statusChanged(_, _, let message):
                try await services.events?.record(try NewEvent(
                    type: RequestsEvents.statusChanged.name, subject: subject,
                    data: FilingService.eventData(record, statusLabel: statusLabel, message: message, from: "agent"), actor: actor), tenant: owner.slug, on: connection)
            case .notifyCitizen(let message):
                notice = message
                if case .messageSent = action {
                    try await services.events?.record(try NewEvent(
                        type: RequestsEvents.messageAdded.name, subject: subject,
                        data: FilingService.eventData(record, statusLabel: statusLabel, message: message, from: "agent"), actor: actor), tenant: owner.slug, on: connection)
                }
            case .notifyAssignee(let assignee):
                guard !services.isQuiet else { continue }
                try await notifyAgents(assignee, record: record, action: action, on: connection)
            case .journal:
                break
            }
        }
        if case .citizenReplied(let message, _) = action {
            try await services.events?.record(try NewEvent(
                type: RequestsEvents.messageAdded.name, subject: subject,
                data: FilingService.eventData(record, statusLabel: statusLabel, message: message, from: "citizen"), actor: actor), tenant: owner.slug, on: connection)
        }
        try await tellCitizen(record, statusLabel: statusLabel, notice: notice, on: connection)
    }

    /// The citizen hears of the change where they filed: their inbox and a mail (same member), the
    /// mirror on their portal (another member), or a mail (filed without an account).
    private func tellCitizen(_ record: RequestRecord, statusLabel: String, notice: String?, on connection: PostgresConnection) async throws {
        guard !services.isQuiet else { return }
        let filing = services.tenant(record.filingMember)
        if record.filingMember != owner.slug.rawValue, let filing {
            let trackingHash = try await connection.query("SELECT tracking_hash FROM requests WHERE id = \(record.id)").single()?.decode(String?.self, at: 0)
            try await LinkSyncJob.enqueue(.init(record, owner: OwnerRef(slug: owner.slug.rawValue, name: owner.name), statusLabel: statusLabel,
                                                trackingHash: trackingHash, notice: record.requester == nil ? nil : notice),
                                          for: filing.slug, on: connection)
        }
        guard let notice else { return }
        let portalTenant = filing ?? owner
        let title = "Votre demande \(record.number) : \(statusLabel)"
        if let requester = record.requester {
            if record.filingMember == owner.slug.rawValue {
                try await CitizenNotice.notify(account: requester, tenant: owner, portal: services.portal(owner.slug.rawValue), title: title, body: notice,
                                               link: "/mes-demandes/\(record.number)", key: "\(record.id.uuidString.lowercased()):\(record.revision)", on: connection)
            }
        } else {
            try await Mailer.enqueue(MailMessage(tenant: portalTenant.slug, to: record.contactEmail, subject: "\(portalTenant.name) : \(title)", body: """
                Bonjour,

                \(notice)

                Suivez votre demande avec le lien reçu lors de son dépôt.
                """), on: connection)
        }
    }

    private func notifyAgents(_ assignee: Assignee, record: RequestRecord, action: LifecycleAction, on connection: PostgresConnection) async throws {
        let accounts: [UUID] = switch assignee {
        case .agent(let id): [id]
        case .team(let id): try await connection.query("SELECT unnest(members) FROM request_teams WHERE id = \(id)").map { try $0.decode(UUID.self, at: 0) }
        }
        let (title, body) = if case .citizenReplied = action {
            ("Réponse du demandeur : \(record.number)", "Le demandeur a répondu sur la demande \(record.number) (\(record.typeTitle)).")
        } else {
            ("Demande attribuée : \(record.number)", "La demande \(record.number) (\(record.typeTitle)) vous est attribuée.")
        }
        for account in accounts {
            try await CitizenNotice.notify(account: account, tenant: owner, portal: services.portal(owner.slug.rawValue), title: title, body: body,
                                           link: "/administration/demandes/\(record.number)",
                                           key: "\(record.id.uuidString.lowercased()):\(record.revision):\(account.uuidString)", on: connection)
        }
    }

    /// A refusal as the pages and the API show it: 403 for rights, 409 for the request's state, 422 for bad text.
    static func webError(_ refusal: LifecycleRefusal) -> WebError {
        switch refusal {
        case .missingPermission, .agentsOnly, .citizenOnly, .notRequester:
            WebError(.forbidden, kind: "forbidden", title: "Action non autorisée", detail: refusal.reason)
        case .invalidText, .emptyReply, .emptyNote, .emptyMessage:
            WebError(.unprocessableContent, kind: "invalid-request", title: "Saisie incorrecte", detail: refusal.reason)
        default:
            WebError(.conflict, kind: "conflict", title: "Action impossible", detail: refusal.reason)
        }
    }
}
