
/// The agents' open-data pages.
enum OpenDataAgentTemplates {
    static let status = """
        {{#status}}
        <div class="{{#failed}}alerte{{/failed}}{{^failed}}info{{/failed}}" role="status">
          <p>Dernière actualisation : {{state}}{{#progress}} ({{progress}}){{/progress}}{{#outcome}} — {{outcome}}{{/outcome}}{{#finished}}, le {{finished}}{{/finished}}{{#by}}, demandée par {{by}}{{/by}}.</p>
          {{#message}}<p>{{message}}</p>{{/message}}
          <p><small>Dernière actualisation réussie : {{lastSuccess}}</small></p>
        </div>
        {{/status}}
        """

    static let admin = """
        {{<layout}}
        {{$title}}Données ouvertes — administration — {{site.name}}{{/title}}
        {{$content}}
        <h1>Données ouvertes</h1>
        <p>Les jeux de données de la commune, leur dernière actualisation, et <a href="/donnees">le catalogue public</a>.</p>
        <table>
          <caption>Jeux de données</caption>
          <thead><tr><th scope="col">Jeu de données</th><th scope="col">Source</th><th scope="col">Dernière actualisation</th><th scope="col">Action</th></tr></thead>
          <tbody>
          {{#datasets}}
            <tr>
              <td><a href="/administration/donnees/{{id}}">{{title}}</a>{{#schema}}<br><small>{{schema}}</small>{{/schema}}</td>
              <td>{{source}}</td>
              <td>{{#status}}{{state}}{{#progress}} ({{progress}}){{/progress}}{{#outcome}} — {{outcome}}{{/outcome}}{{#finished}}<br><small>{{finished}}</small>{{/finished}}{{/status}}{{^status}}jamais{{/status}}</td>
              <td>{{#refreshable}}<form method="post" action="/administration/donnees/{{id}}/actualiser"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit" class="bouton">Actualiser maintenant<span class="visuellement-cache"> : {{title}}</span></button></form>{{/refreshable}}</td>
            </tr>
          {{/datasets}}
          </tbody>
        </table>
        {{/content}}
        {{/layout}}
        """

    static let manage = """
        {{<layout}}
        {{$title}}{{dataset.title}} — données ouvertes — {{site.name}}{{/title}}
        {{$content}}
        {{#dataset}}
        <p><a href="/administration/donnees">← Tous les jeux de données</a> · <a href="/donnees/{{id}}">Page publique</a></p>
        <h1>{{title}}</h1>
        <p>Source : {{source}}{{#records}} ({{rows}} lignes){{/records}}.{{#schema}} Schéma : {{schema}}.{{/schema}}</p>
        {{/dataset}}
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#hasErrors}}
        <div class="alerte" role="alert">
          <h2>Le fichier ou la ligne n'est pas conforme : rien n'a été publié</h2>
          <ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul>
          {{#more}}<p>… et {{more}} autres erreurs.</p>{{/more}}
        </div>
        {{/hasErrors}}
        {{#dataset}}
        \(status)
        {{#refreshable}}
        <form method="post" action="/administration/donnees/{{id}}/actualiser">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <button type="submit" class="bouton">Actualiser maintenant</button>
        </form>
        {{/refreshable}}
        {{#uploadable}}
        <h2>Déposer un fichier</h2>
        <form class="fiche" method="post" action="/administration/donnees/{{id}}/fichier" enctype="multipart/form-data">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="fichier">Fichier CSV en UTF-8 avec ligne d'en-tête{{#records}} (remplace toutes les lignes){{/records}} ; {{limit}} au plus</label>
          <input id="fichier" name="fichier" type="file" accept=".csv,.json,.geojson,text/csv" required>
          <label><input type="checkbox" name="encodage" value="latin1"> Le fichier est en Latin-1 (Excel) : le convertir</label>
          <button type="submit">Contrôler et publier</button>
        </form>
        {{/uploadable}}
        {{#hasFields}}
        <h2>Saisir une ligne</h2>
        <form class="fiche" method="post" action="/administration/donnees/{{id}}/lignes">
          <input type="hidden" name="csrf" value="{{csrf}}">
          {{#fields}}
          <label for="champ-{{name}}">{{label}}{{#required}} (obligatoire){{/required}}</label>
          {{#hasChoices}}
          <select id="champ-{{name}}" name="{{name}}"{{#required}} required{{/required}} aria-describedby="aide-{{name}}">
            <option value=""></option>
            {{#choices}}<option{{#selected}} selected{{/selected}}>{{value}}</option>{{/choices}}
          </select>
          {{/hasChoices}}
          {{^hasChoices}}<input id="champ-{{name}}" name="{{name}}" type="text" value="{{value}}"{{#required}} required{{/required}} aria-describedby="aide-{{name}}">{{/hasChoices}}
          <small id="aide-{{name}}">{{hint}}</small>
          {{/fields}}
          <button type="submit">Enregistrer la ligne</button>
        </form>
        {{/hasFields}}
        {{/dataset}}
        {{/content}}
        {{/layout}}
        """
}
