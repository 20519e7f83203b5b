/// The platform's own templates: the layout every page extends, and the error page.
enum PlatformTemplates {
    static var all: [String: String] { ["layout": layout, "error": error, "home": home] }

    static let home = """
        {{<layout}}
        {{$title}}Accueil — {{site.name}}{{/title}}
        {{$content}}
        <h1 class="visuellement-cache">Accueil de {{site.name}}</h1>
        {{#sections}}
        <section class="rubrique" aria-labelledby="rubrique-{{anchor}}">
          <h2 id="rubrique-{{anchor}}">{{title}}</h2>
          {{#hasItems}}
          {{#items}}
          <article class="carte">
            <h3><a href="{{link}}">{{title}}</a></h3>
            {{#date}}<p class="date"><time datetime="{{isoDate}}">{{date}}</time></p>{{/date}}
            <p>{{text}}</p>
          </article>
          {{/items}}
          {{/hasItems}}
          {{^hasItems}}<p>{{empty}}</p>{{/hasItems}}
          {{#more}}<p><a href="{{link}}">{{label}}</a></p>{{/more}}
        </section>
        {{/sections}}
        {{#none}}<p>Les services en ligne de {{site.name}} arrivent bientôt.</p>{{/none}}
        {{/content}}
        {{/layout}}
        """

    static let layout = """
        <!doctype html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{$title}}{{site.name}}{{/title}}</title>
        <style>
        :root { --primary: {{site.primary}}; --accent: {{site.accent}}; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1e1e1e; background: #f6f6f4; line-height: 1.5; }
        a { color: var(--primary); }
        .bandeau { background: var(--primary); color: #fff; border-bottom: 6px solid var(--accent); }
        .bandeau .interieur { max-width: 62rem; margin: 0 auto; padding: 1rem 1.25rem; display: flex; align-items: center; gap: 1rem; }
        .bandeau a { color: #fff; text-decoration: none; display: flex; align-items: center; gap: .9rem; }
        .bandeau img { height: 3.5rem; width: auto; }
        .bandeau .nom { font-size: 1.6rem; font-weight: 700; letter-spacing: .01em; }
        .bandeau .devise { margin: 0; opacity: .9; font-size: .95rem; }
        main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
        h1 { color: var(--primary); margin-top: .5rem; }
        .carte { background: #fff; border-radius: .5rem; padding: 1rem 1.25rem; margin: 0 0 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.08); border-left: 5px solid var(--accent); }
        .carte h2, .carte h3 { margin: .1rem 0 .3rem; font-size: 1.2rem; }
        .rubrique { margin-bottom: 2rem; }
        .date { color: #5a5a5a; font-size: .9rem; }
        .pagination { display: flex; gap: 1rem; justify-content: space-between; }
        footer { text-align: center; color: #5a5a5a; font-size: .85rem; padding: 2rem 1rem; }
        .erreur { font-size: 1.1rem; }
        .defilement { overflow-x: auto; max-width: 100%; }
        .compte { margin-left: auto; display: flex; gap: 1rem; align-items: center; }
        .compte form { margin: 0; }
        .compte button { background: none; border: 1px solid #fff; color: #fff; border-radius: .3rem; padding: .2rem .6rem; cursor: pointer; }
        form.fiche { background: #fff; padding: 1.25rem; border-radius: .5rem; max-width: 32rem; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
        form.fiche label { display: block; margin: .8rem 0 .2rem; font-weight: 600; }
        form.fiche input[type=email], form.fiche input[type=password], form.fiche input[type=text] { width: 100%; padding: .5rem; border: 1px solid #888; border-radius: .3rem; font-size: 1rem; }
        form.fiche button, .bouton { margin-top: 1rem; background: var(--primary); color: #fff; border: 0; border-radius: .3rem; padding: .55rem 1.1rem; font-size: 1rem; cursor: pointer; }
        .alerte { background: #fdecea; border-left: 5px solid #b00020; padding: .7rem 1rem; border-radius: .3rem; }
        .info { background: #e8f4fd; border-left: 5px solid var(--primary); padding: .7rem 1rem; border-radius: .3rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
        .technique { color: #6a6a6a; font-size: .85rem; }
        .empreinte { overflow-wrap: anywhere; font-size: .8rem; }
        .pastille { background: var(--accent); color: #1e1e1e; border-radius: 1rem; padding: 0 .45rem; font-size: .8rem; font-weight: 700; }
        .non-lue { border-left-color: var(--primary); }
        .visuellement-cache { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        .en-ligne { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0; }
        </style>
        </head>
        <body>
        <header class="bandeau">
          <div class="interieur">
            <a href="/">{{#site.hasLogo}}<img src="/assets/logo" alt="">{{/site.hasLogo}}<span class="nom">{{site.name}}</span></a>
            <p class="devise">{{site.tagline}}</p>
            <nav class="compte" aria-label="Compte">
              {{#viewer}}
              <a href="{{home}}">{{label}}</a>
              {{^isConsole}}<a href="/compte/notifications">Notifications{{#unread}} <span class="pastille" aria-label="{{unread}} non lues">{{unread}}</span>{{/unread}}</a>{{/isConsole}}
              {{#canAdministrate}}<a href="/administration/agents">Administration</a>{{/canAdministrate}}
              <form method="post" action="{{signOut}}"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Se déconnecter</button></form>
              {{/viewer}}
              {{^viewer}}<a href="/compte/connexion">Se connecter</a>{{/viewer}}
            </nav>
          </div>
        </header>
        <main id="contenu">
        {{$content}}{{/content}}
        </main>
        <footer>{{site.name}} — services en ligne de la plate-forme mutualisée</footer>
        </body>
        </html>
        """

    static let error = """
        {{<layout}}
        {{$title}}{{title}} — {{site.name}}{{/title}}
        {{$content}}
        <h1>{{title}}</h1>
        <p class="erreur">{{detail}}</p>
        <p><a href="/">Retour à l'accueil</a></p>
        <p class="technique">Code {{status}} · référence {{requestID}}</p>
        {{/content}}
        {{/layout}}
        """
}
