/// The regies' agents' pages.
enum BillingAgentTemplates {
    static let admin = """
        {{<layout}}
        {{$title}}Factures et régies — {{site.name}}{{/title}}
        {{$content}}
        <h1>Factures et régies</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#hasErrors}}<div class="alerte" role="alert"><h2>Import refusé : rien n'a été enregistré</h2><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul>{{#more}}<p>… et {{more}} autres erreurs.</p>{{/more}}</div>{{/hasErrors}}
        <p><a href="/administration/factures/rapport">Rapport de rapprochement du jour</a> · <a href="/administration/factures/paiements.csv">Exporter les paiements (CSV)</a></p>
        <table><caption>Régies</caption>
          <thead><tr><th scope="col">Régie</th><th scope="col">Nature</th><th scope="col">Numéro client PayFiP</th><th scope="col">À payer</th><th scope="col">Payées</th></tr></thead>
          <tbody>{{#regies}}<tr><td><a href="/administration/factures/regies/{{id}}">{{label}}</a></td><td>{{kind}}</td><td>{{numcli}}</td><td>{{open}}</td><td>{{paid}}</td></tr>{{/regies}}
          {{^regies}}<tr><td colspan="5">Aucune régie.</td></tr>{{/regies}}</tbody>
        </table>
        <h2>Importer des factures</h2>
        <p>Un fichier CSV exporté du logiciel de facturation (colonnes : {{columns}}), ou une archive ZIP contenant ce CSV et les factures PDF. Le fichier est vérifié en entier : s'il contient une erreur, rien n'est importé ; importer deux fois le même fichier ne change rien.</p>
        <form method="post" action="/administration/factures/imports" enctype="multipart/form-data" class="fiche">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <p><label for="fichier">Fichier (CSV ou ZIP)</label><br><input type="file" id="fichier" name="fichier" accept=".csv,.zip,text/csv,application/zip" required></p>
          <p><button type="submit" class="bouton">Importer</button></p>
        </form>
        <h2>Derniers imports</h2>
        <ul>{{#imports}}<li>{{date}} — {{file}} : {{invoices}} facture(s), par {{by}}</li>{{/imports}}</ul>
        <h2>Nouvelle régie</h2>
        <form method="post" action="/administration/factures/regies" class="fiche">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <p><label for="r-id">Identifiant</label> <small>minuscules, chiffres, tirets (colonne « regie » des imports)</small><br><input type="text" id="r-id" name="id" maxlength="40" required></p>
          <p><label for="r-label">Libellé</label><br><input type="text" id="r-label" name="label" maxlength="200" required></p>
          <p><label for="r-numcli">Numéro client PayFiP (6 chiffres)</label><br><input type="text" id="r-numcli" name="numcli" inputmode="numeric" maxlength="6" required></p>
          <p><label for="r-kind">Nature</label> <select id="r-kind" name="kind">{{#kinds}}<option value="{{id}}">{{label}}</option>{{/kinds}}</select></p>
          <p><button type="submit" class="bouton">Créer la régie</button></p>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let regie = """
        {{<layout}}
        {{$title}}{{regie.label}} — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/administration/factures">← Factures et régies</a></p>
        <h1>{{regie.label}}</h1>
        <p>Numéro client PayFiP {{regie.numcli}}.</p>
        <form method="get" action="/administration/factures/regies/{{regie.id}}"><p><label for="etat">Factures</label> <select id="etat" name="etat">
          {{#filters}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/filters}}</select> <button type="submit" class="bouton">Afficher</button></p></form>
        <table><caption>Factures</caption>
          <thead><tr><th scope="col">Référence</th><th scope="col">Débiteur</th><th scope="col">Émise le</th><th scope="col">Échéance</th><th scope="col">Montant</th><th scope="col">État</th></tr></thead>
          <tbody>{{#invoices}}<tr><td>{{reference}}</td><td>{{debtor}}</td><td>{{issued}}</td><td>{{due}}</td><td>{{amount}}</td><td>{{#paid}}payée le {{paidOn}}{{/paid}}{{^paid}}{{#overdue}}en retard{{/overdue}}{{^overdue}}à payer{{/overdue}}{{/paid}}</td></tr>{{/invoices}}
          {{^invoices}}<tr><td colspan="6">Aucune facture.</td></tr>{{/invoices}}</tbody>
        </table>
        {{/content}}
        {{/layout}}
        """

    static let report = """
        {{<layout}}
        {{$title}}Rapprochement du {{day}} — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/administration/factures">← Factures et régies</a></p>
        <h1>Rapprochement du {{day}}</h1>
        <form method="get" action="/administration/factures/rapport"><p><label for="jour">Jour</label> <input type="date" id="jour" name="jour" value="{{iso}}"> <button type="submit" class="bouton">Afficher</button></p></form>
        <table><caption>Paiements enregistrés</caption>
          <thead><tr><th scope="col">Régie</th><th scope="col">Carte</th><th scope="col">Prélèvement</th><th scope="col">Total</th></tr></thead>
          <tbody>{{#rows}}<tr><td>{{regie}}</td><td>{{card}}</td><td>{{debit}}</td><td>{{total}}</td></tr>{{/rows}}{{^rows}}<tr><td colspan="4">Aucun paiement ce jour.</td></tr>{{/rows}}</tbody>
        </table>
        <table><caption>Tentatives du jour</caption>
          <thead><tr><th scope="col">État</th><th scope="col">Nombre</th></tr></thead>
          <tbody>{{#attempts}}<tr><td>{{state}}</td><td>{{count}}</td></tr>{{/attempts}}</tbody>
        </table>
        {{#hasAnomalies}}<div class="alerte"><h2>Anomalies</h2><ul>{{#anomalies}}<li>{{.}}</li>{{/anomalies}}</ul></div>{{/hasAnomalies}}
        {{/content}}
        {{/layout}}
        """
}
