import Foundation

extension FormDefinition {
    /// The form with `field` added at the end of page `page` (a new page when `page` is the page
    /// count, titled `newPageTitle`); refused with the definition's problems.
    public func adding(_ field: FormField, toPage page: Int, newPageTitle: String? = nil) -> Result<FormDefinition, DraftErrors> {
        var form = self
        if page == pages.count {
            let title = (newPageTitle ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            form.pages.append(FormPage(title: title.isEmpty ? "Étape \(page + 1)" : title, fields: [field]))
        } else if pages.indices.contains(page) {
            form.pages[page].fields.append(field)
        } else {
            return .failure(DraftErrors(messages: ["Cette étape n'existe pas."]))
        }
        return form.checked()
    }

    /// The form without the item `key` (a page left empty is removed); refused when another
    /// field's condition depends on it.
    public func removing(_ key: String) -> Result<FormDefinition, DraftErrors> {
        guard field(key) != nil else { return .failure(DraftErrors(messages: ["Ce champ n'existe pas."])) }
        if let dependent = fields.first(where: { $0.condition?.field == key }) {
            return .failure(DraftErrors(messages: ["Le champ « \(dependent.label) » dépend de celui-ci : modifiez ou supprimez-le d'abord."]))
        }
        var form = self
        for index in form.pages.indices { form.pages[index].fields.removeAll { $0.key == key } }
        form.pages.removeAll { $0.fields.isEmpty }
        return form.checked()
    }

    /// The form with the item `key` moved one place up or down within its page.
    public func moving(_ key: String, up: Bool) -> Result<FormDefinition, DraftErrors> {
        guard let page = page(of: key), let index = pages[page].fields.firstIndex(where: { $0.key == key }) else {
            return .failure(DraftErrors(messages: ["Ce champ n'existe pas."]))
        }
        let target = up ? index - 1 : index + 1
        guard pages[page].fields.indices.contains(target) else { return .success(self) }
        var form = self
        form.pages[page].fields.swapAt(index, target)
        return form.checked()
    }

    /// The form if it can be used, else its problems in French.
    public func checked() -> Result<FormDefinition, DraftErrors> {
        let problems = problems()
        return problems.isEmpty ? .success(self) : .failure(DraftErrors(messages: problems.map(\.message)))
    }
}
