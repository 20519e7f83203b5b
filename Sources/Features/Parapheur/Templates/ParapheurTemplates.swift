import Blobs
import Cryptography
import Events
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Jobs
import Logging
import Modules
import NIOCore
import Postgres
import Tenancy
import TenantStore
import Trust
import Web

/// The parapheur's pages (French, keyboard-usable: plain links, buttons and labelled fields).
enum ParapheurTemplates {
    static var all: [String: String] { ["parapheur-desk": desk, "parapheur-folder": folder, "parapheur-new": newFolder, "parapheur-admin": admin] }

    static let desk = """
        {{<layout}}
        {{$title}}Parapheur — {{site.name}}{{/title}}
        {{$content}}
        <h1>Parapheur</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        <p>Vos bureaux : {{#desks}}<strong>{{.}}</strong> {{/desks}}{{^desks}}aucun (un administrateur vous rattache à un bureau).{{/desks}}
        {{#delegated}}— vous agissez aussi pour : {{#delegated}}<strong>{{.}}</strong> {{/delegated}}{{/delegated}}</p>
        <p><a href="/parapheur/nouveau">Déposer un dossier</a></p>
        <nav aria-label="Vues du parapheur"><ul class="onglets">
          {{#views}}<li><a href="/parapheur?vue={{id}}"{{#current}} aria-current="page"{{/current}}>{{label}} ({{count}})</a></li>{{/views}}
        </ul></nav>
        <table>
          <caption>{{caption}}</caption>
          <thead><tr><th scope="col">Dossier</th><th scope="col">Type</th><th scope="col">Étape</th><th scope="col">Attend depuis</th><th scope="col">Échéance</th></tr></thead>
          <tbody>
          {{#folders}}
            <tr><td><a href="/parapheur/dossiers/{{id}}">{{title}}</a>{{#late}} <strong class="alerte">en retard</strong>{{/late}}</td><td>{{type}}</td><td>{{step}}</td><td>{{since}}</td><td>{{due}}</td></tr>
          {{/folders}}
          {{#empty}}<tr><td colspan="5">Aucun dossier.</td></tr>{{/empty}}
          </tbody>
        </table>
        {{/content}}
        {{/layout}}
        """

    static let folder = """
        {{<layout}}
        {{$title}}{{folder.title}} — Parapheur — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/parapheur">← Parapheur</a></p>
        <h1>{{folder.title}}</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="erreur" role="alert">{{error}}</p>{{/error}}
        <dl>
          <dt>Type</dt><dd>{{folder.type}}</dd>
          <dt>État</dt><dd>{{folder.status}}{{#folder.step}} — étape {{folder.step}}{{/folder.step}}</dd>
          <dt>Bureau émetteur</dt><dd>{{folder.emitter}}</dd>
          {{#folder.pending}}<dt>Attend</dt><dd>{{folder.pending}}</dd>{{/folder.pending}}
          {{#folder.due}}<dt>Échéance</dt><dd>{{folder.due}}</dd>{{/folder.due}}
          {{#metadata}}<dt>{{key}}</dt><dd>{{value}}</dd>{{/metadata}}
        </dl>
        {{#actions.any}}
        <section aria-labelledby="agir"><h2 id="agir">Agir</h2>
        <form method="post" action="/parapheur/dossiers/{{folder.id}}/action" class="fiche">
          <input type="hidden" name="csrf" value="{{csrf}}">
          {{#actions.asDesks}}<label for="as">Agir au titre du bureau</label>
          <select id="as" name="as">{{#actions.asDesks}}<option value="{{id}}">{{name}}</option>{{/actions.asDesks}}</select>{{/actions.asDesks}}
          <label for="comment">Commentaire (motif obligatoire pour un rejet)</label>
          <textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
          {{#actions.sign}}<label for="pin">Code PIN de signature</label>
          <input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" maxlength="12">{{/actions.sign}}
          {{#actions.target}}<label for="desk">Bureau destinataire (transfert ou avis)</label>
          <select id="desk" name="desk"><option value="">—</option>{{#actions.desks}}<option value="{{id}}">{{name}}</option>{{/actions.desks}}</select>{{/actions.target}}
          <p>{{#actions.buttons}}<button type="submit" name="action" value="{{value}}">{{label}}</button> {{/actions.buttons}}</p>
        </form>
        {{#actions.sign}}
        <form method="post" action="/parapheur/dossiers/{{folder.id}}/signature" enctype="multipart/form-data" class="fiche">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="p7s">Ou déposer une signature détachée (.p7s) faite avec votre carte</label>
          <input id="p7s" name="fichier" type="file" accept=".p7s,application/pkcs7-signature" required>
          <button type="submit">Déposer la signature</button>
        </form>
        {{/actions.sign}}
        </section>
        {{/actions.any}}
        <h2>Documents</h2>
        <ul>
          {{#documents}}<li><a href="/parapheur/dossiers/{{folder.id}}/fichiers/{{id}}">{{name}}</a> <small>({{role}}{{#version}}, version {{version}}{{/version}}, {{size}})</small></li>{{/documents}}
        </ul>
        {{#bundle}}<p><a href="/parapheur/dossiers/{{folder.id}}/paquet">Télécharger le paquet signé (ZIP)</a></p>{{/bundle}}
        {{#preview}}<iframe src="/parapheur/dossiers/{{folder.id}}/fichiers/{{preview}}" title="Aperçu du document principal" width="100%" height="640"></iframe>{{/preview}}
        <h2>Historique</h2>
        <table>
          <thead><tr><th scope="col">Date</th><th scope="col">Action</th><th scope="col">Bureau</th><th scope="col">Commentaire</th></tr></thead>
          <tbody>
          {{#history}}<tr><td>{{date}}</td><td>{{action}}</td><td>{{by}}</td><td>{{comment}}</td></tr>{{/history}}
          {{^history}}<tr><td colspan="4">Aucune action pour l'instant.</td></tr>{{/history}}
          </tbody>
        </table>
        {{/content}}
        {{/layout}}
        """

