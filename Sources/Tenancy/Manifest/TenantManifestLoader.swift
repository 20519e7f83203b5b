import Cryptography
import Foundation
import Yams

/// Reads and validates the members declared in a `Tenants/` folder.
public enum TenantManifestLoader {
    /// Every `*.yaml` directly in `directory`, sorted by slug. Fails on the first invalid file,
    /// naming it, and when two members declare the same host.
    public static func loadAll(directory: URL) throws -> [TenantManifest] {
        let files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" || $0.pathExtension == "yml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let manifests = try files.map { try load(file: $0, assetsRoot: directory) }
        var owners: [HostName: [String]] = [:]
        for manifest in manifests {
            for host in manifest.tenant.hosts { owners[host, default: []].append(manifest.tenant.slug.rawValue) }
        }
        if let (host, members) = owners.first(where: { $0.value.count > 1 }) {
            throw TenancyError.duplicateHost(host: host.rawValue, members: members)
        }
        return manifests.sorted { $0.tenant.slug < $1.tenant.slug }
    }

    /// One declaration. `assetsRoot` is the folder logo paths are relative to.
    public static func load(file: URL, assetsRoot: URL) throws -> TenantManifest {
        let name = file.lastPathComponent
        let data = try Data(contentsOf: file)
        guard let text = String(data: data, encoding: .utf8) else { throw TenancyError.invalidManifest(file: name, reason: "not UTF-8") }
        let raw: TenantManifestFile
        let demo: DemoContent
        do {
            demo = try DemoContent(parsing: try checkKeys(text)["demo"], assetsRoot: assetsRoot)
            raw = try YAMLDecoder().decode(TenantManifestFile.self, from: text)
        } catch let error as TenancyError {
            throw TenancyError.invalidManifest(file: name, reason: error.description)
        } catch {
            throw TenancyError.invalidManifest(file: name, reason: "unreadable YAML: \(error)")
        }
        let manifest = try validate(raw, source: name, assetsRoot: assetsRoot, declarationBytes: Array(data), demo: demo)
        guard file.deletingPathExtension().lastPathComponent == manifest.tenant.slug.rawValue else {
            throw TenancyError.invalidManifest(file: name, reason: "the file must be named \(manifest.tenant.slug.rawValue).yaml")
        }
        return manifest
    }

    /// Checks a declaration however it was written (a YAML file, command-line options).
    /// `source` names it in errors; `declarationBytes` feed the checksum.
    public static func validate(
        _ raw: TenantManifestFile, source name: String, assetsRoot: URL, declarationBytes: [UInt8], demo: DemoContent = .empty
    ) throws -> TenantManifest {
        func invalid(_ reason: String) -> TenancyError { .invalidManifest(file: name, reason: reason) }
        let slug: TenantSlug
        do { slug = try TenantSlug(raw.slug) } catch { throw invalid(error.description) }
        let displayName = raw.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !displayName.isEmpty, displayName.count <= 120 else { throw invalid("name must have 1 to 120 characters") }
        guard let kind = Tenant.Kind(rawValue: raw.kind) else {
            throw invalid("kind must be one of \(Tenant.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        switch (kind, raw.insee) {
        case (.commune, nil): throw invalid("a commune needs its INSEE code (insee)")
        case (.commune, let code?) where !FrenchIdentifiers.isInseeCommuneCode(code):
            throw invalid("insee \(code) is not a commune code (5 characters, e.g. 80021 or 2A004)")
        case (.intercommunality, _?): throw invalid("an intercommunality has no INSEE commune code; remove insee")
        default: break
        }
        guard FrenchIdentifiers.isSiren(raw.siren) else { throw invalid("siren \(raw.siren) is not a valid SIREN (9 digits, Luhn)") }
        var hosts: [HostName] = []
        for host in raw.hosts ?? [] {
            do { hosts.append(try HostName(host)) } catch { throw invalid(error.description) }
        }
        var modules = Set<PlatformModule>()
        for module in raw.modules {
            guard let known = PlatformModule(rawValue: module) else {
                throw invalid("unknown module \(module); known: \(PlatformModule.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            modules.insert(known)
        }
        guard Branding.isColor(raw.branding.primaryColor), Branding.isColor(raw.branding.accentColor) else {
            throw invalid("branding colours must be #rrggbb in lowercase")
        }
        var logo: [UInt8]?
        var logoType: String?
        if let path = raw.branding.logo {
            guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw invalid("logo must be a path inside the Tenants folder")
            }
            let url = assetsRoot.appendingPathComponent(path)
            guard let bytes = try? Data(contentsOf: url) else { throw invalid("logo file \(path) not found") }
            guard bytes.count <= 512 * 1024 else { throw invalid("logo file \(path) is larger than 512 KiB") }
            switch url.pathExtension.lowercased() {
            case "svg": logoType = "image/svg+xml"
            case "png": logoType = "image/png"
            default: throw invalid("logo must be .svg or .png")
            }
            logo = Array(bytes)
        }
        let timeZone = raw.timeZone ?? Tenant.defaultTimeZone
        guard timeZone.utf8.count <= 64, TimeZone(identifier: timeZone) != nil, timeZone.contains("/") || timeZone == "UTC" else {
            throw invalid("time_zone \(timeZone) is not an IANA time zone name (e.g. Europe/Paris, America/Cayenne)")
        }
        var digest = try Digest(.sha256)
        try digest.update(declarationBytes)
        if let logo { try digest.update(logo) }
        let tenant = Tenant(
            slug: slug, name: displayName, kind: kind, inseeCode: raw.insee, siren: raw.siren, status: .active,
            hosts: hosts, modules: modules,
            branding: Branding(
                primaryColor: raw.branding.primaryColor, accentColor: raw.branding.accentColor,
                tagline: raw.branding.tagline, logoContentType: logoType
            ),
            timeZone: timeZone
        )
        return TenantManifest(tenant: tenant, logo: logo, demo: demo, checksum: Hex.encode(try digest.finalize()))
    }

    /// Refuses unknown keys, so a typo (`modlues:`) is an error rather than silently ignored
    /// (a demo section no module reads is refused when the demo content is seeded). Returns
    /// the mapping.
    private static func checkKeys(_ text: String) throws -> [String: Any] {
        guard let root = try Yams.load(yaml: text) as? [String: Any] else {
            throw TenancyError.invalidManifest(file: "", reason: "expected a mapping at the top level")
        }
        if let unknown = Set(root.keys).subtracting(TenantManifestFile.topLevelKeys).sorted().first {
            throw TenancyError.invalidManifest(file: "", reason: "unknown key \(unknown)")
        }
        if let branding = root["branding"] as? [String: Any],
           let unknown = Set(branding.keys).subtracting(TenantManifestFile.brandingKeys).sorted().first {
            throw TenancyError.invalidManifest(file: "", reason: "unknown key branding.\(unknown)")
        }
        return root
    }

}
