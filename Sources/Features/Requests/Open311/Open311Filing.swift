import Foundation
import Hummingbird
import Identity
import Tenancy
import Web

/// `POST requests.{format}`: Open311's parameters mapped onto the form's answers. The location
/// field takes `address_string`, `lat` and `long` (the point alone gives its coordinates as the
/// address text); `attribute[<key>]` answers a field (`attribute[<key>][]` repeated for several
/// choices); `description`, `email` and `phone` answer the form's first long text, e-mail and
/// phone fields left unanswered by the attributes. `email` is the contact the citizen is
/// reached at (required); `first_name` and `last_name` their name.
struct Open311Filing: Sendable {
    let services: RequestsServices

    /// Form-encoded parameters (query and body), each name with its values.
    typealias Parameters = [String: [String]]

    func file(_ parameters: Parameters, on portal: Tenant, principal: Principal) async throws -> (FilingService.Filed, OfferedProcedure) {
        func one(_ name: String) throws -> String? {
            let values = (parameters[name] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            guard values.count <= 1 else { throw Open311Error.badRequest("Le paramètre \(name) n'accepte qu'une valeur.") }
            return values.first
        }
        guard let code = try one("service_code") else { throw Open311Error.badRequest("Le paramètre service_code est obligatoire.") }
        guard let offered = try await services.offered(code, on: portal), let location = offered.type.locationField else {
            throw Open311Error.notFound("Aucun service « \(code.prefix(60)) » sur ce portail.")
        }
        let attributes = Set(Open311Catalogue.attributes(of: offered.type).map(\.key))
        var raw: [String: [String]] = [:]
        for (name, values) in parameters where name.hasPrefix("attribute[") {
            var key = String(name.dropFirst("attribute[".count))
            if key.hasSuffix("][]") { key.removeLast(3) } else if key.hasSuffix("]") { key.removeLast() } else {
                throw Open311Error.badRequest("Paramètre mal formé : \(name.prefix(60)).")
            }
            guard attributes.contains(key) else { throw Open311Error.badRequest("attribute[\(key.prefix(60))] : cet attribut n'existe pas pour ce service.") }
            raw[key, default: []] += values
        }
        let (latitude, longitude, address) = (try one("lat"), try one("long"), try one("address_string"))
        if latitude == nil && longitude == nil && address == nil {
            throw Open311Error.badRequest("Indiquez le lieu : lat et long, ou address_string.")
        }
        if (latitude == nil) != (longitude == nil) { throw Open311Error.badRequest("lat et long vont ensemble.") }
        raw[location.key] = [address ?? "Point \(latitude ?? ""), \(longitude ?? "")"]
        if let latitude, let longitude {
            raw[location.key + FormField.latitudeSuffix] = [latitude]
            raw[location.key + FormField.longitudeSuffix] = [longitude]
        }
        let fields = Open311Catalogue.attributes(of: offered.type)
        func unanswered(_ matches: (FieldKind) -> Bool) -> String? {
            fields.first { matches($0.kind) && raw[$0.key] == nil }?.key
        }
        if let text = try one("description") {
            guard let key = unanswered({ if case .longText = $0 { true } else { false } }) else {
                throw Open311Error.badRequest("Ce service ne prend pas de description : utilisez ses attributs.")
            }
            raw[key] = [text]
        }
        guard let email = try one("email") else { throw Open311Error.badRequest("Le paramètre email est obligatoire : l'usager y reçoit l'accusé de réception.") }
        if let key = unanswered({ $0 == .email }) { raw[key] = [email] }
        if let phone = try one("phone"), let key = unanswered({ $0 == .phone }) { raw[key] = [phone] }
        let name = [try one("first_name"), try one("last_name")].compactMap { $0 }.joined(separator: " ")

        let names = [location.key: "address_string", location.key + FormField.latitudeSuffix: "lat", location.key + FormField.longitudeSuffix: "long"]
        do {
            let contact = try PartnerFiling.contact(email: email, name: name).get()
            let filed = try await PartnerFiling(services: services).file(
                offered, on: portal, raw: raw, uploads: [], requester: .partner(client: principal.id, email: contact.email, name: contact.name),
                channel: .open311, uploader: "client:\(principal.id)", actor: RequestsServices.actor(principal))
            return (filed, offered)
        } catch let refusal as PartnerFiling.Refusal {
            let text = refusal.errors.map { error -> String in
                let parameter = names[error.field] ?? (error.field.hasPrefix("contact.") ? String(error.field.dropFirst(8)) : "attribute[\(error.field)]")
                return "\(parameter) : \(error.message)"
            }
            throw Open311Error.badRequest(text.joined(separator: " "))
        }
    }

    /// `a=1&b=2&b=3` (`+` for spaces), percent-decoded; nil when it is not valid UTF-8.
    static func parse(_ text: String, into parameters: inout Parameters) throws {
        for pair in text.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                  let value = (parts.count > 1 ? String(parts[1]) : "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                throw Open311Error.badRequest("Paramètres mal encodés.")
            }
            guard !name.contains("\0"), !value.contains("\0") else { throw Open311Error.badRequest("Les paramètres ne peuvent contenir de caractère nul.") }
            parameters[name, default: []].append(value)
        }
    }
}
