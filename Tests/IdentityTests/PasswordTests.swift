import Cryptography
import Foundation
@testable import Identity
import Testing

@Suite("Passwords")
struct PasswordTests {
    @Test("the default hash is scrypt N=2^17, r=8, p=1 with a 16-byte salt, and verifies")
    func defaults() async throws {
        let hasher = try PasswordHasher()
        let hash = try await hasher.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$scrypt$ln=17,r=8,p=1$"))
        let stored = try #require(PasswordHasher.StoredHash(hash))
        #expect(stored.salt.count == 16)
        #expect(try await hasher.verify("correct horse battery staple", against: hash) == .valid(needsRehash: false))
        #expect(try await hasher.verify("correct horse battery stapl", against: hash) == .invalid)
        await hasher.shutdown()
    }

    @Test("a hash with older parameters verifies and asks to be upgraded; garbage never verifies")
    func upgrade() async throws {
        let weak = try PasswordHasher(parameters: .init(logN: 10, r: 8, p: 1))
        let strong = try PasswordHasher(parameters: .init(logN: 11, r: 8, p: 1))
        let old = try await weak.hash("un mot de passe assez long")
        #expect(try await strong.verify("un mot de passe assez long", against: old) == .valid(needsRehash: true))
        for garbage in ["", "$scrypt$", "$scrypt$ln=99,r=8,p=1$AAAA$AAAA", "$bcrypt$12$xyz", "$scrypt$ln=10,r=8,p=1$!!$!!"] {
            #expect(try await strong.verify("x", against: garbage) == .invalid)
        }
        await weak.shutdown()
        await strong.shutdown()
    }

    @Test("beyond the waiting room, hashing answers busy instead of queueing without bound")
    func bounded() async throws {
        let hasher = try PasswordHasher(parameters: .init(logN: 14, r: 8, p: 1), concurrency: 1, maxWaiting: 0)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    do { _ = try await hasher.hash("un mot de passe assez long"); return true } catch { return false }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.contains(true))
        #expect(outcomes.contains(false))
        await hasher.shutdown()
    }

    @Test("the policy: 12 characters at least, not common, not the e-mail address")
    func policy() throws {
        let policy = try PasswordPolicy.shipped()
        #expect(policy.commonCount > 1000)
        let email = EmailAddress("claire.martin@amiens.fr")
        #expect(throws: PasswordPolicy.Rejection.tooShort) { try policy.check("court", email: email) }
        #expect(throws: PasswordPolicy.Rejection.common) { try policy.check("MotDePasse123", email: email) }
        #expect(throws: PasswordPolicy.Rejection.common) { try policy.check("azertyuiop123", email: email) }
        #expect(throws: PasswordPolicy.Rejection.sameAsEmail) { try policy.check("claire.martin@amiens.fr", email: email) }
        #expect(throws: PasswordPolicy.Rejection.tooLong) { try policy.check(String(repeating: "x", count: 257), email: email) }
        try policy.check("la somme coule sous le pont de Metz", email: email)
    }

    @Test("e-mail addresses are normalised and checked")
    func emails() {
        #expect(EmailAddress("  Claire.Martin@Amiens.FR ")?.rawValue == "claire.martin@amiens.fr")
        for bad in ["", "claire", "@amiens.fr", "claire@", "claire@amiens", "a@b@c.fr", "claire @amiens.fr", "<x>@y.fr", String(repeating: "a", count: 250) + "@b.fr"] {
            #expect(EmailAddress(bad) == nil, "\(bad)")
        }
    }

    @Test("a flood of other hashings leaves sign-ins a thread: a sign-in is not queued behind them, and the flood's excess is turned away")
    func signInsComeFirst() async throws {
        let hasher = try PasswordHasher(parameters: .init(logN: 14, r: 8, p: 1), concurrency: 2, maxWaiting: 16)
        let stored = try await hasher.hash("le mot de passe de la personne", priority: .signIn)
        let finished = Tally()
        let refused = Tally()
        let flood = Task {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        do {
                            _ = try await hasher.hash("inscription \(index)", priority: .other)
                            finished.add()
                        } catch is PasswordHasher.Busy {
                            refused.add()
                        } catch {}
                    }
                }
            }
        }
        // Once the flood is under way, a sign-in gets through after at most one hashing.
        try await Task.sleep(for: .milliseconds(20))
        #expect(try await hasher.verify("le mot de passe de la personne", against: stored) == .valid(needsRehash: false))
        let doneBeforeSignIn = finished.value
        await flood.value
        #expect(doneBeforeSignIn <= 3, "the sign-in waited for \(doneBeforeSignIn) other hashings")
        // One running and four waiting (a quarter of 16): the other seven were told to come back.
        #expect(refused.value == 7)
        #expect(finished.value == 5)
        await hasher.shutdown()
    }
}

/// A counter tasks may bump concurrently.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
