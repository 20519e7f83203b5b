/// The visible signature block: a light frame with lines of Helvetica (standard 14 font,
/// WinAnsiEncoding), at the bottom right of the page as displayed (its `/Rotate` honoured).
struct PDFAppearance {
    static let margin = 28.0
    static let padding = 6.0
    static let fontSize = 9.0
    static let minimumFontSize = 4.0

    /// The widget's `/Rect`, in the page's default user space.
    var rect: [Double]
    /// The form XObject for `/AP /N`.
    var stream: PDFStream

    init(lines: [String], box: [Double], rotation: Int) {
        let encoded = lines.map(PDFText.winAnsi)
        let (boxWidth, boxHeight) = (box[2] - box[0], box[3] - box[1])
        let (shownWidth, shownHeight) = rotation % 180 == 0 ? (boxWidth, boxHeight) : (boxHeight, boxWidth)

        let widest = Double(encoded.map { $0.reduce(0) { $0 + PDFText.helveticaWidth($1) } }.max() ?? 0) / 1000
        let rows = Double(max(encoded.count, 1))
        func size(_ fontSize: Double) -> (width: Double, height: Double) {
            (widest * fontSize + 2 * Self.padding, (rows - 1) * fontSize * 1.25 + fontSize + 2 * Self.padding)
        }
        var fontSize = Self.fontSize
        while fontSize > Self.minimumFontSize,
              size(fontSize).width > shownWidth - 2 * Self.margin || size(fontSize).height > shownHeight - 2 * Self.margin {
            fontSize -= 0.5
        }
        let (width, height) = size(fontSize)

        // Bottom right of the displayed page, then back to user space.
        let shownX = max(0, shownWidth - Self.margin - width), shownY = min(Self.margin, max(0, shownHeight - height))
        let corners = [(shownX, shownY), (shownX + width, shownY + height)].map { point in
            Self.userSpace(point, box: box, rotation: rotation)
        }
        rect = [min(corners[0].0, corners[1].0), min(corners[0].1, corners[1].1),
                max(corners[0].0, corners[1].0), max(corners[0].1, corners[1].1)]

        var content = "q\n0.96 0.97 1 rg 0.45 0.5 0.7 RG 0.8 w\n"
        content += "\(Self.format(0.4)) \(Self.format(0.4)) \(Self.format(width - 0.8)) \(Self.format(height - 0.8)) re B\n"
        content += "BT\n0.1 0.12 0.25 rg\n/Helv \(Self.format(fontSize)) Tf\n"
        content += "\(Self.format(Self.padding)) \(Self.format(height - Self.padding - fontSize * 0.8)) Td\n"
        var data = Array(content.utf8)
        for (index, line) in encoded.enumerated() {
            if index > 0 { data += Array("0 \(Self.format(-fontSize * 1.25)) Td\n".utf8) }
            data += PDFSerializer.bytes(.string(line, hex: false)) + Array(" Tj\n".utf8)
        }
        data += Array("ET\nQ".utf8)

        let font = PDFDictionary([
            "Type": .name("Font"), "Subtype": .name("Type1"), "BaseFont": .name("Helvetica"),
            "Encoding": .name("WinAnsiEncoding"),
        ])
        var dictionary = PDFDictionary([
            "Type": .name("XObject"), "Subtype": .name("Form"),
            "BBox": .array([.integer(0), .integer(0), .number(width), .number(height)]),
            "Resources": .dictionary(PDFDictionary(["Font": .dictionary(PDFDictionary(["Helv": .dictionary(font)]))])),
        ])
        // Turn the content with the page so it reads upright (§12.5.5: BBox × Matrix fitted to Rect).
        switch rotation {
        case 90: dictionary["Matrix"] = .array([0, 1, -1, 0, 0, 0].map { .integer($0) })
        case 180: dictionary["Matrix"] = .array([-1, 0, 0, -1, 0, 0].map { .integer($0) })
        case 270: dictionary["Matrix"] = .array([0, -1, 1, 0, 0, 0].map { .integer($0) })
        default: break
        }
        stream = PDFStream(dictionary: dictionary, data: data)
    }

    /// A point of the displayed page (origin at its bottom left) in default user space; the
    /// page is shown turned clockwise by `rotation`.
    static func userSpace(_ point: (Double, Double), box: [Double], rotation: Int) -> (Double, Double) {
        let (x, y) = point
        switch rotation {
        case 90: return (box[2] - y, box[1] + x)
        case 180: return (box[2] - x, box[3] - y)
        case 270: return (box[0] + y, box[3] - x)
        default: return (box[0] + x, box[1] + y)
        }
    }

    private static func format(_ value: Double) -> String {
        String(decoding: PDFSerializer.bytes(.number(value)), as: UTF8.self)
    }
}
