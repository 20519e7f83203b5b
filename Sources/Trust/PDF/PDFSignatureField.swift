import Foundation

/// The signature field the update adds, and what its signature dictionary says.
public struct PDFSignatureField: Sendable {
    public enum Kind: Sendable, Equatable {
        /// `/Type /Sig`, `/SubFilter /ETSI.CAdES.detached` (PAdES baseline): a CAdES detached CMS.
        case signature
        /// `/Type /DocTimeStamp`, `/SubFilter /ETSI.RFC3161`: an RFC 3161 timestamp token.
        case documentTimestamp
    }

    /// Largest `contentsCapacity` accepted (a CMS with a full chain and revocation data fits well
    /// under it).
    public static let maximumContentsCapacity = 1 << 20

    public var kind: Kind
    /// `/Name`, `/Reason`, `/Location` (signatures only; a document timestamp carries none).
    public var signerName: String?
    public var reason: String?
    public var location: String?
    /// `/M`, written in UTC. The CMS itself should not carry a signing-time attribute (PAdES).
    public var signingTime: Date
    /// nil: an invisible field (`/Rect [0 0 0 0]`). Otherwise these lines, in Helvetica, in a
    /// framed block at the bottom right of the last page.
    public var visibleText: [String]?
    /// Bytes reserved for the DER CMS or timestamp token; `/Contents` holds twice as many hex digits.
    public var contentsCapacity: Int

    public init(
        kind: Kind = .signature, signerName: String? = nil, reason: String? = nil, location: String? = nil,
        signingTime: Date = Date(), visibleText: [String]? = nil, contentsCapacity: Int = 16_384
    ) {
        self.kind = kind
        self.signerName = signerName
        self.reason = reason
        self.location = location
        self.signingTime = signingTime
        self.visibleText = visibleText
        self.contentsCapacity = contentsCapacity
    }

    /// An invisible document timestamp field.
    public static func documentTimestamp(contentsCapacity: Int = 16_384) -> PDFSignatureField {
        PDFSignatureField(kind: .documentTimestamp, contentsCapacity: contentsCapacity)
    }
}
