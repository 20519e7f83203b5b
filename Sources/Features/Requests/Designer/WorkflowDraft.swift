import Foundation

/// The designer's workflow form (rows of statuses and transitions, as posted) turned into a
/// `WorkflowDefinition` or French reasons. Rows are parallel lists; a row whose label is empty is
/// ignored (the blank row for adding one), a row ticked « supprimer » is dropped.
///
/// Statuses: `statut_id`, `statut_libelle`, and the row indexes in `statut_final`,
/// `statut_reponse`, `statut_supprimer`; `statut_initial` names the initial status's id (or the
/// new row's label). Transitions: `t_id`, `t_libelle`, `t_vers` (a status id or label),
/// `t_permission`, `t_message`, `t_depuis_<row>` (status ids), and `t_lot`, `t_supprimer`.
public enum WorkflowDraft {
    public static let permissions = [RequestLifecycle.processPermission, "requests.design"]

    public static func workflow(_ posted: [String: [String]]) -> Result<WorkflowDefinition, DraftErrors> {
        func list(_ name: String) -> [String] { posted[name] ?? [] }
        func rows(_ name: String) -> Set<Int> { Set(list(name).compactMap(Int.init)) }
        var errors: [String] = []
        var statuses: [WorkflowStatus] = []
        var ids: [String: String] = [:]  // label or id → id
        let (finals, replies, removedStatuses) = (rows("statut_final"), rows("statut_reponse"), rows("statut_supprimer"))
        for (row, label) in list("statut_libelle").enumerated() {
            let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !label.isEmpty, !removedStatuses.contains(row) else { continue }
            let given = list("statut_id").indices.contains(row) ? list("statut_id")[row] : ""
            let id = given.isEmpty ? FieldDraft.key(from: label).replacingOccurrences(of: "_", with: "-") : given
            statuses.append(WorkflowStatus(id: id, label: label, isFinal: finals.contains(row), citizenMayReply: replies.contains(row)))
            ids[id] = id
            ids[label] = id
        }
        let initial = ids[list("statut_initial").first ?? ""] ?? statuses.first?.id ?? ""
        var transitions: [WorkflowTransition] = []
        let (bulk, removed) = (rows("t_lot"), rows("t_supprimer"))
        for (row, label) in list("t_libelle").enumerated() {
            let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !label.isEmpty, !removed.contains(row) else { continue }
            func at(_ name: String) -> String { list(name).indices.contains(row) ? list(name)[row].trimmingCharacters(in: .whitespacesAndNewlines) : "" }
            let id = at("t_id").isEmpty ? FieldDraft.key(from: label).replacingOccurrences(of: "_", with: "-") : at("t_id")
            let permission = at("t_permission").isEmpty ? RequestLifecycle.processPermission : at("t_permission")
            if !permissions.contains(permission) { errors.append("Permission inconnue pour « \(label) ».") }
            let from = list("t_depuis_\(row)").compactMap { ids[$0] }
            if from.isEmpty { errors.append("Indiquez depuis quel(s) statut(s) l'action « \(label) » est possible.") }
            guard let to = ids[at("t_vers")] else {
                errors.append("Indiquez le statut où mène l'action « \(label) ».")
                continue
            }
            let message = at("t_message").replacingOccurrences(of: "\r\n", with: "\n")
            transitions.append(WorkflowTransition(id: id, label: label, from: from, to: to, permission: permission,
                                                  message: message.isEmpty ? nil : message, allowsBulk: bulk.contains(row)))
        }
        let workflow = WorkflowDefinition(statuses: statuses, initialStatus: initial, transitions: transitions)
        errors += workflow.problems().map(\.message)
        return errors.isEmpty ? .success(workflow) : .failure(DraftErrors(messages: errors))
    }
}
