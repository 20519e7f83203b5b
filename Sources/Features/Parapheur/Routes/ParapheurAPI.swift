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

/// The parapheur API as the OpenAPI document describes it.
enum ParapheurAPI {
    static let tags = ["Parapheur"]
    static let id = APIParameter.uuidID("id", "Identifiant du dossier")
    static let desk = JSONSchema.object(properties: [("id", .uuid), ("name", .string)], required: ["id", "name"])
    static let file = JSONSchema.object(properties: [
        ("id", .uuid), ("role", .string(values: ["main", "annex", "signature"])), ("file_name", .string), ("media_type", .string),
        ("size", .integer(minimum: 0)), ("sha256", .string(pattern: "^[0-9a-f]{64}$")), ("version", .integer(minimum: 1)),
        ("signs", .nullable(.uuid)), ("content", .string(description: "Adresse du contenu")),
    ], required: ["id", "role", "file_name", "media_type", "size", "sha256", "version", "signs", "content"])
    static let entry = JSONSchema.object(properties: [
        ("at", .dateTime), ("action", .string), ("step", .integer(minimum: 1)), ("desk", .nullable(desk)), ("through", .nullable(desk)),
        ("by", .nullable(.string(description: "« B pour A » quand l'action est faite par délégation"))), ("comment", .nullable(.string)),
        ("target", .nullable(desk)),
    ], required: ["at", "action", "step", "desk", "through", "by", "comment", "target"])
    static let folder = JSONSchema.object(properties: [
        ("id", .uuid), ("title", .string(maxLength: 200)), ("type", .string), ("subtype", .string),
        ("status", .string(values: ["in_progress", "rejected", "completed"])), ("due_date", .nullable(.string(format: "date"))),
        ("metadata", .object(properties: [], required: [], additional: true)), ("emitter", desk),
        ("current_step", .nullable(.object(properties: [
            ("number", .integer(minimum: 1)), ("count", .integer(minimum: 1)), ("kind", .string(values: ["visa", "signature", "seal"])),
            ("format", .nullable(.string(values: ["pades", "cades"]))), ("desks", .array(desk)),
        ], required: ["number", "count", "kind", "format", "desks"]))),
        ("pending_desks", .array(desk)), ("second_opinion", .nullable(desk)), ("documents", .array(file)), ("history", .array(entry)),
        ("created_at", .dateTime), ("updated_at", .dateTime), ("bundle", .nullable(.string(description: "Adresse du paquet signé (dossier terminé)"))),
    ], required: ["id", "title", "type", "subtype", "status", "due_date", "metadata", "emitter", "current_step", "pending_desks",
                  "second_opinion", "documents", "history", "created_at", "updated_at", "bundle"])

