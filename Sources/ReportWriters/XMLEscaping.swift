/// Makes report text valid and inert in XML 1.0 text and attribute values.
enum XMLEscaping {
    /// `text` with markup characters as entities. Characters XML 1.0 cannot carry at all (C0 controls other than
    /// tab, LF, CR; U+FFFE, U+FFFF) become a visible `\u{1B}`; in attributes, tab, LF and CR become character
    /// references so parsers don't normalize them to spaces.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += attribute ? "&quot;" : "\""
            case "'": output += attribute ? "&apos;" : "'"
            case "\t": output += attribute ? "&#9;" : "\t"
            case "\n": output += attribute ? "&#10;" : "\n"
            case "\r": output += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}
