/// The member administrators' page of agents, and the consortium's console.
enum AdminTemplates {
    static var all: [String: String] { ["admin-agents": agents, "console-login": consoleLogin, "console-home": consoleHome] }

    static let agents = """
        {{<layout}}
        {{$title}}Agents — {{site.name}}{{/title}}
        {{$content}}
        <h1>Agents et rôles</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <table>
          <thead><tr><th>Agent</th><th>Rôles</th><th>État</th></tr></thead>
          <tbody>
          {{#agents}}
            <tr>
              <td>{{name}}<br><small>{{email}}</small></td>
              <td><form method="post" action="/administration/agents/{{id}}/roles">
                <input type="hidden" name="csrf" value="{{csrf}}">
                {{#roles}}<label><input type="checkbox" name="roles[]" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label><br>{{/roles}}
                <button type="submit">Enregistrer les rôles</button></form></td>
              <td>{{#active}}Actif
                <form method="post" action="/administration/agents/{{id}}/desactiver"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Désactiver</button></form>{{/active}}
                {{^active}}Désactivé
                <form method="post" action="/administration/agents/{{id}}/activer"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Réactiver</button></form>{{/active}}</td>
            </tr>
          {{/agents}}
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
        <p>Connecté en tant que <strong>{{operator}}</strong>.
          <form method="post" action="/console/deconnexion"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Se déconnecter</button></form></p>
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <h2>Membres</h2>
        <table><thead><tr><th>Membre</th><th>État</th><th>Intervenir (accès temporaire et journalisé)</th></tr></thead><tbody>
        {{#members}}
          <tr><td>{{name}}<br><small>{{slug}}</small></td><td>{{status}}</td>
            <td><form method="post" action="/console/acces">
              <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="tenant" value="{{slug}}">
              <input name="reason" type="text" placeholder="Motif" required minlength="3" maxlength="500">
              <select name="minutes"><option value="30">30 min</option><option value="60">1 h</option><option value="240">4 h</option></select>
              <button type="submit">Obtenir l'accès</button></form></td></tr>
        {{/members}}
        </tbody></table>
        <h2>Fermer les sessions d'un compte</h2>
        <form class="fiche" method="post" action="/console/sessions/fin">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="tenant">Membre (vide : un opérateur)</label><input id="tenant" name="tenant" type="text">
          <label for="account">Identifiant du compte</label><input id="account" name="account" type="text" required>
          <button type="submit">Fermer ses sessions</button>
        </form>
        {{#ended}}<p class="info">{{ended}} session(s) fermée(s).</p>{{/ended}}
        {{/content}}
        {{/layout}}
        """
}
