import Events
import Foundation
import Identity
import Modules
import Postgres
import Tenancy
import TenantStore
import Web
import Webhooks

/// The administrators' webhook pages.
enum WebhookTemplates {
    static var all: [String: String] { ["webhook-list": list, "webhook-detail": detail, "webhook-secret": secret] }

    static let list = """
        {{<layout}}
        {{$title}}Webhooks — {{site.name}}{{/title}}
        {{$content}}
        <h1>Webhooks</h1>
        <p>Les applications partenaires reçoivent, signés (Standard Webhooks), les événements qu'elles ont choisis.</p>
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <table>
          <thead><tr><th scope="col">Adresse</th><th scope="col">Événements</th><th scope="col">État</th></tr></thead>
          <tbody>
          {{#subscriptions}}
            <tr><td><a href="/administration/webhooks/{{id}}">{{url}}</a><br><small>{{description}}</small></td><td>{{types}}</td>
              <td>{{#enabled}}Actif{{/enabled}}{{^enabled}}Désactivé{{#reason}}<br><small>{{reason}}</small>{{/reason}}{{/enabled}}</td></tr>
          {{/subscriptions}}
          {{#none}}<tr><td colspan="3">Aucun abonnement pour l'instant.</td></tr>{{/none}}
          </tbody>
        </table>
        <h2>Nouvel abonnement</h2>
        <form class="fiche" method="post" action="/administration/webhooks">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="url">Adresse de réception (https://…)</label>
          <input id="url" name="url" type="text" required maxlength="2000">
          <label for="description">Description</label>
          <input id="description" name="description" type="text" maxlength="500">
          <fieldset><legend>Événements</legend>
          {{#types}}<label><input type="checkbox" name="types[]" value="{{name}}"> {{label}} <small>({{name}})</small></label>{{/types}}
          </fieldset>
          <button type="submit">Créer l'abonnement</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let secret = """
        {{<layout}}
        {{$title}}Secret du webhook — {{site.name}}{{/title}}
        {{$content}}
        <h1>{{#created}}Abonnement créé{{/created}}{{^created}}Nouveau secret{{/created}}</h1>
        <p>Adresse : {{url}}</p>
        <p class="info" role="status">Voici le secret qui signe les livraisons. Il n'est montré qu'une fois : copiez-le maintenant dans l'application partenaire.
          {{^created}}L'ancien secret signe encore pendant 24 heures.{{/created}}</p>
        <p><label for="secret">Secret</label> <input id="secret" type="text" readonly value="{{secret}}" size="60"></p>
        <p><a href="/administration/webhooks/{{id}}">Voir l'abonnement</a></p>
        {{/content}}
        {{/layout}}
        """

    static let detail = """
        {{<layout}}
        {{$title}}Webhook — {{site.name}}{{/title}}
        {{$content}}
        <h1>Abonnement</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        <p><strong>{{url}}</strong><br>{{description}}</p>
        <p>Événements : {{#types}}<code>{{.}}</code> {{/types}}</p>
        <p>État : {{#enabled}}actif{{/enabled}}{{^enabled}}désactivé{{#reason}} ({{reason}}){{/reason}}{{/enabled}}</p>
        <div class="en-ligne">
          {{#enabled}}<form method="post" action="/administration/webhooks/{{id}}/desactiver"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Désactiver</button></form>{{/enabled}}
          {{^enabled}}<form method="post" action="/administration/webhooks/{{id}}/activer"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Réactiver</button></form>{{/enabled}}
          <form method="post" action="/administration/webhooks/{{id}}/secret"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Changer de secret</button></form>
          <form method="post" action="/administration/webhooks/{{id}}/supprimer"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Supprimer</button></form>
        </div>
        <h2>Renvoyer les événements depuis…</h2>
        <form class="en-ligne" method="post" action="/administration/webhooks/{{id}}/renvoi">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="depuis">Date et heure</label> <input id="depuis" name="depuis" type="datetime-local" required>
          <button type="submit">Renvoyer</button>
        </form>
        <h2>Livraisons</h2>
        <table>
          <thead><tr><th scope="col">Date</th><th scope="col">Événement</th><th scope="col">Essai</th><th scope="col">Réponse</th><th scope="col">Durée</th><th scope="col">Renvoyer</th></tr></thead>
          <tbody>
          {{#deliveries}}
            <tr><td>{{date}}</td><td><code>{{type}}</code></td><td>{{attempt}}</td>
              <td>{{#ok}}{{status}}{{/ok}}{{^ok}}<strong>{{status}}</strong>{{#error}}<br><small>{{error}}</small>{{/error}}{{/ok}}{{#excerpt}}<br><small class="technique">{{excerpt}}</small>{{/excerpt}}</td>
              <td>{{latency}}</td>
              <td><form method="post" action="/administration/webhooks/{{subscription}}/livraisons/{{id}}/renvoi"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Renvoyer</button></form></td></tr>
          {{/deliveries}}
          {{#none}}<tr><td colspan="6">Aucune livraison pour l'instant.</td></tr>{{/none}}
          </tbody>
        </table>
        <p><a href="/administration/webhooks">← Tous les abonnements</a></p>
        {{/content}}
        {{/layout}}
        """
}
