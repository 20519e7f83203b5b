import Mail
import Tenancy

/// The French e-mails identity sends.
enum AccountMail {
    static func verification(tenant: TenantSlug, memberName: String, to email: EmailAddress, link: String) -> MailMessage {
        MailMessage(tenant: tenant, to: email.rawValue, subject: "\(memberName) : confirmez votre adresse électronique", body: """
            Bonjour,

            Vous avez créé un compte sur le portail de \(memberName). Pour l'activer, ouvrez ce lien
            dans les 48 heures :

            \(link)

            Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
            """)
    }

    static func alreadyRegistered(tenant: TenantSlug, memberName: String, to email: EmailAddress, resetLink: String) -> MailMessage {
        MailMessage(tenant: tenant, to: email.rawValue, subject: "\(memberName) : vous avez déjà un compte", body: """
            Bonjour,

            Quelqu'un a demandé à créer un compte avec votre adresse sur le portail de \(memberName),
            où vous en avez déjà un. Si vous avez oublié votre mot de passe, vous pouvez le
            réinitialiser : \(resetLink)

            Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.
            """)
    }

    static func reset(tenant: TenantSlug, memberName: String, to email: EmailAddress, link: String) -> MailMessage {
        MailMessage(tenant: tenant, to: email.rawValue, subject: "\(memberName) : réinitialisation de votre mot de passe", body: """
            Bonjour,

            Pour choisir un nouveau mot de passe sur le portail de \(memberName), ouvrez ce lien dans
            l'heure qui vient (il ne sert qu'une fois) :

            \(link)

            Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de
            passe actuel reste valable.
            """)
    }

    static func invitation(tenant: TenantSlug, memberName: String, to email: EmailAddress, link: String) -> MailMessage {
        MailMessage(tenant: tenant, to: email.rawValue, subject: "\(memberName) : votre compte agent", body: """
            Bonjour,

            Un compte agent a été ouvert pour vous sur la plate-forme de \(memberName). Choisissez
            votre mot de passe en ouvrant ce lien dans l'heure qui vient :

            \(link)
            """)
    }
}
