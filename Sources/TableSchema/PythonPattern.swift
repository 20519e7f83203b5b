import Foundation

/// A `pattern` constraint compiled as Frictionless compiles it: `re.compile("^" + pattern + "$")`
/// then `match` (so `a|b` means "starts with a, or is b"), with ICU standing in for Python's `re`
/// (`(?P<name>…)`, `(?P=name)` and `\Z` are translated; `$` also matches before a final `\n`).
struct PythonPattern: @unchecked Sendable {
    let source: String
    private let expression: NSRegularExpression

    init?(_ pattern: String) {
        source = pattern
        guard let expression = try? NSRegularExpression(pattern: "^" + Self.translated(pattern) + "$",
                                                        options: [.useUnixLineSeparators]) else { return nil }
        self.expression = expression
    }

    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, options: [.anchored],
                              range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }

    private static func translated(_ pattern: String) -> String {
        var result = ""
        var rest = pattern[...]
        while let character = rest.first {
            if rest.hasPrefix("(?P<") {
                result += "(?<"
                rest = rest.dropFirst(4)
            } else if rest.hasPrefix("(?P="), let end = rest.firstIndex(of: ")") {
                result += "\\k<" + rest[rest.index(rest.startIndex, offsetBy: 4)..<end] + ">"
                rest = rest[rest.index(after: end)...]
            } else if character == "\\", rest.count >= 2 {
                let next = rest[rest.index(after: rest.startIndex)]
                result += next == "Z" ? "\\z" : "\\" + String(next)
                rest = rest.dropFirst(2)
            } else {
                result.append(character)
                rest = rest.dropFirst()
            }
        }
        return result
    }
}
