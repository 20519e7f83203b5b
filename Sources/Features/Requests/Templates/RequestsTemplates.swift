/// The requests service's pages.
enum RequestsTemplates {
    static var all: [String: String] {
        [
            "requests-list": list, "requests-form": form, "requests-receipt": receipt,
            "requests-mine": RequestsCitizenTemplates.mine, "requests-followed": RequestsCitizenTemplates.followed,
            "requests-queue": RequestsAgentTemplates.queue, "requests-agent-request": RequestsAgentTemplates.request,
            "requests-designer": RequestsDesignerTemplates.list, "requests-designer-type": RequestsDesignerTemplates.type,
        ]
    }

    static let list = """
        {{<layout}}
        {{$title}}Démarches en ligne — {{site.name}}{{/title}}
        {{$content}}
        <h1>Démarches en ligne</h1>
        {{#viewer}}<p><a href="/mes-demandes">Mes demandes</a> : suivez vos demandes, répondez quand on vous le demande.</p>{{/viewer}}
        {{^viewer}}<p>Déjà une demande en cours ? <a href="/compte/connexion">Connectez-vous</a> pour la suivre dans « Mes demandes », ou utilisez le lien de suivi reçu par courriel.</p>{{/viewer}}
        {{#groups}}
        <section>
          <h2>{{title}}</h2>
          {{#note}}<p>{{note}}</p>{{/note}}
          <ul class="liste">
          {{#procedures}}
            <li><h3><a href="/demarches/{{slug}}">{{title}}</a></h3><p>{{description}}</p>
              <p><small>Réponse sous {{delay}} jours{{#anonymous}} · possible sans compte{{/anonymous}}</small></p></li>
          {{/procedures}}
          </ul>
        </section>
        {{/groups}}
        {{^groups}}<p>Aucune démarche n'est proposée en ligne pour le moment.</p>{{/groups}}
        {{/content}}
        {{/layout}}
        """

    static let form = """
        {{<layout}}
        {{$title}}{{procedure.title}}{{#step}} — étape {{number}} sur {{count}}{{/step}} — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/demarches">← Toutes les démarches</a></p>
        {{#procedure}}
        <h1>{{title}}</h1>
        {{#first}}<p>{{description}}</p>{{/first}}
        <p><small>Traitée par {{owner}} · réponse sous {{delay}} jours.</small></p>
        {{/procedure}}
        {{#draft}}<p class="info" role="status">Votre brouillon a été repris là où vous l'aviez laissé.</p>{{/draft}}
        {{#hasErrors}}<div class="alerte" role="alert"><h2>Le formulaire contient des erreurs</h2><p>Corrigez les champs signalés ci-dessous.</p>
          {{#general}}<p>{{.}}</p>{{/general}}</div>{{/hasErrors}}
        {{#step}}<p>Étape {{number}} sur {{count}} : <strong>{{title}}</strong></p>{{/step}}
        <form method="post" action="/demarches/{{procedure.slug}}" enctype="{{enctype}}" novalidate>
          <input type="hidden" name="csrf" value="{{csrf}}">
          <input type="hidden" name="_nonce" value="{{nonce}}">
          <input type="hidden" name="_page" value="{{page}}">
          {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/hidden}}
          {{#summary}}
          <h2>Récapitulatif avant envoi</h2>
          {{#pages}}
            <h3>{{title}}</h3>
            <dl>{{#items}}<dt>{{label}}</dt><dd>{{text}}</dd>{{/items}}</dl>
            <p><button type="submit" name="_action" value="modifier-{{index}}" class="bouton-secondaire">Modifier « {{title}} »</button></p>
          {{/pages}}
          {{#askEmail}}
          <div class="champ{{#emailError}} champ-erreur{{/emailError}}">
            <label for="champ-_email">Votre adresse électronique <span class="obligatoire">(obligatoire)</span></label>
            <p class="aide">Vous recevrez l'accusé de réception et un lien pour suivre votre demande.</p>
            <input type="email" name="_email" id="champ-_email" value="{{email}}" autocomplete="email">
            {{#emailError}}<div class="erreurs" role="alert"><p>{{emailError}}</p></div>{{/emailError}}
          </div>
          {{/askEmail}}
          <p><button type="submit" name="_action" value="envoyer" class="bouton">Envoyer ma demande</button></p>
          {{/summary}}
          {{^summary}}
          {{#fields}}
          \(RequestsFieldTemplate.field)
          {{/fields}}
          <p>{{#hasPrevious}}<button type="submit" name="_action" value="precedent" class="bouton-secondaire">Étape précédente</button> {{/hasPrevious}}
             <button type="submit" name="_action" value="suivant" class="bouton">{{#last}}Vérifier avant l'envoi{{/last}}{{^last}}Étape suivante{{/last}}</button></p>
          {{/summary}}
        </form>
        {{/content}}
        {{/layout}}
        """

    static let receipt = """
        {{<layout}}
        {{$title}}Demande {{number}} reçue — {{site.name}}{{/title}}
        {{$content}}
        <h1>Votre demande est reçue</h1>
        <div class="info" role="status">
          <p>Votre demande « {{procedure}} » porte le numéro <strong>{{number}}</strong>.</p>
          <p>Elle est traitée par {{owner}}. Un accusé de réception vous a été envoyé à {{email}}.</p>
        </div>
        {{#tracking}}<p>Suivez-la à cette adresse (gardez-la : elle n'est envoyée qu'à vous) : <a href="{{tracking}}">{{tracking}}</a></p>{{/tracking}}
        <p><a href="/demarches">Revenir aux démarches</a></p>
        {{/content}}
        {{/layout}}
        """
}
