import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders French pages from Mustache templates. Every page template extends `layout`
/// (`{{<layout}}…{{/layout}}`), which shows the member's name, colours and logo. Values are
/// HTML-escaped by Mustache. Feature modules bring their own templates at composition time.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// `templates`: name → Mustache source, added to the platform's own (`layout`, `error`).
    public init(templates: [String: String] = [:]) throws {
        var library = MustacheLibrary()
        for (name, source) in PlatformTemplates.all.merging(templates, uniquingKeysWith: { _, feature in feature }) {
            try library.register(source, named: name)
        }
        self.library = library
    }

    /// Renders `template` with `values` plus `site`, as an HTML response.
    public func render(_ template: String, site: PageSite, values: [String: Any] = [:], status: HTTPResponse.Status = .ok) -> Response {
        var context = values
        context["site"] = site.templateValues
        let html = library.render(context, withTemplate: template) ?? "<!doctype html><title>Erreur</title><p>Page indisponible.</p>"
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }

    func errorPage(_ error: WebError, site: PageSite, requestID: String) -> Response {
        render("error", site: site, values: [
            "status": Int(error.status.code), "title": error.title, "detail": error.detail ?? "", "requestID": requestID,
        ], status: error.status)
    }
}
