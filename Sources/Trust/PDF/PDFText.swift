import Foundation

/// Text as PDF writes it: text strings (§7.9.2.2), dates (§7.9.4), and WinAnsi bytes for the
/// standard Helvetica font of the appearance stream (Annex D).
enum PDFText {
    /// A text string: ASCII as a literal string; anything else UTF-16BE with its BOM.
    static func string(_ text: String) -> PDFObject {
        if text.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) {
            return .string(Array(text.utf8), hex: false)
        }
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        return .string(bytes, hex: true)
    }

    /// Reads a text string: UTF-16BE or UTF-8 (PDF 2.0) with their BOM, else PDFDocEncoding.
    static func decode(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return String(decoding: bytes.dropFirst(3), as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = switch byte {
            case 0x80...0x9E: pdfDocHigh[Int(byte - 0x80)]
            case 0xA0: 0x20AC
            default: UInt32(byte)
            }
            scalars.append(UnicodeScalar(value) ?? "?")
        }
        return String(scalars)
    }

    /// PDFDocEncoding 0x80–0x9E (Annex D.2).
    private static let pdfDocHigh: [UInt32] = [
        0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212, 0x2030,
        0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
        0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E,
    ]

    /// `D:20261203163100+00'00'`, in UTC.
    static func date(_ date: Date) -> PDFObject {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        let year = String(parts.year ?? 1970)
        let text = "D:" + String(repeating: "0", count: max(0, 4 - year.count)) + year
            + two(parts.month) + two(parts.day) + two(parts.hour) + two(parts.minute) + two(parts.second) + "+00'00'"
        return .literal(text)
    }

    /// WinAnsiEncoding bytes for Helvetica; what it cannot encode becomes `?`, narrow and
    /// ordinary no-break spaces become spaces.
    static func winAnsi(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar in
            let value = scalar.value
            switch value {
            case 0x20...0x7E, 0xA1...0xFF: return UInt8(value)
            case 0xA0, 0x202F, 0x2009, 0x2007: return 0x20
            default: return winAnsiHigh[value] ?? UInt8(ascii: "?")
            }
        }
    }

    /// WinAnsiEncoding 0x80–0x9F (Annex D.2).
    private static let winAnsiHigh: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// Width in thousandths of the font size of a WinAnsi byte in Helvetica (its AFM); accented
    /// letters are as wide as their base letter.
    static func helveticaWidth(_ byte: UInt8) -> Int {
        switch byte {
        case 0x20...0x7E: return helveticaASCII[Int(byte - 0x20)]
        case 0x80, 0x83, 0x86, 0x87, 0xA2, 0xA3, 0xA5, 0xAB, 0xBB: return 556
        case 0x85, 0x89, 0x97, 0x99, 0x8C, 0xC6: return 1000
        case 0x9C: return 944
        case 0xE6: return 889
        case 0x91, 0x92, 0x82: return 222
        case 0x93, 0x94, 0x84: return 333
        case 0x95, 0xB7: return 350
        case 0x96: return 556
        case 0xB0: return 400
        case 0xDF: return 611
        case 0xC0...0xC5, 0xC8...0xCB, 0xD2...0xD6, 0xD9...0xDD:
            return helveticaASCII[Int(latinBase(byte) - 0x20)]
        case 0xC7: return 722
        case 0xCC...0xCF: return 278
        case 0xD1: return 722
        case 0xE0...0xE5, 0xE8...0xEB, 0xF1...0xF6, 0xF9...0xFD, 0xFF:
            return helveticaASCII[Int(latinBase(byte) - 0x20)]
        case 0xE7: return 500
        case 0xEC...0xEF: return 278
        default: return 556
        }
    }

    /// The unaccented ASCII letter of a Latin-1 accented letter.
    private static func latinBase(_ byte: UInt8) -> UInt8 {
        let scalar = UnicodeScalar(byte)
        let base = String(Character(scalar)).folding(options: .diacriticInsensitive, locale: nil).unicodeScalars.first
        guard let value = base?.value, (0x20...0x7E).contains(value) else { return UInt8(ascii: "n") }
        return UInt8(value)
    }

    /// Helvetica widths for 0x20–0x7E (WinAnsi: 0x27 is quotesingle, 0x60 grave).
    private static let helveticaASCII: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]
}
