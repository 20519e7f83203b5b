extension FormDefinition {
    /// What a form post gives: each posted name with its values. The pages remove their own
    /// technical fields (CSRF token, buttons) before validating; any other unknown key is refused.
    public typealias RawAnswers = [String: [String]]

    /// Validates a whole form posted at once: the normalised answers of the visible fields, or every
    /// problem. Answers to fields hidden by a condition are dropped; unknown keys are refused.
    public func validate(_ raw: RawAnswers) throws(AnswerErrors) -> [String: AnswerValue] {
        try evaluate(fields, raw: raw, earlier: [:])
    }

    /// Validates one page of a multi-step form, given the answers of the earlier pages (which its
    /// conditions may test). Only the page's fields may be posted.
    public func validate(page index: Int, _ raw: RawAnswers,
                         earlier: [String: AnswerValue]) throws(AnswerErrors) -> [String: AnswerValue] {
        guard pages.indices.contains(index) else {
            throw AnswerErrors(raw.keys.sorted().map { FieldError(key: $0, problem: .unknownField) })
        }
        let before = Set(pages[..<index].flatMap(\.fields).map(\.key))
        return try evaluate(pages[index].fields, raw: raw, earlier: keepingVisible(earlier).filter { before.contains($0.key) })
    }

    /// The answers collected so far with one page's answers replaced by `answers`; answers of
    /// later fields hidden since are dropped.
    public func updating(_ draft: [String: AnswerValue], page index: Int,
                         with answers: [String: AnswerValue]) -> [String: AnswerValue] {
        let keys = Set(pages.indices.contains(index) ? pages[index].fields.map(\.key) : [])
        return keepingVisible(draft.filter { !keys.contains($0.key) }.merging(answers) { _, new in new })
    }

    /// Checks answers collected page by page before filing: every visible required field answered,
    /// no answer to an unknown or non-input key. Returns them without the answers of hidden fields.
    public func complete(_ draft: [String: AnswerValue]) throws(AnswerErrors) -> [String: AnswerValue] {
        let inputs = Set(inputFields.map(\.key))
        let visible = keepingVisible(draft)
        var errors = visibleFields(given: visible).filter { $0.kind.isInput && $0.isRequired && visible[$0.key] == nil }
            .map { FieldError(key: $0.key, problem: .required) }
        errors += draft.keys.filter { !inputs.contains($0) }.sorted().map { FieldError(key: $0, problem: .unknownField) }
        guard errors.isEmpty else { throw AnswerErrors(errors) }
        return visible
    }

    /// The answers of the input fields that are visible given the answers before them, in order
    /// (a field whose controlling field is hidden is hidden too).
    public func keepingVisible(_ answers: [String: AnswerValue]) -> [String: AnswerValue] {
        var kept: [String: AnswerValue] = [:]
        for field in fields where field.kind.isInput && (field.condition?.holds(in: kept) ?? true) {
            kept[field.key] = answers[field.key]
        }
        return kept
    }

    /// The items shown given the answers (fields, section titles and texts), in form order.
    public func visibleFields(given answers: [String: AnswerValue]) -> [FormField] {
        let kept = keepingVisible(answers)
        return fields.filter { $0.condition?.holds(in: kept) ?? true }
    }

    /// The items of one page shown given the answers.
    public func visibleFields(onPage index: Int, given answers: [String: AnswerValue]) -> [FormField] {
        guard pages.indices.contains(index) else { return [] }
        let keys = Set(pages[index].fields.map(\.key))
        return visibleFields(given: answers).filter { keys.contains($0.key) }
    }

    /// Whether a page has anything to show given the answers (else the steps skip it).
    public func isPageVisible(_ index: Int, given answers: [String: AnswerValue]) -> Bool {
        !visibleFields(onPage: index, given: answers).isEmpty
    }

    /// The next page to show after `index`; nil when the form is done (the summary comes next).
    public func nextPage(after index: Int, given answers: [String: AnswerValue]) -> Int? {
        pages.indices.first { $0 > index && isPageVisible($0, given: answers) }
    }

    /// The page before `index` to go back to; nil on the first shown page.
    public func previousPage(before index: Int, given answers: [String: AnswerValue]) -> Int? {
        pages.indices.last { $0 < index && isPageVisible($0, given: answers) }
    }

    /// The fields' answers in order, conditions applied as the answers come: a hidden field's
    /// posted answer is dropped unchecked.
    private func evaluate(_ fields: [FormField], raw: RawAnswers,
                          earlier: [String: AnswerValue]) throws(AnswerErrors) -> [String: AnswerValue] {
        var known = earlier
        var answers: [String: AnswerValue] = [:]
        var errors: [FieldError] = []
        for field in fields where field.kind.isInput && (field.condition?.holds(in: known) ?? true) {
            do {
                if let answer = try field.answer(in: raw) {
                    answers[field.key] = answer
                    known[field.key] = answer
                } else if field.isRequired {
                    errors.append(FieldError(key: field.key, problem: .required))
                }
            } catch {
                errors.append(FieldError(key: field.key, problem: error))
            }
        }
        let postable = Set(fields.flatMap(\.postedKeys))
        errors += raw.keys.filter { !postable.contains($0) }.sorted().map { FieldError(key: $0, problem: .unknownField) }
        guard errors.isEmpty else { throw AnswerErrors(errors) }
        return answers
    }
}
