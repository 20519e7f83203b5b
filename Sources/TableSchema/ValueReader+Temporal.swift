extension ValueReader {
    private static let isoDate = Strptime(format: "%Y-%m-%d")
    /// What `format: any` accepts besides ISO 8601 (dateutil reads far more; see the README).
    private static let anyFormats = ["%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d", "%d.%m.%Y", "%d-%m-%Y",
                                     "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"].map(Strptime.init(format:))

    static func date(_ cell: String, _ temporal: Temporal) -> CellValue? {
        let parts: ISOParser.Parts?
        switch temporal {
        case .isoDefault: parts = isoDate.parse(cell)
        case .anyFormat: parts = anyParts(cell)
        case .pattern(let strptime): parts = strptime.parse(cell)
        }
        guard let parts else { return nil }
        return .temporal(TemporalValue.date(year: parts.year, month: parts.month, day: parts.day))
    }

    static func datetime(_ cell: String, _ temporal: Temporal) -> CellValue? {
        let parts: ISOParser.Parts?
        switch temporal {
        case .isoDefault:
            let scalars = Array(cell.unicodeScalars)
            guard scalars.count >= 19, scalars[16] == ":" else { return nil }
            parts = ISOParser.parse(cell[...])
        case .anyFormat: parts = anyParts(cell)
        case .pattern(let strptime): parts = strptime.parse(cell)
        }
        guard let parts else { return nil }
        var value = TemporalValue.date(year: parts.year, month: parts.month, day: parts.day)
        value.microseconds += TemporalValue.clock(hour: parts.hour, minute: parts.minute,
                                                  second: parts.second, microsecond: parts.microsecond)
        if parts.nextDay { value.microseconds += TemporalValue.microsecondsPerDay }
        if let offset = parts.offset {
            value.microseconds -= Int64(offset) * 1_000_000
            value.aware = true
        }
        return .temporal(value)
    }

    static func time(_ cell: String, _ temporal: Temporal) -> CellValue? {
        var parts: ISOParser.Parts?
        switch temporal {
        case .isoDefault:
            let scalars = Array(cell.unicodeScalars)
            guard scalars.count >= 8, scalars[5] == ":" else { return nil }
            parts = ISOParser.parse(("2000-01-01T" + cell)[...])
        case .anyFormat:
            parts = anyParts(cell)
            if parts == nil, cell.unicodeScalars.count >= 5 { parts = ISOParser.parse(("2000-01-01T" + cell)[...]) }
        case .pattern(let strptime): parts = strptime.parse(cell)
        }
        guard let parts else { return nil }
        var microseconds = TemporalValue.clock(hour: parts.hour, minute: parts.minute,
                                               second: parts.second, microsecond: parts.microsecond)
        if let offset = parts.offset { microseconds -= Int64(offset) * 1_000_000 }
        return .temporal(TemporalValue(microseconds: microseconds, aware: parts.offset != nil))
    }

    private static func anyParts(_ cell: String) -> ISOParser.Parts? {
        let trimmed = PythonText.stripped(cell[...])
        if let parts = ISOParser.parse(trimmed) { return parts }
        for format in anyFormats {
            if let parts = format.parse(String(trimmed)) { return parts }
        }
        return nil
    }
}
