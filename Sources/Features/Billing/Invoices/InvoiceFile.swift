import Foundation
import TableSchema

/// The CSV billing software exports for an import, as documented in the README: one invoice per
/// line, columns `reference`, `debiteur`, `adresse`, `montant_centimes`, `date_emission`,
/// `date_echeance`, `regie`, `cle_paiement`, `pdf` (a file name in the same ZIP, or empty). Checked
/// whole against its Table Schema (the same validator as open data's), errors by line in French.
public enum InvoiceFile {
    public static let columns = ["reference", "debiteur", "adresse", "montant_centimes", "date_emission", "date_echeance", "regie", "cle_paiement", "pdf"]

    static let schemaJSON = """
        {"fields": [
          {"name": "reference", "title": "Référence", "type": "string", "constraints": {"required": true, "unique": true, "pattern": "[A-Za-z0-9][A-Za-z0-9-]{0,29}"}},
          {"name": "debiteur", "title": "Débiteur", "type": "string", "constraints": {"required": true, "maxLength": 200}},
          {"name": "adresse", "title": "Adresse", "type": "string", "constraints": {"maxLength": 500}},
          {"name": "montant_centimes", "title": "Montant (centimes)", "type": "integer", "constraints": {"required": true, "minimum": 1, "maximum": 10000000}},
          {"name": "date_emission", "title": "Date d'émission", "type": "date", "constraints": {"required": true}},
          {"name": "date_echeance", "title": "Date d'échéance", "type": "date", "constraints": {"required": true}},
          {"name": "regie", "title": "Régie", "type": "string", "constraints": {"required": true, "pattern": "[a-z][a-z0-9-]{0,39}"}},
          {"name": "cle_paiement", "title": "Clé de paiement", "type": "string", "constraints": {"required": true, "pattern": "[A-Za-z0-9]{6,20}"}},
          {"name": "pdf", "title": "Facture PDF", "type": "string", "constraints": {"pattern": "[A-Za-z0-9._-]{1,100}\\\\.pdf"}}
        ]}
        """

    public static let schema: TableSchema = {
        do { return try TableSchema(json: Data(schemaJSON.utf8)) } catch { preconditionFailure("the invoices' Table Schema is invalid: \(error)") }
    }()

    /// One line of the file, checked by the schema.
    public struct Line: Sendable, Equatable {
        /// The file's line (the header is line 1).
        public var row: Int
        public var reference: String
        public var debtor: String
        public var address: String
        public var amountCents: Int
        public var issuedOn: String
        public var dueOn: String
        public var regie: String
        public var paymentKey: String
        public var pdf: String?
    }

    /// The lines of a conforming file, or every problem (« Ligne 3, montant_centimes : … »).
    public static func read(path: String, byteLimit: Int) -> Result<[Line], InvoiceFileRefusal> {
        do {
            let report = try TableValidator(schema: schema, options: ValidationOptions(byteLimit: byteLimit, errorLimit: 200)).validate(fileAtPath: path)
            guard report.valid else {
                return .failure(InvoiceFileRefusal(messages: report.issues.map(message), more: report.issueCount - report.issues.count))
            }
            let reader = try CSVRecordReader(path: path, byteLimit: byteLimit, delimiter: report.delimiter == ";" ? .semicolon : .comma)
            guard let header = try reader.next() else { return .success([]) }
            let labels = header.map { $0.trimmingCharacters(in: .whitespaces) }
            var lines: [Line] = []
            while let cells = try reader.next() {
                guard !cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
                var value: [String: String] = [:]
                for (index, label) in labels.enumerated() where index < cells.count { value[label] = cells[index].trimmingCharacters(in: .whitespaces) }
                let pdf = value["pdf"] ?? ""
                lines.append(Line(row: reader.recordNumber, reference: value["reference"] ?? "", debtor: value["debiteur"] ?? "",
                                  address: value["adresse"] ?? "", amountCents: Int(value["montant_centimes"] ?? "") ?? 0,
                                  issuedOn: value["date_emission"] ?? "", dueOn: value["date_echeance"] ?? "", regie: value["regie"] ?? "",
                                  paymentKey: value["cle_paiement"] ?? "", pdf: pdf.isEmpty ? nil : pdf))
            }
            return .success(lines)
        } catch let refusal as TableRefusal {
            return .failure(InvoiceFileRefusal(messages: [refusal.description], more: 0))
        } catch {
            return .failure(InvoiceFileRefusal(messages: ["Le fichier n'a pas pu être lu."], more: 0))
        }
    }

    static func message(_ issue: TableIssue) -> String {
        guard let row = issue.rowNumber else { return issue.message }
        let field = issue.fieldName.map { ", \($0)" } ?? ""
        return row == 1 ? "En-tête\(field) : \(issue.message)" : "Ligne \(row)\(field) : \(issue.message)"
    }
}

/// Why an import file was refused: French messages by line (at most 200, `more` left out).
public struct InvoiceFileRefusal: Error, Sendable, Equatable {
    public var messages: [String]
    public var more: Int
}
