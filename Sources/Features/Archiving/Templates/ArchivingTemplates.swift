/// The archivist's pages (French).
enum ArchivingTemplates {
    static var all: [String: String] {
        ["archive-home": home, "archive-transfer": transfer, "archive-referentials": referentials, "archive-eliminations": eliminations,
         "archive-unit": unit]
    }

    static let home = """
        {{<layout}}
        {{$title}}Archives — {{site.name}}{{/title}}
        {{$content}}
        <h1>Archives électroniques</h1>
        {{#canAdmin}}<p><a href="/archives/referentiels">Référentiels : conventions d'entrée, services producteurs, règles de gestion</a> —
          <a href="/archives/eliminations">Éliminations et gels</a></p>{{/canAdmin}}
        <h2>Rechercher</h2>
        <form method="get" action="/archives" role="search">
          <label for="archive-q">Titre, description ou mot-clé</label> <input id="archive-q" name="q" value="{{query}}" maxlength="200">
          <label for="archive-service">Service producteur</label> <select id="archive-service" name="service"><option value="">tous</option>
            {{#agencies}}<option value="{{identifier}}">{{name}} ({{identifier}})</option>{{/agencies}}</select>
          <label for="archive-niveau">Niveau</label> <select id="archive-niveau" name="niveau"><option value="">tous</option>
            <option>Fonds</option><option>Series</option><option>RecordGrp</option><option>File</option><option>Item</option></select>
          <label for="archive-du">Du (AAAA-MM-JJ)</label> <input id="archive-du" name="du" value="{{du}}" inputmode="numeric">
          <label for="archive-au">Au</label> <input id="archive-au" name="au" value="{{au}}" inputmode="numeric">
          <button type="submit">Rechercher</button></form>
        {{#searched}}
        <table><caption>Unités d'archives trouvées</caption>
        <thead><tr><th scope="col">Titre</th><th scope="col">Niveau</th><th scope="col">Dates</th><th scope="col">Service producteur</th><th scope="col">Transfert</th></tr></thead><tbody>
        {{#results}}<tr><td><a href="/archives/unites/{{id}}">{{title}}</a></td><td>{{level}}</td><td>{{dates}}</td><td>{{agency}}</td><td><a href="/archives/transferts/{{transfer}}">Voir le transfert</a></td></tr>{{/results}}
        {{^results}}<tr><td colspan="5">Aucune unité ne correspond à ces critères.</td></tr>{{/results}}
        </tbody></table>
        {{/searched}}
        {{#canIngest}}
        <h2>Verser un paquet (SIP)</h2>
        <form method="post" action="/archives/versements" enctype="multipart/form-data">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="archive-sip">Paquet ZIP contenant manifest.xml (SEDA 2.1, 2.2 ou 2.3) et ses fichiers</label>
          <input id="archive-sip" name="sip" type="file" accept=".zip,application/zip" required>
          <button type="submit">Verser</button></form>
        {{/canIngest}}
        <h2>Derniers transferts</h2>
        <table><thead><tr><th scope="col">Reçu le</th><th scope="col">Message</th><th scope="col">Résultat</th><th scope="col">Convention</th>
        <th scope="col">Service producteur</th><th scope="col">Objets</th><th scope="col">Détail</th></tr></thead><tbody>
        {{#transfers}}<tr><td>{{date}}</td><td>{{message}}</td><td>{{status}}</td><td>{{agreement}}</td><td>{{agency}}</td><td>{{objects}} ({{size}})</td>
          <td><a href="/archives/transferts/{{id}}">Voir</a></td></tr>{{/transfers}}
        {{^transfers}}<tr><td colspan="7">Aucun transfert reçu.</td></tr>{{/transfers}}
        </tbody></table>
        {{/content}}
        {{/layout}}
        """

