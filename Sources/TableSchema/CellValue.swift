/// A cell read with its field's type: what constraints, uniqueness and primary keys compare.
enum CellValue: Sendable, Hashable {
    case text(String)
    case number(ExactNumber)
    case boolean(Bool)
    case temporal(TemporalValue)

    /// Orders two values as Python does, or `nil` when they do not compare (NaN, naive with
    /// aware, different kinds).
    func compare(_ other: CellValue) -> Int? {
        switch (self, other) {
        case (.number(let left), .number(let right)):
            if left.isNaN || right.isNaN { return nil }
            return left == right ? 0 : (left < right ? -1 : 1)
        case (.temporal(let left), .temporal(let right)):
            return left.compare(right)
        case (.text(let left), .text(let right)):
            return left == right ? 0 : (left.unicodeScalars.lexicographicallyPrecedes(right.unicodeScalars) ? -1 : 1)
        case (.boolean(let left), .boolean(let right)):
            return left == right ? 0 : (!left ? -1 : 1)
        default:
            return nil
        }
    }

    /// Whether uniqueness may count this value: Python never finds a NaN again in a dict.
    var isHashable: Bool {
        if case .number(let number) = self { return !number.isNaN }
        return true
    }
}
