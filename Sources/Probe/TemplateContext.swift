import Scenario

/// Values for the placeholders of a ``TextTemplate``.
struct TemplateContext {
    var user: Int
    var iteration: Int
    var name: String
    var runID: String
    var group: String
    var sequence: Int

    /// Replaces `{user}`, `{iteration}`, `{name}`, `{run}`, `{group}` and `{seq}`; other text is kept.
    func render(_ template: TextTemplate) -> String {
        let source = template.source
        guard source.contains("{") else { return source }
        var result = ""
        result.reserveCapacity(source.utf8.count + 16)
        var rest = source[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                result += rest[open...]
                return result
            }
            switch rest[rest.index(after: open)..<close] {
            case "user": result += String(user)
            case "iteration": result += String(iteration)
            case "name": result += name
            case "run": result += runID
            case "group": result += group
            case "seq": result += String(sequence)
            default: result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
