import Foundation
import Tenancy
import TestSupport
import Testing

@Suite("Tenancy: slugs, schemas, hosts")
struct IdentityTests {
    @Test("valid slugs", arguments: ["amiens", "pont-de-metz", "ab", "a1", String(repeating: "a", count: 41)])
    func validSlugs(_ text: String) throws {
        let slug = try TenantSlug(text)
        #expect(slug.schemaName.rawValue == "tenant_" + text.replacingOccurrences(of: "-", with: "_"))
    }

    @Test("invalid slugs", arguments: [
        "", "a", "Amiens", "1amiens", "-amiens", "amiens_x", "amiens;drop", "amiens\"", "tenant b",
        String(repeating: "a", count: 42), "amïens", "amiens\u{0}",
    ])
    func invalidSlugs(_ text: String) {
        #expect(throws: TenancyError.self) { try TenantSlug(text) }
    }

    @Test("the schema name is derived, quoted and distinct per slug")
    func schemaNames() throws {
        #expect(try TenantSlug("pont-de-metz").schemaName.quoted == "\"tenant_pont_de_metz\"")
        #expect(try TenantSlug("a-b").schemaName != TenantSlug("ab").schemaName)
    }

    @Test("Host headers are normalised", arguments: [
        ("amiens.localhost", "amiens.localhost"), ("Amiens.LocalHost:8080", "amiens.localhost"),
        ("amiens.localhost.", "amiens.localhost"), ("portail.pont-de-metz.localhost:80", "portail.pont-de-metz.localhost"),
    ])
    func hostNormalisation(_ header: String, _ expected: String) throws {
        #expect(try HostName(header: header).rawValue == expected)
    }

    @Test("malformed Host headers are refused", arguments: [
        "", ":8080", "amiens.localhost:", "amiens.localhost:99999", "amiens.localhost:80a", "amiens..localhost",
        "amiens'; DROP SCHEMA tenant_amiens; --.localhost", "tenant_amiens.localhost", "amiens.localhost/../x",
        "\"amiens\".localhost", "amiens localhost", "-amiens.localhost", "[::1]:8080", "amiens.localhost\r\nX: y",
        String(repeating: "a", count: 64) + ".localhost",
    ])
    func malformedHosts(_ header: String) {
        #expect(throws: TenancyError.self) { try HostName(header: header) }
    }

