/// One step of a multi-step form.
public struct FormPage: Codable, Equatable, Sendable {
    /// Shown above the page's fields and in the steps list («Localisation», «Vos coordonnées»).
    public var title: String
    public var fields: [FormField]

    public init(title: String, fields: [FormField]) {
        self.title = title
        self.fields = fields
    }
}