    static let newFolder = """
        {{<layout}}
        {{$title}}Déposer un dossier — Parapheur — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/parapheur">← Parapheur</a></p>
        <h1>Déposer un dossier</h1>
        {{#error}}<p class="erreur" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/parapheur/nouveau" enctype="multipart/form-data" class="fiche">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="title">Titre</label>
          <input id="title" name="title" required maxlength="200">
          <label for="type">Type / sous-type</label>
          <select id="type" name="type" required>{{#types}}<option value="{{value}}">{{label}}</option>{{/types}}</select>
          <label for="due">Échéance (facultative)</label>
          <input id="due" name="due_date" type="date">
          <label for="document">Document principal (PDF)</label>
          <input id="document" name="document" type="file" accept="application/pdf" required>
          <label for="annex">Annexe (facultative)</label>
          <input id="annex" name="annex" type="file">
          <button type="submit">Déposer dans le circuit</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let admin = """
        {{<layout}}
        {{$title}}Administration du parapheur — {{site.name}}{{/title}}
        {{$content}}
        <h1>Administration du parapheur</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="erreur" role="alert">{{error}}</p>{{/error}}
        <h2>Bureaux</h2>
        <table><thead><tr><th scope="col">Bureau</th><th scope="col">Titulaires</th><th scope="col">Modifier les titulaires</th></tr></thead><tbody>
        {{#desks}}<tr><td>{{name}}</td><td>{{holders}}</td><td>
          <form method="post" action="/administration/parapheur/bureaux/{{id}}/titulaires"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="h-{{id}}">Adresses (séparées par des virgules)</label> <input id="h-{{id}}" name="holders" value="{{holders}}">
          <button type="submit">Enregistrer</button></form></td></tr>{{/desks}}
        </tbody></table>
        <form method="post" action="/administration/parapheur/bureaux" class="fiche"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="desk-name">Nouveau bureau</label> <input id="desk-name" name="name" required maxlength="100">
          <label for="desk-holders">Titulaires (adresses, séparées par des virgules)</label> <input id="desk-holders" name="holders">
          <button type="submit">Créer le bureau</button></form>
        <h2>Délégations</h2>
        <table><thead><tr><th scope="col">Bureau</th><th scope="col">Délégué à</th><th scope="col">Du</th><th scope="col">Au</th><th scope="col">Action</th></tr></thead><tbody>
        {{#delegations}}<tr><td>{{from}}</td><td>{{to}}</td><td>{{start}}</td><td>{{end}}</td><td>
          <form method="post" action="/administration/parapheur/delegations/{{id}}/suppression"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Supprimer</button></form></td></tr>{{/delegations}}
        {{^delegations}}<tr><td colspan="5">Aucune délégation.</td></tr>{{/delegations}}
        </tbody></table>
        <form method="post" action="/administration/parapheur/delegations" class="fiche"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="from">Bureau délégué</label> <select id="from" name="from">{{#desks}}<option value="{{id}}">{{name}}</option>{{/desks}}</select>
          <label for="to">À (ses titulaires agiront « pour » lui)</label> <select id="to" name="to">{{#desks}}<option value="{{id}}">{{name}}</option>{{/desks}}</select>
          <label for="start">Du</label> <input id="start" name="start" type="date" required>
          <label for="end">Au (inclus)</label> <input id="end" name="end" type="date" required>
          <button type="submit">Déléguer</button></form>
        <h2>Types et circuits</h2>
        <table><thead><tr><th scope="col">Type / sous-type</th><th scope="col">Circuit</th><th scope="col">Relance après</th></tr></thead><tbody>
        {{#types}}<tr><td>{{label}}</td><td>{{circuit}}</td><td>{{days}} jours</td></tr>{{/types}}
        </tbody></table>
        <form method="post" action="/administration/parapheur/types" class="fiche"><input type="hidden" name="csrf" value="{{csrf}}">
          <label for="t-type">Type</label> <input id="t-type" name="type" required maxlength="100">
          <label for="t-subtype">Sous-type</label> <input id="t-subtype" name="subtype" required maxlength="100">
          <label for="t-steps">Étapes, une par ligne : « visa : Secrétariat », « signature : Maire », « signature cades : Maire », « visa tous : DGS, Finances », « visa un : DGS, Finances », « cachet : Secrétariat »</label>
          <textarea id="t-steps" name="steps" rows="4" required></textarea>
          <label for="t-days">Relancer après (jours)</label> <input id="t-days" name="days" type="number" min="1" max="60" value="3">
          <button type="submit">Créer le type</button></form>
        {{/content}}
        {{/layout}}
        """
}
