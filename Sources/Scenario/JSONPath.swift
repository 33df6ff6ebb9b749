/// A location inside the scenario document, written like JSONPath: `$.groups[0].flow[2].loop.every`.
///
/// Keys that are not plain identifiers are bracketed and quoted: `$.connection.headers['X-Token']`.
struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    /// The path's text.
    private(set) var description: String

    /// The document itself, `$`.
    static let root = JSONPath(description: "$")

    /// The member `key` of the object at this path.
    func appending(_ key: String) -> JSONPath {
        if Self.isIdentifier(key) {
            return JSONPath(description: description + "." + key)
        }
        var escaped = ""
        for character in key {
            if character == "'" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return JSONPath(description: description + "['" + escaped + "']")
    }

    /// The element `index` of the array at this path.
    func appending(_ index: Int) -> JSONPath {
        JSONPath(description: description + "[\(index)]")
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "$"
        }
    }
}