    static let transfer = """
        {{<layout}}
        {{$title}}Transfert {{transfer.message}} — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/archives">Retour aux archives</a></p>
        {{#transfer}}
        <h1>Transfert {{message}}</h1>
        {{#accepted}}<p class="info" role="status">Accepté : {{objects}} objet(s), {{size}}, conservés en deux exemplaires vérifiés.</p>{{/accepted}}
        {{^accepted}}<p class="erreur" role="alert">Refusé : rien n'a été conservé.</p>{{/accepted}}
        <dl><dt>Reçu le</dt><dd>{{date}}</dd><dt>Par</dt><dd>{{by}}</dd><dt>Version SEDA</dt><dd>{{version}}</dd>
        <dt>Convention d'entrée</dt><dd>{{agreement}}</dd><dt>Service producteur</dt><dd>{{agency}}</dd></dl>
        {{/transfer}}
        {{#hasReasons}}<h2>Motifs du refus</h2>
        <ul>{{#reasons}}<li><strong>{{code}}</strong> : {{message}}</li>{{/reasons}}</ul>{{/hasReasons}}
        {{#hasUnits}}<h2>Unités d'archives</h2>
        <table><thead><tr><th scope="col">Titre</th><th scope="col">Niveau</th><th scope="col">Dates</th><th scope="col">Fichiers</th></tr></thead><tbody>
        {{#units}}<tr><td>{{indent}}<a href="/archives/unites/{{id}}">{{title}}</a></td><td>{{level}}</td><td>{{dates}}</td><td>{{objects}}</td></tr>{{/units}}
        </tbody></table>{{/hasUnits}}
        <h2>Cycle de vie (journal)</h2>
        <table><thead><tr><th scope="col">Date</th><th scope="col">Opération</th><th scope="col">Par</th><th scope="col">Résultat</th></tr></thead><tbody>
        {{#lifecycle}}<tr><td>{{at}}</td><td>{{action}} <span class="technique">({{code}})</span></td><td>{{by}}</td><td>{{outcome}}</td></tr>{{/lifecycle}}
        </tbody></table>
        <h2>Réponse SEDA (ArchiveTransferReply)</h2>
        <pre>{{reply}}</pre>
        {{/content}}
        {{/layout}}
        """

    static let referentials = """
        {{<layout}}
        {{$title}}Référentiels d'archivage — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/archives">Retour aux archives</a></p>
        <h1>Référentiels d'archivage</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="erreur" role="alert">{{error}}</p>{{/error}}
        <h2>Conventions d'entrée</h2>
        <table><thead><tr><th scope="col">Identifiant</th><th scope="col">Nom</th><th scope="col">Services producteurs autorisés</th></tr></thead><tbody>
        {{#agreements}}<tr><td>{{identifier}}</td><td>{{name}}</td><td>{{agencies}}</td></tr>{{/agreements}}
        {{^agreements}}<tr><td colspan="3">Aucune convention.</td></tr>{{/agreements}}
        </tbody></table>
        <form method="post" action="/archives/referentiels/conventions"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="ag-id">Identifiant</label> <input id="ag-id" name="identifier" required>
          <label for="ag-name">Nom</label> <input id="ag-name" name="name" required>
          <label for="ag-agencies">Services producteurs autorisés (identifiants séparés par des virgules ; vide : tous)</label> <input id="ag-agencies" name="agencies">
          <button type="submit">Enregistrer la convention</button></form>
        <h2>Services producteurs et versants</h2>
        <table><thead><tr><th scope="col">Identifiant</th><th scope="col">Nom</th></tr></thead><tbody>
        {{#agencies}}<tr><td>{{identifier}}</td><td>{{name}}</td></tr>{{/agencies}}
        {{^agencies}}<tr><td colspan="2">Aucun service.</td></tr>{{/agencies}}
        </tbody></table>
        <form method="post" action="/archives/referentiels/services"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="sv-id">Identifiant</label> <input id="sv-id" name="identifier" required>
          <label for="sv-name">Nom</label> <input id="sv-name" name="name" required>
          <button type="submit">Enregistrer le service</button></form>
        <h2>Profils d'archivage (versements automatiques)</h2>
        <p>Un dossier terminé d'un service de la plate-forme (par exemple « parapheur:Arrêté/Voirie ») est versé automatiquement selon son profil.</p>
        <table><thead><tr><th scope="col">Type de document</th><th scope="col">Convention</th><th scope="col">Service producteur</th><th scope="col">Règle de sort final</th><th scope="col">Sort final</th></tr></thead><tbody>
        {{#profiles}}<tr><td>{{documentType}}</td><td>{{agreement}}</td><td>{{agency}}</td><td>{{rule}}</td><td>{{finalAction}}</td></tr>{{/profiles}}
        {{^profiles}}<tr><td colspan="5">Aucun profil : rien n'est versé automatiquement.</td></tr>{{/profiles}}
        </tbody></table>
        <form method="post" action="/archives/referentiels/profils"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="pf-type">Type de document (module:type)</label> <input id="pf-type" name="documentType" required placeholder="parapheur:Arrêté/Voirie">
          <label for="pf-agreement">Convention</label> <input id="pf-agreement" name="agreement" required>
          <label for="pf-agency">Service producteur</label> <input id="pf-agency" name="agency" required>
          <label for="pf-rule">Règle de sort final (identifiant)</label> <input id="pf-rule" name="rule">
          <label for="pf-action">Sort final</label> <select id="pf-action" name="finalAction"><option>Keep</option><option>Destroy</option></select>
          <button type="submit">Enregistrer le profil</button></form>
        <h2>Règles de gestion</h2>
        <table><thead><tr><th scope="col">Identifiant</th><th scope="col">Catégorie</th><th scope="col">Nom</th><th scope="col">Durée</th><th scope="col">Sort final</th></tr></thead><tbody>
        {{#rules}}<tr><td>{{identifier}}</td><td>{{kind}}</td><td>{{name}}</td><td>{{duration}}</td><td>{{finalAction}}</td></tr>{{/rules}}
        {{^rules}}<tr><td colspan="5">Aucune règle.</td></tr>{{/rules}}
        </tbody></table>
        <form method="post" action="/archives/referentiels/regles"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="rl-id">Identifiant</label> <input id="rl-id" name="identifier" required>
          <label for="rl-kind">Catégorie</label> <select id="rl-kind" name="kind">{{#kinds}}<option>{{.}}</option>{{/kinds}}</select>
          <label for="rl-name">Nom</label> <input id="rl-name" name="name" required>
          <label for="rl-duration">Durée (vide : illimitée)</label> <input id="rl-duration" name="duration" inputmode="numeric">
          <label for="rl-measure">Unité</label> <select id="rl-measure" name="measurement"><option value="year">années</option><option value="month">mois</option><option value="day">jours</option></select>
          <label for="rl-action">Sort final</label> <select id="rl-action" name="finalAction"><option value="">—</option><option>Keep</option><option>Destroy</option>
            <option>RestrictAccess</option><option>Transfer</option><option>Copy</option></select>
          <button type="submit">Enregistrer la règle</button></form>
        {{/content}}
        {{/layout}}
        """

