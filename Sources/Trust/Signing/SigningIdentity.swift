import Cryptography

/// A certificate, its private key (opened for this use only) and the chain to its anchor.
public struct SigningIdentity: Sendable {
    public var certificate: Certificate
    public var key: PrivateKey
    public var chain: [Certificate]

    public init(certificate: Certificate, key: PrivateKey, chain: [Certificate]) {
        self.certificate = certificate
        self.key = key
        self.chain = chain
    }
}
