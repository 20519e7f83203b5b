import Foundation
import Glibc
import NIOCore
import NIOPosix
import Tenancy

extension FileSystemBlobStore {
    public func stageCopy<Source: AsyncSequence & Sendable>(member: TenantSlug, from source: Source, limit: Int) async throws -> StagedCopy
        where Source.Element == ByteBuffer
    {
        let (token, file) = try await openStaged(member)
        let size = try await fill(file, from: source, hasher: nil, limit: limit, member: member.rawValue)
        return StagedCopy(member: member, size: size, token: token)
    }

    public func discard(_ copy: StagedCopy) async {
        await discard(StagedBlob(member: copy.member, key: StagedCopy.placeholder, sha512: "", size: copy.size, mediaType: nil, token: copy.token))
    }

    /// A new, empty staged file of the member.
    func openStaged(_ member: TenantSlug) async throws -> (token: String, file: StagedFile) {
        let name = member.rawValue
        let token = UUID().uuidString.lowercased()
        let staging = stagingFolder(member)
        let stagedPath = staging + "/" + token
        let descriptor = try await threads.runIfActive {
            try POSIX.makeDirectories(staging, member: name)
            return try POSIX.check(open(stagedPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640), "create a staged blob", member: name)
        }
        return (token, StagedFile(descriptor: descriptor, path: stagedPath))
    }
}
