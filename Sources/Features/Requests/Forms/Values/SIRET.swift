/// French establishment numbers (SIRET: the 9-digit SIREN of the company, then a 5-digit NIC).
public enum SIRET {
    /// La Poste's SIREN: its establishments' SIRETs do not follow the Luhn key; the sum of their
    /// digits is a multiple of 5 instead. Its head office (`headOffice`) keeps the Luhn key.
    public static let laPosteSIREN = "356000000"
    public static let laPosteHeadOffice = "35600000000048"

    /// The 14 digits, spaces removed; throws `siretFormat` or `siretChecksum`.
    public static func normalise(_ raw: String) throws(AnswerProblem) -> String {
        let digits = raw.removingSeparators()
        guard digits.count == 14, digits.allSatisfy(\.isASCIIDigit) else { throw .siretFormat }
        guard isValid(digits) else { throw .siretChecksum }
        return digits
    }

    /// Whether 14 digits carry a valid key.
    static func isValid(_ digits: String) -> Bool {
        guard digits != String(repeating: "0", count: 14) else { return false }
        if digits.hasPrefix(laPosteSIREN), digits != laPosteHeadOffice {
            return digits.compactMap(\.wholeNumberValue).reduce(0, +) % 5 == 0
        }
        return luhn(digits)
    }

    /// The Luhn key (ISO/IEC 7812): from the right, every second digit doubled (minus 9 above 9);
    /// the sum is a multiple of 10.
    public static func luhn(_ digits: String) -> Bool {
        var sum = 0
        for (index, digit) in digits.reversed().compactMap(\.wholeNumberValue).enumerated() {
            let value = index.isMultiple(of: 2) ? digit : digit * 2
            sum += value > 9 ? value - 9 : value
        }
        return sum.isMultiple(of: 10)
    }
}
