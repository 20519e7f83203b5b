
/// The agents' documents page.
enum DocumentTemplates {
    static var all: [String: String] { ["documents-list": list] }

    static let list = """
        {{<layout}}
        {{$title}}Documents — {{site.name}}{{/title}}
        {{$content}}
        <h1>Documents</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#canUpload}}
        <form class="fiche" method="post" action="/administration/documents" enctype="multipart/form-data">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="fichier">Fichier (PDF, image, bureautique, XML, CSV ; {{limit}} au plus)</label>
          <input id="fichier" name="fichier" type="file" required>
          <button type="submit">Déposer</button>
        </form>
        {{/canUpload}}
        <table>
          <thead><tr><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Taille</th><th scope="col">Déposé</th></tr></thead>
          <tbody>
          {{#documents}}
            <tr><td><a href="/api/v1/documents/{{id}}/content">{{name}}</a></td><td>{{type}}</td><td>{{size}}</td><td>{{date}}<br><small>{{by}}</small></td></tr>
          {{/documents}}
          {{#empty}}<tr><td colspan="4">Aucun document pour l'instant.</td></tr>{{/empty}}
          </tbody>
        </table>
        {{/content}}
        {{/layout}}
        """
}
