import Foundation

extension FormDefinition {
    /// «Signalement d'un dépôt sauvage»: what, where (address, map point), a photo, a description;
    /// then, if the citizen wishes to be contacted, how.
    public static let illegalDumping = FormDefinition(title: "Signalement d'un dépôt sauvage", pages: [
        FormPage(title: "Le dépôt", fields: [
            FormField(key: "nature", label: "Nature des déchets", kind: .singleChoice(choices: [
                Choice("encombrants", "Encombrants (meubles, électroménager)"), Choice("gravats", "Gravats"),
                Choice("dechets_verts", "Déchets verts"), Choice("ordures", "Sacs d'ordures ménagères"),
                Choice("autre", "Autre"),
            ])),
            FormField(key: "nature_autre", label: "Précisez la nature des déchets", kind: .shortText(maxLength: 100),
                      condition: FieldCondition(field: "nature", equals: "autre")),
            FormField(key: "adresse", label: "Adresse ou lieu du dépôt",
                      help: "Indiquez l'adresse la plus proche ; vous pouvez aussi placer le point sur la carte.",
                      kind: .address),
            FormField(key: "photo", label: "Photo du dépôt", isRequired: false,
                      kind: .file(mediaTypes: ["image/jpeg", "image/png", "image/heic"], maxBytes: 10 * 1024 * 1024)),
            FormField(key: "description", label: "Description", help: "Volume approximatif, accès, danger éventuel…",
                      kind: .longText(maxLength: 2000)),
            FormField(key: "date_constat", label: "Date du constat", isRequired: false,
                      kind: .date(minimum: CalendarDate(year: 2020, month: 1, day: 1))),
        ]),
        FormPage(title: "Vos coordonnées", fields: [
            FormField(key: "rgpd", label: "Vos données",
                      kind: .explanation(text: "Vos coordonnées ne servent qu'au traitement de ce signalement.")),
            FormField(key: "recontact", label: "Souhaitez-vous être recontacté ?", kind: .yesNo),
            FormField(key: "email", label: "Adresse électronique", kind: .email,
                      condition: FieldCondition(field: "recontact", equals: YesNo.yes)),
            FormField(key: "telephone", label: "Téléphone", isRequired: false, kind: .phone,
                      condition: FieldCondition(field: "recontact", equals: YesNo.yes)),
        ]),
    ])

    /// «Demande d'abonnement à l'eau»: the holder (a company gives its SIRET), the dwelling, then
    /// the payment (an IBAN for direct debit).
    public static let waterSubscription = FormDefinition(title: "Demande d'abonnement à l'eau", pages: [
        FormPage(title: "Le titulaire", fields: [
            FormField(key: "type_titulaire", label: "Vous êtes", kind: .singleChoice(choices: [
                Choice("particulier", "Un particulier"), Choice("entreprise", "Une entreprise ou une association"),
            ])),
            FormField(key: "raison_sociale", label: "Raison sociale", kind: .shortText(maxLength: 200),
                      condition: FieldCondition(field: "type_titulaire", equals: "entreprise")),
            FormField(key: "siret", label: "Numéro SIRET", help: "14 chiffres, sur un extrait Kbis ou un avis de situation.",
                      kind: .siret, condition: FieldCondition(field: "type_titulaire", equals: "entreprise")),
            FormField(key: "nom", label: "Nom et prénom", kind: .shortText(maxLength: 200)),
            FormField(key: "email", label: "Adresse électronique", kind: .email),
            FormField(key: "telephone", label: "Téléphone", kind: .phone),
        ]),
        FormPage(title: "Le logement", fields: [
            FormField(key: "adresse", label: "Adresse du logement", kind: .address),
            FormField(key: "date_entree", label: "Date d'entrée dans le logement",
                      kind: .date(minimum: CalendarDate(year: 2020, month: 1, day: 1))),
            FormField(key: "index_compteur", label: "Index du compteur (m³)", isRequired: false,
                      kind: .number(minimum: 0, maximum: 999_999, integerOnly: true)),
            FormField(key: "occupants", label: "Nombre d'occupants", isRequired: false,
                      kind: .number(minimum: 1, maximum: 50, integerOnly: true)),
        ]),
        FormPage(title: "Paiement", fields: [
            FormField(key: "prelevement", label: "Souhaitez-vous payer par prélèvement ?", kind: .yesNo),
            FormField(key: "iban", label: "IBAN du compte à débiter", kind: .iban,
                      condition: FieldCondition(field: "prelevement", equals: YesNo.yes)),
            FormField(key: "mandat", label: "Mandat de prélèvement SEPA signé", isRequired: false,
                      kind: .file(mediaTypes: ["application/pdf"], maxBytes: 5 * 1024 * 1024),
                      condition: FieldCondition(field: "prelevement", equals: YesNo.yes)),
            FormField(key: "services", label: "Services souhaités", isRequired: false, kind: .multipleChoice(choices: [
                Choice("facture_electronique", "Facture électronique"), Choice("alerte_fuite", "Alerte en cas de fuite"),
                Choice("releve_sms", "Rappel de relève par SMS"),
            ])),
            FormField(key: "sms_numero", label: "Numéro pour les SMS", kind: .phone,
                      condition: FieldCondition(field: "services", equals: "releve_sms")),
        ]),
    ])
}
