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

/// A folder as the API writes it (and the pages read it), with desk names resolved.
struct FolderView: Sendable {
    let folder: Folder
    let files: [FolderFile]
    let names: [DeskID: String]

    func name(_ desk: DeskID) -> String { names[desk] ?? "Bureau supprimé" }

    static func status(_ status: Circuit.Status) -> String {
        switch status {
        case .inProgress: "in_progress"
        case .rejected: "rejected"
        case .completed: "completed"
        }
    }

    static func action(_ kind: ActionKind) -> String {
        switch kind {
        case .askSecondOpinion: "second_opinion"
        case .giveOpinion: "opinion"
        default: kind.rawValue
        }
    }

    var path: String { "/api/v1/parapheur/folders/\(folder.id.uuidString.lowercased())" }

    func write(into json: inout JSONWriter) {
        let circuit = folder.circuit
        json.beginObject()
        json.field("id", folder.id.uuidString.lowercased())
        json.field("title", folder.title)
        json.field("type", folder.type.type)
        json.field("subtype", folder.type.subtype)
        json.field("status", Self.status(circuit.status))
        json.field("due_date", folder.dueDate)
        json.key("metadata")
        json.beginObject()
        for (key, value) in folder.metadata.sorted(by: { $0.key < $1.key }) { json.field(key, value) }
        json.endObject()
        json.key("emitter")
        desk(folder.emitter, into: &json)
        json.key("current_step")
        if let step = circuit.currentStep {
            json.beginObject()
            json.field("number", circuit.stepIndex + 1)
            json.field("count", circuit.steps.count)
            json.field("kind", step.kind.rawValue)
            json.field("format", step.format?.rawValue)
            json.key("desks")
            json.beginArray()
            for desk in circuit.currentDesks { self.desk(desk, into: &json) }
            json.endArray()
            json.endObject()
        } else {
            json.null()
        }
        json.key("pending_desks")
        json.beginArray()
        for desk in circuit.pendingDesks.sorted(by: { name($0) < name($1) }) { self.desk(desk, into: &json) }
        json.endArray()
        json.key("second_opinion")
        if let opinion = circuit.secondOpinion { desk(opinion.desk, into: &json) } else { json.null() }
        json.key("documents")
        json.beginArray()
        for file in files {
            json.beginObject()
            json.field("id", file.id.uuidString.lowercased())
            json.field("role", file.role.rawValue)
            json.field("file_name", file.fileName)
            json.field("media_type", file.mediaType)
            json.field("size", file.size)
            json.field("sha256", file.sha256)
            json.field("version", file.version)
            json.field("signs", file.signs?.uuidString.lowercased())
            json.field("content", "\(path)/documents/\(file.id.uuidString.lowercased())")
            json.endObject()
        }
        json.endArray()
        json.key("history")
        json.beginArray()
        for entry in circuit.history {
            json.beginObject()
            json.field("at", entry.at)
            json.field("action", Self.action(entry.action))
            json.field("step", entry.step + 1)
            json.key("desk")
            if let desk = entry.desk { self.desk(desk, into: &json) } else { json.null() }
            json.key("through")
            if let through = entry.through { desk(through, into: &json) } else { json.null() }
            json.field("by", entry.signatory(naming: name))
            json.field("comment", entry.comment)
            json.key("target")
            if let target = entry.target { desk(target, into: &json) } else { json.null() }
            json.endObject()
        }
        json.endArray()
        json.field("created_at", folder.createdAt)
        json.field("updated_at", folder.updatedAt)
        json.field("bundle", circuit.status == .completed ? "\(path)/bundle" : nil)
        json.endObject()
    }

    private func desk(_ id: DeskID, into json: inout JSONWriter) {
        json.beginObject()
        json.field("id", id.uuidString.lowercased())
        json.field("name", name(id))
        json.endObject()
    }
}
