/// « Mes demandes » and a request's page for its citizen (signed in, or by the tracking link).
enum RequestsCitizenTemplates {
    static let mine = """
        {{<layout}}
        {{$title}}Mes demandes — {{site.name}}{{/title}}
        {{$content}}
        <h1>Mes demandes</h1>
        <p><a href="/demarches">Faire une nouvelle démarche</a></p>
        {{#hasRequests}}
        <table>
          <caption>Vos demandes, les plus récentes d'abord</caption>
          <thead><tr><th scope="col">Numéro</th><th scope="col">Démarche</th><th scope="col">Traitée par</th><th scope="col">Déposée le</th><th scope="col">Statut</th></tr></thead>
          <tbody>
          {{#requests}}<tr><td><a href="/mes-demandes/{{number}}">{{number}}</a></td><td>{{procedure}}</td><td>{{owner}}</td><td>{{filed}}</td><td>{{status}}{{#waiting}} — <strong>une réponse de votre part est attendue</strong>{{/waiting}}</td></tr>{{/requests}}
          </tbody>
        </table>
        {{/hasRequests}}
        {{^hasRequests}}<p>Vous n'avez encore fait aucune demande sur ce portail.</p>{{/hasRequests}}
        {{/content}}
        {{/layout}}
        """

    static let followed = """
        {{<layout}}
        {{$title}}Demande {{request.number}} — {{site.name}}{{/title}}
        {{$content}}
        {{#signedIn}}<p><a href="/mes-demandes">← Mes demandes</a></p>{{/signedIn}}
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<div class="alerte" role="alert"><p>{{error}}</p></div>{{/error}}
        {{#request}}
        <h1>Demande {{number}}</h1>
        <p>{{procedure}} · traitée par {{owner}} · déposée le {{filed}}</p>
        <p class="statut">Statut : <strong>{{status}}</strong>{{#closed}} (demande close){{/closed}}</p>
        {{#mayReply}}
        <section>
          <h2>Répondre au service</h2>
          <form method="post" action="/mes-demandes/{{number}}/reponse" enctype="multipart/form-data">
            <input type="hidden" name="csrf" value="{{csrf}}">
            <p><label for="reponse-message">Votre message</label><br><textarea id="reponse-message" name="message" rows="4" maxlength="5000"></textarea></p>
            <p><label for="reponse-piece">Pièce jointe (PDF, JPEG ou PNG)</label><br><input type="file" id="reponse-piece" name="piece" accept="application/pdf,image/jpeg,image/png"></p>
            <p><button type="submit" class="bouton">Envoyer</button></p>
          </form>
        </section>
        {{/mayReply}}
        <h2>Historique</h2>
        <ol class="historique">
        {{#history}}<li><p><strong>{{title}}</strong> — {{date}}</p>{{#text}}<p>{{text}}</p>{{/text}}{{#documents}}<p><a href="{{link}}">Pièce jointe</a></p>{{/documents}}</li>{{/history}}
        </ol>
        <h2>Votre demande</h2>
        <dl>{{#answers}}<dt>{{label}}</dt><dd>{{#link}}<a href="{{link}}">{{text}}</a>{{/link}}{{^link}}{{text}}{{/link}}</dd>{{/answers}}</dl>
        {{/request}}
        {{/content}}
        {{/layout}}
        """
}
