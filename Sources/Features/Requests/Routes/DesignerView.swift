import Foundation
import Hummingbird
import Identity
import Tenancy
import Web

/// A procedure type's designer page: settings, fields by page, the workflow's rows (with a blank
/// row to add a status and one to add an action), the JSON definition and the versions.
struct DesignerView: Sendable {
    let services: RequestsServices

    func page(_ type: ProcedureType, context: TenantRequestContext, notice: String? = nil, errors: [String] = [], draft: FieldDraft? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let csrf = context.session?.record.csrf ?? ""
        let kindLabels = Dictionary(uniqueKeysWithValues: FieldDraft.kinds.map { ($0.id, $0.label) })
        let form = type.form
        let pages = form.pages.enumerated().map { index, page -> [String: Any] in
            ["number": index + 1, "title": page.title, "fields": page.fields.map { field -> [String: Any] in
                var condition: Any = false
                if let rule = field.condition { condition = "Affiché si « \(form.field(rule.field)?.label ?? rule.field) » = \(rule.value)" }
                return ["key": field.key, "label": field.label, "required": field.isRequired && field.kind.isInput,
                        "kind": kindLabels[FormView.kindName(field.kind)] ?? "", "condition": condition, "slug": type.slug, "csrf": csrf, "version": type.version]
            }]
        }
        let workflow = type.workflow
        let statusRows = (workflow.statuses.map { Optional($0) } + [nil]).enumerated().map { row, status -> [String: Any] in
            ["row": row, "id": status?.id ?? "", "label": status?.label ?? "", "initial": status?.id == workflow.initialStatus,
             "final": status?.isFinal ?? false, "reply": status?.citizenMayReply ?? false]
        }
        let transitionRows = (workflow.transitions.map { Optional($0) } + [nil]).enumerated().map { row, transition -> [String: Any] in
            [
                "row": row, "id": transition?.id ?? "", "label": transition?.label ?? "", "message": transition?.message ?? "", "bulk": transition?.allowsBulk ?? false,
                "targets": workflow.statuses.map { ["id": $0.id, "label": $0.label, "selected": $0.id == transition?.to] as [String: Any] },
                "sources": workflow.statuses.filter { !$0.isFinal }.map { ["id": $0.id, "label": $0.label, "selected": transition?.from.contains($0.id) ?? false] as [String: Any] },
                "permissions": WorkflowDraft.permissions.map { ["id": $0, "label": $0 == "requests.design" ? "administrateurs (conception)" : "agents qui traitent",
                                                                "selected": $0 == (transition?.permission ?? RequestLifecycle.processPermission)] as [String: Any] },
            ]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let versions = try await ProcedureStore(context.store).versions(of: type.id).prefix(20).map {
            ["version": $0.version, "date": FrenchDate.long($0.createdAt), "by": $0.createdBy] as [String: Any]
        }
        var field: [String: Any] = [:]
        if let draft {
            field = ["label": draft.label, "key": draft.key, "help": draft.help, "choices": draft.choices, "maxLength": draft.maxLength,
                     "minimum": draft.minimum, "maximum": draft.maximum, "text": draft.text]
        }
        return services.pages.render("requests-designer-type", site: PageSite(tenant: context.tenant), viewer: context.viewer, values: [
            "csrf": csrf, "notice": notice ?? false, "hasErrors": !errors.isEmpty, "errors": errors,
            "type": [
                "slug": type.slug, "title": type.title, "description": type.description, "delay": type.delay.days, "group": type.open311Group,
                "anonymous": type.allowsAnonymous, "offered": type.offeredToMembers, "published": type.published, "version": type.version,
                "intercommunality": context.tenant.kind == .intercommunality, "csrf": csrf,
            ] as [String: Any],
            "pages": pages, "field": field,
            "kinds": FieldDraft.kinds.map { ["id": $0.id, "label": $0.label, "selected": $0.id == (draft?.kind ?? "text")] as [String: Any] },
            "pageChoices": form.pages.enumerated().map { ["index": $0.offset, "label": "Étape \($0.offset + 1) : \($0.element.title)"] as [String: Any] }
                + [["index": form.pages.count, "label": "Une nouvelle étape"]],
            "fileTypes": FieldDraft.fileTypes.map { ["id": $0.id, "label": $0.label] },
            "conditionFields": form.inputFields.filter { $0.kind.conditionValues != nil }.map {
                ["key": $0.key, "label": "\($0.label) (valeurs : \(($0.kind.conditionValues ?? []).joined(separator: ", ")))"]
            },
            "statuses": statusRows, "transitions": transitionRows, "placeholders": "{{numero}}, {{statut}} et {{demarche}}",
            "json": ["form": String(decoding: (try? encoder.encode(form)) ?? Data(), as: UTF8.self),
                     "workflow": String(decoding: (try? encoder.encode(workflow)) ?? Data(), as: UTF8.self)],
            "versions": Array(versions),
        ], status: status)
    }
}
