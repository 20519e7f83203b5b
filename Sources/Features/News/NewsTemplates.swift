
/// Pages of the news module; both extend the platform layout.
enum NewsTemplates {
    static var all: [String: String] { ["news-home": home, "news-item": item] }

    static let home = """
        {{<layout}}
        {{$title}}Actualités — {{site.name}}{{/title}}
        {{$content}}
        <h1>Actualités</h1>
        {{#empty}}<p>Aucune actualité pour le moment.</p>{{/empty}}
        {{#items}}
        <article class="carte">
          <h2><a href="/actualites/{{id}}">{{title}}</a></h2>
          <p class="date">Publié le <time datetime="{{isoDate}}">{{date}}</time></p>
          <p>{{summary}}</p>
        </article>
        {{/items}}
        <nav class="pagination" aria-label="Pages d'actualités">
          <span>{{#previous}}<a href="/actualites?page={{previous}}">← Actualités plus récentes</a>{{/previous}}</span>
          <span>Page {{page}} sur {{pages}}</span>
          <span>{{#next}}<a href="/actualites?page={{next}}">Actualités plus anciennes →</a>{{/next}}</span>
        </nav>
        {{/content}}
        {{/layout}}
        """

    static let item = """
        {{<layout}}
        {{$title}}{{item.title}} — {{site.name}}{{/title}}
        {{$content}}
        {{#item}}
        <article>
          <h1>{{title}}</h1>
          <p class="date">Publié le <time datetime="{{isoDate}}">{{date}}</time></p>
          <p><strong>{{summary}}</strong></p>
          {{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}
        </article>
        {{/item}}
        <p><a href="/actualites">← Toutes les actualités</a></p>
        {{/content}}
        {{/layout}}
        """
}
