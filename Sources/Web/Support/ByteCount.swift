import Foundation

/// Sizes as people read them in French ("1,2 Mo").
public enum ByteCount {
    public static func french(_ bytes: Int) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) o"
        case ..<(1024 * 1024): return "\(bytes / 1024) Ko"
        case ..<(1024 * 1024 * 1024): return String(format: "%.1f Mo", Double(bytes) / 1_048_576).replacingOccurrences(of: ".", with: ",")
        default: return String(format: "%.1f Go", Double(bytes) / 1_073_741_824).replacingOccurrences(of: ".", with: ",")
        }
    }
}
