import Foundation
import Requests

/// A form with a single field `champ` of this kind.
func form(_ kind: FieldKind, required: Bool = true) -> FormDefinition {
    FormDefinition(title: "Test", pages: [
        FormPage(title: "Page", fields: [FormField(key: "champ", label: "Champ", isRequired: required, kind: kind)]),
    ])
}

/// The normalised answer to `champ` (optional field: nil when blank); throws the refusal.
func answer(_ kind: FieldKind, _ values: String...) throws -> AnswerValue? {
    try form(kind, required: false).validate(["champ": values])["champ"]
}

/// The problems of `champ` for these posted values (empty when accepted).
func problems(_ kind: FieldKind, _ values: String..., required: Bool = true) -> [AnswerProblem] {
    problems(of: form(kind, required: required), ["champ": values])
}

func problems(of form: FormDefinition, _ raw: [String: [String]]) -> [AnswerProblem] {
    do {
        _ = try form.validate(raw)
        return []
    } catch {
        return error.errors.map(\.problem)
    }
}

/// The errors (key and problem) of a post refused; empty when accepted.
func errors(of body: () throws -> [String: AnswerValue]) -> [FieldError] {
    do {
        _ = try body()
        return []
    } catch let refused as AnswerErrors {
        return refused.errors
    } catch {
        return [FieldError(key: "?", problem: .unknownField)]
    }
}

let paris = TimeZone(identifier: "Europe/Paris")!

/// A moment in Paris time.
func parisTime(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = paris
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))!
}
