import Composition
import Cryptography
import Foundation
import Synchronization
import Testing
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Postgres
@testable import Parapheur
import Tenancy
import TenantStore
import TestSupport
import Trust

/// A member's parapheur set up for a test: desks held by fresh agents, a type and its circuit.
struct ParapheurFixture {
    let platform: TestPlatform
    let slug: String
    var host: String { "\(slug).localhost" }
    var member: MemberStore { platform.services.tenantStore.member(try! TenantSlug(slug)) }
    var store: ParapheurStore { ParapheurStore(member) }
    var trust: TrustServices { platform.services.trust! }

    /// Creates `email` as an agent (with `roles`) holding a new desk `desk`.
    @discardableResult
    func agentWithDesk(_ email: String, desk: String, roles: Set<Role> = [.agent], name: String? = nil) async throws -> (account: UUID, desk: DeskID) {
        let account = try await platform.account(slug, email, roles: roles)
        if let name { _ = try await member.transaction { try await $0.execute("UPDATE accounts SET display_name = \(name) WHERE id = \(account.id)") } }
        let id = try await store.createDesk(name: desk, holders: [account.id])
        return (account.id, id)
    }

    func enrol(_ email: String, pin: String) async throws {
        let tenant = try #require(platform.services.directory.current.tenant(try TenantSlug(slug)))
        _ = try await ParapheurEnrolment.enrol(email: email, pin: pin, tenant: tenant, member: member, trust: trust)
    }

    func version(_ id: String) async throws -> Int {
        try await member.read("SELECT version FROM parapheur_folders WHERE id = \(UUID(uuidString: id)!)").first?.decode(Int.self, at: 0) ?? -1
    }
}

/// A `multipart/form-data` body built for tests.
struct MultipartBody {
    let boundary = "----mutualis\(UInt32.random(in: 0...UInt32.max))"
    private(set) var bytes: [UInt8] = []

    mutating func field(_ name: String, _ value: String, contentType: String? = nil) {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n".utf8)
        if let contentType { bytes += Array("Content-Type: \(contentType)\r\n".utf8) }
        bytes += Array("\r\n\(value)\r\n".utf8)
    }

    mutating func file(_ name: String, fileName: String, _ content: [UInt8], contentType: String = "application/octet-stream") {
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
        bytes += content + Array("\r\n".utf8)
    }

    func finished() -> [UInt8] { bytes + Array("--\(boundary)--\r\n".utf8) }
    var contentType: String { "multipart/form-data; boundary=\(boundary)" }
}

extension TestClientProtocol {
    /// A request with raw bytes (a multipart form, a signature).
    func sendBytes(_ method: HTTPRequest.Method, _ uri: String, host: String, body: [UInt8], contentType: String,
                   cookie: String? = nil, bearer: String? = nil, accept: String? = nil, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [HTTPField.Name("Host")!: host, .contentType: contentType]
        headers.append(contentsOf: extra)
        if let accept { headers[.accept] = accept }
        if let cookie {
            headers[.cookie] = "__Host-mutualis=\(cookie)"
            if let token = signedInTokens.withLock({ $0[cookie] }) { headers[HTTPField.Name("X-CSRF-Token")!] = token }
        }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        return try await execute(uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: body))
    }
}

enum SamplePDF {
    /// The demo arrêté shipped in Tenants/assets.
    static var arrete: [UInt8] {
        Array(try! Data(contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("Tenants/assets/demo/arrete-voirie.pdf")))
    }

    /// The same with `/Encrypt` in its trailer (what a password-protected export has).
    static var encrypted: [UInt8] {
        // In the trailer, after every object: the cross-reference offsets stay right.
        let bytes = arrete, marker = Array("/Root 1 0 R".utf8)
        let at = (0...(bytes.count - marker.count)).last { Array(bytes[$0..<($0 + marker.count)]) == marker }!
        return Array(bytes[..<(at + marker.count)]) + Array(" /Encrypt << /Filter /Standard /V 2 /R 3 >>".utf8) + Array(bytes[(at + marker.count)...])
    }
}
