import Cryptography
import Foundation
import NIOPosix
import Synchronization

/// Hashes and verifies passwords with scrypt, encoded with their parameters
/// (`$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, base64url), so that a hash made with older
/// parameters still verifies and is upgraded at the next successful sign-in.
///
/// Each hashing takes 128 MiB and a fraction of a second of CPU: at most `concurrency` run at
/// once, on threads of their own, and at most `maxWaiting` wait; beyond that callers are told
/// to come back later (a flood of sign-ins cannot exhaust memory).
public final class PasswordHasher: Sendable {
    public enum Verification: Sendable, Equatable {
        case invalid
        /// Valid; `needsRehash` when the hash uses other parameters than the current ones.
        case valid(needsRehash: Bool)
    }

    public struct Busy: Error, CustomStringConvertible {
        public var description: String { "too many password hashings waiting" }
    }

    public let parameters: Scrypt.Parameters
    private let threadPool: NIOThreadPool
    private let maxPending: Int
    private let pending = Atomic<Int>(0)
    /// A hash of a random password, to verify against when an account does not exist, so that
    /// a failed sign-in takes as long whether or not the account exists.
    private let decoy: String

    public init(parameters: Scrypt.Parameters = .recommended, concurrency: Int = 2, maxWaiting: Int = 64) throws {
        self.parameters = parameters
        threadPool = NIOThreadPool(numberOfThreads: max(1, concurrency))
        threadPool.start()
        maxPending = max(1, concurrency) + max(0, maxWaiting)
        decoy = try Self.encode(password: try SecureRandom.bytes(16), salt: try SecureRandom.bytes(16), parameters: parameters)
    }

    public func shutdown() async {
        try? await threadPool.shutdownGracefully()
    }

    public func hash(_ password: String) async throws -> String {
        let parameters = parameters
        let salt = try SecureRandom.bytes(16)
        return try await run { try Self.encode(password: Array(password.utf8), salt: salt, parameters: parameters) }
    }

    public func verify(_ password: String, against encoded: String) async throws -> Verification {
        guard let stored = StoredHash(encoded) else { return .invalid }
        let current = parameters
        return try await run {
            let candidate = try Scrypt.derive(password: Array(password.utf8), salt: stored.salt, parameters: stored.parameters, length: stored.hash.count)
            guard ConstantTime.equals(candidate, stored.hash) else { return .invalid }
            return .valid(needsRehash: stored.parameters != current)
        }
    }

    /// Spends the time of a verification without a real hash (unknown account).
    public func verifyDecoy(_ password: String) async throws {
        _ = try await verify(password, against: decoy)
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let waiting = pending.wrappingAdd(1, ordering: .relaxed).newValue
        defer { pending.wrappingSubtract(1, ordering: .relaxed) }
        guard waiting <= maxPending else { throw Busy() }
        return try await threadPool.runIfActive(body)
    }

    static func encode(password: [UInt8], salt: [UInt8], parameters: Scrypt.Parameters) throws -> String {
        let hash = try Scrypt.derive(password: password, salt: salt, parameters: parameters, length: 32)
        return "$scrypt$\(parameters)$\(Base64URL.encode(salt))$\(Base64URL.encode(hash))"
    }

    /// A parsed `$scrypt$…` string.
    struct StoredHash {
        var parameters: Scrypt.Parameters
        var salt: [UInt8]
        var hash: [UInt8]

        init?(_ text: String) {
            let parts = text.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
            var values: [String: Int] = [:]
            for pair in parts[2].split(separator: ",") {
                let keyValue = pair.split(separator: "=")
                guard keyValue.count == 2, let value = Int(keyValue[1]) else { return nil }
                values[String(keyValue[0])] = value
            }
            guard let logN = values["ln"], let r = values["r"], let p = values["p"],
                  (1...24).contains(logN), (1...32).contains(r), (1...16).contains(p),
                  let salt = Base64URL.decode(String(parts[3])), let hash = Base64URL.decode(String(parts[4])),
                  !salt.isEmpty, (16...64).contains(hash.count)
            else { return nil }
            parameters = Scrypt.Parameters(logN: logN, r: r, p: p)
            self.salt = salt
            self.hash = hash
        }
    }
}
