import Cryptography
import Foundation

extension TrustServices {
    /// A detached CAdES-B-T signature (DER `.p7s`) of `content`: SHA-256, signingTime,
    /// signingCertificateV2, and a timestamp token over the signature value.
    public func signCAdES(_ content: [UInt8], as identity: SigningIdentity, timestamped: Bool = true) async throws -> [UInt8] {
        let signed = try CMSSignedData.sign(content, certificate: identity.certificate, key: identity.key, chain: identity.chain)
        if timestamped {
            let token = try await timestamp(digest: try Digest.sha256(try signed.signatureValue()))
            try signed.addSignatureTimestamp(token)
        }
        return try signed.der
    }

    /// Verifies a detached signature (an uploaded `.p7s`) over `content` against the member's
    /// trust store, at `time` (or at its timestamp's time, when a valid one is embedded).
    public func verifyCAdES(_ signature: [UInt8], over content: [UInt8], member: String, at time: Date = Date()) throws(SignatureVerdict) -> [CMSSigner] {
        let trust: TrustStore
        do { trust = try trustStore(member: member) } catch { throw SignatureVerdict(problem: .malformed("\(error)"), frenchReason: error.frenchReason) }
        let cms: CMSSignedData
        do { cms = try CMSSignedData(der: signature) } catch {
            throw SignatureVerdict(problem: .malformed("\(error)"), frenchReason: "Le fichier n'est pas une signature CMS/CAdES lisible (.p7s au format DER).")
        }
        do {
            let signers = try cms.verifyDetached(content, trust: trust, at: time)
            for signer in signers {
                if let token = signer.timestampToken {
                    _ = try TimestampToken.verify(token, digest: Digest.sha256(signer.signatureValue), trust: trust, at: time)
                }
            }
            return signers
        } catch let problem as SignatureProblem {
            throw SignatureVerdict(problem: problem)
        } catch {
            throw SignatureVerdict(problem: .malformed("\(error)"))
        }
    }
}

/// A refused signature: the precise problem for logs, and what the agent reads.
public struct SignatureVerdict: Error, Sendable, Equatable, CustomStringConvertible {
    public var problem: SignatureProblem
    public var frenchReason: String

    public init(problem: SignatureProblem, frenchReason: String? = nil) {
        self.problem = problem
        self.frenchReason = frenchReason ?? Self.explain(problem)
    }

    public var description: String { problem.description }

    static func explain(_ problem: SignatureProblem) -> String {
        let format = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: "fr_FR"), timeZone: TimeZone(identifier: "Europe/Paris")!)
        switch problem {
        case .malformed: return "Le fichier n'est pas une signature CMS/CAdES lisible (.p7s au format DER)."
        case .noSigner: return "La signature ne contient pas le certificat de son signataire."
        case .documentMismatch: return "La signature ne correspond pas à ce document : elle porte sur un autre fichier, ou le document a été modifié depuis."
        case .signatureAltered: return "La signature a été altérée : sa valeur ne se vérifie pas."
        case .certificate(.expired(let date)): return "Le certificat du signataire a expiré le \(date.formatted(format))."
        case .certificate(.notYetValid(let date)): return "Le certificat du signataire n'est valable qu'à partir du \(date.formatted(format))."
        case .certificate(.untrusted): return "Le certificat du signataire n'émane pas d'une autorité de confiance de la commune, ou il a été altéré."
        case .certificate(.wrongUsage): return "Le certificat du signataire n'est pas destiné à la signature."
        case .certificate(.other(let reason)): return "Le certificat du signataire est refusé (\(reason))."
        case .timestamp: return "L'horodatage joint à la signature est invalide."
        }
    }
}
