/// An indirect object's identity: `12 0 R`.
struct PDFReference: Hashable, Sendable, CustomStringConvertible {
    var number: Int
    var generation: Int

    init(_ number: Int, _ generation: Int = 0) {
        self.number = number
        self.generation = generation
    }

    var description: String { "\(number) \(generation) R" }
}

/// A PDF object as parsed (ISO 32000-1 §7.3). Names keep one `Character` per byte (Latin-1), so
/// any name round-trips; reals keep their written form, so a rewritten object says the same thing.
indirect enum PDFObject: Sendable, Equatable {
    case null
    case boolean(Bool)
    case integer(Int)
    case real(String)
    case name(String)
    case string([UInt8], hex: Bool)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)
    case stream(PDFStream)

    var dictionary: PDFDictionary? {
        switch self {
        case .dictionary(let dictionary): dictionary
        case .stream(let stream): stream.dictionary
        default: nil
        }
    }

    var array: [PDFObject]? {
        if case .array(let array) = self { array } else { nil }
    }

    var integer: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// An integer or a real, as a `Double`.
    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let text): Double(text)
        default: nil
        }
    }

    var name: String? {
        if case .name(let name) = self { name } else { nil }
    }

    var reference: PDFReference? {
        if case .reference(let reference) = self { reference } else { nil }
    }

    var stream: PDFStream? {
        if case .stream(let stream) = self { stream } else { nil }
    }

    var stringBytes: [UInt8]? {
        if case .string(let bytes, _) = self { bytes } else { nil }
    }

    /// A number as written by this module: an integer when whole, else at most 4 decimals, never
    /// an exponent (PDF has none). Not finite is 0; beyond ±10¹² is clamped.
    static func number(_ value: Double) -> PDFObject {
        let value = value.isFinite ? min(max(value, -1e12), 1e12) : 0
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() { return .integer(Int(rounded)) }
        let scaled = Int((abs(rounded) * 10_000).rounded())
        var fraction = String(scaled % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return .real((rounded < 0 ? "-" : "") + "\(scaled / 10_000).\(fraction)")
    }

    /// An ASCII string (for names and literal strings this module writes).
    static func literal(_ text: String) -> PDFObject {
        .string(Array(text.utf8), hex: false)
    }
}

/// A dictionary that keeps its keys in the order read or set, so rewritten objects stay readable
/// and the output is deterministic.
struct PDFDictionary: Sendable, Equatable {
    private(set) var keys: [String] = []
    private var values: [String: PDFObject] = [:]

    init() {}

    init(_ entries: KeyValuePairs<String, PDFObject>) {
        for (key, value) in entries { self[key] = value }
    }

    subscript(key: String) -> PDFObject? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    var isEmpty: Bool { keys.isEmpty }

    var entries: [(key: String, value: PDFObject)] {
        keys.map { ($0, values[$0] ?? .null) }
    }

    static func == (lhs: PDFDictionary, rhs: PDFDictionary) -> Bool {
        lhs.values == rhs.values
    }
}

/// A stream as stored in the file: its dictionary and its still-encoded data.
struct PDFStream: Sendable, Equatable {
    var dictionary: PDFDictionary
    var data: [UInt8]
}
