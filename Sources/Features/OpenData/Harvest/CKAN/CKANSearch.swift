import Foundation
import Web

/// `package_search` as harvesters page through it: `q` and `fq` (`CKANQuery`), `rows`
/// (default 10, at most 1000) and `start`, `sort` (`id asc` as ckanext-harvest asks,
/// `metadata_modified desc` by default, `name`, `title_string`, `metadata_created`);
/// the result is `{count, results, sort, facets, search_facets}`.
struct CKANSearch: Sendable {
    static let maximumRows = 1000

    let actions: CKANActions

    func search(_ parameters: CKANParameters, into json: inout JSONWriter) async throws {
        let rows = try parameters.natural("rows", default: 10, maximum: Self.maximumRows)
        let start = try parameters.natural("start", default: 0)
        let q = try CKANQuery(parameters.text("q"), parameter: "q")
        let fq = try CKANQuery(parameters.text("fq"), parameter: "fq")
        let sortText = parameters.text("sort") ?? "score desc, metadata_modified desc"
        let order = try Self.sort(sortText)
        let entries = try await actions.source.entries()
        var packages = try await actions.packages(entries, among: entries).filter { q.matches($0) && fq.matches($0) }
        packages.sort { lhs, rhs in
            for (field, ascending) in order {
                let (left, right) = (Self.key(field, lhs), Self.key(field, rhs))
                if left != right { return ascending ? left < right : left > right }
            }
            return lhs.name < rhs.name
        }
        json.beginObject()
        json.field("count", packages.count)
        json.field("sort", sortText)
        json.key("facets")
        json.beginObject()
        json.endObject()
        json.key("search_facets")
        json.beginObject()
        json.endObject()
        json.key("results")
        json.beginArray()
        for package in packages.dropFirst(start).prefix(rows) { package.write(into: &json) }
        json.endArray()
        json.endObject()
    }

    static let sortFields: Set<String> = ["id", "name", "title", "title_string", "metadata_modified", "metadata_created", "score"]

    /// `field direction[, field direction…]`; `score` (no relevance here) is skipped.
    static func sort(_ text: String) throws(CKANError) -> [(field: String, ascending: Bool)] {
        var clauses: [(String, Bool)] = []
        for clause in text.split(separator: ",").prefix(5) {
            let words = clause.split(separator: " ").map(String.init)
            guard let field = words.first, sortFields.contains(field), words.count <= 2 else {
                throw CKANError.validation("sort", "Invalid sort: \(String(clause.prefix(60)))")
            }
            let direction = words.count == 2 ? words[1].lowercased() : "asc"
            guard direction == "asc" || direction == "desc" else { throw CKANError.validation("sort", "Invalid sort direction: \(direction)") }
            if field != "score" { clauses.append((field, direction == "asc")) }
        }
        return clauses
    }

    static func key(_ field: String, _ package: CKANPackage) -> String {
        switch field {
        case "id": package.id
        case "name": package.name
        case "title", "title_string": package.dataset.title
        case "metadata_created": CKANDates.format(package.dataset.createdAt)
        default: CKANDates.format(package.entry.modified)
        }
    }
}
