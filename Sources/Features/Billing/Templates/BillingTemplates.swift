/// The invoices service's pages.
enum BillingTemplates {
    static var all: [String: String] {
        ["billing-mine": mine, "billing-invoice": invoice, "billing-receipt": receipt, "billing-payment-outcome": outcome,
         "billing-admin": BillingAgentTemplates.admin, "billing-regie": BillingAgentTemplates.regie, "billing-report": BillingAgentTemplates.report]
    }

    static let row = """
        <tr><td><a href="/factures/{{reference}}">{{reference}}</a></td><td>{{regie}}</td><td>{{issued}}</td><td>{{due}}{{#overdue}} <strong class="retard">en retard</strong>{{/overdue}}</td><td>{{amount}}</td></tr>
        """

    static let mine = """
        {{<layout}}
        {{$title}}Mes factures — {{site.name}}{{/title}}
        {{$content}}
        <h1>Mes factures</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<div class="alerte" role="alert"><p>{{error}}</p></div>{{/error}}
        <h2>À payer{{#hasToPay}} ({{total}}){{/hasToPay}}</h2>
        {{#hasToPay}}<table><caption class="visuellement-cache">Factures à payer</caption>
          <thead><tr><th scope="col">Référence</th><th scope="col">Service</th><th scope="col">Émise le</th><th scope="col">Échéance</th><th scope="col">Montant</th></tr></thead>
          <tbody>{{#toPay}}\(row){{/toPay}}</tbody></table>{{/hasToPay}}
        {{^hasToPay}}<p>Aucune facture à payer.</p>{{/hasToPay}}
        {{#hasPaid}}<h2>Payées</h2><table><caption class="visuellement-cache">Factures payées</caption>
          <thead><tr><th scope="col">Référence</th><th scope="col">Service</th><th scope="col">Émise le</th><th scope="col">Échéance</th><th scope="col">Montant</th></tr></thead>
          <tbody>{{#paid}}\(row){{/paid}}</tbody></table>{{/hasPaid}}
        {{#elsewhere}}<p class="info">Les factures de {{name}} (l'eau, par exemple) se règlent sur son portail : <a href="{{link}}">{{name}} — mes factures</a>.</p>{{/elsewhere}}
        <h2>Ajouter une facture reçue</h2>
        <p>La référence et la clé de paiement figurent sur votre facture papier.</p>
        <form method="post" action="/factures/lier" class="fiche">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <p><label for="reference">Référence de la facture</label><br><input type="text" id="reference" name="reference" maxlength="30" autocomplete="off" required></p>
          <p><label for="cle">Clé de paiement</label><br><input type="text" id="cle" name="cle" maxlength="40" autocomplete="off" required></p>
          <p><button type="submit" class="bouton">Ajouter la facture</button></p>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let invoice = """
        {{<layout}}
        {{$title}}Facture {{invoice.reference}} — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/factures">← Mes factures</a></p>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<div class="alerte" role="alert"><p>{{error}}</p></div>{{/error}}
        {{#invoice}}
        <h1>Facture {{reference}}</h1>
        <dl>
          <dt>Service</dt><dd>{{regie}}</dd><dt>Débiteur</dt><dd>{{debtor}}{{#address}}, {{address}}{{/address}}</dd>
          <dt>Montant</dt><dd><strong>{{amount}}</strong></dd><dt>Émise le</dt><dd>{{issued}}</dd>
          <dt>Échéance</dt><dd>{{due}}{{#overdue}} — <strong class="retard">en retard</strong>{{/overdue}}</dd>
          <dt>État</dt><dd>{{#paid}}payée le {{paidOn}}{{/paid}}{{^paid}}à payer{{/paid}}</dd>
        </dl>
        {{#hasPDF}}<p><a href="/factures/{{reference}}/pdf">Télécharger la facture (PDF)</a></p>{{/hasPDF}}
        {{#paid}}<p><a href="/factures/{{reference}}/recu">Voir et imprimer le reçu de paiement</a></p>{{/paid}}
        {{^paid}}
          {{#inProgress}}<p class="info">Un paiement de cette facture est en cours. S'il a été interrompu, vous pourrez le recommencer dans quelques minutes.</p>{{/inProgress}}
          {{^inProgress}}
          <form method="post" action="/factures/{{reference}}/payer">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <p><button type="submit" class="bouton">Payer {{amount}} en ligne</button></p>
            <p><small>Vous allez être dirigé vers le service de paiement sécurisé de la DGFiP (PayFiP) : carte bancaire ou prélèvement.</small></p>
          </form>
          {{/inProgress}}
        {{/paid}}
        {{/invoice}}
        {{/content}}
        {{/layout}}
        """

    static let receipt = """
        {{<layout}}
        {{$title}}Reçu de paiement {{invoice.reference}} — {{site.name}}{{/title}}
        {{$content}}
        {{#invoice}}
        <h1>Reçu de paiement</h1>
        <p>{{member}} certifie avoir reçu le paiement suivant.</p>
        <dl>
          <dt>Facture</dt><dd>{{reference}} ({{regie}})</dd><dt>Débiteur</dt><dd>{{debtor}}</dd>
          <dt>Montant payé</dt><dd><strong>{{paidAmount}}</strong></dd><dt>Payé le</dt><dd>{{paidAt}}</dd>
          <dt>Moyen de paiement</dt><dd>{{method}}</dd><dt>Numéro d'autorisation</dt><dd>{{authorisation}}</dd><dt>Référence de la transaction</dt><dd>{{transaction}}</dd>
        </dl>
        <p><a href="/factures/{{reference}}">← La facture</a></p>
        {{/invoice}}
        {{/content}}
        {{/layout}}
        """

    static let outcome = """
        {{<layout}}
        {{$title}}Paiement — {{site.name}}{{/title}}
        {{$content}}
        <h1>{{title}}</h1>
        <div class="{{#ok}}info{{/ok}}{{^ok}}alerte{{/ok}}" role="status"><p>{{message}}</p></div>
        <p><a href="/factures/{{reference}}">Revenir à la facture {{reference}}</a> · <a href="/factures">Mes factures</a></p>
        {{/content}}
        {{/layout}}
        """
}
