/// The back office: the queue and a request's page for agents.
enum RequestsAgentTemplates {
    static let queue = """
        {{<layout}}
        {{$title}}Demandes des usagers — {{site.name}}{{/title}}
        {{$content}}
        <h1>Demandes des usagers</h1>
        {{#canDesign}}<p><a href="/administration/demarches">Concevoir les démarches</a></p>{{/canDesign}}
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        <form method="get" action="/administration/demandes" class="filtres">
          <fieldset><legend>Filtrer</legend>
          <p><label for="f-type">Démarche</label> <select id="f-type" name="type"><option value="">Toutes</option>{{#types}}<option value="{{slug}}"{{#selected}} selected{{/selected}}>{{title}}</option>{{/types}}</select>
             <label for="f-statut">Statut</label> <select id="f-statut" name="statut"><option value="">Tous</option>{{#statuses}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
             <label for="f-attribution">Attribuée à</label> <select id="f-attribution" name="attribution"><option value="">Tout le monde</option>{{#assignees}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/assignees}}</select></p>
          <p><label for="f-du">Déposée du</label> <input type="date" id="f-du" name="du" value="{{filters.du}}"> <label for="f-au">au</label> <input type="date" id="f-au" name="au" value="{{filters.au}}">
             <input type="checkbox" id="f-retard" name="retard" value="1"{{#filters.retard}} checked{{/filters.retard}}> <label for="f-retard">En retard seulement</label>
             <input type="checkbox" id="f-ouvertes" name="ouvertes" value="1"{{#filters.ouvertes}} checked{{/filters.ouvertes}}> <label for="f-ouvertes">Non closes</label></p>
          <p><label for="f-q">Rechercher</label> <input type="search" id="f-q" name="q" value="{{filters.q}}" maxlength="200"> <button type="submit" class="bouton">Filtrer</button></p>
          </fieldset>
        </form>
        <form method="post" action="/administration/demandes/lot">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <table>
          <caption>Demandes, les plus récentes d'abord</caption>
          <thead><tr>{{#hasBulk}}<th scope="col"><span class="visuellement-cache">Sélection</span></th>{{/hasBulk}}<th scope="col">Numéro</th><th scope="col">Démarche</th><th scope="col">Demandeur</th><th scope="col">Déposée le</th><th scope="col">Statut</th><th scope="col">Attribution</th></tr></thead>
          <tbody>
          {{#rows}}<tr>{{#hasBulk}}<td><input type="checkbox" name="demande" value="{{id}}" id="d-{{id}}" aria-label="Sélectionner {{number}}"></td>{{/hasBulk}}
            <td><a href="/administration/demandes/{{number}}">{{number}}</a>{{#late}} <strong class="retard">en retard</strong>{{/late}}</td><td>{{procedure}}{{#portal}}<br><small>déposée sur le portail de {{portal}}</small>{{/portal}}</td>
            <td>{{contact}}</td><td>{{filed}}</td><td>{{status}}</td><td>{{assignee}}</td></tr>{{/rows}}
          {{^rows}}<tr><td colspan="7">Aucune demande ne correspond.</td></tr>{{/rows}}
          </tbody>
        </table>
        {{#hasBulk}}<p><label for="lot-action">Pour la sélection</label> <select id="lot-action" name="transition">{{#bulk}}<option value="{{id}}">{{label}}</option>{{/bulk}}</select> <button type="submit" class="bouton">Appliquer</button></p>{{/hasBulk}}
        </form>
        {{#more}}<p><a href="{{more}}">Demandes plus anciennes →</a></p>{{/more}}
        {{/content}}
        {{/layout}}
        """

    static let request = """
        {{<layout}}
        {{$title}}Demande {{request.number}} — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/administration/demandes">← Toutes les demandes</a></p>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<div class="alerte" role="alert"><p>{{error}}</p></div>{{/error}}
        {{#request}}
        <h1>Demande {{number}}</h1>
        <p>{{procedure}} · déposée le {{filed}} · <strong>{{status}}</strong>{{#closed}} (close){{/closed}}{{#late}} · <strong class="retard">en retard</strong>{{/late}}{{^closed}} · à traiter avant le {{due}}{{/closed}}</p>
        <p>Demandeur : {{contact.name}} &lt;{{contact.email}}&gt;{{#contact.portal}} · déposée sur le portail de {{contact.portal}}{{/contact.portal}} · canal : {{contact.channel}}</p>
        <p>Attribution : {{assignee}}</p>
        {{/request}}
        {{#canProcess}}
        {{#hasTransitions}}<section><h2>Faire avancer la demande</h2>{{/hasTransitions}}
        {{#transitions}}
          <form method="post" action="/administration/demandes/{{request.number}}/action" class="action">
            <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="transition" value="{{id}}"><input type="hidden" name="revision" value="{{request.revision}}">
            <p><label for="commentaire-{{id}}">Commentaire ajouté au message (facultatif)</label><br><textarea id="commentaire-{{id}}" name="comment" rows="2" maxlength="5000"></textarea></p>
            <p><button type="submit" class="bouton">{{label}}</button> → {{to}}{{#tells}} <small>(le demandeur est prévenu)</small>{{/tells}}</p>
          </form>
        {{/transitions}}
        {{#hasTransitions}}</section>{{/hasTransitions}}
        {{^request.closed}}
        <section><h2>Écrire au demandeur</h2>
          <form method="post" action="/administration/demandes/{{request.number}}/message"><input type="hidden" name="csrf" value="{{csrf}}">
            <p><label for="message">Message</label><br><textarea id="message" name="text" rows="3" maxlength="5000"></textarea></p><p><button type="submit" class="bouton">Envoyer au demandeur</button></p></form>
          <h2>Attribuer</h2>
          <form method="post" action="/administration/demandes/{{request.number}}/attribution"><input type="hidden" name="csrf" value="{{csrf}}">
            <p><label for="attribution">À</label> <select id="attribution" name="assignee">{{#assignees}}<option value="{{value}}">{{label}}</option>{{/assignees}}</select> <button type="submit" class="bouton">Attribuer</button></p></form>
        </section>
        {{/request.closed}}
        <section><h2>Note interne</h2>
          <form method="post" action="/administration/demandes/{{request.number}}/note"><input type="hidden" name="csrf" value="{{csrf}}">
            <p><label for="note">Note (jamais visible du demandeur)</label><br><textarea id="note" name="text" rows="2" maxlength="5000"></textarea></p><p><button type="submit" class="bouton">Ajouter la note</button></p></form>
        </section>
        {{/canProcess}}
        {{#request}}
        <h2>Réponses au formulaire</h2>
        <dl>{{#answers}}<dt>{{label}}</dt><dd>{{#link}}<a href="{{link}}">{{text}}</a>{{/link}}{{^link}}{{text}}{{/link}}</dd>{{/answers}}</dl>
        <h2>Historique complet</h2>
        <ol class="historique">
        {{#history}}<li><p><strong>{{title}}</strong>{{#internal}} <small>(interne)</small>{{/internal}} — {{date}}</p>{{#text}}<p>{{text}}</p>{{/text}}{{#documents}}<p><a href="{{link}}">Pièce jointe</a></p>{{/documents}}</li>{{/history}}
        </ol>
        {{/request}}
        {{/content}}
        {{/layout}}
        """
}
