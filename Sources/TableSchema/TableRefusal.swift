/// Why a CSV was refused before its content could be judged: unreadable, larger than allowed,
/// or not in UTF-8. `message` is in French, for people.
public struct TableRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable
        /// More bytes than `ValidationOptions.byteLimit`: reading stopped there.
        case tooLarge(limit: Int)
        /// Bytes that are not UTF-8 (a Latin-1 / Windows-1252 file) while conversion is off.
        case notUTF8(row: Int)
        /// UTF-8 text with non-ASCII characters, then bytes that are not UTF-8: no single
        /// encoding reads the file.
        case mixedEncoding(row: Int)
        /// A UTF-16 byte order mark.
        case utf16
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind) {
        self.kind = kind
        message = switch kind {
        case .unreadable:
            "Le fichier est illisible."
        case .tooLarge(let limit):
            "Le fichier dépasse la taille autorisée (\(Self.size(limit))) : il est refusé."
        case .notUTF8(let row):
            "Le fichier n'est pas encodé en UTF-8 (ligne \(row) : caractères Latin-1 ou Windows-1252). "
                + "Enregistrez-le en « CSV UTF-8 » ou demandez la conversion."
        case .mixedEncoding(let row):
            "Le fichier mélange deux encodages (UTF-8, puis autre chose ligne \(row)) : enregistrez-le en « CSV UTF-8 »."
        case .utf16:
            "Le fichier est encodé en UTF-16 : enregistrez-le en « CSV UTF-8 »."
        }
    }

    public var description: String { message }

    private static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) Mo" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) Ko" }
        return "\(bytes) octets"
    }
}