    static let create = APIOperation(
        "createParapheurFolder", summary: "Déposer un dossier dans un circuit",
        description: """
            Formulaire `multipart/form-data` : une partie `folder` (JSON : `title`, `type`, `subtype`, et facultatifs `due_date` \
            AAAA-MM-JJ, `metadata` (textes), `emitter` (nom du bureau émetteur ; par défaut le premier bureau de l'agent, ou le \
            bureau de la première étape pour un système partenaire)), une ou plusieurs parties `document` (PDF non chiffrés) et \
            des parties `annex` (tout type). Le dossier part aussitôt à la première étape de son circuit.
            """,
        tags: tags,
        requestMediaTypes: ["multipart/form-data": .object(properties: [
            ("folder", .string(description: "JSON du dossier")), ("document", .binary), ("annex", .binary),
        ], required: ["folder", "document"])],
        responses: [201: APIResponse("Déposé", schema: folder, headers: ["Location": "Adresse du dossier"]),
                    400: .problem("Formulaire mal formé"), 401: .problem("Non authentifié"), 403: .problem("Permission parapheur.submit requise"),
                    413: .problem("Formulaire trop volumineux"), 415: .problem("Pas un formulaire multipart, ou document principal non PDF"),
                    422: .problem("Type inconnu, champ invalide ou PDF non signable (chiffré, endommagé)")]
    )
    static let get = APIOperation(
        "getParapheurFolder", summary: "Un dossier : état, étape en cours, documents et historique", tags: tags, parameters: [id],
        responses: [200: APIResponse("Le dossier", schema: folder), 400: .problem("Identifiant invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Permission parapheur.read requise"), 404: .problem("Aucun dossier de ce numéro visible par l'appelant")]
    )
    static let act = APIOperation(
        "actOnParapheurFolder", summary: "Agir sur un dossier (visa, signature, cachet, rejet, transfert, avis…)",
        description: """
            `action` : `visa`, `sign` (signature avec le certificat de l'agent sur la plate-forme, déverrouillé par `pin`), `seal`, \
            `reject` (`comment` obligatoire : le motif), `transfer` et `second_opinion` (vers le bureau `desk`), `opinion` (répondre à \
            une demande d'avis), `undo` (annuler sa dernière action tant que l'étape suivante n'a pas agi), `bypass` (administrateur), \
            `resubmit` (bureau émetteur, après un rejet). `as` : le bureau au titre duquel l'agent agit (par défaut, le premier qui convient).
            """,
        tags: tags, parameters: [id],
        requestBody: .object(properties: [
            ("action", .string(values: ["visa", "sign", "seal", "reject", "transfer", "second_opinion", "opinion", "undo", "bypass", "resubmit"])),
            ("comment", .nullable(.string(maxLength: 2000))), ("pin", .nullable(.string(maxLength: 12))),
            ("desk", .nullable(.string(description: "Bureau destinataire (transfert, avis) : identifiant ou nom"))),
            ("as", .nullable(.string(description: "Bureau au titre duquel agir : identifiant ou nom"))),
        ], required: ["action"]),
        requestExample: ["action": "visa", "comment": "Vu, conforme."],
        responses: [200: APIResponse("Le dossier après l'action", schema: folder), 400: .problem("Corps invalide"), 401: .problem("Non authentifié"),
                    403: .problem("Pas le tour de l'appelant, PIN erroné, ou permission parapheur.act requise"),
                    404: .problem("Aucun dossier de ce numéro"), 409: .problem("Action impossible dans l'état du dossier"),
                    415: .problem("Corps non JSON"), 422: .problem("Motif manquant, bureau inconnu, pas de certificat"),
                    429: .problem("Trop de codes PIN erronés")]
    )
    static let signature = APIOperation(
        "uploadParapheurSignature", summary: "Signer en déposant une signature détachée (.p7s) faite avec sa carte",
        description: "Le corps est la signature CAdES détachée (DER, `application/pkcs7-signature` ou `application/octet-stream`) du document principal ; elle est vérifiée (document, intégrité, certificat de confiance, validité) avant d'être acceptée.",
        tags: tags, parameters: [id],
        requestMediaTypes: ["application/octet-stream": .binary],
        responses: [200: APIResponse("Le dossier signé", schema: folder), 400: .problem("Corps vide"), 401: .problem("Non authentifié"),
                    403: .problem("Pas le tour de l'appelant"), 404: .problem("Aucun dossier de ce numéro"), 409: .problem("Pas une étape de signature"),
                    413: .problem("Signature trop volumineuse"), 415: .problem("Type de contenu"), 422: .problem("Signature refusée (motif en français)")]
    )
    static let bundle = APIOperation(
        "getParapheurBundle", summary: "Le paquet d'un dossier terminé (ZIP : documents signés, signatures, jetons d'horodatage, bordereau, historique)",
        tags: tags, parameters: [id],
        responses: [200: APIResponse("Le paquet", schema: .binary, mediaType: "application/zip"), 400: .problem("Identifiant invalide"),
                    401: .problem("Non authentifié"), 403: .problem("Permission parapheur.read requise"), 404: .problem("Aucun dossier de ce numéro"),
                    409: .problem("Le circuit du dossier n'est pas terminé")]
    )
    static let content = APIOperation(
        "getParapheurDocument", summary: "Le contenu d'un fichier du dossier", tags: tags,
        parameters: [id, APIParameter.uuidID("file", "Identifiant du fichier du dossier")],
        responses: [200: APIResponse("Le contenu", schema: .binary, mediaType: "*/*"), 400: .problem("Identifiant invalide"),
                    401: .problem("Non authentifié"), 403: .problem("Permission parapheur.read requise"), 404: .problem("Aucun fichier de ce numéro")]
    )
}
