import Foundation

/// Renders a `MailMessage` as an RFC 5322 message: UTF-8 text in base64 (no line of the body
/// can then start with a dot or exceed the line limit), non-ASCII header text as RFC 2047
/// encoded words, and nothing from the message able to add a header line.
public enum MailHeaders {
    /// A bare address as SMTP and `To:` take it: no spaces, controls, angle brackets or quotes.
    public static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return address.utf8.count <= 254 && parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
            && address.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) }
    }

    public static func render(_ message: MailMessage, from configuration: SMTPConfiguration, date: Date, messageID: String) -> String {
        let domain = configuration.fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        var lines = [
            "Date: \(rfc5322Date(date))",
            fromLine(configuration),
            "To: <\(message.to)>",
            "Subject: \(encodedWords(message.subject))",
            "Message-ID: <\(messageID)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
            "",
        ]
        let body = Data(message.body.utf8).base64EncodedString()
        var index = body.startIndex
        while index < body.endIndex {
            let end = body.index(index, offsetBy: 76, limitedBy: body.endIndex) ?? body.endIndex
            lines.append(String(body[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Header text: kept as is when short printable ASCII, otherwise (long, non-ASCII, or
    /// holding line breaks or controls) RFC 2047 base64 words of at most 39 bytes of whole
    /// UTF-8 characters each (a 64-character word), folded.
    static func encodedWords(_ text: String) -> String {
        if text.utf8.count <= 60, isPrintableASCII(text), !text.contains("=?") { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// A display name: an atom sequence as is, a quoted string if it holds specials
    /// (`Mairie, Amiens`), encoded words if it is not plain ASCII.
    static func displayName(_ name: String) -> String {
        guard name.utf8.count <= 60, isPrintableASCII(name), !name.contains("=?") else { return encodedWords(name) }
        let specials = Set("()<>[]:;@\\,.\"".unicodeScalars)
        guard name.unicodeScalars.contains(where: specials.contains) else { return name }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func isPrintableASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
    }

    /// `From: name <address>`, the address on a folded line if together they pass 78 characters.
    static func fromLine(_ configuration: SMTPConfiguration) -> String {
        let name = displayName(configuration.fromName)
        let lastLine = "From: \(name)".components(separatedBy: "\r\n").last ?? ""
        let separator = lastLine.utf8.count + configuration.fromAddress.utf8.count + 3 > 78 ? "\r\n " : " "
        return "From: \(name)\(separator)<\(configuration.fromAddress)>"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
