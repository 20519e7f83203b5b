
/// The member administrators' page of agents, and the consortium's console.
enum AdminTemplates {
    static var all: [String: String] {
        ["admin-agents": agents, "console-login": consoleLogin, "console-home": consoleHome, "console-handoff": consoleHandoff]
    }

    static let agents = """
        {{<layout}}
        {{$title}}Agents — {{site.name}}{{/title}}
        {{$content}}
        <h1>Agents et rôles</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <table>
          <thead><tr><th scope="col">Agent</th><th scope="col">Rôles</th><th scope="col">État</th></tr></thead>
          <tbody>
          {{#agents}}
            <tr>
              <td>{{name}}<br><small>{{email}}</small></td>
              <td><form method="post" action="/administration/agents/{{id}}/roles">
                <input type="hidden" name="csrf" value="{{csrf}}">
                {{#roles}}<label><input type="checkbox" name="roles[]" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label><br>{{/roles}}
                {{#isSelf}}<p class="info">Ce sont vos propres rôles : après les avoir modifiés, vous devrez vous reconnecter.
                  Sans le rôle d'administrateur, vous n'aurez plus accès à cette page.</p>
                <label><input type="checkbox" name="confirmer" value="oui"> Je confirme la modification de mes propres rôles</label><br>{{/isSelf}}
                <button type="submit">Enregistrer les rôles</button></form></td>
              <td>{{#active}}Actif{{^isSelf}}
                <form method="post" action="/administration/agents/{{id}}/desactiver"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Désactiver</button></form>{{/isSelf}}{{/active}}
                {{^active}}Désactivé
                <form method="post" action="/administration/agents/{{id}}/activer"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Réactiver</button></form>{{/active}}</td>
            </tr>
          {{/agents}}
          {{^agents}}<tr><td colspan="3">Aucun agent pour l'instant : ajoutez-en un ci-dessous.</td></tr>{{/agents}}
          </tbody>
        </table>
        <h2>Ajouter un agent</h2>
        <form class="fiche" method="post" action="/administration/agents">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="email">Adresse électronique</label>
          <input id="email" name="email" type="email" required>
          <label for="display_name">Nom</label>
          <input id="display_name" name="displayName" type="text" maxlength="120">
          <fieldset><legend>Rôles</legend>
          {{#allRoles}}<label><input type="checkbox" name="roles[]" value="{{value}}"> {{label}}</label><br>{{/allRoles}}
          </fieldset>
          <button type="submit">Créer et inviter</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let consoleLogin = """
        {{<layout}}
        {{$title}}Console du groupement{{/title}}
        {{$content}}
        <h1>Console du groupement</h1>
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <form class="fiche" method="post" action="/console/connexion">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="email">Adresse électronique</label>
          <input id="email" name="email" type="email" autocomplete="username" required>
          <label for="password">Mot de passe</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>
          <button type="submit">Se connecter</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let consoleHome = """
        {{<layout}}
        {{$title}}Console du groupement{{/title}}
        {{$content}}
        <h1>Console du groupement</h1>
        <p>Connecté en tant que <strong>{{operator}}</strong>.</p>
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <h2>Membres</h2>
        <table><thead><tr><th scope="col">Membre</th><th scope="col">État</th><th scope="col">Intervenir (accès temporaire et journalisé)</th></tr></thead><tbody>
        {{#members}}
          <tr><td>{{name}}<br><small>{{slug}}</small></td><td>{{status}}</td>
            <td><form class="en-ligne" method="post" action="/console/acces">
              <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="tenant" value="{{slug}}">
              <label for="motif-{{slug}}">Motif</label>
              <input id="motif-{{slug}}" name="reason" type="text" required minlength="3" maxlength="500">
              <label for="duree-{{slug}}">Durée</label>
              <select id="duree-{{slug}}" name="minutes"><option value="30">30 min</option><option value="60">1 h</option><option value="240">4 h</option></select>
              <button type="submit">Obtenir l'accès à {{name}}</button></form></td></tr>
        {{/members}}
        </tbody></table>
        <h2>Fermer les sessions d'un compte</h2>
        {{#ended}}<p class="info" role="status">{{ended}} session(s) de {{endedAccount}} fermée(s).</p>{{/ended}}
        <form class="fiche" method="post" action="/console/sessions/fin">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="tenant">Membre</label>
          <select id="tenant" name="tenant">
            <option value="">— un opérateur de la console —</option>
            {{#members}}<option value="{{slug}}">{{name}}</option>{{/members}}
          </select>
          <label for="account">Adresse électronique ou identifiant du compte</label>
          <input id="account" name="account" type="text" required maxlength="254" autocomplete="off">
          <button type="submit">Fermer ses sessions</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let consoleHandoff = """
        {{<layout}}
        {{$title}}Accès accordé — Console du groupement{{/title}}
        {{$content}}
        <h1>Accès accordé à {{member}}</h1>
        <p class="info" role="status">Votre accès est enregistré dans le journal de {{member}} et dans celui du groupement. Il prend fin à {{until}}.</p>
        <p><a class="bouton" href="{{link}}">Ouvrir l'administration de {{member}}</a></p>
        <p class="technique">Ce lien ne sert qu'une fois, dans la minute qui vient.</p>
        <p><a href="/console/">Retour à la console</a></p>
        {{/content}}
        {{/layout}}
        """
}
