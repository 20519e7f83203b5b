import Foundation
import Synchronization
import TenantStore

/// A document a citizen keeps (their safe), as another service may offer it to them.
public struct CitizenDocument: Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var mediaType: String
    public var size: Int

    public init(id: UUID, name: String, mediaType: String, size: Int) {
        self.id = id
        self.name = name
        self.mediaType = mediaType
        self.size = size
    }
}

/// What a module keeping citizens' documents (the safe) lends another (a démarche's attachment):
/// the list, and a copy for a stated purpose, which the keeper journals. Features never import
/// each other: `Composition` makes the modules and installs the one that keeps documents here.
public protocol CitizenDocumentSource: Sendable {
    func documents(of account: UUID, member: MemberStore) async throws -> [CitizenDocument]
    /// The document's content, checked, for `purpose` (French, journaled); nil if it is not theirs.
    func copy(_ id: UUID, of account: UUID, member: MemberStore, purpose: String) async throws -> (document: CitizenDocument, bytes: [UInt8])?
}

/// The installed source, if a module keeps citizens' documents (filled when the modules are made).
public final class CitizenDocuments: Sendable {
    private let installed = Mutex<(any CitizenDocumentSource)?>(nil)

    public init() {}

    func install(_ source: (any CitizenDocumentSource)?) {
        installed.withLock { $0 = source }
    }

    public var source: (any CitizenDocumentSource)? { installed.withLock { $0 } }
}
