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

extension FolderService {
    /// Who acts, and with what: a person (with the desks and delegations they have now).
    struct Agent: Sendable {
        var account: AccountID
        var email: EmailAddress
        var name: String
        var isAdministrator: Bool
        var clientIP: String?

        var eventActor: EventActor { EventActor(kind: "agent", id: account.uuidString.lowercased(), label: name) }
    }

    /// How a signature step is signed: with the agent's key on the platform (PIN), or by an
    /// uploaded detached signature made elsewhere (a card), checked before it is accepted.
    enum SignatureSource: Sendable {
        case platformKey(pin: String?)
        case detached([UInt8])
    }

    /// Applies `action` to the folder as `agent` (acting as `desk` if given). The circuit decides
    /// first (refusals change nothing); a signature is made before anything is written; then the
    /// new state, the signed documents and the events are written in one transaction. A seal
    /// step reached is sealed at once by the platform.
    @discardableResult
    func act(on id: UUID, _ action: CircuitAction, by agent: Agent, as desk: DeskID?, signature: SignatureSource = .platformKey(pin: nil),
             at time: Date = Date()) async throws -> Folder {
        guard var folder = try await store.folder(id) else { throw Self.noFolder(id) }
        let actor = try await parapheur.actor(account: agent.account, isAdministrator: agent.isAdministrator, at: time)
        let (circuit, effects) = try Self.decide { () throws(CircuitError) in try folder.circuit.applying(action, by: actor, as: desk, at: time) }
        guard let entry = circuit.history.last else { throw WebError.badRequest("Action sans effet.") }
        var signed: [SignedFile] = []
        if action.kind == .sign {
            let step = folder.circuit.currentStep
            signed = try await sign(folder, format: step?.format ?? .pades, source: signature, agent: agent, at: time)
        }
        folder = try await commit(folder, circuit: circuit, entry: entry, effects: effects, signed: signed, actor: agent.eventActor)
        return try await sealIfReached(folder, effects: effects, at: time)
    }

    /// A seal step reached: the member's seal signs, then `.system` applies `seal`.
    func sealIfReached(_ folder: Folder, effects: [CircuitEffect], at time: Date) async throws -> Folder {
        var folder = folder
        var pending = effects
        while let format = pending.lazy.compactMap({ effect -> SignatureFormat? in
            if case .sealStepReached(_, let format) = effect { return format } else { return nil }
        }).first {
            guard let trust else { return folder }
            let seal: SigningIdentity
            do { seal = try trust.seal(member: member.slug.rawValue) } catch {
                logger.warning("parapheur: seal step waits, no seal installed", metadata: ["tenant": "\(member.slug)", "error": "\(error)"])
                return folder
            }
            let (circuit, effects) = try Self.decide { () throws(CircuitError) in try folder.circuit.applying(.seal, by: .system, at: time) }
            let signed = try await signWith(seal, folder: folder, format: format, visible: nil, reason: "Cachet de \(tenant.name)")
            folder = try await commit(folder, circuit: circuit, entry: circuit.history.last!, effects: effects, signed: signed,
                                      actor: EventActor(kind: "system", id: nil, label: "Cachet de \(tenant.name)"))
            pending = effects
        }
        return folder
    }

    struct SignedFile: Sendable {
        var main: FolderFile
        var bytes: [UInt8]
        var detached: Bool
        var name: String
    }

    private func sign(_ folder: Folder, format: SignatureFormat, source: SignatureSource, agent: Agent, at time: Date) async throws -> [SignedFile] {
        guard let trust else { throw WebError.unavailable(TrustError.configuration("").frenchReason) }
        let mains = try await store.files(folder.id).filter { $0.role == .main }
        switch source {
        case .detached(let p7s):
            // One main document: the uploaded signature must be over it, by a certificate the member trusts.
            guard mains.count == 1, let main = mains.first else {
                throw WebError(.unprocessableContent, kind: "signature-refused", title: "Signature refusée",
                               detail: "Une signature détachée ne peut être déposée que sur un dossier à un seul document principal.")
            }
            let document = try await bytes(of: main)
            do {
                _ = try trust.verifyCAdES(p7s, over: document, member: member.slug.rawValue, at: time)
            } catch {
                logger.info("parapheur: uploaded signature refused", metadata: ["folder": "\(folder.id)", "reason": "\(error.problem)"])
                throw WebError(.unprocessableContent, kind: "signature-refused", title: "Signature refusée", detail: error.frenchReason)
            }
            return [SignedFile(main: main, bytes: p7s, detached: true, name: Self.signatureName(main))]
        case .platformKey(let pin):
            let identity: SigningIdentity
            do {
                identity = try await SignatoryKeys(member: member, trust: trust, throttle: throttle).unlock(agent.account, email: agent.email, pin: pin, clientIP: agent.clientIP)
            } catch let error as TrustError {
                throw WebError(error == .wrongPIN ? .forbidden : .unprocessableContent, kind: error == .wrongPIN ? "wrong-pin" : "no-certificate",
                               title: "Signature impossible", detail: error.frenchReason)
            } catch let throttled as ThrottledPIN {
                let seconds = max(1, Int(throttled.until.timeIntervalSinceNow.rounded(.up)))
                throw WebError(.tooManyRequests, kind: "too-many-attempts", title: "Trop de tentatives",
                               detail: "Trop de codes PIN erronés : réessayez dans \(seconds) s.", headers: [.retryAfter: String(seconds)])
            }
            let when = "\(FrenchDate.long(time)) à \(FrenchDate.time(time))"
            return try await signWith(identity, folder: folder, format: format, visible: ["Signé par \(agent.name)", "le \(when)"], reason: "Signature")
        }
    }

