import Blobs
import Foundation
import HTTPTypes
import Logging
import Postgres
import Tenancy
import TenantStore

/// A deposited document's media type, from its bytes (PDF, images, office files, text, JSON,
/// XML, CSV…), else `application/octet-stream`. The `Content-Type` the client declares is not
/// trusted: the safe serves documents back with the type their bytes were checked to have.
enum SafeMedia {
    static func type(of bytes: [UInt8]) -> String {
        var sniffer = MediaSniffer()
        bytes.withUnsafeBytes { sniffer.feed($0) }
        return (sniffer.result() ?? .binary).rawValue
    }
}
