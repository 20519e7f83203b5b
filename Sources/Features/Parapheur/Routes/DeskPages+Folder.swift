import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

extension DeskPages {
    /// A folder's page: what it is, what the agent may do now, its documents and history.
    func folderPage(_ folder: Folder, service: FolderService, context: TenantRequestContext, principal: Principal,
                    notice: String?, error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let names = try await service.parapheur.deskNames()
        let files = try await service.store.files(folder.id)
        let circuit = folder.circuit
        let name = { (desk: DeskID) in names[desk] ?? "Bureau supprimé" }
        var allowed: [ActionKind] = []
        var asDesks: [DeskID] = []
        if let actor = try await services.actor(principal, service: service), principal.can(.parapheurAct) {
            allowed = circuit.allowedActions(for: actor)
            asDesks = circuit.pendingDesks.filter { actor.desks.contains($0) || actor.delegations[$0] != nil }.sorted { name($0) < name($1) }
        }
        let buttons: [(ActionKind, String, String)] = [
            (.visa, "visa", "Viser"), (.sign, "sign", "Signer"), (.seal, "seal", "Apposer le cachet"), (.giveOpinion, "opinion", "Rendre l'avis"),
            (.reject, "reject", "Rejeter"), (.transfer, "transfer", "Transférer"), (.askSecondOpinion, "second_opinion", "Demander un avis"),
            (.undo, "undo", "Annuler ma dernière action"), (.resubmit, "resubmit", "Renvoyer dans le circuit"), (.bypass, "bypass", "Passer l'étape (administrateur)"),
        ]
        let shown = buttons.filter { allowed.contains($0.0) }
        let others = names.keys.sorted { name($0) < name($1) }
        let mains = files.filter { $0.role == .main }
        let roles: [FolderFile.Role: String] = [.main: "document principal", .annex: "annexe", .signature: "signature détachée"]
        var response = pages.render("parapheur-folder", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": context.session?.record.csrf ?? "",
            "notice": notice ?? false,
            "error": error ?? false,
            "folder": [
                "id": folder.id.uuidString.lowercased(), "title": folder.title, "type": folder.type.label,
                "status": ParapheurLabels.status(circuit.status),
                "step": circuit.currentStep.map { "\(circuit.stepIndex + 1) sur \(circuit.steps.count) : \(ParapheurLabels.step($0.kind))" } ?? false,
                "emitter": name(folder.emitter),
                "pending": circuit.pendingDesks.isEmpty ? false : circuit.pendingDesks.map(name).sorted().joined(separator: ", "),
                "due": folder.dueDate ?? false,
            ] as [String: Any],
            "metadata": folder.metadata.sorted { $0.key < $1.key }.map { ["key": $0.key, "value": $0.value] },
            "actions": [
                "any": !shown.isEmpty,
                "buttons": shown.map { ["value": $0.1, "label": $0.2] },
                "sign": allowed.contains(.sign),
                "target": allowed.contains(.transfer) || allowed.contains(.askSecondOpinion),
                "desks": others.map { ["id": $0.uuidString.lowercased(), "name": name($0)] },
                "asDesks": asDesks.count > 1 ? asDesks.map { ["id": $0.uuidString.lowercased(), "name": name($0)] } : false,
            ] as [String: Any],
            "documents": files.map { file in
                [
                    "id": file.id.uuidString.lowercased(), "name": file.fileName, "role": roles[file.role] ?? "fichier",
                    "version": file.role == .main && file.version > 1 ? file.version - 1 : false,
                    "size": file.size < 1024 ? "\(file.size) octets" : "\(file.size / 1024) Ko",
                ] as [String: Any]
            },
            "preview": mains.first.map { $0.id.uuidString.lowercased() } ?? false,
            "bundle": circuit.status == .completed,
            "history": circuit.history.map { entry in
                [
                    "date": "\(FrenchDate.long(entry.at)) à \(FrenchDate.time(entry.at))", "action": ParapheurLabels.action(entry.action),
                    "by": entry.signatory(naming: name) ?? (entry.account == nil ? "Plate-forme" : "Administrateur"),
                    "comment": [entry.comment, entry.target.map { "→ \(name($0))" }].compactMap { $0 }.joined(separator: " "),
                ]
            },
        ])
        response.status = status
        return response
    }
}
