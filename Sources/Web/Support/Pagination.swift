import Hummingbird
import HummingbirdCore

/// `?page=&per_page=` for list endpoints: validated, bounded, with links to neighbours.
public struct Pagination: Sendable, Equatable {
    public static let defaultPerPage = 20
    public static let maxPerPage = 100
    /// Deep pages are refused rather than scanned (use filters instead).
    public static let maxPage = 10_000

    public let page: Int
    public let perPage: Int

    public init(page: Int = 1, perPage: Int = Pagination.defaultPerPage) {
        self.page = page
        self.perPage = perPage
    }

    /// Reads the query string; anything not a number in range is a 400 naming the parameter.
    public init(query: URI) throws {
        func read(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = query.queryParameters[Substring(name)] else { return value }
            guard text.count <= 6, let number = Int(text), range.contains(number) else {
                throw WebError.invalidParameter(name, "\(name) doit être un entier entre \(range.lowerBound) et \(range.upperBound).")
            }
            return number
        }
        page = try read("page", default: 1, range: 1...Self.maxPage)
        perPage = try read("per_page", default: Self.defaultPerPage, range: 1...Self.maxPerPage)
    }

    public var offset: Int { (page - 1) * perPage }

    public func pageCount(total: Int) -> Int { max(1, (total + perPage - 1) / perPage) }

    /// RFC 8288 `Link` header value for `path` (first, prev, next, last).
    public func linkHeader(path: String, total: Int) -> String {
        let last = pageCount(total: total)
        var links = ["<\(path)?page=1&per_page=\(perPage)>; rel=\"first\"", "<\(path)?page=\(last)&per_page=\(perPage)>; rel=\"last\""]
        if page > 1 { links.append("<\(path)?page=\(min(page - 1, last))&per_page=\(perPage)>; rel=\"prev\"") }
        if page < last { links.append("<\(path)?page=\(page + 1)&per_page=\(perPage)>; rel=\"next\"") }
        return links.joined(separator: ", ")
    }
}
