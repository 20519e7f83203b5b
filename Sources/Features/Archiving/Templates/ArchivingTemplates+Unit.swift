extension ArchivingTemplates {
    /// One archive unit; a reader who may not see it gets its existence, rules and opening day only.
    static let unit = """
        {{<layout}}
        {{$title}}{{heading}} — Archives — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/archives">Retour aux archives</a> — <a href="/archives/transferts/{{transfer}}">Voir le transfert</a></p>
        {{#hasAncestors}}<nav aria-label="Place de l'unité dans l'arborescence"><ol>
          {{#ancestors}}<li><a href="/archives/unites/{{id}}">{{title}}</a>{{suffix}}</li>{{/ancestors}}
          <li aria-current="page">{{heading}}</li></ol></nav>{{/hasAncestors}}
        <h1>{{heading}}</h1>
        {{#eliminated}}<p class="info" role="status">Unité éliminée le {{eliminated}} : il n'en reste que la trace.</p>{{/eliminated}}
        {{^sees}}<p class="alerte">Cette unité d'archives existe mais elle est {{closed}} : son intitulé, sa description et ses objets ne vous sont pas communicables.</p>{{/sees}}
        {{#privilegedRead}}<p class="info" role="status">Cette unité est {{closed}}. Vous la consultez en tant qu'archiviste : cette consultation est inscrite au journal.</p>{{/privilegedRead}}
        <h2>Description</h2>
        <dl>
          {{#sees}}<dt>Intitulé</dt><dd>{{title}}</dd>
          <dt>Description</dt><dd>{{#hasDescription}}{{description}}{{/hasDescription}}{{^hasDescription}}aucune{{/hasDescription}}</dd>
          <dt>Mots-clés</dt><dd>{{#hasKeywords}}{{keywords}}{{/hasKeywords}}{{^hasKeywords}}aucun{{/hasKeywords}}</dd>{{/sees}}
          <dt>Niveau</dt><dd>{{level}}</dd>
          <dt>Dates extrêmes</dt><dd>{{dates}}</dd>
          <dt>Service producteur</dt><dd>{{agency}}</dd>
          <dt>Identifiant dans le bordereau</dt><dd>{{sedaID}}</dd>
          <dt>Gel (contentieux, enquête)</dt><dd>{{#hold}}oui : l'unité ne peut pas être éliminée{{/hold}}{{#inheritedHold}}oui, par le gel de <a href="/archives/unites/{{from}}">{{fromTitle}}</a> qui couvre ses descendants : l'unité ne peut pas être éliminée{{/inheritedHold}}{{^hold}}{{^inheritedHold}}non{{/inheritedHold}}{{/hold}}</dd>
        </dl>
        <h2>Règles de gestion</h2>
        <h3>Communicabilité (règle d'accès)</h3>
        {{#access}}<dl><dt>Règle</dt><dd>{{identifier}} — {{name}}{{#inherited}} (héritée de <a href="/archives/unites/{{from}}">{{fromTitle}}</a>){{/inherited}}</dd>
          <dt>Délai</dt><dd>{{duration}} à compter du {{start}}</dd>
          <dt>Communicable à partir du</dt><dd>{{end}}</dd><dt>Aujourd'hui</dt><dd>{{status}}</dd></dl>{{/access}}
        {{^access}}<p>Aucune règle d'accès : l'unité est librement communicable.</p>{{/access}}
        <h3>Durée d'utilité administrative et sort final</h3>
        {{#appraisal}}<dl><dt>Règle</dt><dd>{{identifier}} — {{name}}{{#inherited}} (héritée de <a href="/archives/unites/{{from}}">{{fromTitle}}</a>){{/inherited}}</dd>
          <dt>Durée</dt><dd>{{duration}} à compter du {{start}}</dd>
          <dt>Échéance</dt><dd>{{end}}</dd><dt>Sort final</dt><dd>{{finalAction}}</dd></dl>{{/appraisal}}
        {{^appraisal}}<p>Aucune règle de durée d'utilité administrative.</p>{{/appraisal}}
        {{#hasChildren}}<h2>Unités contenues</h2>
        <ul>{{#children}}<li><a href="/archives/unites/{{id}}">{{title}}</a>{{suffix}}</li>{{/children}}</ul>{{/hasChildren}}
        {{#sees}}<h2>Objets</h2>
        {{#hasObjects}}<table><thead><tr><th scope="col">Fichier</th><th scope="col">Format</th><th scope="col">Taille</th><th scope="col">Empreinte SHA-512</th></tr></thead><tbody>
        {{#objects}}<tr><td>{{#available}}<a href="{{href}}">Télécharger {{name}}</a>{{/available}}{{^available}}{{name}} (éliminé){{/available}}</td>
          <td>{{format}}</td><td>{{size}}</td><td><code class="empreinte">{{sha512}}</code></td></tr>{{/objects}}
        </tbody></table>{{/hasObjects}}
        {{^hasObjects}}<p>Cette unité ne référence aucun objet.</p>{{/hasObjects}}{{/sees}}
        <h2>Cycle de vie (journal)</h2>
        <table><thead><tr><th scope="col">Date</th><th scope="col">Opération</th><th scope="col">Par</th><th scope="col">Résultat</th></tr></thead><tbody>
        {{#lifecycle}}<tr><td>{{at}}</td><td>{{action}} <span class="technique">({{code}})</span></td><td>{{by}}</td><td>{{outcome}}</td></tr>{{/lifecycle}}
        </tbody></table>
        {{/content}}
        {{/layout}}
        """
}
