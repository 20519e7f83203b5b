/// An item of a form: a field taking an answer, or a section title or explanatory text.
public struct FormField: Codable, Equatable, Sendable {
    /// Unique in the form, `^[a-z][a-z0-9_]{0,39}$`: the name of the answer (and of the posted field).
    public var key: String
    /// The question (1–200 characters).
    public var label: String
    /// A hint shown under the label.
    public var help: String?
    /// Whether an answer is required (ignored for non-input items and for hidden fields).
    public var isRequired: Bool
    public var kind: FieldKind
    /// When set, the item is shown (and its answer kept) only when the condition holds.
    public var condition: FieldCondition?

    public init(key: String, label: String, help: String? = nil, isRequired: Bool = true, kind: FieldKind,
                condition: FieldCondition? = nil) {
        self.key = key
        self.label = label
        self.help = help
        self.isRequired = isRequired
        self.kind = kind
        self.condition = condition
    }

    /// The keys a form post may use for this field: its key, plus `<key>.latitude` and
    /// `<key>.longitude` for an address; none for a non-input item.
    public var postedKeys: [String] {
        switch kind {
        case .address: [key, key + Self.latitudeSuffix, key + Self.longitudeSuffix]
        case _ where !kind.isInput: []
        default: [key]
        }
    }

    public static let latitudeSuffix = ".latitude"
    public static let longitudeSuffix = ".longitude"
}
