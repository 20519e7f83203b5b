
/// Pages of signing in, signing up, password reset and "my account".
enum AccountTemplates {
    static var all: [String: String] {
        ["account-login": login, "account-signup": signUp, "account-message": message, "account-forgot": forgot,
         "account-reset": reset, "account-home": home]
    }

    static let login = """
        {{<layout}}
        {{$title}}Connexion — {{site.name}}{{/title}}
        {{$content}}
        <h1>Connexion</h1>
        {{#notice}}<p class="info" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        {{#pending}}
        <form class="fiche" method="post" action="/compte/verification/renvoi">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <input type="hidden" name="email" value="{{email}}">
          <p>Vous n'avez pas reçu le message ? Vérifiez vos courriers indésirables, ou demandez un nouveau lien.</p>
          <button type="submit">Renvoyer le lien de confirmation</button>
        </form>
        {{/pending}}
        <form class="fiche" method="post" action="/compte/connexion">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <input type="hidden" name="retour" value="{{retour}}">
          <label for="email">Adresse électronique</label>
          <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}">
          <label for="password">Mot de passe</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>
          <button type="submit">Se connecter</button>
        </form>
        <p><a href="/compte/mot-de-passe-oublie">Mot de passe oublié ?</a> · <a href="/compte/inscription">Créer un compte</a></p>
        {{/content}}
        {{/layout}}
        """

    static let signUp = """
        {{<layout}}
        {{$title}}Créer un compte — {{site.name}}{{/title}}
        {{$content}}
        <h1>Créer un compte</h1>
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <form class="fiche" method="post" action="/compte/inscription">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="display_name">Nom (facultatif)</label>
          <input id="display_name" name="display_name" type="text" autocomplete="name" maxlength="120" value="{{displayName}}">
          <label for="email">Adresse électronique</label>
          <input id="email" name="email" type="email" autocomplete="email" required value="{{email}}">
          <label for="password">Mot de passe (12 caractères au moins)</label>
          <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
          <button type="submit">Créer mon compte</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let message = """
        {{<layout}}
        {{$title}}{{title}} — {{site.name}}{{/title}}
        {{$content}}
        <h1>{{title}}</h1>
        <p class="info">{{text}}</p>
        {{#login}}<p><a class="bouton" href="/compte/connexion">Se connecter</a></p>{{/login}}
        {{/content}}
        {{/layout}}
        """

    static let forgot = """
        {{<layout}}
        {{$title}}Mot de passe oublié — {{site.name}}{{/title}}
        {{$content}}
        <h1>Mot de passe oublié</h1>
        <form class="fiche" method="post" action="/compte/mot-de-passe-oublie">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <label for="email">Adresse électronique de votre compte</label>
          <input id="email" name="email" type="email" autocomplete="email" required>
          <button type="submit">Recevoir un lien</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let reset = """
        {{<layout}}
        {{$title}}Nouveau mot de passe — {{site.name}}{{/title}}
        {{$content}}
        <h1>Choisir un nouveau mot de passe</h1>
        {{#error}}<p class="alerte" role="alert">{{error}}</p>{{/error}}
        <form class="fiche" method="post" action="/compte/nouveau-mot-de-passe">
          <input type="hidden" name="csrf" value="{{csrf}}">
          <input type="hidden" name="jeton" value="{{jeton}}">
          <label for="password">Nouveau mot de passe (12 caractères au moins)</label>
          <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
          <button type="submit">Enregistrer</button>
        </form>
        {{/content}}
        {{/layout}}
        """

    static let home = """
        {{<layout}}
        {{$title}}Mon compte — {{site.name}}{{/title}}
        {{$content}}
        <h1>Mon compte</h1>
        <p>Connecté en tant que <strong>{{viewer.label}}</strong>{{#roles.0}} — {{#roles}}{{.}} {{/roles}}{{/roles.0}}</p>
        {{#safe}}<p><a href="/compte/coffre-fort">Mon coffre-fort</a> : vos documents personnels, chiffrés, que vous seul pouvez lire.</p>{{/safe}}
        <h2>Mes sessions actives</h2>
        <table>
          <thead><tr><th scope="col">Ouverte le</th><th scope="col">Adresse</th><th scope="col">Navigateur</th><th scope="col">Fermer la session</th></tr></thead>
          <tbody>
          {{#sessions}}
            <tr><td>{{since}}</td><td>{{ip}}</td><td>{{agent}}</td>
              <td>{{#current}}<em>cette session</em>{{/current}}{{^current}}
                <form method="post" action="/compte/sessions/{{hash}}/fin"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Fermer</button></form>
              {{/current}}</td></tr>
          {{/sessions}}
          </tbody>
        </table>
        <form method="post" action="/compte/sessions/fin"><input type="hidden" name="csrf" value="{{csrf}}">
          <button class="bouton" type="submit">Se déconnecter partout</button></form>
        {{/content}}
        {{/layout}}
        """
}
