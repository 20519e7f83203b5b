/// The designer: the member's procedure types, and one type's settings, form and workflow.
enum RequestsDesignerTemplates {
    static let list = """
        {{<layout}}
        {{$title}}Concevoir les démarches — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/administration/demandes">← Demandes des usagers</a></p>
        <h1>Concevoir les démarches</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#hasErrors}}<div class="alerte" role="alert"><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        <table>
          <caption>Les démarches de la commune</caption>
          <thead><tr><th scope="col">Démarche</th><th scope="col">Version</th><th scope="col">État</th><th scope="col">Ouverture</th></tr></thead>
          <tbody>
          {{#types}}<tr><td><a href="/administration/demarches/{{slug}}">{{title}}</a><br><small>{{slug}}</small></td><td>{{version}}</td>
            <td>{{#published}}en ligne{{/published}}{{^published}}brouillon (non proposée){{/published}}</td>
            <td>{{#anonymous}}sans compte possible{{/anonymous}}{{^anonymous}}compte requis{{/anonymous}}{{#offered}} · proposée aux communes membres{{/offered}}{{#located}} · service Open311{{/located}}</td></tr>{{/types}}
          {{^types}}<tr><td colspan="4">Aucune démarche pour le moment.</td></tr>{{/types}}
          </tbody>
        </table>
        <h2>Nouvelle démarche</h2>
        <form method="post" action="/administration/demarches">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <p><label for="n-titre">Titre</label><br><input type="text" id="n-titre" name="title" maxlength="200" required value="{{draft.title}}"></p>
          <p><label for="n-slug">Adresse (facultatif)</label> <small>minuscules, chiffres et tirets : /demarches/…</small><br><input type="text" id="n-slug" name="slug" maxlength="40" value="{{draft.slug}}"></p>
          <p><label for="n-description">Présentation</label><br><textarea id="n-description" name="description" rows="3" maxlength="5000">{{draft.description}}</textarea></p>
          <p><button type="submit" class="bouton">Créer la démarche (en brouillon)</button></p>
        </form>
        <h2>Équipes</h2>
        <p>Les demandes peuvent être attribuées à une équipe : ses membres sont prévenus.</p>
        <ul>{{#teams}}<li>{{name}} ({{count}} membre(s))</li>{{/teams}}</ul>
        <form method="post" action="/administration/demarches/equipes">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <p><label for="e-nom">Nom de l'équipe</label> <input type="text" id="e-nom" name="name" maxlength="100" required></p>
          <fieldset><legend>Membres</legend>{{#agents}}<p><input type="checkbox" id="e-{{id}}" name="members" value="{{id}}"> <label for="e-{{id}}">{{label}}</label></p>{{/agents}}</fieldset>
          <p><button type="submit" class="bouton">Créer l'équipe</button></p>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let type = """
        {{<layout}}
        {{$title}}{{type.title}} — conception — {{site.name}}{{/title}}
        {{$content}}
        <p><a href="/administration/demarches">← Toutes les démarches</a>{{#type.published}} · <a href="/demarches/{{type.slug}}">Page publique</a>{{/type.published}}</p>
        <h1>{{type.title}}</h1>
        <p>Version {{type.version}} : une modification crée une nouvelle version, que prennent les nouvelles demandes ; les demandes déjà déposées gardent la leur.</p>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#hasErrors}}<div class="alerte" role="alert"><h2>La modification n'est pas enregistrée</h2><ul>{{#errors}}<li>{{.}}</li>{{/errors}}</ul></div>{{/hasErrors}}
        {{#type}}
        <section><h2>Réglages</h2>
        <form method="post" action="/administration/demarches/{{slug}}/reglages">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <p><label for="r-titre">Titre</label><br><input type="text" id="r-titre" name="title" maxlength="200" value="{{title}}"></p>
          <p><label for="r-description">Présentation</label><br><textarea id="r-description" name="description" rows="3" maxlength="5000">{{description}}</textarea></p>
          <p><label for="r-delai">Délai de traitement (jours)</label> <input type="number" id="r-delai" name="delay" min="1" max="3650" value="{{delay}}"></p>
          <p><label for="r-groupe">Groupe Open311 (démarches avec adresse)</label> <input type="text" id="r-groupe" name="group" maxlength="100" value="{{group}}"></p>
          <p><input type="checkbox" id="r-anonyme" name="anonymous" value="1"{{#anonymous}} checked{{/anonymous}}> <label for="r-anonyme">Possible sans compte (adresse électronique et lien de suivi)</label></p>
          {{#intercommunality}}<p><input type="checkbox" id="r-offerte" name="offered" value="1"{{#offered}} checked{{/offered}}> <label for="r-offerte">Proposée sur le portail de chaque commune membre (compétence intercommunale)</label></p>{{/intercommunality}}
          <p><input type="checkbox" id="r-publiee" name="published" value="1"{{#published}} checked{{/published}}> <label for="r-publiee">En ligne (proposée aux usagers)</label></p>
          <p><button type="submit" class="bouton">Enregistrer les réglages</button></p>
        </form></section>
        {{/type}}
        <section><h2>Formulaire</h2>
        {{#pages}}
          <h3>Étape {{number}} : {{title}}</h3>
          <table><caption class="visuellement-cache">Champs de l'étape {{number}}</caption>
          <thead><tr><th scope="col">Libellé</th><th scope="col">Type</th><th scope="col">Identifiant</th><th scope="col">Actions</th></tr></thead><tbody>
          {{#fields}}<tr><td>{{label}}{{#required}} <small>(obligatoire)</small>{{/required}}{{#condition}}<br><small>{{condition}}</small>{{/condition}}</td><td>{{kind}}</td><td>{{key}}</td>
            <td><form method="post" action="/administration/demarches/{{slug}}/champs/{{key}}/monter" class="en-ligne"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><button type="submit" class="bouton-secondaire">Monter<span class="visuellement-cache"> {{label}}</span></button></form>
                <form method="post" action="/administration/demarches/{{slug}}/champs/{{key}}/descendre" class="en-ligne"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><button type="submit" class="bouton-secondaire">Descendre<span class="visuellement-cache"> {{label}}</span></button></form>
                <form method="post" action="/administration/demarches/{{slug}}/champs/{{key}}/supprimer" class="en-ligne"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><button type="submit" class="bouton-secondaire">Supprimer<span class="visuellement-cache"> {{label}}</span></button></form></td></tr>{{/fields}}
          </tbody></table>
        {{/pages}}
        <h3>Ajouter un champ</h3>
        <form method="post" action="/administration/demarches/{{type.slug}}/champs">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{type.version}}">
          <p><label for="c-libelle">Libellé (la question)</label><br><input type="text" id="c-libelle" name="label" maxlength="200" value="{{field.label}}"></p>
          <p><label for="c-type">Type</label> <select id="c-type" name="kind">{{#kinds}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
             <label for="c-page">Étape</label> <select id="c-page" name="page">{{#pageChoices}}<option value="{{index}}">{{label}}</option>{{/pageChoices}}</select>
             <label for="c-titre-page">Titre de la nouvelle étape</label> <input type="text" id="c-titre-page" name="page_title" maxlength="200"></p>
          <p><input type="checkbox" id="c-obligatoire" name="required" value="1" checked> <label for="c-obligatoire">Obligatoire</label>
             <label for="c-cle">Identifiant (facultatif)</label> <input type="text" id="c-cle" name="key" maxlength="40" value="{{field.key}}"></p>
          <p><label for="c-aide">Aide sous le libellé</label><br><input type="text" id="c-aide" name="help" maxlength="1000" value="{{field.help}}"></p>
          <p><label for="c-choix">Options (choix : une par ligne, « valeur : libellé » ou le libellé seul)</label><br><textarea id="c-choix" name="choices" rows="3">{{field.choices}}</textarea></p>
          <p><label for="c-long">Longueur maximale (texte)</label> <input type="number" id="c-long" name="max_length" min="1" value="{{field.maxLength}}">
             <label for="c-min">Minimum (nombre)</label> <input type="text" id="c-min" name="minimum" value="{{field.minimum}}"> <label for="c-max">Maximum</label> <input type="text" id="c-max" name="maximum" value="{{field.maximum}}">
             <input type="checkbox" id="c-entier" name="integer" value="1"> <label for="c-entier">Entier</label></p>
          <fieldset><legend>Fichier : types acceptés et taille</legend>{{#fileTypes}}<input type="checkbox" id="c-f-{{id}}" name="media" value="{{id}}"> <label for="c-f-{{id}}">{{label}}</label> {{/fileTypes}}
             <label for="c-mo">Taille maximale (Mo)</label> <input type="number" id="c-mo" name="max_mb" min="1" max="100" value="10"></fieldset>
          <p><label for="c-texte">Texte explicatif</label><br><textarea id="c-texte" name="text" rows="2" maxlength="5000">{{field.text}}</textarea></p>
          <p><label for="c-cond">Afficher seulement si le champ</label> <select id="c-cond" name="condition_field"><option value="">(toujours afficher)</option>{{#conditionFields}}<option value="{{key}}">{{label}}</option>{{/conditionFields}}</select>
             <label for="c-cond-val">a pour réponse (valeur)</label> <input type="text" id="c-cond-val" name="condition_value" maxlength="64"></p>
          <p><button type="submit" class="bouton">Ajouter le champ</button></p>
        </form></section>
        <section><h2>Circuit de traitement</h2>
        <p>Les messages peuvent utiliser {{placeholders}}.</p>
        <form method="post" action="/administration/demarches/{{type.slug}}/circuit">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{type.version}}">
          <table><caption>Statuts</caption><thead><tr><th scope="col">Libellé</th><th scope="col">Initial</th><th scope="col">Final</th><th scope="col">Le demandeur peut répondre</th><th scope="col">Supprimer</th></tr></thead><tbody>
          {{#statuses}}<tr><td><input type="hidden" name="statut_id" value="{{id}}"><label class="visuellement-cache" for="s-{{row}}">Libellé du statut {{row}}</label><input type="text" id="s-{{row}}" name="statut_libelle" value="{{label}}" maxlength="200"></td>
            <td><input type="radio" name="statut_initial" value="{{id}}" aria-label="Statut initial {{label}}"{{#initial}} checked{{/initial}}></td>
            <td><input type="checkbox" name="statut_final" value="{{row}}" aria-label="Final {{label}}"{{#final}} checked{{/final}}></td>
            <td><input type="checkbox" name="statut_reponse" value="{{row}}" aria-label="Réponse possible {{label}}"{{#reply}} checked{{/reply}}></td>
            <td><input type="checkbox" name="statut_supprimer" value="{{row}}" aria-label="Supprimer {{label}}"></td></tr>{{/statuses}}
          </tbody></table>
          <h3>Actions</h3>
          {{#transitions}}
          <fieldset><legend>{{#label}}Action « {{label}} »{{/label}}{{^label}}Nouvelle action{{/label}}</legend>
            <input type="hidden" name="t_id" value="{{id}}">
            <p><label for="t-{{row}}-libelle">Libellé du bouton</label> <input type="text" id="t-{{row}}-libelle" name="t_libelle" value="{{label}}" maxlength="200">
               <label for="t-{{row}}-vers">mène au statut</label> <select id="t-{{row}}-vers" name="t_vers">{{#targets}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/targets}}</select>
               <label for="t-{{row}}-perm">permission</label> <select id="t-{{row}}-perm" name="t_permission">{{#permissions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/permissions}}</select></p>
            <p>Possible depuis : {{#sources}}<input type="checkbox" id="t-{{row}}-d-{{id}}" name="t_depuis_{{row}}" value="{{id}}"{{#selected}} checked{{/selected}}> <label for="t-{{row}}-d-{{id}}">{{label}}</label> {{/sources}}</p>
            <p><label for="t-{{row}}-message">Message au demandeur (vide : il n'est pas prévenu)</label><br><textarea id="t-{{row}}-message" name="t_message" rows="2" maxlength="5000">{{message}}</textarea></p>
            <p><input type="checkbox" id="t-{{row}}-lot" name="t_lot" value="{{row}}"{{#bulk}} checked{{/bulk}}> <label for="t-{{row}}-lot">Applicable à plusieurs demandes à la fois</label>
               <input type="checkbox" id="t-{{row}}-suppr" name="t_supprimer" value="{{row}}"> <label for="t-{{row}}-suppr">Supprimer cette action</label></p>
          </fieldset>
          {{/transitions}}
          <p><button type="submit" class="bouton">Enregistrer le circuit</button></p>
        </form></section>
        <section><h2>Définition complète (JSON)</h2>
        <p>Pour copier une démarche d'une commune à l'autre : le formulaire et le circuit, modifiables ici aussi.</p>
        <form method="post" action="/administration/demarches/{{type.slug}}/json">
          <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{type.version}}">
          <p><label for="j-form">Formulaire</label><br><textarea id="j-form" name="form" rows="8">{{json.form}}</textarea></p>
          <p><label for="j-workflow">Circuit</label><br><textarea id="j-workflow" name="workflow" rows="8">{{json.workflow}}</textarea></p>
          <p><button type="submit" class="bouton">Enregistrer la définition</button></p>
        </form></section>
        <section><h2>Versions</h2><ul>{{#versions}}<li>Version {{version}} — {{date}}, par {{by}}</li>{{/versions}}</ul></section>
        {{/content}}
        {{/layout}}
        """
}
