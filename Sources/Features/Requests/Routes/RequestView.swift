import Foundation
import Web

/// A request as its pages show it: to the citizen (public history), or to agents (everything).
enum RequestView {
    static func values(_ record: RequestRecord, type: ProcedureType, owner: OwnerRef, forAgents: Bool, documentBase: String,
                       now: Date = Date()) -> [String: Any] {
        let workflow = type.workflow
        let entries = forAgents ? record.lifecycle.history : record.lifecycle.publicHistory
        return [
            "number": record.number, "procedure": type.title, "owner": owner.name,
            "status": workflow.status(record.status)?.label ?? record.status, "closed": record.closed,
            "filed": FrenchDate.long(record.filedAt), "updated": FrenchDate.long(record.updatedAt),
            "late": record.isLate(now: now), "due": type.delay.dueDay(filedAt: record.filedAt)?.french ?? "",
            "answers": FormView.summary(type.form, answers: record.answers) { "\(documentBase)/\($0.uuidString.lowercased())" },
            "history": entries.reversed().map { entry(for: $0, workflow: workflow, forAgents: forAgents, documentBase: documentBase) },
            "mayReply": !forAgents && record.requester != nil && record.lifecycle.citizenMayReply(in: workflow),
            "revision": record.revision,
        ]
    }

    static func entry(for entry: LifecycleEntry, workflow: WorkflowDefinition, forAgents: Bool, documentBase: String) -> [String: Any] {
        let label: (String) -> String = { workflow.status($0)?.label ?? $0 }
        var item: [String: Any] = ["date": FrenchDate.long(entry.at), "internal": entry.isInternal]
        switch entry.event {
        case .filed(let status):
            item["title"] = "Demande déposée"
            item["text"] = "Statut « \(label(status)) »."
        case .transition(let id, _, let to, let message):
            item["title"] = "Statut : « \(label(to)) »" + (forAgents ? " (\(workflow.transition(id)?.label ?? id))" : "")
            item["text"] = message ?? ""
        case .citizenReply(let message, let documents):
            item["title"] = forAgents ? "Réponse du demandeur" : "Votre réponse"
            item["text"] = message ?? ""
            item["documents"] = documents.map { ["link": "\(documentBase)/\($0.uuidString.lowercased())"] }
        case .agentMessage(let text):
            item["title"] = "Message du service"
            item["text"] = text
        case .note(let text):
            item["title"] = "Note interne"
            item["text"] = text
        case .assignment(let assignee):
            item["title"] = "Attribution"
            item["text"] = switch assignee {
            case .agent: "Demande attribuée à un agent."
            case .team: "Demande attribuée à une équipe."
            }
        }
        if (item["text"] as? String)?.isEmpty == true { item["text"] = false }  // an empty string is a true section
        return item
    }
}
