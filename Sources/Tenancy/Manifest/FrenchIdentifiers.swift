/// Checks for French public identifiers.
public enum FrenchIdentifiers {
    /// SIREN: 9 digits passing the Luhn checksum.
    public static func isSiren(_ text: String) -> Bool {
        let digits = text.utf8.map { Int($0) - 48 }
        guard digits.count == 9, digits.allSatisfy({ (0...9).contains($0) }) else { return false }
        var sum = 0
        for (index, digit) in digits.reversed().enumerated() {
            let value = index % 2 == 1 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        return sum % 10 == 0
    }

    /// INSEE commune code: 5 characters, two for the département (`2A`/`2B` in Corsica).
    public static func isInseeCommuneCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 5 else { return false }
        let corsica = bytes[0] == UInt8(ascii: "2") && (bytes[1] == UInt8(ascii: "A") || bytes[1] == UInt8(ascii: "B"))
        return (corsica || bytes[0...1].allSatisfy(isDigit)) && bytes[2...].allSatisfy(isDigit)
    }
}
