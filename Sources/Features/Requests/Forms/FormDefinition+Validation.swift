extension FormDefinition {
    /// The limits a definition must respect.
    public enum Limits {
        public static let label = 1...200
        public static let help = 1000
        public static let shortTextLength = 1...1000
        public static let longTextLength = 1...50_000
        public static let explanation = 1...5000
        public static let fileBytes = 1...(100 * 1024 * 1024)
    }

    /// Everything wrong with the definition, in form order; empty when it can be used.
    public func problems() -> [DefinitionProblem] {
        var problems: [DefinitionProblem] = []
        if version < 1 { problems.append(.invalidVersion) }
        if !Self.isLabel(title) { problems.append(.title) }
        if pages.isEmpty { problems.append(.noPages) }
        if !pages.isEmpty, inputFields.isEmpty { problems.append(.noInputField) }
        var earlier: [String: FormField] = [:]
        let all = Set(fields.map(\.key))
        for (index, page) in pages.enumerated() {
            if !Self.isLabel(page.title) { problems.append(.pageTitle(page: index + 1)) }
            if page.fields.isEmpty { problems.append(.emptyPage(page: index + 1)) }
            for field in page.fields {
                if field.key.wholeMatch(of: #/[a-z][a-z0-9_]{0,39}/#) == nil { problems.append(.invalidKey(field.key)) }
                if earlier[field.key] != nil { problems.append(.duplicateKey(field.key)) }
                problems += field.problems()
                if let condition = field.condition {
                    problems += Self.problems(of: condition, on: field.key, earlier: earlier, all: all)
                }
                if earlier[field.key] == nil { earlier[field.key] = field }
            }
        }
        return problems
    }

    private static func problems(of condition: FieldCondition, on key: String, earlier: [String: FormField],
                                 all: Set<String>) -> [DefinitionProblem] {
        guard let tested = earlier[condition.field] else {
            return all.contains(condition.field) ? [.conditionNotEarlier(key: key, field: condition.field)]
                : [.conditionUnknownField(key: key, field: condition.field)]
        }
        guard let values = tested.kind.conditionValues else {
            return [.conditionNotTestable(key: key, field: condition.field)]
        }
        return values.contains(condition.value) ? [] : [.conditionUnknownValue(key: key, value: condition.value)]
    }

    static func isLabel(_ text: String) -> Bool {
        !text.trimmingWhitespace().isEmpty && Limits.label.contains(text.count)
    }
}

extension FormField {
    /// The problems of this item alone (its label, help and limits).
    func problems() -> [DefinitionProblem] {
        typealias Limits = FormDefinition.Limits
        var problems: [DefinitionProblem] = []
        if !FormDefinition.isLabel(label) { problems.append(.label(key: key)) }
        if let help, help.count > Limits.help { problems.append(.helpTooLong(key: key)) }
        switch kind {
        case .shortText(let maxLength) where !Limits.shortTextLength.contains(maxLength):
            problems.append(.maxLength(key: key, allowed: Limits.shortTextLength))
        case .longText(let maxLength) where !Limits.longTextLength.contains(maxLength):
            problems.append(.maxLength(key: key, allowed: Limits.longTextLength))
        case .number(let minimum?, let maximum?, _) where minimum > maximum:
            problems.append(.emptyRange(key: key))
        case .date(let minimum?, let maximum?) where minimum > maximum:
            problems.append(.emptyRange(key: key))
        case .singleChoice(let choices), .multipleChoice(let choices):
            problems += choiceProblems(choices)
        case .file(let mediaTypes, let maxBytes):
            if mediaTypes.isEmpty { problems.append(.noMediaTypes(key: key)) }
            for type in mediaTypes where type.wholeMatch(of: #/[a-z]+/([a-z0-9][a-z0-9.+-]{0,126}|\*)/#) == nil {
                problems.append(.invalidMediaType(key: key, mediaType: type))
            }
            if !Limits.fileBytes.contains(maxBytes) { problems.append(.maxBytes(key: key)) }
        case .explanation(let text) where text.trimmingWhitespace().isEmpty || !Limits.explanation.contains(text.count):
            problems.append(.explanationText(key: key))
        default:
            break
        }
        return problems
    }

    private func choiceProblems(_ choices: [Choice]) -> [DefinitionProblem] {
        var problems: [DefinitionProblem] = []
        if choices.count < 2 { problems.append(.tooFewChoices(key: key)) }
        var seen: Set<String> = []
        for choice in choices {
            if choice.value.wholeMatch(of: #/[a-z0-9][a-z0-9_-]{0,63}/#) == nil {
                problems.append(.invalidChoiceValue(key: key, value: choice.value))
            }
            if !seen.insert(choice.value).inserted { problems.append(.duplicateChoice(key: key, value: choice.value)) }
            if !FormDefinition.isLabel(choice.label) { problems.append(.choiceLabel(key: key, value: choice.value)) }
        }
        return problems
    }
}
