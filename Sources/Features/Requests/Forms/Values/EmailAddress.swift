/// E-mail addresses: `local@domain.tld`, ASCII, the domain put in lower case.
public enum EmailAddress {
    public static func normalise(_ raw: String) throws(AnswerProblem) -> String {
        let parts = raw.split(separator: "@", omittingEmptySubsequences: false)
        guard raw.count <= 254, parts.count == 2 else { throw .invalidEmail }
        let local = parts[0], domain = parts[1].lowercased()
        let specials = Set("!#$%&'*+/=?^_`{|}~-.")
        guard (1...64).contains(local.count),
              local.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || specials.contains($0)) }),
              local.first != ".", local.last != ".", !local.contains("..") else { throw .invalidEmail }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2,
              labels.allSatisfy({ label in
                  (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                      && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
              }),
              let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { throw .invalidEmail }
        return "\(local)@\(domain)"
    }
}
