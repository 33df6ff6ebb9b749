/// Checks that a template uses only the known placeholders.
enum TemplateValidator {
    /// The known placeholders as written in a template.
    static let placeholderNames = TextTemplate.Placeholder.allCases.map { "{\($0.rawValue)}" }

    /// The template, or nil after recording one issue per unknown placeholder.
    static func validate(_ text: String, at path: JSONPath, _ issues: inout IssueList) -> TextTemplate? {
        let template = TextTemplate(text)
        var isValid = true
        for case .unknown(let word) in template.segments {
            isValid = false
            let hint = Suggestion.closest(to: word, in: TextTemplate.Placeholder.allCases.map(\.rawValue))
                .map { " (did you mean {\($0)}?)" } ?? " (write {{ for a literal {)"
            issues.add(path, found: "the placeholder {\(word)}", expected: "one of " + placeholderNames.joined(separator: ", ") + hint)
        }
        return isValid ? template : nil
    }
}
