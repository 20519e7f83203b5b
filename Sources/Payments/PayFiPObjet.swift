import Foundation

/// What PayFiP accepts as `objet`: at most 100 characters of `[A-Za-z0-9 ]` (eopayment's
/// `normalize_objet`).
public enum PayFiPObjet {
    /// Accents dropped (compatibility decomposition, non-ASCII removed), apostrophes and hyphens
    /// made spaces, anything else outside `[A-Za-z0-9 ]` removed, runs of spaces made one,
    /// trimmed, cut at 100.
    public static func sanitised(_ text: String) -> String {
        var kept = ""
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar {
            case "'", "-", "\u{2019}", " ", "\t", "\n", "\r": kept.append(" ")
            case "A"..."Z", "a"..."z", "0"..."9": kept.unicodeScalars.append(scalar)
            default: continue
            }
        }
        let words = kept.split(separator: " ", omittingEmptySubsequences: true)
        return String(words.joined(separator: " ").prefix(100)).trimmingCharacters(in: .whitespaces)
    }
}
