/// Bounds on what a SIP may hold, checked before and while it is unpacked (zip bombs, floods of
/// entries, huge manifests).
public struct SIPLimits: Sendable {
    /// The SIP as received.
    public var maxPackageBytes: Int
    /// Everything unpacked, in all.
    public var maxUnpackedBytes: Int
    public var maxEntries: Int
    /// An entry above `ratioThreshold` bytes may not expand more than this many times.
    public var maxCompressionRatio: Int
    public var ratioThreshold: Int
    public var maxManifestBytes: Int
    public var maxXMLDepth: Int

    public init(
        maxPackageBytes: Int = 4 << 30, maxUnpackedBytes: Int = 8 << 30, maxEntries: Int = 10_000,
        maxCompressionRatio: Int = 100, ratioThreshold: Int = 1 << 20, maxManifestBytes: Int = 64 << 20, maxXMLDepth: Int = 200
    ) {
        self.maxPackageBytes = maxPackageBytes
        self.maxUnpackedBytes = maxUnpackedBytes
        self.maxEntries = maxEntries
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioThreshold = ratioThreshold
        self.maxManifestBytes = maxManifestBytes
        self.maxXMLDepth = maxXMLDepth
    }

    public static let standard = SIPLimits()
}
