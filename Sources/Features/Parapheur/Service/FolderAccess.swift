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

/// Who sees a folder: partner systems holding `parapheur.read`, the member's administrators,
/// and the agents of a desk it concerns (emitter, a desk of its circuit, one that acted or was
/// consulted), directly or by an active delegation.
enum FolderAccess {
    static func desks(of folder: Folder) -> Set<DeskID> {
        var desks: Set<DeskID> = [folder.emitter]
        for step in folder.circuit.steps { desks.formUnion(step.assignment.desks) }
        desks.formUnion(folder.circuit.currentDesks)
        for entry in folder.circuit.history {
            if let desk = entry.desk { desks.insert(desk) }
            if let target = entry.target { desks.insert(target) }
        }
        if let opinion = folder.circuit.secondOpinion { desks.insert(opinion.desk) }
        return desks
    }

    static func visible(_ folder: Folder, to principal: Principal, actor: CircuitActor?) -> Bool {
        if principal.kind == .client || principal.roles.contains(.tenantAdmin) { return true }
        guard let actor else { return false }
        return !desks(of: folder).isDisjoint(with: actor.desks.union(actor.delegations.keys))
    }
}
