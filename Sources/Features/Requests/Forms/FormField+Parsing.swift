import Foundation

extension FormField {
    /// The longest address text accepted.
    public static let addressMaxLength = 500

    /// This field's normalised answer in a post; nil when unanswered (blank). Throws the first
    /// problem found. Requiredness and conditions are the form's concern.
    public func answer(in raw: [String: [String]]) throws(AnswerProblem) -> AnswerValue? {
        let values = (raw[key] ?? []).filter { !$0.trimmingWhitespace().isEmpty }
        if case .multipleChoice(let choices) = kind {
            return try multipleChoice(values, among: choices)
        }
        if case .address = kind { return try address(values, in: raw) }
        guard values.count <= 1 else { throw .singleValueExpected }
        guard let value = values.first else { return nil }
        return try single(value)
    }

    private func single(_ raw: String) throws(AnswerProblem) -> AnswerValue? {
        let value = raw.trimmingWhitespace()
        switch kind {
        case .shortText(let maxLength):
            return try TextInput.clean(raw, multiline: false, maxLength: maxLength).map(AnswerValue.text)
        case .longText(let maxLength):
            return try TextInput.clean(raw, multiline: true, maxLength: maxLength).map(AnswerValue.text)
        case .number(let minimum, let maximum, let integerOnly):
            let number = try DecimalInput.parse(value)
            if integerOnly, number.text.contains(".") { throw .notAnInteger }
            if let minimum, number.value < minimum { throw .belowMinimum(minimum) }
            if let maximum, number.value > maximum { throw .aboveMaximum(maximum) }
            return .number(number.text)
        case .date(let minimum, let maximum):
            guard let date = CalendarDate(parsing: value) else { throw .invalidDate }
            if let minimum, date < minimum { throw .dateTooEarly(minimum) }
            if let maximum, date > maximum { throw .dateTooLate(maximum) }
            return .date(date)
        case .singleChoice(let choices):
            guard choices.contains(where: { $0.value == value }) else { throw .unknownChoice }
            return .choice(value)
        case .yesNo:
            switch value.lowercased() {
            case "oui", "true", "1", "on": return .bool(true)
            case "non", "false", "0": return .bool(false)
            default: throw .invalidYesNo
            }
        case .file:
            guard let id = UUID(uuidString: value) else { throw .invalidDocument }
            return .document(id)
        case .email: return .email(try EmailAddress.normalise(value))
        case .phone: return .phone(try PhoneNumber.normalise(value))
        case .siret: return .siret(try SIRET.normalise(value))
        case .iban: return .iban(try IBAN.normalise(value))
        case .multipleChoice, .address, .section, .explanation: throw .unknownField
        }
    }

    private func multipleChoice(_ values: [String], among choices: [Choice]) throws(AnswerProblem) -> AnswerValue? {
        let chosen = Set(values.map { $0.trimmingWhitespace() })
        guard !chosen.isEmpty else { return nil }
        guard chosen.isSubset(of: choices.map(\.value)) else { throw .unknownChoice }
        return .choices(choices.map(\.value).filter(chosen.contains))
    }

    private func address(_ values: [String], in raw: [String: [String]]) throws(AnswerProblem) -> AnswerValue? {
        guard values.count <= 1 else { throw .singleValueExpected }
        var coordinates: [String?] = []
        for suffix in [Self.latitudeSuffix, Self.longitudeSuffix] {
            let posted = (raw[key + suffix] ?? []).filter { !$0.trimmingWhitespace().isEmpty }
            guard posted.count <= 1 else { throw .singleValueExpected }
            coordinates.append(posted.first)
        }
        var text: String?
        if let typed = values.first { text = try TextInput.clean(typed, multiline: false, maxLength: Self.addressMaxLength) }
        guard let text else {
            if coordinates.contains(where: { $0 != nil }) { throw .addressTextMissing }
            return nil
        }
        switch (coordinates[0], coordinates[1]) {
        case (nil, nil):
            return .address(PostalAddress(text: text))
        case (let latitude?, let longitude?):
            return .address(PostalAddress(text: text, latitude: try DecimalInput.coordinate(latitude, limit: 90),
                                          longitude: try DecimalInput.coordinate(longitude, limit: 180)))
        default:
            throw .invalidCoordinates
        }
    }
}
