import Payments

/// The simulator's payment page, in French: what is paid, and the payer's four choices (a form
/// posted back to the page's address).
enum PaymentPage {
    static func render(_ operation: SimulatedOperation) -> String {
        let amount = Int(operation.montant).map(euros) ?? operation.montant
        let buttons = SimulatedOutcome.allCases.map { outcome in
            "<button type=\"submit\" name=\"choix\" value=\"\(outcome.rawValue)\">\(escape(outcome.label))</button>"
        }.joined(separator: "\n")
        return page(title: "Paiement sécurisé", body: """
            <p class="bandeau">Simulateur PayFiP — aucun paiement réel n'est effectué.</p>
            <h1>Paiement sécurisé</h1>
            <dl>
              <dt>Objet</dt><dd>\(escape(operation.objet.isEmpty ? "—" : operation.objet))</dd>
              <dt>Référence</dt><dd>\(escape(operation.refdet))</dd>
              <dt>Montant</dt><dd>\(escape(amount))</dd>
              <dt>Courriel</dt><dd>\(escape(operation.mel))</dd>
            </dl>
            <form method="post" action="\(PayFiPProtocol.pagePath)">
            <input type="hidden" name="idop" value="\(escape(operation.idOp))">
            \(buttons)
            </form>
            """)
    }

    static func message(_ title: String, _ text: String) -> String {
        page(title: title, body: "<h1>\(escape(title))</h1>\n<p>\(escape(text))</p>")
    }

    /// 12 345,67 €
    static func euros(_ cents: Int) -> String {
        let whole = String(cents / 100), fraction = cents % 100
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(character)
        }
        return grouped + "," + (fraction < 10 ? "0" : "") + String(fraction) + "\u{00A0}€"
    }

    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    private static func page(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="fr">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) — simulateur PayFiP</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}
        .bandeau{background:#fff3cd;padding:.5rem}dt{font-weight:bold}button{display:block;margin:.5rem 0;padding:.6rem 1rem;font-size:1rem}</style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>
        """
    }
}
