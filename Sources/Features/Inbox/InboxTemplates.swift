import Events
import Foundation
import Identity
import Modules
import Notifications
import Postgres
import Tenancy
import TenantStore
import Web

/// The inbox pages.
enum InboxTemplates {
    static var all: [String: String] { ["inbox": inbox, "inbox-preferences": preferences] }

    static let inbox = """
        {{<layout}}
        {{$title}}Notifications — {{site.name}}{{/title}}
        {{$content}}
        <h1>Notifications</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        <p><a href="/compte/notifications/preferences">Choisir comment être prévenu</a></p>
        {{#anyUnread}}
        <form method="post" action="/compte/notifications/lues"><input type="hidden" name="csrf" value="{{csrf}}">
          <button type="submit">Tout marquer comme lu</button></form>
        {{/anyUnread}}
        {{#items}}
        <article class="carte{{#unread}} non-lue{{/unread}}">
          <h2>{{#link}}<a href="{{link}}">{{title}}</a>{{/link}}{{^link}}{{title}}{{/link}}{{#unread}} <span class="pastille">nouveau</span>{{/unread}}</h2>
          <p class="date">{{date}}</p>
          <p>{{body}}</p>
          {{#unread}}<form method="post" action="/compte/notifications/{{id}}/lue"><input type="hidden" name="csrf" value="{{csrf}}">
            <button type="submit">Marquer comme lue</button></form>{{/unread}}
        </article>
        {{/items}}
        {{#empty}}<p>Aucune notification pour l'instant.</p>{{/empty}}
        {{/content}}
        {{/layout}}
        """

    static let preferences = """
        {{<layout}}
        {{$title}}Préférences de notification — {{site.name}}{{/title}}
        {{$content}}
        <h1>Comment être prévenu</h1>
        {{#none}}<p>Aucun service de ce portail n'envoie encore de notifications.</p>{{/none}}
        {{^none}}
        <form class="fiche" method="post" action="/compte/notifications/preferences">
          <input type="hidden" name="csrf" value="{{csrf}}">
          {{#families}}
          <label for="livraison-{{id}}">{{label}}</label>
          <select id="livraison-{{id}}" name="livraison[{{id}}]">
            {{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}
          </select>
          {{/families}}
          <button type="submit">Enregistrer</button>
        </form>
        {{/none}}
        <p><a href="/compte/notifications">← Mes notifications</a></p>
        {{/content}}
        {{/layout}}
        """
}
