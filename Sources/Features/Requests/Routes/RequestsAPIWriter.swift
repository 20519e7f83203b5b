import Foundation
import Web

/// The JSON the partners' API writes: procedure types (form and workflow) and requests (answers
/// with the form they were given to, the history the citizen may see).
enum RequestsAPIWriter {
    static func write(_ offered: OfferedProcedure, into json: inout JSONWriter) {
        let type = offered.type
        json.beginObject()
        json.field("slug", type.slug)
        json.field("title", type.title)
        json.field("description", type.description)
        json.key("owner")
        json.beginObject()
        json.field("slug", offered.owner.slug)
        json.field("name", offered.owner.name)
        json.endObject()
        json.field("allows_anonymous", type.allowsAnonymous)
        json.field("located", type.isLocated)
        json.field("delay_days", type.delay.days)
        json.field("version", type.version)
        json.field("open311_group", type.open311Group)
        json.key("form")
        json.beginObject()
        json.field("title", type.form.title)
        json.key("pages")
        json.beginArray()
        for page in type.form.pages {
            json.beginObject()
            json.field("title", page.title)
            json.key("fields")
            json.beginArray()
            for field in page.fields { write(field, into: &json) }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.key("statuses")
        json.beginArray()
        for status in type.workflow.statuses {
            json.beginObject()
            json.field("id", status.id)
            json.field("label", status.label)
            json.field("initial", status.id == type.workflow.initialStatus)
            json.field("final", status.isFinal)
            json.endObject()
        }
        json.endArray()
        json.key("transitions")
        json.beginArray()
        for transition in type.workflow.transitions { write(transition, into: &json) }
        json.endArray()
        json.endObject()
    }

    static func write(_ field: FormField, into json: inout JSONWriter) {
        json.beginObject()
        json.field("key", field.key)
        json.field("label", field.label)
        json.field("help", field.help)
        json.field("kind", kindName(field.kind))
        json.field("required", field.kind.isInput && field.isRequired)
        switch field.kind {
        case .shortText(let maxLength), .longText(let maxLength):
            json.field("max_length", maxLength)
        case .file(let mediaTypes, let maxBytes):
            json.key("media_types")
            json.beginArray()
            for mediaType in mediaTypes { json.value(mediaType) }
            json.endArray()
            json.field("max_bytes", maxBytes)
        case .explanation(let text):
            json.field("text", text)
        default:
            break
        }
        if let choices = field.kind.choices {
            json.key("choices")
            json.beginArray()
            for choice in choices {
                json.beginObject()
                json.field("value", choice.value)
                json.field("label", choice.label)
                json.endObject()
            }
            json.endArray()
        }
        if let condition = field.condition {
            json.key("condition")
            json.beginObject()
            json.field("field", condition.field)
            json.field("value", condition.value)
            json.endObject()
        }
        json.endObject()
    }

    static func write(_ transition: WorkflowTransition, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", transition.id)
        json.field("label", transition.label)
        json.key("from")
        json.beginArray()
        for status in transition.from { json.value(status) }
        json.endArray()
        json.field("to", transition.to)
        json.endObject()
    }

    static let kinds = ["short_text", "long_text", "number", "date", "single_choice", "multiple_choice", "yes_no", "file", "address",
                        "email", "phone", "siret", "iban", "section", "explanation"]

    static func kindName(_ kind: FieldKind) -> String {
        switch kind {
        case .shortText: "short_text"
        case .longText: "long_text"
        case .number: "number"
        case .date: "date"
        case .singleChoice: "single_choice"
        case .multipleChoice: "multiple_choice"
        case .yesNo: "yes_no"
        case .file: "file"
        case .address: "address"
        case .email: "email"
        case .phone: "phone"
        case .siret: "siret"
        case .iban: "iban"
        case .section: "section"
        case .explanation: "explanation"
        }
    }

    /// A request as its processing member's API shows it (`type` at the version it was filed with).
    static func write(_ record: RequestRecord, type: ProcedureType, into json: inout JSONWriter) {
        let workflow = type.workflow
        json.beginObject()
        json.field("id", record.id.uuidString.lowercased())
        json.field("number", record.number)
        json.key("type")
        json.beginObject()
        json.field("slug", record.typeSlug)
        json.field("title", record.typeTitle)
        json.field("version", record.typeVersion)
        json.endObject()
        json.field("status", record.status)
        json.field("status_label", workflow.status(record.status)?.label ?? record.status)
        json.field("closed", record.closed)
        json.field("filed_at", record.filedAt)
        json.field("updated_at", record.updatedAt)
        json.field("late_from", record.lateFrom)
        json.field("filing_member", record.filingMember)
        json.field("channel", record.channel.rawValue)
        json.field("revision", record.revision)
        json.key("address")
        if let address = record.address { write(address, into: &json) } else { json.null() }
        json.key("answers")
        json.beginArray()
        for field in type.form.inputFields {
            guard let answer = record.answers[field.key] else { continue }
            json.beginObject()
            json.field("key", field.key)
            json.field("label", field.label)
            json.field("kind", kindName(field.kind))
            json.field("display", answer.displayText(for: field))
            json.key("value")
            write(answer, into: &json)
            json.endObject()
        }
        json.endArray()
        json.key("documents")
        json.beginArray()
        for field in type.form.inputFields {
            if case .document(let id) = record.answers[field.key] { json.value(id.uuidString.lowercased()) }
        }
        json.endArray()
        json.key("history")
        json.beginArray()
        for entry in record.lifecycle.publicHistory { write(entry, workflow: workflow, into: &json) }
        json.endArray()
        json.key("transitions")
        json.beginArray()
        if !record.closed {
            for transition in workflow.transitions(from: record.status) { write(transition, into: &json) }
        }
        json.endArray()
        json.endObject()
    }

    static func write(_ address: PostalAddress, into json: inout JSONWriter) {
        json.beginObject()
        json.field("text", address.text)
        json.key("latitude")
        if let latitude = address.latitude { json.number(String(latitude)) } else { json.null() }
        json.key("longitude")
        if let longitude = address.longitude { json.number(String(longitude)) } else { json.null() }
        json.endObject()
    }

    /// The stored answer: text for most kinds, an array for several choices, a boolean for yes/no,
    /// an object for an address.
    static func write(_ answer: AnswerValue, into json: inout JSONWriter) {
        switch answer {
        case .text(let text), .number(let text), .choice(let text), .email(let text), .phone(let text), .siret(let text), .iban(let text):
            json.value(text)
        case .date(let date): json.value(date.description)
        case .choices(let values):
            json.beginArray()
            for value in values { json.value(value) }
            json.endArray()
        case .bool(let yes): json.value(yes)
        case .document(let id): json.value(id.uuidString.lowercased())
        case .address(let address): write(address, into: &json)
        }
    }

    static func write(_ entry: LifecycleEntry, workflow: WorkflowDefinition, into json: inout JSONWriter) {
        json.beginObject()
        json.field("at", entry.at)
        switch entry.event {
        case .filed(let status):
            json.field("event", "filed")
            json.field("status", status)
            json.field("status_label", workflow.status(status)?.label ?? status)
        case .transition(let id, _, let to, let message):
            json.field("event", "transition")
            json.field("transition", id)
            json.field("status", to)
            json.field("status_label", workflow.status(to)?.label ?? to)
            json.field("message", message)
        case .citizenReply(let message, let documents):
            json.field("event", "citizen_reply")
            json.field("message", message)
            json.key("documents")
            json.beginArray()
            for document in documents { json.value(document.uuidString.lowercased()) }
            json.endArray()
        case .agentMessage(let message):
            json.field("event", "agent_message")
            json.field("message", message)
        case .note, .assignment:
            // Internal: never reached (`publicHistory`), never written.
            json.field("event", "internal")
        }
        json.endObject()
    }
}
