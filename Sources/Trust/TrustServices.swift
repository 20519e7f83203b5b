import AsyncHTTPClient
import Cryptography
import Foundation
import NIOCore
import NIOHTTP1

/// The platform's trust services: trust anchors (per member), the members' seals, timestamping
/// (the platform's own TSA, or an external one) and the signatures built on them.
public struct TrustServices: Sendable {
    public let directory: PKIDirectory
    public let kek: KeyEncryptionKey
    public let anchors: [Certificate]
    /// The platform's timestamping unit (`POST /tsa`), when its material is installed.
    public let localAuthority: TimestampAuthority?
    /// An external RFC 3161 service used instead of the local unit (`MUTUALIS_TSA_URL`).
    public let externalAuthority: URL?

    /// The default policy OID written by the platform's TSA (under the "example" arc 2.999;
    /// an install sets its own with `MUTUALIS_TSA_POLICY`).
    public static let defaultPolicy = "2.999.1.1"

    /// Loads the trust material; nil when the PKI directory has none (signing is then off).
    public static func load(directory: PKIDirectory, kekFile: URL, externalAuthority: URL? = nil,
                            policy: String = defaultPolicy) throws(TrustError) -> TrustServices? {
        guard directory.exists else { return nil }
        let kek = try KeyEncryptionKey.load(from: kekFile)
        let anchors = try directory.certificates(at: directory.anchors)
        var local: TimestampAuthority?
        if FileManager.default.fileExists(atPath: directory.timestamping.key.path) {
            let identity = try directory.identity(directory.timestamping, kek: kek)
            do {
                local = try TimestampAuthority(certificate: identity.certificate, key: identity.key, chain: identity.chain, policy: policy)
            } catch {
                throw .configuration("the timestamping unit: \(error)")
            }
        }
        guard local != nil || externalAuthority != nil else {
            throw .configuration("no timestamping unit in \(directory.root.path) and no MUTUALIS_TSA_URL")
        }
        return TrustServices(directory: directory, kek: kek, anchors: anchors, localAuthority: local, externalAuthority: externalAuthority)
    }

    /// What a member trusts: the platform's anchors and its own.
    public func trustStore(member slug: String) throws(TrustError) -> TrustStore {
        TrustStore(anchors: anchors + (try directory.optionalCertificates(at: directory.memberAnchors(slug))))
    }

    /// The member's seal, its key opened for this use.
    public func seal(member slug: String) throws(TrustError) -> SigningIdentity {
        let paths = directory.seal(slug)
        guard FileManager.default.fileExists(atPath: paths.key.path) else {
            throw .noIdentity("Aucun cachet serveur n'est installé pour cette commune (mutualis pki import seal).")
        }
        return try directory.identity(paths, kek: kek)
    }

    /// The issuer of signatory certificates, when this install issues them.
    public var issuer: PKIInitializer { PKIInitializer(directory: directory, kek: kek) }

    /// A timestamp token (DER) over `digest` (SHA-256), from the external TSA if one is set,
    /// else from the platform's own.
    public func timestamp(digest: [UInt8]) async throws(TrustError) -> [UInt8] {
        let query: [UInt8]
        do { query = try TimestampQuery(digest: digest, nonce: SecureRandom.bytes(8)).der() } catch { throw .timestampAuthority("query: \(error)") }
        let replyBytes: [UInt8]
        if let externalAuthority {
            replyBytes = try await Self.post(query, to: externalAuthority)
        } else if let localAuthority {
            do { replyBytes = try localAuthority.respond(to: query) } catch { throw .timestampAuthority("\(error)") }
        } else {
            throw .configuration("no timestamp authority")
        }
        let reply: TimestampReply
        do { reply = try TimestampReply(der: replyBytes) } catch { throw .timestampAuthority("unreadable reply: \(error)") }
        guard reply.granted, let token = reply.token else { throw .timestampAuthority("refused: \(reply.failure ?? "no token")") }
        return token
    }

    static func post(_ query: [UInt8], to url: URL) async throws(TrustError) -> [UInt8] {
        do {
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/timestamp-query")
            request.body = .bytes(ByteBuffer(bytes: query))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(20))
            guard response.status == .ok else { throw TrustError.timestampAuthority("\(url.host ?? "TSA") answered \(response.status.code)") }
            let body = try await response.body.collect(upTo: 1 << 20)
            return Array(buffer: body)
        } catch let error as TrustError {
            throw error
        } catch {
            throw .timestampAuthority("\(url.host ?? "TSA"): \(error)")
        }
    }
}