    static let eliminations = """
        {{<layout}}
        {{$title}}Éliminations — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/archives">Retour aux archives</a></p>
        <h1>Éliminations</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="erreur" role="alert">{{error}}</p>{{/error}}
        <h2>Unités dont la durée d'utilité administrative est échue (sort final : détruire)</h2>
        <table><thead><tr><th scope="col">Unité</th><th scope="col">Règle</th><th scope="col">Échue le</th><th scope="col">Gel</th></tr></thead><tbody>
        {{#due}}<tr><td>{{title}}</td><td>{{rule}}</td><td>{{end}}</td><td>
          <form method="post" action="/archives/unites/{{id}}/gel"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="hold" value="oui">
          <button type="submit">Geler</button></form></td></tr>{{/due}}
        {{^due}}<tr><td colspan="4">Aucune unité à éliminer.</td></tr>{{/due}}
        </tbody></table>
        {{#hasDue}}<form method="post" action="/archives/eliminations"><input type="hidden" name="csrf" value="{{csrf}}">
          <input type="hidden" name="units" value="{{allDue}}">
          <button type="submit">Demander l'élimination de ces {{dueCount}} unité(s)</button></form>{{/hasDue}}
        <h2>Unités gelées</h2>
        <table><thead><tr><th scope="col">Unité</th><th scope="col">Action</th></tr></thead><tbody>
        {{#held}}<tr><td>{{title}}</td><td><form method="post" action="/archives/unites/{{id}}/gel"><input type="hidden" name="csrf" value="{{csrf}}">
          <input type="hidden" name="hold" value="non"><button type="submit">Lever le gel</button></form></td></tr>{{/held}}
        {{^held}}<tr><td colspan="2">Aucune unité gelée.</td></tr>{{/held}}
        </tbody></table>
        <h2>Demandes</h2>
        <table><thead><tr><th scope="col">Demandée le</th><th scope="col">Unités</th><th scope="col">Par</th><th scope="col">Approuvée par</th>
        <th scope="col">État</th><th scope="col">Décision ou preuve</th></tr></thead><tbody>
        {{#eliminations}}<tr><td>{{date}}</td><td>{{units}}</td><td>{{requestedBy}}</td><td>{{approvedBy}}</td><td>{{state}} {{reason}}</td><td>
          {{#open}}<form method="post" action="/archives/eliminations/{{id}}/decision"><input type="hidden" name="csrf" value="{{csrf}}">
            <label for="motif-{{id}}">Motif (en cas de refus)</label> <input id="motif-{{id}}" name="reason">
            <button type="submit" name="decision" value="approuver">Approuver et exécuter</button>
            <button type="submit" name="decision" value="refuser">Refuser</button>
            <button type="submit" name="decision" value="annuler">Annuler</button></form>{{/open}}
          {{#executed}}<a href="/archives/eliminations/{{id}}/notification">Avis de destruction (SEDA)</a>
            {{#signed}} — <a href="/archives/eliminations/{{id}}/signature">signature du cachet (.p7s)</a>{{/signed}}{{/executed}}</td></tr>{{/eliminations}}
        {{^eliminations}}<tr><td colspan="6">Aucune demande.</td></tr>{{/eliminations}}
        </tbody></table>
        {{/content}}
        {{/layout}}
        """
}
