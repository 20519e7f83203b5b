/// Checks data rows one by one as Frictionless's `Row` and table stream do, remembering what
/// `unique` fields and the primary key have seen.
struct RowChecker {
    private let compiled: CompiledSchema
    private let columns: [TableValidator.Column]
    /// Per unique field (by position in `columns`): value → first row.
    private var seen: [Int: [CellValue: Int]] = [:]
    private var seenKeys: [[CellValue?]: Int] = [:]
    /// Column positions of the primary key, when every key field has a column.
    private let keyColumns: [Int]?

    init(compiled: CompiledSchema, columns: [TableValidator.Column]) {
        self.compiled = compiled
        self.columns = columns
        for (position, column) in columns.enumerated() {
            if case .field(let index) = column, compiled.fields[index].field.constraints.unique { seen[position] = [:] }
        }
        let keyColumns = compiled.primaryKey.map { key in
            columns.firstIndex { if case .field(let index) = $0 { index == key } else { false } }
        }
        self.keyColumns = compiled.primaryKey.isEmpty || keyColumns.contains(nil) ? nil : keyColumns.compactMap { $0 }
    }

    mutating func check(_ cells: [String], row: Int) -> [TableIssue] {
        var issues: [TableIssue] = []
        var values: [CellValue?] = []
        var blank = 0
        for (position, column) in columns.enumerated() {
            let cell = position < cells.count ? cells[position] : nil
            guard case .field(let index) = column else {
                values.append(cell.map(CellValue.text))
                if cell == nil || cell == "" { blank += 1 }  // an `any` field of its own: missing values [""]
                continue
            }
            let field = compiled.fields[index]
            let reading = field.read(cell)
            values.append(reading.value)
            if reading.isBlank { blank += 1 }
            if reading.typeError, let cell {
                issues.append(TableIssue(code: .typeError, rowNumber: row, fieldNumber: position + 1, fieldName: field.field.name,
                                         cell: cell, message: IssueMessages.typeError(row: row, field: field.field, cell: cell)))
            }
            for kind in reading.failed {
                issues.append(TableIssue(code: .constraintError, rowNumber: row, fieldNumber: position + 1,
                                         fieldName: field.field.name, cell: cell, constraint: kind,
                                         message: IssueMessages.constraint(kind, row: row, field: field.field, cell: cell)))
            }
        }
        for (offset, cell) in cells.dropFirst(columns.count).enumerated() {
            let column = columns.count + offset + 1
            issues.append(TableIssue(code: .extraCell, rowNumber: row, fieldNumber: column, cell: cell,
                                     message: IssueMessages.extraCell(row: row, column: column, cell: cell, width: columns.count)))
        }
        for position in cells.count..<max(cells.count, columns.count) {
            let name = name(of: columns[position])
            issues.append(TableIssue(code: .missingCell, rowNumber: row, fieldNumber: position + 1, fieldName: name,
                                     message: IssueMessages.missingCell(row: row, field: name)))
        }
        if blank == columns.count {
            issues = [TableIssue(code: .blankRow, rowNumber: row, message: IssueMessages.blankRow(row: row))]
        }
        checkUniqueness(values, cells: cells, row: row, into: &issues)
        return issues
    }

    private func name(of column: TableValidator.Column) -> String {
        switch column {
        case .field(let index): compiled.fields[index].field.name
        case .extra(let label): label
        }
    }

    private mutating func checkUniqueness(_ values: [CellValue?], cells: [String], row: Int, into issues: inout [TableIssue]) {
        for position in seen.keys.sorted() {
            guard let value = values[position], value.isHashable else { continue }
            if let first = seen[position]?[value] {
                let name = name(of: columns[position])
                issues.append(TableIssue(code: .uniqueError, rowNumber: row, fieldNumber: position + 1, fieldName: name,
                                         cell: cells[position],
                                         message: IssueMessages.unique(row: row, field: name, cell: cells[position], firstRow: first)))
            }
            seen[position]?[value] = row
        }
        guard let keyColumns else { return }
        let key = keyColumns.map { values[$0] }
        let names = keyColumns.map { name(of: columns[$0]) }
        if key.allSatisfy({ $0 == nil }) {
            issues.append(TableIssue(code: .primaryKeyError, rowNumber: row,
                                     message: IssueMessages.primaryKey(row: row, fields: names, firstRow: nil)))
            return
        }
        if let first = seenKeys[key] {
            issues.append(TableIssue(code: .primaryKeyError, rowNumber: row,
                                     message: IssueMessages.primaryKey(row: row, fields: names, firstRow: first)))
        }
        seenKeys[key] = row
    }
}
