/// Where and as whom mail is submitted: an SMTP relay of the consortium's network
/// (`smtp://host[:port]`), which takes care of TLS and DKIM towards the Internet.
public struct SMTPConfiguration: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The envelope sender and `From:` address.
    public var fromAddress: String
    /// The `From:` display name.
    public var fromName: String
    /// The name this host gives in `EHLO` (relays often want a fully qualified one).
    public var hello: String
    /// The whole exchange, from connecting to `QUIT`, must end within this.
    public var timeout: Duration

    public init(host: String, port: Int = 25, fromAddress: String, fromName: String = "Mutualis", hello: String = "mutualis", timeout: Duration = .seconds(30)) {
        self.host = host
        self.port = port
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.hello = hello
        self.timeout = timeout
    }

    /// `smtp://host[:port]`. Credentials are refused: without TLS they would travel in clear,
    /// so submission goes to a relay that trusts the platform's network.
    public init(url: String, fromAddress: String, fromName: String = "Mutualis", hello: String = "mutualis") throws(SMTPError) {
        guard url.hasPrefix("smtp://") else { throw SMTPError(.configuration, "the SMTP URL must look like smtp://host[:port]") }
        let authority = url.dropFirst("smtp://".count).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard !authority.contains("@") else {
            throw SMTPError(.configuration, "SMTP credentials are not supported (no TLS): submit to a relay that trusts this network")
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2,
              host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw SMTPError(.configuration, "the SMTP URL must look like smtp://host[:port]")
        }
        var port = 25
        if parts.count == 2 {
            guard let number = Int(parts[1]), (1...65535).contains(number) else { throw SMTPError(.configuration, "the SMTP port must be in 1…65535") }
            port = number
        }
        guard MailHeaders.isPlainAddress(fromAddress) else { throw SMTPError(.configuration, "the sender address is not a plain e-mail address") }
        guard !hello.isEmpty, hello.utf8.count <= 253, hello.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
            throw SMTPError(.configuration, "the EHLO name must be a host name")
        }
        self.init(host: String(host), port: port, fromAddress: fromAddress, fromName: fromName, hello: hello)
    }
}
