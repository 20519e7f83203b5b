import Foundation

extension AnswerValue {
    /// The answer as people read it (French): `12,5`, `14/07/2026`, `Oui`, choice labels, IBAN in
    /// groups of four… `field` gives the labels of choices. Plain text: the pages escape it.
    public func displayText(for field: FormField) -> String {
        switch self {
        case .text(let text), .email(let text): text
        case .number(let number): number.replacingOccurrences(of: ".", with: ",")
        case .date(let date): date.french
        case .choice(let value): label(of: value, in: field)
        case .choices(let values): values.map { label(of: $0, in: field) }.joined(separator: ", ")
        case .bool(let yes): yes ? "Oui" : "Non"
        case .document(let id): id.uuidString.lowercased()
        case .address(let address): address.text
        case .phone(let phone): Self.grouped(phone)
        case .siret(let siret): "\(siret.prefix(3)) \(siret.dropFirst(3).prefix(3)) \(siret.dropFirst(6).prefix(3)) \(siret.suffix(5))"
        case .iban(let iban): Self.chunks(of: iban, size: 4).joined(separator: " ")
        }
    }

    private func label(of value: String, in field: FormField) -> String {
        field.kind.choices?.first { $0.value == value }?.label ?? value
    }

    /// `+33 1 23 45 67 89`.
    private static func grouped(_ phone: String) -> String {
        guard phone.hasPrefix("+33"), phone.count == 12 else { return phone }
        let national = phone.dropFirst(3)
        return "+33 \(national.prefix(1)) " + chunks(of: String(national.dropFirst()), size: 2).joined(separator: " ")
    }

    private static func chunks(of text: String, size: Int) -> [String] {
        var chunks: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            chunks.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return chunks
    }
}
