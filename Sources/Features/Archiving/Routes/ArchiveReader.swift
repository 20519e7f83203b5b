import Foundation
import Identity

/// Who reads the archive, and what of a unit they may see. A unit that is not communicable (its
/// access rule's delay, own or inherited, not over) keeps its title, description, keywords and
/// objects from readers; they see that it exists, its level, dates and originating agency, and
/// the day it opens. An archivist (`archive.admin`, as for DIPs) reads everything; the pages
/// journal such privileged reads.
struct ArchiveReader: Sendable {
    let principal: Principal
    let day: Date

    init(_ principal: Principal, on day: Date = Date()) {
        self.principal = principal
        self.day = day
    }

    var privileged: Bool { principal.can(.archiveAdmin) }

    func communicable(_ rules: ArchiveAccess.Rules?) -> Bool {
        (rules ?? .none).communicable(on: day)
    }

    /// Whether the reader sees the unit's description and content.
    func sees(_ rules: ArchiveAccess.Rules?) -> Bool {
        privileged || communicable(rules)
    }

    /// The unit's title, or « Unité non communicable avant le … » for a reader who may not see it.
    func title(_ title: String, _ rules: ArchiveAccess.Rules?) -> String {
        sees(rules) ? title : "Unité " + Self.closed(rules)
    }

    /// « non communicable avant le 01/01/2045 » (or with no fixed end).
    static func closed(_ rules: ArchiveAccess.Rules?) -> String {
        guard let end = rules?.communicableFrom else { return "non communicable (délai sans fin fixée)" }
        return "non communicable avant le " + FrenchDay.numeric(end)
    }
}
