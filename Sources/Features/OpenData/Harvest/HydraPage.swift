import Web

/// One page of a paged catalogue (`?page=N`, from 1), and the Hydra links around it as
/// data.gouv.fr's DCAT harvester follows them: it looks for the `hydra:PartialCollectionView`
/// node and fetches its `hydra:next` until there is none.
struct HydraPage: Sendable, Equatable {
    /// Datasets per page.
    static let size = 20

    var number: Int
    var total: Int
    var size: Int = HydraPage.size

    /// At least one page, even for an empty catalogue.
    var last: Int { max(1, (total + size - 1) / size) }
    var range: Range<Int> { min(total, (number - 1) * size)..<min(total, number * size) }
    var next: Int? { number < last ? number + 1 : nil }
    var previous: Int? { number > 1 ? number - 1 : nil }

    /// `page` as the query gave it: absent is the first; anything but a page number is a 400,
    /// a page past the last a 404.
    init(query page: String?, total: Int, size: Int = HydraPage.size) throws {
        self.total = total
        self.size = size
        guard let page else {
            number = 1
            return
        }
        guard page.count <= 9, let number = Int(page), number >= 1 else {
            throw WebError.invalidParameter("page", "La page est un entier à partir de 1.")
        }
        self.number = number
        guard number <= last else {
            throw WebError.notFound("Le catalogue n'a que \(last) page(s).")
        }
    }

    /// The page's node and the statements the catalogue carries about its paging
    /// (`hydra:totalItems`, `hydra:view`). `url` gives a page's absolute address.
    func view(_ url: (Int) -> String) -> (node: RDFNode, catalogue: [(String, RDFObject)]) {
        var node = RDFNode(iri: url(number), types: ["hydra:PartialCollectionView"])
        node.add("hydra:first", .iri(url(1)))
        node.add("hydra:last", .iri(url(last)))
        node.add("hydra:next", next.map { .iri(url($0)) })
        node.add("hydra:previous", previous.map { .iri(url($0)) })
        return (node, [("hydra:totalItems", .integer(total)), ("hydra:view", .iri(url(number)))])
    }
}
