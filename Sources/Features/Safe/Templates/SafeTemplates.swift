/// « Mon coffre-fort »: the list with usage and the deposit form, a document's sheet, the journal.
enum SafeTemplates {
    static var all: [String: String] { ["safe-home": home, "safe-document": document, "safe-journal": journal] }

    static let home = """
        {{<layout}}
        {{$title}}Mon coffre-fort — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/compte">← Mon compte</a></p>
        <h1>Mon coffre-fort</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#alert}}<div class="alerte" role="alert"><p>{{alert}}</p></div>{{/alert}}
        <p>Vos documents sont chiffrés avec une clé qui vous est propre ; seul vous pouvez les lire. Ni les agents de la commune ni ses partenaires n'y ont accès.</p>
        <p><label for="espace">Espace utilisé : {{used}} sur {{quota}} ({{count}} document(s))</label>
          <progress id="espace" max="100" value="{{percent}}">{{percent}} %</progress></p>
        <form class="fiche" method="post" action="/compte/coffre-fort" enctype="multipart/form-data">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="fichier">Déposer un document (au plus {{limit}})</label>
          <input type="file" id="fichier" name="fichier" required>
          <button type="submit">Déposer</button>
        </form>
        {{#hasDocuments}}
        <table>
          <caption>Vos documents, les plus récents d'abord</caption>
          <thead><tr><th scope="col">Nom</th><th scope="col">Type</th><th scope="col">Taille</th><th scope="col">Déposé le</th><th scope="col">Intégrité</th><th scope="col">Actions</th></tr></thead>
          <tbody>
          {{#documents}}<tr><td><a href="/compte/coffre-fort/documents/{{id}}">{{name}}</a></td><td>{{type}}</td><td>{{size}}</td><td>{{date}}</td><td>{{check}}</td>
            <td><a href="/compte/coffre-fort/documents/{{id}}/fiche">Fiche</a>
              <form method="post" action="/compte/coffre-fort/documents/{{id}}/verification"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Vérifier</button></form></td></tr>{{/documents}}
          </tbody>
        </table>
        {{/hasDocuments}}
        {{^hasDocuments}}<p>Votre coffre-fort est vide.</p>{{/hasDocuments}}
        <p><a href="/compte/coffre-fort/export">Tout télécharger (archive ZIP avec le manifeste des empreintes)</a> · <a href="/compte/coffre-fort/journal">Journal du coffre-fort</a></p>
        <p>Si vous fermez votre compte, votre coffre-fort est effacé {{noticeDays}} jours plus tard : pensez à tout télécharger avant.</p>
        {{/content}}
        {{/layout}}
        """

    static let document = """
        {{<layout}}
        {{$title}}{{name}} — Mon coffre-fort — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/compte/coffre-fort">← Mon coffre-fort</a></p>
        <h1>{{name}}</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#alert}}<div class="alerte" role="alert"><p>{{alert}}</p></div>{{/alert}}
        <dl>
          <dt>Identifiant</dt><dd><code>{{id}}</code></dd>
          <dt>Déposé par</dt><dd>{{by}}</dd>
          <dt>Déposé le</dt><dd>{{date}}</dd>
          <dt>Taille</dt><dd>{{size}} ({{bytes}} octets)</dd>
          <dt>Type</dt><dd>{{type}} (<code>{{mediaType}}</code>)</dd>
          <dt>Empreinte ({{algorithm}})</dt><dd><code>{{sha256}}</code></dd>
          <dt>Dernière vérification</dt><dd>{{check}}</dd>
        </dl>
        <p><a class="bouton" href="/compte/coffre-fort/documents/{{id}}">Télécharger</a></p>
        <form method="post" action="/compte/coffre-fort/documents/{{id}}/verification"><input type="hidden" name="csrf" value="{{csrf}}">
          <button type="submit">Vérifier l'intégrité</button></form>
        <form method="post" action="/compte/coffre-fort/documents/{{id}}/suppression"><input type="hidden" name="csrf" value="{{csrf}}">
          <button type="submit">Supprimer définitivement ce document</button></form>
        {{/content}}
        {{/layout}}
        """

    static let journal = """
        {{<layout}}
        {{$title}}Journal de mon coffre-fort — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/compte/coffre-fort">← Mon coffre-fort</a></p>
        <h1>Journal de mon coffre-fort</h1>
        <table>
          <caption>Les opérations sur votre coffre-fort, les plus récentes d'abord</caption>
          <thead><tr><th scope="col">Date</th><th scope="col">Par</th><th scope="col">Opération</th><th scope="col">Document</th><th scope="col">Empreinte SHA-256</th><th scope="col">Résultat</th></tr></thead>
          <tbody>
          {{#entries}}<tr><td>{{date}}</td><td>{{by}}</td><td>{{action}}</td><td>{{#document}}<code>{{document}}</code>{{/document}}</td><td>{{#sha256}}<code>{{sha256}}</code>{{/sha256}}</td><td>{{outcome}}{{#detail}} — {{detail}}{{/detail}}</td></tr>{{/entries}}
          </tbody>
        </table>
        {{/content}}
        {{/layout}}
        """
}
