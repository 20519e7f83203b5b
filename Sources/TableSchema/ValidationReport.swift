/// What `TableValidator` found in a file.
public struct ValidationReport: Sendable, Equatable {
    /// The issues, in the order found, at most `ValidationOptions.errorLimit` of them.
    public var issues: [TableIssue]
    /// Every issue found, kept or not.
    public var issueCount: Int
    /// The header as read (labels trimmed of surrounding white space, as Frictionless does).
    public var labels: [String]
    /// Data rows read (the header excluded, blank rows included).
    public var rowCount: Int
    /// Bytes read from the file.
    public var byteCount: Int
    public var encoding: DetectedEncoding
    /// The separator used: `,` or `;`.
    public var delimiter: Character

    /// The verdict: no issue at all (`issues` may be capped, this is not).
    public var valid: Bool { issueCount == 0 }
    /// Whether some issues were left out of `issues`.
    public var truncated: Bool { issueCount > issues.count }
}
