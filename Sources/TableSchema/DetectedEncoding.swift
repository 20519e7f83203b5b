/// How a validated file was encoded, and whether it was converted.
public enum DetectedEncoding: String, Sendable, Equatable {
    /// UTF-8 without a byte order mark (pure ASCII included).
    case utf8
    /// UTF-8 starting with a byte order mark (what spreadsheets write as « CSV UTF-8 »).
    case utf8WithBOM
    /// Not UTF-8: read as Windows-1252 (Latin-1) and converted, as `ValidationOptions` allowed.
    case windows1252Converted
}
