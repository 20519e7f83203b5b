/// A leaf of the page tree with the attributes it inherits (§7.7.3.4).
struct PDFPage {
    var reference: PDFReference
    var dictionary: PDFDictionary
    /// `[llx lly urx ury]`, normalised; the CropBox when there is one, else the MediaBox.
    var visibleBox: [Double]
    /// 0, 90, 180 or 270.
    var rotation: Int
}

/// Walks `/Pages` → `/Kids` to the page leaves, in document order.
enum PDFPageTree {
    static let maximumPages = 100_000
    /// US Letter, §14.11.2 does not give a default but every viewer falls back to one.
    static let defaultMediaBox: [Double] = [0, 0, 612, 792]

    private struct Inherited {
        var mediaBox: [Double]?
        var cropBox: [Double]?
        var rotate: Int?
    }

    static func pages(in file: PDFFile, catalog: PDFDictionary) throws(PDFSignatureError) -> [PDFPage] {
        guard let root = catalog["Pages"]?.reference else { throw .malformed("pas d’arbre de pages (/Pages)") }
        var pages: [PDFPage] = []
        var visited: Set<Int> = []
        // Depth-first, kids pushed in reverse so they come out in order.
        var stack: [(PDFReference, Inherited)] = [(root, Inherited())]
        while let (reference, inherited) = stack.popLast() {
            guard visited.insert(reference.number).inserted else { throw .malformed("boucle dans l’arbre des pages") }
            guard let node = try file.dictionary(.reference(reference)) else {
                throw .malformed("nœud de l’arbre des pages \(reference) introuvable")
            }
            var attributes = inherited
            if let box = try rectangle(node["MediaBox"], in: file) { attributes.mediaBox = box }
            if let box = try rectangle(node["CropBox"], in: file) { attributes.cropBox = box }
            if let rotate = try file.resolve(node["Rotate"]).integer { attributes.rotate = rotate }

            let kids = try file.resolve(node["Kids"]).array
            if node["Type"]?.name == "Pages" || (node["Type"]?.name != "Page" && kids != nil) {
                for kid in (kids ?? []).reversed() {
                    guard let kidReference = kid.reference else { throw .malformed("/Kids contient un objet direct") }
                    stack.append((kidReference, attributes))
                }
                continue
            }
            guard pages.count < maximumPages else { throw .unsupported("plus de \(maximumPages) pages") }
            let mediaBox = attributes.mediaBox ?? defaultMediaBox
            let visible = attributes.cropBox.flatMap { intersection($0, mediaBox) } ?? mediaBox
            let rotation = ((attributes.rotate ?? 0) % 360 + 360) % 360
            pages.append(PDFPage(reference: reference, dictionary: node, visibleBox: visible,
                                 rotation: rotation - rotation % 90))
        }
        guard !pages.isEmpty else { throw .malformed("le document n’a aucune page") }
        return pages
    }

    /// Coordinates beyond this are refused (ISO 32000-1 Annex C: 14 400 units is the largest page).
    static let maximumCoordinate = 1_000_000.0

    /// A `[a b c d]` of numbers (maybe indirect), normalised so that a ≤ c and b ≤ d; nil when
    /// absent, empty or absurd (the inherited or default box applies).
    private static func rectangle(_ object: PDFObject?, in file: PDFFile) throws(PDFSignatureError) -> [Double]? {
        guard let object, let items = try file.resolve(object).array, items.count == 4 else { return nil }
        var numbers: [Double] = []
        for item in items {
            guard let number = try file.resolve(item).number, number.isFinite, abs(number) <= maximumCoordinate else { return nil }
            numbers.append(number)
        }
        guard numbers[0] != numbers[2], numbers[1] != numbers[3] else { return nil }
        return [min(numbers[0], numbers[2]), min(numbers[1], numbers[3]), max(numbers[0], numbers[2]), max(numbers[1], numbers[3])]
    }

    private static func intersection(_ a: [Double], _ b: [Double]) -> [Double]? {
        let box = [max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])]
        return box[0] < box[2] && box[1] < box[3] ? box : nil
    }
}
