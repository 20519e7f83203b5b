/// A field ready to read cells: its reader, missing values, compiled pattern and bounds.
struct CompiledField: Sendable {
    struct Reading: Sendable {
        /// The value, `nil` when missing or not of the type.
        var value: CellValue?
        var typeError = false
        var failed: [ConstraintKind] = []

        /// Frictionless's "blank cell": no value and no type error.
        var isBlank: Bool { value == nil && !typeError }
    }

    let field: SchemaField
    let missingValues: Set<String>
    let reader: ValueReader
    private let pattern: PythonPattern?
    private let enumeration: [CellValue]?
    private let bounds: [(ConstraintKind, CellValue, @Sendable (Int) -> Bool)]

    init(_ field: SchemaField, schemaMissingValues: [String]) throws(TableSchemaError) {
        self.field = field
        missingValues = Set(field.missingValues ?? schemaMissingValues)
        reader = ValueReader(field: field)
        let constraints = field.constraints
        try Self.checkSupported(field)
        if let source = constraints.pattern {
            guard let compiled = PythonPattern(source) else {
                throw TableSchemaError("Le motif (« pattern ») du champ « \(field.name) » n'est pas une expression régulière valide.")
            }
            pattern = compiled
        } else {
            pattern = nil
        }
        let reader = reader
        enumeration = constraints.enumeration?.compactMap { text in
            reader.read(text) ?? (field.type == .boolean && (text == "true" || text == "false") ? .boolean(text == "true") : nil)
        }
        var bounds: [(ConstraintKind, CellValue, @Sendable (Int) -> Bool)] = []
        let declared: [(ConstraintKind, String?, @Sendable (Int) -> Bool)] = [
            (.minimum, constraints.minimum, { $0 >= 0 }), (.maximum, constraints.maximum, { $0 <= 0 }),
            (.exclusiveMinimum, constraints.exclusiveMinimum, { $0 > 0 }),
            (.exclusiveMaximum, constraints.exclusiveMaximum, { $0 < 0 }),
        ]
        for (kind, text, accept) in declared {
            guard let text else { continue }
            guard let bound = reader.read(text) else {
                throw TableSchemaError("La borne « \(kind.rawValue) » du champ « \(field.name) » (« \(text) ») n'est pas du type « \(field.type.name) ».")
            }
            bounds.append((kind, bound, accept))
        }
        self.bounds = bounds
    }

    /// Reads one cell (`nil`: the row has no such cell) as Frictionless's `cell_reader` does.
    func read(_ cell: String?) -> Reading {
        var reading = Reading()
        if let cell, !missingValues.contains(cell) {
            guard let value = reader.read(cell) else {
                reading.typeError = true
                return reading
            }
            reading.value = value
        }
        let constraints = field.constraints
        guard let value = reading.value else {
            if constraints.required { reading.failed.append(.required) }
            return reading
        }
        if case .text(let text) = value, field.type == .string {
            let length = PythonText.length(text[...])
            if let minimum = constraints.minLength, length < minimum { reading.failed.append(.minLength) }
            if let maximum = constraints.maxLength, length > maximum { reading.failed.append(.maxLength) }
            if let pattern, !pattern.matches(text) { reading.failed.append(.pattern) }
        }
        for (kind, bound, accept) in bounds {
            guard let order = value.compare(bound), accept(order) else {
                reading.failed.append(kind)
                continue
            }
        }
        if let enumeration, !enumeration.contains(value) { reading.failed.append(.enumeration) }
        return reading
    }

    private static let supported: [FieldType: Set<String>] = {
        let ordered: Set<String> = ["required", "unique", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"]
        return [.string: ["required", "unique", "minLength", "maxLength", "pattern", "enum"],
                .number: ordered, .integer: ordered, .date: ordered, .datetime: ordered, .time: ordered,
                .year: ordered, .yearmonth: ordered,
                .boolean: ["required", "unique", "enum"], .any: ["required", "unique", "enum"]]
    }()

    private static func checkSupported(_ field: SchemaField) throws(TableSchemaError) {
        guard let allowed = supported[field.type] else { return }
        let constraints = field.constraints
        let declared: [(String, Bool)] = [
            ("pattern", constraints.pattern != nil), ("minLength", constraints.minLength != nil),
            ("maxLength", constraints.maxLength != nil), ("minimum", constraints.minimum != nil),
            ("maximum", constraints.maximum != nil), ("exclusiveMinimum", constraints.exclusiveMinimum != nil),
            ("exclusiveMaximum", constraints.exclusiveMaximum != nil),
        ]
        for (name, present) in declared where present && !allowed.contains(name) {
            throw TableSchemaError("La contrainte « \(name) » ne s'applique pas au type « \(field.type.name) » (champ « \(field.name) »).")
        }
    }
}
