/// Validates CSV files against a `TableSchema` with Frictionless's semantics and verdicts
/// (`frictionless validate --schema`), streaming the file.
///
///     let validator = try TableValidator(schema: try TableSchema(contentsOfFile: "schema.json"))
///     let report = try validator.validate(fileAtPath: "subventions.csv")
///     if !report.valid { for issue in report.issues { print(issue.message) } }
///
/// `validate` throws `TableRefusal` when the file cannot be judged at all (unreadable, over the
/// byte limit, not UTF-8 while conversion is off); every other problem is a `TableIssue`.
public struct TableValidator: Sendable {
    public let schema: TableSchema
    public var options: ValidationOptions
    let compiled: CompiledSchema

    public init(schema: TableSchema, options: ValidationOptions = ValidationOptions()) throws(TableSchemaError) {
        self.schema = schema
        self.options = options
        compiled = try CompiledSchema(schema)
    }

    public func validate(fileAtPath path: String) throws(TableRefusal) -> ValidationReport {
        let reader = try CSVRecordReader(path: path, byteLimit: options.byteLimit, delimiter: options.delimiter,
                                         convertLegacyEncoding: options.convertLegacyEncoding)
        var collector = IssueCollector(limit: options.errorLimit)
        var labels: [String] = []
        var rowCount = 0
        if let header = try reader.next() {
            labels = header.map { String(PythonText.stripped($0[...])) }
            for issue in headerIssues(labels) { collector.add(issue) }
            var checker = RowChecker(compiled: compiled, columns: columns(for: labels))
            while let cells = try reader.next() {
                rowCount += 1
                for issue in checker.check(cells, row: reader.recordNumber) { collector.add(issue) }
            }
        }
        if labels.isEmpty && rowCount == 0 {
            collector.add(TableIssue(code: .sourceError, rowNumber: nil, message: HeaderMessages.emptySource))
        }
        return ValidationReport(issues: collector.issues, issueCount: collector.count, labels: labels,
                                rowCount: rowCount, byteCount: reader.bytesRead, encoding: reader.encoding,
                                delimiter: Character(Unicode.Scalar(reader.delimiter)))
    }
}

/// Keeps the first `limit` issues and counts them all.
struct IssueCollector {
    let limit: Int
    private(set) var issues: [TableIssue] = []
    private(set) var count = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func add(_ issue: TableIssue) {
        count += 1
        if issues.count < limit { issues.append(issue) }
    }
}
