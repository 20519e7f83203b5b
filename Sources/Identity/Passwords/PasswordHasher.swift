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
///
/// Sign-ins come first: other hashings (sign-up, password reset, invitations) run at most
/// `concurrency - 1` at a time (one when `concurrency` is 1) and at most a quarter of
/// `maxWaiting` of them wait, so a flood of sign-ups on any member never leaves sign-ins
/// without a thread.
public final class PasswordHasher: Sendable {
    /// Who is waiting for the hashing.
    public enum Priority: Sendable {
        /// Someone signing in (and its decoy, and its rehash).
        case signIn
        /// Everything else: sign-up, password reset, new accounts.
        case other
    }

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
    /// Admits `.other` hashings: a share of the threads, a share of the queue.
    private let others: AdmissionGate
    /// A hash of a random password, to verify against when an account does not exist, so that
    /// a failed sign-in takes as long whether or not the account exists.
    private let decoy: String

    public init(parameters: Scrypt.Parameters = .recommended, concurrency: Int = 2, maxWaiting: Int = 64) throws {
        self.parameters = parameters
        threadPool = NIOThreadPool(numberOfThreads: max(1, concurrency))
        threadPool.start()
        maxPending = max(1, concurrency) + max(0, maxWaiting)
        others = AdmissionGate(running: max(1, concurrency - 1), waiting: max(1, maxWaiting / 4))
        decoy = try Self.encode(password: try SecureRandom.bytes(16), salt: try SecureRandom.bytes(16), parameters: parameters)
    }

    public func shutdown() async {
        try? await threadPool.shutdownGracefully()
    }

    public func hash(_ password: String, priority: Priority = .other) async throws -> String {
        let parameters = parameters
        let salt = try SecureRandom.bytes(16)
        return try await run(priority) { try Self.encode(password: Array(password.utf8), salt: salt, parameters: parameters) }
    }

    public func verify(_ password: String, against encoded: String, priority: Priority = .signIn) async throws -> Verification {
        guard let stored = StoredHash(encoded) else { return .invalid }
        let current = parameters
        return try await run(priority) {
            let candidate = try Scrypt.derive(password: Array(password.utf8), salt: stored.salt, parameters: stored.parameters, length: stored.hash.count)
            guard ConstantTime.equals(candidate, stored.hash) else { return .invalid }
            return .valid(needsRehash: stored.parameters != current)
        }
    }

    /// Spends the time of a verification without a real hash (unknown account).
    public func verifyDecoy(_ password: String, priority: Priority = .signIn) async throws {
        _ = try await verify(password, against: decoy, priority: priority)
    }

    private func run<T: Sendable>(_ priority: Priority, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        if priority == .other {
            guard await others.enter() else { throw Busy() }
        }
        defer { if priority == .other { others.leave() } }
        let waiting = pending.wrappingAdd(1, ordering: .relaxed).newValue
        defer { pending.wrappingSubtract(1, ordering: .relaxed) }
        guard waiting <= maxPending else { throw Busy() }
        return try await threadPool.runIfActive(body)
    }

    /// At most `running` callers inside, `waiting` more queued (first come, first served), the
    /// rest turned away.
    final class AdmissionGate: Sendable {
        private struct State {
            var inside = 0
            var queue: [CheckedContinuation<Bool, Never>] = []
        }

        private let running: Int
        private let waiting: Int
        private let state = Mutex(State())

        init(running: Int, waiting: Int) {
            self.running = running
            self.waiting = waiting
        }

        /// False when the queue is full.
        func enter() async -> Bool {
            await withCheckedContinuation { continuation in
                let answer: Bool? = state.withLock { state in
                    if state.inside < running {
                        state.inside += 1
                        return true
                    }
                    guard state.queue.count < waiting else { return false }
                    state.queue.append(continuation)
                    return nil
                }
                if let answer { continuation.resume(returning: answer) }
            }
        }

        func leave() {
            let next = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                guard !state.queue.isEmpty else {
                    state.inside -= 1
                    return nil
                }
                return state.queue.removeFirst()  // the slot passes to it
            }
            next?.resume(returning: true)
        }
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
