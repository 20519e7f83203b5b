extension TableValidator {
    /// A column of the data as rows are read: the schema field at that position, or, past the
    /// schema's fields, an unexpected label read as `any` (reported once, in the header).
    enum Column {
        case field(Int)
        case extra(String)
    }

    /// Frictionless's header check with `fieldsMatch: exact`: labels beyond the fields are
    /// `extra-label`, fields beyond the labels `missing-label`; at each shared position an
    /// empty label is `blank-label`, a repeated one `duplicate-label`, another name
    /// `incorrect-label`. No header at all (an empty first line) is not checked.
    func headerIssues(_ labels: [String]) -> [TableIssue] {
        guard !labels.isEmpty else { return [] }
        let fields = schema.fields
        var issues: [TableIssue] = []
        for (index, label) in labels.enumerated() where index >= fields.count {
            issues.append(TableIssue(code: .extraLabel, rowNumber: 1, fieldNumber: index + 1, fieldName: label,
                                     cell: label, message: HeaderMessages.extraLabel(label: label, position: index + 1)))
        }
        for (offset, field) in fields.dropFirst(labels.count).enumerated() {
            issues.append(TableIssue(code: .missingLabel, rowNumber: 1, fieldNumber: labels.count + offset + 1,
                                     fieldName: field.name,
                                     message: HeaderMessages.missingLabel(field: field.name, position: labels.count + offset + 1)))
        }
        for (index, (field, label)) in zip(fields, labels).enumerated() {
            let position = index + 1
            if label.isEmpty {
                issues.append(TableIssue(code: .blankLabel, rowNumber: 1, fieldNumber: position, fieldName: field.name,
                                         cell: label, message: HeaderMessages.blankLabel(expected: field.name, position: position)))
                continue
            }
            let earlier = labels[..<index].indices.filter { labels[$0] == label }.map { $0 + 1 }
            if !earlier.isEmpty {
                issues.append(TableIssue(code: .duplicateLabel, rowNumber: 1, fieldNumber: position, fieldName: field.name,
                                         cell: label,
                                         message: HeaderMessages.duplicateLabel(label: label, position: position, first: earlier)))
            } else if label != field.name {
                issues.append(TableIssue(code: .incorrectLabel, rowNumber: 1, fieldNumber: position, fieldName: field.name,
                                         cell: label,
                                         message: HeaderMessages.incorrectLabel(label: label, expected: field.name, position: position)))
            }
        }
        return issues
    }

    /// The columns rows are read with: one per label (all the fields when there is no header).
    func columns(for labels: [String]) -> [Column] {
        guard !labels.isEmpty else { return compiled.fields.indices.map(Column.field) }
        return labels.indices.map { $0 < compiled.fields.count ? .field($0) : .extra(labels[$0]) }
    }
}
