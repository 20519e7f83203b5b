import Foundation

/// Python's `"idna"` codec, enough for e-mail domains: each non-ASCII label is lowercased,
/// NFKC-normalised and written as `xn--` + Punycode (RFC 3492); `nil` where Python raises
/// (an empty or over-long label).
enum Punycode {
    static func idna(_ domain: String) -> String? {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        var encoded: [String] = []
        for (index, label) in labels.enumerated() {
            if label.allSatisfy(\.isASCII) {
                guard label.count <= 63, !label.isEmpty || index == labels.count - 1 else { return nil }
                encoded.append(String(label))
                continue
            }
            let prepared = String(label).lowercased().precomposedStringWithCompatibilityMapping
            guard let code = encode(prepared) else { return nil }
            let ascii = "xn--" + code
            guard ascii.count <= 63 else { return nil }
            encoded.append(ascii)
        }
        return encoded.joined(separator: ".")
    }

    /// RFC 3492 encoding of one label.
    static func encode(_ input: String) -> String? {
        let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
        let codePoints = input.unicodeScalars.map { Int($0.value) }
        var output = codePoints.filter { $0 < 0x80 }.map { Character(Unicode.Scalar(UInt8($0))) }
        let basicCount = output.count
        if basicCount > 0 { output.append("-") }
        func digit(_ value: Int) -> Character {
            Character(Unicode.Scalar(UInt8(value < 26 ? value + 97 : value + 22)))
        }
        func adapt(_ delta: Int, _ count: Int, _ first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / count
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }
        var n = 0x80, delta = 0, bias = 72, handled = basicCount
        while handled < codePoints.count {
            guard let next = codePoints.filter({ $0 >= n }).min() else { return nil }
            delta += (next - n) * (handled + 1)
            n = next
            for codePoint in codePoints {
                if codePoint < n { delta += 1 }
                if codePoint == n {
                    var q = delta, k = base
                    while true {
                        let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(output)
    }
}
