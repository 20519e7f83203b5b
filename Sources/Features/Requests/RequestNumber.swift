/// A request's public number, `<SLUG>-<YEAR>-<sequence>`: `DEPOTS-2026-000042`. The slug (the
/// procedure type's, upper case) may itself contain dashes; the sequence is zero-padded to six
/// digits (more when it outgrows them).
public struct RequestNumber: Codable, Hashable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// Upper case: `A`–`Z`, `0`–`9` and single inner dashes, starting with a letter, 1–40 characters.
    public let slug: String
    /// 1000–9999.
    public let year: Int
    /// From 1.
    public let sequence: Int

    /// Nil when a part is out of bounds; the slug is put in upper case.
    public init?(slug: String, year: Int, sequence: Int) {
        let slug = slug.uppercased()
        guard slug.wholeMatch(of: #/[A-Z][A-Z0-9]*(-[A-Z0-9]+)*/#) != nil, slug.count <= 40,
              (1000...9999).contains(year), sequence >= 1 else { return nil }
        self.slug = slug
        self.year = year
        self.sequence = sequence
    }

    /// Parses `SLUG-2026-000042` (as formatted: upper case, six digits at least, no extra zeros).
    public init?(_ description: String) {
        let parts = description.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, let yearPart = parts.dropLast().last,
              yearPart.count == 4, yearPart.allSatisfy(\.isASCIIDigit),
              last.count >= 6, last.allSatisfy(\.isASCIIDigit), last.count == 6 || last.first != "0",
              let year = Int(yearPart), let sequence = Int(last) else { return nil }
        let slug = parts.dropLast(2).joined(separator: "-")
        guard slug == slug.uppercased() else { return nil }
        self.init(slug: slug, year: year, sequence: sequence)
    }

    public var description: String {
        let digits = String(sequence)
        return "\(slug)-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = RequestNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Not a request number: \(text)"))
        }
        self = number
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
