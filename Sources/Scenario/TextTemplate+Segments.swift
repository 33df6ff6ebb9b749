extension TextTemplate {
    /// The values a template can refer to, written `{user}`, `{iteration}`, and so on.
    public enum Placeholder: String, CaseIterable, Sendable {
        /// The user's number in the run, from 1, across all groups.
        case user
        /// The innermost loop's iteration, from 1; 0 outside any loop.
        case iteration
        /// The name the user last set (the server's `Guest` before any `setName`).
        case name
        /// The run's identifier.
        case run
        /// The user's group name.
        case group
        /// The user's count of `send` and `emit` steps so far, from 1 for the first.
        case seq
    }

    /// A piece of a template.
    public enum Segment: Sendable, Equatable {
        /// Literal text.
        case text(String)
        /// A known placeholder.
        case placeholder(Placeholder)
        /// `{word}` where `word` is not a known placeholder; ``ScenarioParser`` rejects these.
        case unknown(String)
    }

    /// The template split into text and placeholders.
    ///
    /// `{word}` (a letter or `_`, then letters, digits or `_`) is a placeholder, `{{` is a literal
    /// `{`, and any other brace is literal text, so JSON-looking text such as `{"a": 1}` needs no escaping.
    public var segments: [Segment] {
        var segments: [Segment] = []
        var text = ""
        let characters = Array(source)
        var i = 0
        while i < characters.count {
            let character = characters[i]
            guard character == "{" else {
                text.append(character)
                i += 1
                continue
            }
            if i + 1 < characters.count, characters[i + 1] == "{" {
                text.append("{")
                i += 2
                continue
            }
            var end = i + 1
            while end < characters.count, Self.isWordCharacter(characters[end]) { end += 1 }
            guard end > i + 1, end < characters.count, characters[end] == "}", !characters[i + 1].isNumber else {
                text.append(character)
                i += 1
                continue
            }
            if !text.isEmpty {
                segments.append(.text(text))
                text = ""
            }
            let word = String(characters[(i + 1)..<end])
            segments.append(Placeholder(rawValue: word).map(Segment.placeholder) ?? .unknown(word))
            i = end + 1
        }
        if !text.isEmpty { segments.append(.text(text)) }
        return segments
    }

    /// The text with each placeholder replaced by `value(placeholder)`; unknown placeholders stay as written.
    public func rendered(_ value: (Placeholder) -> String) -> String {
        guard source.contains("{") else { return source }
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .placeholder(let placeholder): output += value(placeholder)
            case .unknown(let word): output += "{\(word)}"
            }
        }
        return output
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }
}
