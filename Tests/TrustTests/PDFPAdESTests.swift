import Foundation
import Testing
import TestSupport
@testable import Trust

/// End to end: the update is signed by the openssl CLI (CAdES detached CMS, RFC 3161 token from
/// `openssl ts`) and every signature is validated by pyHanko (Tests/PDF/validate_pades.py).
/// pyHanko comes from the test harness's virtual environment (`Ops/test`, pinned in
/// Ops/requirements-test.txt: pyhanko==0.38.0, pyhanko-certvalidator==0.33.0).
@Suite("PAdES signatures validated by pyHanko", .serialized)
struct PDFPAdESTests {
    enum Source: String, CaseIterable, CustomTestStringConvertible {
        case classic, xrefStream, hybrid, officeHybrid, pikepdf
        var testDescription: String { rawValue }

        func bytes() throws -> [UInt8] {
            switch self {
            case .classic: PDFSample.document(pages: 2)
            case .xrefStream: PDFSample.document(pages: 2, layout: .xrefStream)
            case .hybrid: PDFSample.document(pages: 2, layout: .hybrid)
            case .officeHybrid: PDFSample.document(pages: 2, layout: .officeHybrid)
            case .pikepdf: try [UInt8](Data(contentsOf: PAdESTools.fixtures.appendingPathComponent("pikepdf-objstm.pdf")))
            }
        }
    }

    @Test("one invisible signature, then a visible one and a document timestamp, each validates", arguments: Source.allCases)
    func chain(source: Source) throws {
        try Self.chain(try source.bytes(), name: source.rawValue)
    }

    /// The same chain over the PDFs listed (colon-separated paths) in `MUTUALIS_PADES_PDFS`:
    /// files from real producers (LibreOffice, Word, pdfTeX, scanners) kept out of the repository.
    @Test("the chain over the PDFs listed in MUTUALIS_PADES_PDFS")
    func listedFiles() throws {
        let paths = (ProcessInfo.processInfo.environment["MUTUALIS_PADES_PDFS"] ?? "").split(separator: ":").map(String.init)
        for path in paths {
            try Self.chain(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))),
                           name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        }
    }

    static func chain(_ original: [UInt8], name source: String) throws {
        let pki = try PAdESTools.pki()
        defer { pki.removeUnlessKept() }
        let time = Date()
        let first = try PDFIncrementalSigner.prepare(original, field: PDFSignatureField(
            signerName: "Paul Durand", reason: "Visa du service", location: "Mairie", signingTime: time, contentsCapacity: 8192))
        let visa = try first.embedding(try pki.sign(first.signedBytes))
        try pki.validate(visa, expecting: 1, name: "\(source)-1")

        let second = try PDFIncrementalSigner.prepare(visa, field: PDFSignatureField(
            signerName: "Jeanne Martin", reason: "Signature de l’arrêté", location: "Saint-Étienne", signingTime: time,
            visibleText: ["Signé par Jeanne Martin", "le 3 décembre 2026 à 16:31"], contentsCapacity: 8192))
        let signed = try second.embedding(try pki.sign(second.signedBytes))
        let third = try PDFIncrementalSigner.prepare(signed, field: .documentTimestamp(contentsCapacity: 8192))
        let stamped = try third.embedding(try pki.timestamp(third.signedBytes))
        let lines = try pki.validate(stamped, expecting: 3, name: "\(source)-3")
        try #require(lines.count == 3)
        #expect(lines[0].contains("\"coverage\": \"ENTIRE_REVISION\"") && lines[2].contains("\"coverage\": \"ENTIRE_FILE\""))
        #expect(lines[1].contains("\"modification_level\": \"LTA_UPDATES\"") || lines[1].contains("\"modification_level\": \"FORM_FILLING\""))
        #expect(lines[2].contains("\"sub_filter\": \"ETSI.RFC3161\""))
    }
}

/// The openssl CLI and pyHanko, driven from the tests. Each command is logged as it runs, so the
/// platform's own signer can be checked the same way.
enum PAdESTools {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let validator = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("PDF/validate_pades.py")

    static let python: String? = TestEnvironment.python

    struct PKI {
        var directory: URL

        /// The certificates, keys and PDFs stay for inspection when `MUTUALIS_KEEP_PADES` is set.
        func removeUnlessKept() {
            guard ProcessInfo.processInfo.environment["MUTUALIS_KEEP_PADES"] == nil else { return }
            try? FileManager.default.removeItem(at: directory)
        }

