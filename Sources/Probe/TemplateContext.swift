import Scenario

/// Values for the placeholders of a ``TextTemplate``.
struct TemplateContext {
    var user: Int
    var iteration: Int
    var name: String
    var runID: String
    var group: String
    var sequence: Int

    /// Replaces `{user}`, `{iteration}`, `{name}`, `{run}`, `{group}` and `{seq}` with the scenario
    /// format's own tokenizer, so rendering and validation agree (`{{` is a literal brace).
    func render(_ template: TextTemplate) -> String {
        template.rendered { placeholder in
            switch placeholder {
            case .user: return String(user)
            case .iteration: return String(iteration)
            case .name: return name
            case .run: return runID
            case .group: return group
            case .seq: return String(sequence)
            }
        }
    }
}
