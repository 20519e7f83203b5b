/// French phone numbers: `0X XX XX XX XX` (spaces, dots or dashes between digits) or `+33` then
/// nine digits; stored as `+33XXXXXXXXX`.
public enum PhoneNumber {
    public static func normalise(_ raw: String) throws(AnswerProblem) -> String {
        let compact = raw.removingSeparators([".", "-"])
        let national: Substring
        if compact.hasPrefix("+33") {
            national = compact.dropFirst(3)
            guard national.count == 9 else { throw .invalidPhone }
        } else if compact.hasPrefix("0") {
            national = compact.dropFirst()
            guard national.count == 9 else { throw .invalidPhone }
        } else {
            throw .invalidPhone
        }
        guard national.allSatisfy(\.isASCIIDigit), national.first != "0" else { throw .invalidPhone }
        return "+33" + national
    }
}
