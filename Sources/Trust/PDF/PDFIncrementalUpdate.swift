/// The objects an incremental update adds or rewrites (§7.5.6), and the writing of the update:
/// the objects, a cross-reference section of the kind the file's newest one is, the trailer
/// (`/Prev` to the previous section), `startxref` and `%%EOF`. The original bytes are kept as is.
struct PDFIncrementalUpdate {
    let file: PDFFile
    private(set) var nextNumber: Int
    private var order: [Int] = []
    private var objects: [Int: (reference: PDFReference, body: [UInt8])] = [:]
    private var rewritten: [Int: PDFObject] = [:]

    init(file: PDFFile) {
        self.file = file
        self.nextNumber = file.nextObjectNumber
    }

    /// A new object number (generation 0).
    mutating func allocate() -> PDFReference {
        defer { nextNumber += 1 }
        return PDFReference(nextNumber, 0)
    }

    /// An object as the update leaves it: rewritten here, else as the file has it.
    func current(_ reference: PDFReference) throws(PDFSignatureError) -> PDFObject {
        if let object = rewritten[reference.number] { return object }
        return try file.object(reference)
    }

    /// Writes `object` as `reference` in the update (a new object, or a new version of an old
    /// one, keeping its number and generation).
    mutating func set(_ reference: PDFReference, _ object: PDFObject) {
        rewritten[reference.number] = object
        setBody(reference, PDFSerializer.bytes(object))
    }

    /// Writes hand-laid bytes as the object's body (the signature dictionary, whose placeholders
    /// are found by position).
    mutating func setBody(_ reference: PDFReference, _ body: [UInt8]) {
        let reference = reference.number < file.nextObjectNumber
            ? PDFReference(reference.number, file.generation(of: reference.number)) : reference
        if objects[reference.number] == nil { order.append(reference.number) }
        objects[reference.number] = (reference, body)
    }

    /// The original bytes followed by the update, and the offset of each object's body.
    func write() -> (bytes: [UInt8], bodyOffsets: [Int: Int]) {
        var output = file.bytes
        if let last = output.last, last != 0x0A, last != 0x0D { output.append(0x0A) }
        var offsets: [Int: Int] = [:]
        var bodyOffsets: [Int: Int] = [:]
        for number in order {
            guard let (reference, body) = objects[number] else { continue }
            offsets[number] = output.count
            output += Array("\(reference.number) \(reference.generation) obj\n".utf8)
            bodyOffsets[number] = output.count
            output += body
            output += Array("\nendobj\n".utf8)
        }
        let sectionOffset = output.count
        var trailer = PDFDictionary()
        for key in ["Root", "Info", "ID"] { trailer[key] = file.trailer[key] }
        trailer["Prev"] = .integer(file.crossReference.startxref)

        if file.crossReference.newestIsStream {
            let own = PDFReference(nextNumber, 0)
            offsets[own.number] = sectionOffset
            trailer["Size"] = .integer(own.number + 1)
            output += Array("\(own.number) 0 obj\n".utf8)
            output += PDFSerializer.bytes(.stream(stream(offsets, trailer: trailer)))
            output += Array("\nendobj\n".utf8)
        } else {
            trailer["Size"] = .integer(max(nextNumber, file.trailer["Size"]?.integer ?? 0))
            output += Array("xref\n".utf8)
            for range in Self.ranges(offsets.keys) {
                output += Array("\(range.lowerBound) \(range.count)\n".utf8)
                for number in range {
                    let offset = String(offsets[number] ?? 0), generation = String(min(max(generation(number), 0), 65_535))
                    output += Array((String(repeating: "0", count: 10 - offset.count) + offset + " "
                        + String(repeating: "0", count: 5 - generation.count) + generation + " n\r\n").utf8)
                }
            }
            output += Array("trailer\n".utf8)
            output += PDFSerializer.bytes(.dictionary(trailer))
            output += Array("\n".utf8)
        }
        output += Array("startxref\n\(sectionOffset)\n%%EOF\n".utf8)
        return (output, bodyOffsets)
    }

    private func generation(_ number: Int) -> Int {
        objects[number]?.reference.generation ?? 0
    }

    /// A cross-reference stream (§7.5.8), uncompressed: `/W [1 n 2]`, one type-1 row per object.
    private func stream(_ offsets: [Int: Int], trailer: PDFDictionary) -> PDFStream {
        let largest = offsets.values.max() ?? 0
        var width = 1
        while width < 8, largest >> (8 * width) > 0 { width += 1 }
        var dictionary = PDFDictionary(["Type": .name("XRef")])
        for (key, value) in trailer.entries { dictionary[key] = value }
        dictionary["W"] = .array([.integer(1), .integer(width), .integer(2)])
        var index: [PDFObject] = []
        var data: [UInt8] = []
        for range in Self.ranges(offsets.keys) {
            index += [.integer(range.lowerBound), .integer(range.count)]
            for number in range {
                let offset = offsets[number] ?? 0, generation = generation(number)
                data.append(1)
                for shift in stride(from: 8 * (width - 1), through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: offset >> shift)) }
                data += [UInt8(truncatingIfNeeded: generation >> 8), UInt8(truncatingIfNeeded: generation)]
            }
        }
        dictionary["Index"] = .array(index)
        return PDFStream(dictionary: dictionary, data: data)
    }

    /// Sorted object numbers grouped into runs of consecutive numbers (the subsections).
    static func ranges(_ numbers: some Sequence<Int>) -> [ClosedRange<Int>] {
        var ranges: [ClosedRange<Int>] = []
        for number in numbers.sorted() {
            if let last = ranges.last, last.upperBound + 1 == number {
                ranges[ranges.count - 1] = last.lowerBound...number
            } else {
                ranges.append(number...number)
            }
        }
        return ranges
    }
}
