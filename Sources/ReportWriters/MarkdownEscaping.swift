/// Makes report text (which may come from a server) inert inside GitHub-flavoured Markdown tables and lines.
enum MarkdownEscaping {
    /// `text` on one line, at most `maxLength` characters, with table pipes, emphasis, code and HTML neutralized.
    static func text(_ text: String, maxLength: Int = .max) -> String {
        var output = ""
        var length = 0
        for character in text {
            if length == maxLength {
                output += "…"
                break
            }
            length += 1
            switch character {
            case "\r\n", "\n", "\r", "\t": output += " "
            case "\\", "|", "`", "*", "_", "[", "]", "~": output += "\\" + String(character)
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&": output += "&amp;"
            default:
                if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) {
                    output += "\u{FFFD}"
                } else {
                    output.append(character)
                }
            }
        }
        return output
    }

    /// A fenced code block whose fence is longer than any backtick run inside `code`.
    static func codeBlock(_ code: String, language: String = "") -> String {
        var longest = 0
        var run = 0
        for character in code {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)\(language)\n\(code)\n\(fence)\n"
    }
}
