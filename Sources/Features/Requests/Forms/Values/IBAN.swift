/// International bank account numbers (ISO 13616), restricted to France and the SEPA countries.
public enum IBAN {
    /// The length of an IBAN, by country: the SEPA scheme's countries (France's overseas
    /// departments and collectivities use `FR`).
    public static let lengths: [String: Int] = [
        "AD": 24, "AL": 28, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
        "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21,
        "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
        "MD": 24, "ME": 22, "MK": 19, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
        "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
    ]

    /// Upper case without spaces; throws `ibanFormat`, `ibanCountry`, `ibanLength` or `ibanChecksum`.
    public static func normalise(_ raw: String) throws(AnswerProblem) -> String {
        let iban = raw.removingSeparators().uppercased()
        let characters = Array(iban)
        guard characters.count >= 5, characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              characters[0].isLetter, characters[1].isLetter,
              characters[2].isASCIIDigit, characters[3].isASCIIDigit else { throw .ibanFormat }
        let country = String(characters[0...1])
        guard let length = lengths[country] else { throw .ibanCountry(country) }
        guard characters.count == length else { throw .ibanLength(country: country, expected: length) }
        guard checksum(iban) == 1 else { throw .ibanChecksum }
        return iban
    }

    /// The remainder modulo 97 of the IBAN with its first four characters moved to the end and
    /// letters replaced by 10–35 (1 for a valid IBAN).
    static func checksum(_ iban: String) -> Int {
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            guard let value = character.isASCIIDigit ? character.wholeNumberValue : letterValue(character) else {
                return -1
            }
            remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97
        }
        return remainder
    }

    private static func letterValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue, (65...90).contains(ascii) else { return nil }
        return Int(ascii) - 55
    }
}
