/// Makes report text (which may come from a server) inert in HTML and SVG, in text and in quoted attributes.
enum HTMLEscaping {
    /// `text` with `& < > " '` as character references and control characters (which HTML forbids) as U+FFFD;
    /// cut to `maxLength` characters with "…".
    static func escape(_ text: String, maxLength: Int = .max) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var length = 0
        for scalar in text.unicodeScalars {
            if length == maxLength {
                output += "…"
                break
            }
            length += 1
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isNoncharacterCodePoint {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}
