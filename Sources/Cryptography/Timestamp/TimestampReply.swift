import COpenSSL
import Foundation

/// An RFC 3161 TimeStampResp: its status and, when granted, the token (a DER CMS SignedData
/// over a TSTInfo) and the time it states.
public struct TimestampReply: Sendable {
    public var granted: Bool
    /// The authority's status text when it refused ("unrecognized or unsupported algorithm"…).
    public var failure: String?
    public var token: [UInt8]?
    public var time: Date?
    public var serialNumberHex: String?

    public init(der: [UInt8]) throws {
        let response = try MemoryBIO.reading(der, "timestamp reply") { bio in
            try OpenSSL.check(d2i_TS_RESP_bio(bio, nil), "d2i_TS_RESP_bio")
        }
        defer { TS_RESP_free(response) }
        let status = TS_RESP_get_status_info(response)
        let code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status))
        granted = code == Int(TS_STATUS_GRANTED) || code == Int(TS_STATUS_GRANTED_WITH_MODS)
        failure = granted ? nil : Self.statusText(status)
        if granted, let token = TS_RESP_get_token(response) {
            self.token = try MemoryBIO.writing("timestamp token") { bio in
                try OpenSSL.check(i2d_PKCS7_bio(bio, token), "i2d_PKCS7_bio")
            }
        }
        if granted, let info = TS_RESP_get_tst_info(response) {
            time = Certificate.date(TS_TST_INFO_get_time(info))
            if let serial = TS_TST_INFO_get_serial(info), let number = ASN1_INTEGER_to_BN(serial, nil) {
                defer { BN_free(number) }
                if let hex = BN_bn2hex(number) {
                    serialNumberHex = String(cString: hex).lowercased()
                    mutualis_openssl_free(hex)
                }
            }
        }
    }

    private static func statusText(_ status: OpaquePointer?) -> String {
        let code = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status))
        let reasons = [(0, "unsupported digest algorithm"), (2, "bad request"), (5, "bad data format"), (14, "time not available"),
                       (15, "unaccepted policy"), (16, "unaccepted extension"), (17, "additional information not available"), (25, "system failure")]
        let bits = TS_STATUS_INFO_get0_failure_info(status)
        let named = reasons.filter { bits != nil && ASN1_BIT_STRING_get_bit(bits, Int32($0.0)) == 1 }.map(\.1)
        return "status \(code)" + (named.isEmpty ? "" : ": " + named.joined(separator: ", "))
    }
}
