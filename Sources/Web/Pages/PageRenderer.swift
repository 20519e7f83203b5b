import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders French pages from Mustache templates. Every page template extends `layout`
/// (`{{<layout}}…{{/layout}}`), which shows the member's name, colours and logo. Values are
/// HTML-escaped by Mustache. Feature modules bring their own templates at composition time.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// The platform's own templates, which no module may redefine.
    public static var reservedTemplates: Set<String> { Set(PlatformTemplates.all.keys) }

    /// `templates`: name → Mustache source, added to the platform's own (`layout`, `error`).
    public init(templates: [String: String] = [:]) throws {
        var library = MustacheLibrary()
        for (name, source) in PlatformTemplates.all.merging(templates, uniquingKeysWith: { platform, _ in platform }) {
            try library.register(source, named: name)
        }
        self.library = library
    }

    /// Renders `template` with `values` plus `site` and `viewer`, as an HTML response.
    public func render(
        _ template: String, site: PageSite, viewer: PageViewer? = nil, values: [String: Any] = [:], status: HTTPResponse.Status = .ok,
        headers extra: HTTPFields = [:]
    ) -> Response {
        var context = values
        context["site"] = site.templateValues
        if let viewer { context["viewer"] = viewer.templateValues }
        let html = library.render(context, withTemplate: template) ?? "<!doctype html><title>Erreur</title><p>Page indisponible.</p>"
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func errorPage(_ error: WebError, site: PageSite, viewer: PageViewer?, requestID: String) -> Response {
        render("error", site: site, viewer: viewer, values: [
            "status": Int(error.status.code), "title": error.title, "detail": error.detail ?? "", "requestID": requestID,
        ], status: error.status)
    }
}