    func signWith(_ identity: SigningIdentity, folder: Folder, format: SignatureFormat, visible: [String]?, reason: String) async throws -> [SignedFile] {
        guard let trust else { throw WebError.unavailable(TrustError.configuration("").frenchReason) }
        var signed: [SignedFile] = []
        for main in try await store.files(folder.id) where main.role == .main {
            let document = try await bytes(of: main)
            if format == .pades, document.starts(with: Array("%PDF-".utf8)) {
                let field = PDFSignatureField(signerName: identity.certificate.commonName, reason: reason, location: tenant.name,
                                              visibleText: visible, contentsCapacity: 24_576)
                signed.append(SignedFile(main: main, bytes: try await trust.signPAdES(document, as: identity, field: field), detached: false, name: main.fileName))
            } else {
                signed.append(SignedFile(main: main, bytes: try await trust.signCAdES(document, as: identity), detached: true, name: Self.signatureName(main)))
            }
        }
        return signed
    }

    /// Writes the change: signed documents first (each held by the folder), then, in one
    /// transaction with the folder locked at the version the change was computed on, the new
    /// state, the files and the event. A concurrent change makes it a 409, with nothing written.
    func commit(_ folder: Folder, circuit: Circuit, entry: CircuitEntry, effects: [CircuitEffect], signed: [SignedFile], actor: EventActor) async throws -> Folder {
        var added: [(SignedFile, UUID)] = []
        do {
            for file in signed {
                added.append((file, try await addDocument(file.bytes, name: file.name, folder: folder.id, author: actor)))
            }
            var updated = folder
            updated.circuit = circuit
            updated.version += 1
            try await member.transaction { connection in
                guard try await FolderStore.lock(folder.id, on: connection) == folder.version else {
                    throw WebError(.conflict, kind: "conflict", title: "Dossier modifié",
                                   detail: "Le dossier a été modifié entre-temps ; rechargez-le avant d'agir.")
                }
                try await FolderStore.save(folder.id, circuit: circuit, on: connection)
                for (file, document) in added {
                    try await FolderStore.addSigned(folder: folder.id, main: file.main, signed: document, detached: file.detached, on: connection)
                }
                let type = effects.contains(.completed) ? ParapheurEvents.completed
                    : effects.contains(where: { if case .rejected = $0 { true } else { false } }) ? ParapheurEvents.rejected : ParapheurEvents.acted
                try await record(type, folder: updated, entry: entry, effects: effects, actor: actor, on: connection)
            }
            return updated
        } catch {
            await release(added.map(\.1), folder: folder.id)
            throw error
        }
    }

    static func signatureName(_ main: FolderFile) -> String {
        let base = main.fileName.hasSuffix(".pdf") ? String(main.fileName.dropLast(4)) : main.fileName
        return "\(base).p7s"
    }

    static func noFolder(_ id: UUID) -> WebError { WebError.notFound("Aucun dossier \(id.uuidString.lowercased()) dans ce parapheur.") }

    /// Runs a circuit transition; a refusal is a 4xx with the circuit's French reason.
    static func decide(_ body: () throws(CircuitError) -> (Circuit, [CircuitEffect])) throws -> (Circuit, [CircuitEffect]) {
        do { return try body() } catch {
            let status: HTTPResponse.Status = switch error {
            case .deskNotHeld, .notYourTurn, .notAdministrator, .notEmitter: .forbidden
            case .reasonRequired, .sameDesk, .deskAlreadyInStep, .invalidTemplate: .unprocessableContent
            default: .conflict
            }
            throw WebError(status, kind: "circuit-refused", title: "Action impossible", detail: error.reason)
        }
    }
}
