import Foundation
@testable import Parapheur
import Testing

@Suite("Circuit templates")
struct CircuitTemplateTests {
    @Test("a template with steps, desks and formats is valid")
    func valid() throws {
        try Templates.deliberation.validate()
        try Templates.sealed.validate()
        #expect(Templates.deliberation.steps[2].format == .pades)
        #expect(Templates.deliberation.steps[0].format == nil)
    }

    @Test("no steps, an empty desk list, a duplicated desk, a missing format, a seal by all of a list are refused")
    func invalid() {
        let cases: [(CircuitTemplate, TemplateProblem)] = [
            (CircuitTemplate(steps: []), .noSteps),
            (CircuitTemplate(steps: [.visa(.desk(Desk.secretariat)), .visa(.anyOf([]))]), .noDesk(step: 1)),
            (CircuitTemplate(steps: [.visa(.allOf([]))]), .noDesk(step: 0)),
            (CircuitTemplate(steps: [.visa(.allOf([Desk.finances, Desk.juridique, Desk.finances]))]), .duplicateDesk(step: 0)),
            (CircuitTemplate(steps: [.visa(.desk(Desk.secretariat)), .signature(.anyOf([Desk.maire, Desk.maire]))]),
             .duplicateDesk(step: 1)),
            (CircuitTemplate(steps: [StepTemplate(kind: .signature, assignment: .desk(Desk.maire))]), .missingFormat(step: 0)),
            (CircuitTemplate(steps: [.seal(.allOf([Desk.cachet, Desk.maire]))]), .sealBySeveralDesks(step: 0)),
        ]
        for (template, problem) in cases {
            #expect(throws: CircuitError.invalidTemplate(problem)) { try template.validate() }
            #expect(throws: CircuitError.invalidTemplate(problem)) {
                try Circuit.start(template: template, emitter: Desk.service, at: t0)
            }
        }
    }

    @Test("problems are explained in French, counting steps from 1")
    func reasons() {
        #expect(CircuitError.invalidTemplate(.noSteps).reason == "Le circuit doit comporter au moins une étape.")
        #expect(TemplateProblem.noDesk(step: 1).reason == "L'étape 2 n'est attribuée à aucun bureau.")
        #expect(TemplateProblem.duplicateDesk(step: 0).reason == "L'étape 1 cite plusieurs fois le même bureau.")
        #expect(TemplateProblem.missingFormat(step: 2).reason.hasPrefix("L'étape 3 doit préciser le format"))
    }

    @Test("an assignment is stored as its mode and desks; a single desk step with two desks does not decode")
    func assignmentCoding() throws {
        let data = try JSONEncoder().encode(StepAssignment.allOf([Desk.finances, Desk.juridique]))
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["mode"] as? String == "allOf")
        #expect((json["desks"] as? [String])?.count == 2)
        for assignment in [StepAssignment.desk(Desk.maire), .anyOf([Desk.maire, Desk.adjoint]), .allOf([Desk.dgs])] {
            let decoded = try JSONDecoder().decode(StepAssignment.self, from: JSONEncoder().encode(assignment))
            #expect(decoded == assignment)
        }
        let broken = #"{"mode":"desk","desks":["\#(Desk.maire)","\#(Desk.adjoint)"]}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(StepAssignment.self, from: Data(broken.utf8)) }
    }
}
