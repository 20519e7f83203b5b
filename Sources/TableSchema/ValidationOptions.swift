/// How `TableValidator` reads a file.
public struct ValidationOptions: Sendable, Equatable {
    /// Files larger than this are refused while being read (`TableRefusal.Kind.tooLarge`);
    /// `nil` for no limit. Default: 200 MiB, the platform's upload limit.
    public var byteLimit: Int?
    /// Issues kept in the report (the count and the verdict go on past it). Default 1000, as
    /// Frictionless's `limit_errors`.
    public var errorLimit: Int
    /// The separator; `.automatic` by default (SCDL publishes with commas, spreadsheets in
    /// French save with semicolons).
    public var delimiter: DelimiterChoice
    /// Read a file that is not UTF-8 as Windows-1252 (Latin-1) and convert it, instead of
    /// refusing it (the default).
    public var convertLegacyEncoding: Bool

    public init(byteLimit: Int? = 200 << 20, errorLimit: Int = 1000, delimiter: DelimiterChoice = .automatic,
                convertLegacyEncoding: Bool = false) {
        self.byteLimit = byteLimit
        self.errorLimit = errorLimit
        self.delimiter = delimiter
        self.convertLegacyEncoding = convertLegacyEncoding
    }
}
