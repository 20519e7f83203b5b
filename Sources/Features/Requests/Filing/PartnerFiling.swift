import Events
import Foundation
import Tenancy

/// Files a request a partner system sends (the JSON API, Open311): the answers as posted text,
/// the files given for file fields, checked together before anything is stored. Every problem is
/// reported at once, by field; a refused request stores nothing but the files already checked
/// (collected with the unused documents).
struct PartnerFiling: Sendable {
    let services: RequestsServices

    /// A file sent for the file field `key`.
    struct Upload: Sendable {
        var key: String
        var fileName: String?
        var bytes: [UInt8]
    }

    /// The refused fields (or `type`, `contact.email`…) and why, in French.
    struct Refusal: Error, Sendable {
        var errors: [(field: String, message: String)]
    }

    /// `uploader` records who gave the files (`client:<id>`): documents named by id in the answers
    /// must be the same uploader's.
    func file(_ offered: OfferedProcedure, on portal: Tenant, raw: [String: [String]], uploads: [Upload], requester: Requester,
              channel: RequestRecord.Channel, uploader: String, actor: EventActor) async throws -> FilingService.Filed {
        let form = offered.type.form
        var raw = raw
        var errors: [(field: String, message: String)] = []
        var uploaded: Set<String> = []
        for upload in uploads {
            guard let field = form.field(upload.key), field.kind.isInput else {
                errors.append((upload.key, AnswerProblem.unknownField.message))
                continue
            }
            guard case .file = field.kind else {
                errors.append((upload.key, "Ce champ n'accepte pas de fichier."))
                continue
            }
            guard !uploaded.contains(upload.key) else {
                errors.append((upload.key, AnswerProblem.singleValueExpected.message))
                continue
            }
            uploaded.insert(upload.key)
            // Stands for the document until the answers are known to be valid.
            raw[upload.key, default: []].append(UUID().uuidString)
        }
        var answers: [String: AnswerValue] = [:]
        do {
            answers = try form.validate(raw)
        } catch {
            errors += error.errors.map { ($0.key, $0.message) }
        }
        guard errors.isEmpty else { throw Refusal(errors: errors) }

        let attachments = Attachments(services: services, owner: try services.store(offered.owner.slug))
        let named = answers.filter { !uploaded.contains($0.key) }
        if let foreign = try await attachments.verify(named, uploader: uploader).foreign {
            throw Refusal(errors: [(foreign, AnswerProblem.invalidDocument.message)])
        }
        // A file for a field hidden by a condition is dropped with its answer.
        for upload in uploads where answers[upload.key] != nil {
            guard let field = form.field(upload.key) else { continue }
            do {
                answers[upload.key] = .document(try await attachments.store(upload.bytes, fileName: upload.fileName, for: field, uploader: uploader))
            } catch let refusal as Attachments.Refusal {
                errors.append((refusal.key, refusal.message))
            }
        }
        guard errors.isEmpty else { throw Refusal(errors: errors) }
        let documents = answers.sorted { $0.key < $1.key }.compactMap { _, answer -> UUID? in
            if case .document(let id) = answer { id } else { nil }
        }
        return try await FilingService(services: services).file(
            offered, on: portal, by: requester, answers: answers, documents: documents, channel: channel, actor: actor)
    }

    /// The partner's contact for the citizen: a valid e-mail address, a name of one line.
    static func contact(email: String, name: String?) -> Result<(email: String, name: String), Refusal> {
        var errors: [(field: String, message: String)] = []
        var normalised = ""
        do { normalised = try EmailAddress.normalise(email) } catch { errors.append(("contact.email", error.message)) }
        var cleaned = ""
        do { cleaned = try TextInput.clean(name ?? "", multiline: false, maxLength: 200) ?? "" } catch { errors.append(("contact.name", error.message)) }
        return errors.isEmpty ? .success((normalised, cleaned)) : .failure(Refusal(errors: errors))
    }
}
