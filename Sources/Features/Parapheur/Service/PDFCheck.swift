import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// Main documents are PDFs the platform can sign: readable, not encrypted.
enum PDFCheck {
    static func signable(_ bytes: [UInt8], name: String) throws {
        guard bytes.starts(with: Array("%PDF-".utf8)) else {
            throw WebError(.unsupportedMediaType, kind: "not-a-pdf", title: "Document non PDF",
                           detail: "« \(name.prefix(100)) » n'est pas un PDF : les documents principaux sont des PDF (les autres fichiers vont en annexe).")
        }
        do throws(PDFSignatureError) {
            let summary = try PDFIncrementalSigner.summary(bytes)
            guard !summary.isEncrypted else { throw PDFSignatureError.encrypted }
        } catch {
            throw WebError(.unprocessableContent, kind: "unsignable-pdf", title: "PDF non signable", detail: "« \(name.prefix(100)) » : \(error.reason)")
        }
    }
}