    @Test("SIREN and INSEE checks")
    func frenchIdentifiers() {
        for siren in ["248000531", "218000198", "218005973", "218006815"] { #expect(FrenchIdentifiers.isSiren(siren)) }
        for siren in ["248000532", "21800019", "2180001980", "24800053a"] { #expect(!FrenchIdentifiers.isSiren(siren)) }
        for code in ["80021", "80632", "2A004", "2B033"] { #expect(FrenchIdentifiers.isInseeCommuneCode(code)) }
        for code in ["8002", "800210", "2C004", "8O021"] { #expect(!FrenchIdentifiers.isInseeCommuneCode(code)) }
    }
}

@Suite("Tenancy: the Tenants/ folder")
struct ManifestTests {
    var tenantsDirectory: URL { TestEnvironment.repositoryRoot.appendingPathComponent("Tenants") }

    @Test("ships the nine members with their real INSEE codes and SIRENs")
    func shippedMembers() throws {
        let manifests = try TenantManifestLoader.loadAll(directory: tenantsDirectory)
        let bySlug = Dictionary(uniqueKeysWithValues: manifests.map { ($0.tenant.slug.rawValue, $0.tenant) })
        #expect(bySlug.count == 9)
        let expected: [String: (insee: String?, siren: String)] = [
            "amiens-metropole": (nil, "248000531"), "amiens": ("80021", "218000198"), "boves": ("80131", "218001246"),
            "camon": ("80164", "218001576"), "longueau": ("80489", "218004653"), "pont-de-metz": ("80632", "218005973"),
            "rivery": ("80674", "218006344"), "saleux": ("80724", "218006807"), "salouel": ("80725", "218006815"),
        ]
        for (slug, identifiers) in expected {
            let tenant = try #require(bySlug[slug])
            #expect(tenant.inseeCode == identifiers.insee)
            #expect(tenant.siren == identifiers.siren)
        }
        #expect(bySlug["amiens-metropole"]?.kind == .intercommunality)
        #expect(bySlug["amiens-metropole"]?.modules.contains(.billing) == true)
        #expect(bySlug["salouel"]?.name == "Salouël")
        for manifest in manifests {
            #expect(manifest.logo != nil)
            #expect(manifest.tenant.branding.logoContentType == "image/svg+xml")
            struct Item: Decodable { var title: String }
            #expect((try manifest.demo.section("news", as: [Item].self))?.count ?? 0 >= 3)
        }
    }

    func write(_ yaml: String, name: String = "demo.yaml") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try yaml.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        return directory
    }

    static let valid = """
        slug: demo
        name: Démo
        kind: commune
        insee: "80021"
        siren: "218000198"
        modules: [news]
        branding:
          primary_color: "#112233"
          accent_color: "#445566"
        """

    @Test("a minimal declaration loads, and its checksum follows its content")
    func minimal() throws {
        let first = try TenantManifestLoader.loadAll(directory: try write(Self.valid))
        let second = try TenantManifestLoader.loadAll(directory: try write(Self.valid.replacingOccurrences(of: "Démo", with: "Démo 2")))
        #expect(first.count == 1)
        #expect(first[0].checksum != second[0].checksum)
    }

    @Test("a member's time zone: Europe/Paris unless the declaration names another")
    func timeZone() throws {
        let paris = try TenantManifestLoader.loadAll(directory: try write(Self.valid))
        #expect(paris[0].tenant.timeZone == "Europe/Paris")
        let cayenne = try TenantManifestLoader.loadAll(directory: try write(Self.valid + "\ntime_zone: America/Cayenne"))
        #expect(cayenne[0].tenant.timeZone == "America/Cayenne")
        #expect(cayenne[0].checksum != paris[0].checksum)
    }

    @Test("invalid declarations are refused with the file and the reason", arguments: [
        ("slug: Demo", "invalid member slug"),
        ("siren: \"218000199\"", "not a valid SIREN"),
        ("insee: \"800\"", "not a commune code"),
        ("kind: city", "kind must be one of"),
        ("modules: [news, weather]", "unknown module weather"),
        ("modlues: [news]", "unknown key modlues"),
        ("hosts: [\"bad host\"]", "invalid host name"),
        ("time_zone: Europe/Amiens", "not an IANA time zone"),
        ("time_zone: CET", "not an IANA time zone"),
    ])
    func invalid(_ line: String, _ reason: String) throws {
        let key = String(line.prefix { $0 != ":" })
        var lines = Self.valid.split(separator: "\n").map(String.init)
        if let index = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) { lines[index] = line } else { lines.append(line) }
        let directory = try write(lines.joined(separator: "\n"))
        let error = #expect(throws: TenancyError.self) { try TenantManifestLoader.loadAll(directory: directory) }
        #expect(error?.description.contains("demo.yaml") == true)
        #expect(error?.description.contains(reason) == true, "\(error?.description ?? "")")
    }

    @Test("a file must be named after its slug, and hosts are unique across members")
    func namingAndHosts() throws {
        let misnamed = try write(Self.valid, name: "other.yaml")
        #expect(throws: TenancyError.self) { try TenantManifestLoader.loadAll(directory: misnamed) }
        let directory = try write(Self.valid + "\nhosts: [shared.example.org]")
        let twin = Self.valid.replacingOccurrences(of: "slug: demo", with: "slug: twin") + "\nhosts: [shared.example.org]"
        try twin.write(to: directory.appendingPathComponent("twin.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: TenancyError.self) { try TenantManifestLoader.loadAll(directory: directory) }
        #expect(error == .duplicateHost(host: "shared.example.org", members: ["demo", "twin"]))
    }
}

@Suite("Tenancy: host resolution")
struct ResolutionTests {
    func directory() throws -> TenantDirectory {
        let branding = Branding(primaryColor: "#000000", accentColor: "#ffffff")
        func tenant(_ slug: String, hosts: [String] = [], status: Tenant.Status = .active) throws -> Tenant {
            Tenant(slug: try TenantSlug(slug), name: slug, kind: .commune, inseeCode: "80021", siren: "218000198",
                   status: status, hosts: try hosts.map { try HostName($0) }, modules: [.news], branding: branding)
        }
        return TenantDirectory(
            tenants: [try tenant("amiens", hosts: ["portail.amiens.fr"]), try tenant("boves", status: .suspended)],
            baseDomain: try HostName("localhost")
        )
    }

    @Test("slug subdomains, declared hosts, the console, unknown and malformed hosts")
    func resolution() throws {
        let directory = try directory()
        guard case .tenant(let amiens) = directory.resolve(hostHeader: "amiens.localhost:8080") else { Issue.record("amiens"); return }
        #expect(amiens.slug.rawValue == "amiens")
        guard case .tenant(let viaAlias) = directory.resolve(hostHeader: "PORTAIL.amiens.fr") else { Issue.record("alias"); return }
        #expect(viaAlias.slug == amiens.slug)
        guard case .tenant(let boves) = directory.resolve(hostHeader: "boves.localhost") else { Issue.record("boves"); return }
        #expect(boves.status == .suspended)
        #expect(directory.resolve(hostHeader: "admin.localhost") == .console)
        #expect(directory.resolve(hostHeader: "camon.localhost") == .unknown(try HostName("camon.localhost")))
        #expect(directory.resolve(hostHeader: "amiens.example.org") == .unknown(try HostName("amiens.example.org")))
        #expect(directory.resolve(hostHeader: "x.amiens.localhost") == .unknown(try HostName("x.amiens.localhost")))
        #expect(directory.resolve(hostHeader: nil) == .malformed)
        #expect(directory.resolve(hostHeader: "amiens'--.localhost") == .malformed)
        #expect(directory.resolve(hostHeader: "tenant_boves.localhost") == .malformed)
    }
}
