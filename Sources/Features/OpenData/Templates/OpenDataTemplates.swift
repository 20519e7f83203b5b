
/// The open-data pages: the portal's catalogue and dataset pages, the agents' pages, and the
/// consortium's catalogue on the console host.
enum OpenDataTemplates {
    static var all: [String: String] {
        ["opendata-catalogue": catalogue, "opendata-dataset": dataset, "opendata-admin": OpenDataAgentTemplates.admin,
         "opendata-manage": OpenDataAgentTemplates.manage, "opendata-consortium": OpenDataConsortiumTemplates.search,
         "opendata-consolidated": OpenDataConsortiumTemplates.consolidated]
    }

    static let schemaFilter = """
        <form class="fiche" method="get" role="search">
          <label for="q">Rechercher un jeu de données</label>
          <input id="q" name="q" type="text" value="{{query}}" maxlength="200">
          <label for="schema">Schéma</label>
          <select id="schema" name="schema">
            <option value="">Tous les jeux de données</option>
            {{#schemas}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/schemas}}
          </select>
          <button type="submit">Rechercher</button>
        </form>
        """

    static let catalogue = """
        {{<layout}}
        {{$title}}Données ouvertes — {{site.name}}{{/title}}
        {{$content}}
        <h1>Données ouvertes</h1>
        <p>Les données publiques de {{site.name}}, librement réutilisables. Chaque fichier est contrôlé par son schéma avant d'être publié ;
        les catalogues DCAT (<a href="/catalogue.jsonld">JSON-LD</a>, <a href="/catalogue.ttl">Turtle</a>) et l'API CKAN permettent de les moissonner.</p>
        {{#canManage}}<p><a class="bouton" href="/administration/donnees">Gérer les données ouvertes</a></p>{{/canManage}}
        \(schemaFilter)
        <p role="status">{{count}} jeu(x) de données.</p>
        {{#empty}}<p>Aucun jeu de données ne correspond à cette recherche.</p>{{/empty}}
        {{#datasets}}
        <article class="carte">
          <h2><a href="/donnees/{{id}}">{{title}}</a></h2>
          <p>{{excerpt}}</p>
          <p><small>{{#schema}}Schéma : {{schema}} · {{/schema}}Licence : {{licence}} · Mise à jour {{frequency}} · Dernière publication : {{updated}}</small></p>
        </article>
        {{/datasets}}
        {{/content}}
        {{/layout}}
        """

    static let dataset = """
        {{<layout}}
        {{$title}}{{dataset.title}} — Données ouvertes — {{site.name}}{{/title}}
        {{$content}}
        {{#dataset}}
        <p><a href="/donnees">← Toutes les données ouvertes</a>{{#canManage}} · <a href="/administration/donnees/{{id}}">Gérer ce jeu de données</a>{{/canManage}}</p>
        <h1>{{title}}</h1>
        <p>{{description}}</p>
        <dl>
          <dt>Producteur</dt><dd>{{producer}}</dd>
          <dt>Licence</dt><dd><a href="{{licenceURL}}">{{licence}}</a></dd>
          <dt>Fréquence de mise à jour</dt><dd>{{frequency}}</dd>
          <dt>Couverture géographique</dt><dd>{{spatial}}</dd>
          <dt>Couverture temporelle</dt><dd>{{temporal}}</dd>
          <dt>Thème</dt><dd>{{theme}}</dd>
          <dt>Mots-clés</dt><dd>{{#keywords}}<span class="pastille">{{.}}</span> {{/keywords}}</dd>
          <dt>Contact</dt><dd><a href="mailto:{{contact}}">{{contact}}</a></dd>
        </dl>
        <h2>Téléchargements</h2>
        {{#resources}}
        <section class="carte">
          <h3>{{title}}</h3>
          {{#published}}<p><a class="bouton" href="{{href}}">Télécharger ({{format}}, {{size}})</a> publié le {{date}}</p>{{/published}}
          {{^published}}<p>Pas encore publié.</p>{{/published}}
          <details>
            <summary>Historique des versions</summary>
            <table>
              <caption>Versions de « {{title}} »</caption>
              <thead><tr><th scope="col">Version</th><th scope="col">Publiée le</th><th scope="col">Taille</th><th scope="col">Lignes</th><th scope="col">Par</th></tr></thead>
              <tbody>{{#versions}}<tr><td><a href="{{href}}">v{{number}}</a></td><td>{{date}}</td><td>{{size}}</td><td>{{rows}}</td><td>{{by}}</td></tr>{{/versions}}</tbody>
            </table>
          </details>
        </section>
        {{/resources}}
        {{#preview}}
        <h2>Aperçu des premières lignes</h2>
        <div class="defilement" tabindex="0" role="region" aria-label="Aperçu des premières lignes">
        <table>
          <caption>Premières lignes du fichier CSV publié</caption>
          <thead><tr>{{#header}}<th scope="col">{{.}}</th>{{/header}}</tr></thead>
          <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        </table>
        </div>
        {{/preview}}
        {{#schema}}
        <h2>Schéma</h2>
        <p>Les fichiers respectent le schéma <a href="{{url}}">{{title}}</a>, version {{version}}.</p>
        <table>
          <caption>Colonnes du schéma</caption>
          <thead><tr><th scope="col">Colonne</th><th scope="col">Description</th><th scope="col">Type</th><th scope="col">Obligatoire</th></tr></thead>
          <tbody>{{#fields}}<tr><td><code>{{name}}</code></td><td>{{title}}</td><td>{{type}}</td><td>{{#required}}oui{{/required}}{{^required}}non{{/required}}</td></tr>{{/fields}}</tbody>
        </table>
        {{/schema}}
        {{/dataset}}
        {{/content}}
        {{/layout}}
        """
}
