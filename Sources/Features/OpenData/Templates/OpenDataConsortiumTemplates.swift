
/// The consortium's open-data pages (console host, public).
enum OpenDataConsortiumTemplates {
    static let search = """
        {{<layout}}
        {{$title}}Données ouvertes du territoire — {{site.name}}{{/title}}
        {{$content}}
        <h1>Données ouvertes du territoire</h1>
        <p>Les jeux de données de toutes les communes membres. Pour un schéma SCDL, les données de toutes les communes se consultent
        dans un seul tableau et se téléchargent en un seul fichier :
        </p>
        <ul>{{#schemas}}<li><a href="/console/donnees/schemas/{{name}}">{{label}}</a></li>{{/schemas}}</ul>
        <p>Catalogue DCAT consolidé : <a href="/console/donnees/catalogue.jsonld">JSON-LD</a>, <a href="/console/donnees/catalogue.ttl">Turtle</a> ; API CKAN : <code>/console/donnees/api/3/action/</code>.</p>
        \(OpenDataTemplates.schemaFilter)
        <p role="status">{{total}} jeu(x) de données.</p>
        {{#empty}}<p>Aucun jeu de données ne correspond à cette recherche.</p>{{/empty}}
        {{#groups}}
        <h2>{{member}}</h2>
        {{#datasets}}
        <article class="carte">
          <h3><a href="{{href}}">{{title}}</a></h3>
          <p>{{excerpt}}</p>
          <p><small>{{#schema}}Schéma : {{schema}} · {{/schema}}Licence : {{licence}}</small></p>
        </article>
        {{/datasets}}
        {{/groups}}
        {{/content}}
        {{/layout}}
        """

    static let consolidated = """
        {{<layout}}
        {{$title}}{{schema.label}} — toutes les communes — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/console/donnees">← Données ouvertes du territoire</a></p>
        <h1>{{schema.label}} : toutes les communes</h1>
        <p>Schéma <a href="{{schema.url}}">{{schema.name}}</a> version {{schema.version}}.
        <a class="bouton" href="/console/donnees/schemas/{{schema.name}}/consolide.csv">Télécharger le fichier consolidé (CSV)</a></p>
        <ul>{{#sources}}<li><a href="{{href}}">{{dataset}}</a> — {{member}}</li>{{/sources}}</ul>
        {{#empty}}<p>Aucune commune n'a encore publié de données pour ce schéma.</p>{{/empty}}
        {{^empty}}
        <div class="defilement" tabindex="0" role="region" aria-label="Premières lignes de chaque commune">
        <table>
          <caption>Premières lignes de chaque commune</caption>
          <thead><tr>{{#header}}<th scope="col">{{.}}</th>{{/header}}</tr></thead>
          <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        </table>
        </div>
        {{/empty}}
        {{/content}}
        {{/layout}}
        """
}
