import Foundation

/// A procedure type's form: its pages, each a list of items (fields to fill, section titles,
/// explanatory texts). Stored as JSON; `version` is the definition's revision, recorded with each
/// request so that its answers are always read with the form they were given to.
///
/// Check a definition with `problems()` (in `FormDefinition+Validation.swift`) before using it;
/// answers are validated with `validate(_:)` and `validate(page:_:earlier:)`
/// (in `FormDefinition+Answers.swift`).
public struct FormDefinition: Codable, Equatable, Sendable {
    /// The revision of this definition (1, 2…), raised by each published change.
    public var version: Int
    /// The procedure's name shown to people («Signalement d'un dépôt sauvage»).
    public var title: String
    public var pages: [FormPage]

    public init(version: Int = 1, title: String, pages: [FormPage]) {
        self.version = version
        self.title = title
        self.pages = pages
    }

    /// Every item, in form order (page after page).
    public var fields: [FormField] { pages.flatMap(\.fields) }

    /// The input fields (those that take an answer), in form order.
    public var inputFields: [FormField] { fields.filter(\.kind.isInput) }

    /// The item with this key, if any.
    public func field(_ key: String) -> FormField? { fields.first { $0.key == key } }

    /// The index of the page holding the item with this key.
    public func page(of key: String) -> Int? {
        pages.firstIndex { $0.fields.contains { $0.key == key } }
    }
}
