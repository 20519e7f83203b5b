/// What a parse accepts before refusing: the document's size in bytes (checked before libxml2
/// sees a byte) and the nesting depth of its elements (checked while parsing, so a deep document
/// is refused as soon as it crosses the limit).
///
/// libxml2 keeps its own protections on top of these (without `XML_PARSE_HUGE`, which is never
/// set): a text node or attribute value above 10,000,000 bytes, or a depth above 256, is
/// `malformed`.
public struct XMLLimits: Sendable {
    public var maxBytes: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 32 << 20, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// 32 MiB, 128 levels.
    public static let standard = XMLLimits()
}