        /// `openssl cms -sign -binary -md sha256 -cades -outform DER` (detached) over the bytes.
        func sign(_ bytes: [UInt8]) throws -> [UInt8] {
            try Data(bytes).write(to: directory.appendingPathComponent("tbs.bin"))
            try PAdESTools.openssl(["cms", "-sign", "-binary", "-in", "tbs.bin", "-signer", "signer.pem", "-inkey", "signer.key",
                                    "-md", "sha256", "-cades", "-outform", "DER", "-out", "signature.der"], in: directory)
            return try [UInt8](Data(contentsOf: directory.appendingPathComponent("signature.der")))
        }

        /// `openssl ts -query -sha256 -cert` over the bytes, `openssl ts -reply -token_out`: the token's DER.
        func timestamp(_ bytes: [UInt8]) throws -> [UInt8] {
            try Data(bytes).write(to: directory.appendingPathComponent("tbs.bin"))
            try PAdESTools.openssl(["ts", "-query", "-data", "tbs.bin", "-sha256", "-cert", "-out", "request.tsq"], in: directory)
            try PAdESTools.openssl(["ts", "-reply", "-config", "pki.cnf", "-section", "tsa1", "-queryfile", "request.tsq",
                                    "-signer", "tsa.pem", "-inkey", "tsa.key", "-token_out", "-out", "token.der"], in: directory)
            return try [UInt8](Data(contentsOf: directory.appendingPathComponent("token.der")))
        }

        /// `validate_pades.py FILE CA COUNT`; its JSON lines (the test fails with them if it exits non-zero).
        @discardableResult
        func validate(_ pdf: [UInt8], expecting count: Int, name: String) throws -> [String] {
            let file = directory.appendingPathComponent("\(name).pdf")
            try Data(pdf).write(to: file)
            let python = try #require(PAdESTools.python)
            let output = try PAdESTools.run("/usr/bin/env", [python, PAdESTools.validator.path, file.path, "ca.pem", String(count)],
                                            in: directory, allowFailure: true)
            let lines = output.stdout.split(separator: "\n").map(String.init)
            #expect(output.status == 0, "pyHanko on \(file.path):\n\(output.stdout)\(output.stderr)")
            #expect(lines.count == count)
            return lines
        }
    }

    static let pkiConfig = """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = unused
        [ca_ext]
        basicConstraints = critical,CA:TRUE
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [signer_ext]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature,nonRepudiation
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [tsa_ext]
        basicConstraints = critical,CA:FALSE
        keyUsage = critical,digitalSignature
        extendedKeyUsage = critical,timeStamping
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [tsa1]
        serial = tsa-serial
        signer_digest = sha256
        default_policy = 1.3.6.1.4.1.99999.1.1
        digests = sha256, sha384, sha512
        accuracy = secs:1
        ordering = yes
        tsa_name = no
        ess_cert_id_chain = no
        ess_cert_id_alg = sha256

        """

    /// A test CA (P-256), a signer (digitalSignature, nonRepudiation) and a TSA (timeStamping,
    /// critical) under it, in a fresh directory.
    static func pki() throws -> PKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mutualis-pades-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try pkiConfig.write(to: directory.appendingPathComponent("pki.cnf"), atomically: true, encoding: .utf8)
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try openssl(["req", "-x509", "-config", "pki.cnf", "-extensions", "ca_ext"] + key
            + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-subj", "/C=FR/O=Mutualis Test/CN=Mutualis Test CA"], in: directory)
        for (name, subject, extensions, serial) in [("signer", "/C=FR/O=Commune de Test/CN=Jeanne Martin", "signer_ext", "1001"),
                                                    ("tsa", "/C=FR/O=Mutualis Test/CN=Mutualis Test TSA", "tsa_ext", "1002")] {
            try openssl(["req", "-new", "-config", "pki.cnf"] + key + ["-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject], in: directory)
            try openssl(["x509", "-req", "-in", "\(name).csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", serial,
                         "-days", "825", "-extfile", "pki.cnf", "-extensions", extensions, "-out", "\(name).pem"], in: directory)
        }
        return PKI(directory: directory)
    }

    static func openssl(_ arguments: [String], in directory: URL) throws {
        try run("/usr/bin/env", ["openssl"] + arguments, in: directory)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        var description: String
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL,
                    allowFailure: Bool = false) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // stderr to a file, so a chatty command cannot block on one pipe while we read the other.
        let errorFile = directory.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let stdout = Pipe(), stderr = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try stderr.close()
        let err = (try? Data(contentsOf: errorFile)) ?? Data()
        let result = (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        guard allowFailure || result.0 == 0 else {
            throw CommandFailed(description: "\(arguments.joined(separator: " ")) exited \(result.0): \(result.2)")
        }
        return result
    }
}
