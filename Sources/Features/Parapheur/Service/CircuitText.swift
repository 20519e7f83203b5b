import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// Circuits written as administrators type them, one step per line:
/// `visa : Secrétariat`, `signature : Maire`, `signature cades : Maire`,
/// `visa tous : DGS, Finances` (all of these desks), `visa un : DGS, Finances` (one of them),
/// `cachet : Secrétariat`.
enum CircuitText {
    static func parse(_ text: String, desks: [Desk]) throws -> CircuitTemplate {
        var steps: [StepTemplate] = []
        for (number, raw) in text.split(whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let halves = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard halves.count == 2 else { throw problem(number, "écrivez « visa : Bureau »") }
            let words = halves[0].split(separator: " ").map(String.init)
            let names = line.split(separator: ":", maxSplits: 1)[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let ids = try names.map { try ActionInput.desk($0, in: desks, field: "steps") }
            guard !ids.isEmpty else { throw problem(number, "aucun bureau") }
            let assignment: StepAssignment = words.contains("tous") ? .allOf(ids) : (words.contains("un") || ids.count > 1) ? .anyOf(ids) : .desk(ids[0])
            let format: SignatureFormat = words.contains("cades") ? .cades : .pades
            switch words.first {
            case "visa": steps.append(.visa(assignment))
            case "signature": steps.append(.signature(assignment, format: format))
            case "cachet": steps.append(.seal(assignment, format: format))
            default: throw problem(number, "une étape est « visa », « signature » ou « cachet »")
            }
        }
        let template = CircuitTemplate(steps: steps)
        do { try template.validate() } catch { throw WebError.invalidParameter("steps", error.reason) }
        return template
    }

    static func describe(_ template: CircuitTemplate, names: [DeskID: String]) -> String {
        template.steps.map { step in
            let desks = step.assignment.desks.map { names[$0] ?? "?" }
            let who = switch step.assignment {
            case .desk: desks.joined()
            case .anyOf: "un de : " + desks.joined(separator: ", ")
            case .allOf: "tous : " + desks.joined(separator: ", ")
            }
            let format = step.kind == .visa ? "" : " (\(step.format == .cades ? "CAdES" : "PAdES"))"
            return "\(ParapheurLabels.step(step.kind))\(format) — \(who)"
        }.joined(separator: " → ")
    }

    static func problem(_ line: Int, _ text: String) -> WebError {
        WebError.invalidParameter("steps", "Ligne \(line + 1) : \(text).")
    }
}
