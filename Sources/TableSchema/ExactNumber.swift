/// A number read the way Python reads it (`Decimal(text)` for `number`, `int(text)` for
/// `integer`): arbitrary size, exact, so that bounds, enumerations and uniqueness compare what
/// Frictionless compares (`1.0` equals `1`, `-0` equals `0`).
struct ExactNumber: Sendable, Hashable, Comparable {
    enum Kind: Sendable, Hashable {
        /// `significand × 10^exponent`, the significand's decimal digits without leading or
        /// trailing zeros (zero is the empty significand, never negative).
        case finite(negative: Bool, significand: [UInt8], exponent: Int)
        case infinity(negative: Bool)
        case notANumber
    }

    var kind: Kind

    var isNaN: Bool { kind == .notANumber }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        var digits = digits[...]
        while digits.first == 0 { digits.removeFirst() }
        var exponent = exponent
        while digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
        kind = digits.isEmpty ? .finite(negative: false, significand: [], exponent: 0)
            : .finite(negative: negative, significand: Array(digits), exponent: exponent)
    }

    init(kind: Kind) {
        self.kind = kind
    }

    /// NaN is not ordered: every comparison with it is false, as in Python.
    static func < (lhs: ExactNumber, rhs: ExactNumber) -> Bool {
        guard let left = lhs.rank, let right = rhs.rank else { return false }
        return left.compare(right) < 0
    }

    static func == (lhs: ExactNumber, rhs: ExactNumber) -> Bool {
        lhs.kind == rhs.kind && !lhs.isNaN
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
    }

    /// Whether `self` compares with `other` as `ordering` (-1, 0, 1) says; false with NaN.
    func compares(to other: ExactNumber, _ accept: (Int) -> Bool) -> Bool {
        guard let left = rank, let right = other.rank else { return false }
        return accept(left.compare(right))
    }

    private struct Rank {
        var sign: Int  // -1, 0, 1
        var infinite: Bool
        var magnitudeExponent: Int  // position of the leading digit
        var significand: [UInt8]

        func compare(_ other: Rank) -> Int {
            if sign != other.sign { return sign < other.sign ? -1 : 1 }
            if sign == 0 { return 0 }
            let magnitude = compareMagnitude(other)
            return sign > 0 ? magnitude : -magnitude
        }

        private func compareMagnitude(_ other: Rank) -> Int {
            if infinite || other.infinite {
                return infinite == other.infinite ? 0 : (infinite ? 1 : -1)
            }
            if magnitudeExponent != other.magnitudeExponent {
                return magnitudeExponent < other.magnitudeExponent ? -1 : 1
            }
            for index in 0..<max(significand.count, other.significand.count) {
                let left = index < significand.count ? significand[index] : 0
                let right = index < other.significand.count ? other.significand[index] : 0
                if left != right { return left < right ? -1 : 1 }
            }
            return 0
        }
    }

    private var rank: Rank? {
        switch kind {
        case .notANumber: nil
        case .infinity(let negative): Rank(sign: negative ? -1 : 1, infinite: true, magnitudeExponent: 0, significand: [])
        case .finite(let negative, let significand, let exponent):
            significand.isEmpty ? Rank(sign: 0, infinite: false, magnitudeExponent: 0, significand: [])
                : Rank(sign: negative ? -1 : 1, infinite: false,
                       magnitudeExponent: exponent + significand.count, significand: significand)
        }
    }
}
