import JSON

/// Reads a scenario from JSON and validates all of it before anything connects.
///
/// Every problem is reported, each with its JSON path: unknown keys (with the closest known
/// key), wrong types, impossible values, flows that send before connecting or after leaving,
/// unknown template placeholders, invalid regular expressions and thresholds, and `${VAR}`
/// references to environment variables that are not set. The format is described in
/// `Scenarios/README.md` and `Scenarios/scenario.schema.json`.
public enum ScenarioParser {
    /// The largest scenario file read, in bytes.
    public static let maximumFileBytes = 4 << 20

    /// Parses and validates a scenario from the UTF-8 bytes of a JSON document.
    ///
    /// - Parameters:
    ///   - bytes: the JSON text; a leading UTF-8 byte-order mark is skipped.
    ///   - file: where the bytes came from, for messages; its base name is the default scenario name.
    ///   - environment: the variables that `${NAME}` in `target`, connection headers, query values
    ///     and auth strings refer to.
    /// - Throws: ``ScenarioValidationError`` with every problem found.
    public static func parse(_ bytes: [UInt8], file: String? = nil, environment: [String: String]) throws(ScenarioValidationError) -> Scenario {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        guard body.count <= maximumFileBytes else {
            throw ScenarioValidationError(file: file, issues: [tooLargeIssue])
        }
        let document: JSONValue
        do {
            document = try JSONValue(parsing: body, limits: JSONLimits(maxDepth: 64, maxBytes: maximumFileBytes))
        } catch {
            throw ScenarioValidationError(file: file, issues: [SyntaxIssue.make(for: error, in: body)])
        }
        var issues = IssueList()
        let scenario = DocumentParser.parse(document, defaultName: defaultName(for: file), environment: environment, &issues)
        // Readers return fallbacks after recording an issue, so a scenario is only valid without issues.
        guard issues.isEmpty, let scenario else {
            throw ScenarioValidationError(file: file, issues: issues.issues)
        }
        return scenario
    }

    /// Reads the file at `path` and parses it; a missing or unreadable file is an issue too.
    public static func parse(contentsOf path: String, environment: [String: String]) throws(ScenarioValidationError) -> Scenario {
        switch FileReader.read(path, limit: maximumFileBytes) {
        case .success(let bytes):
            return try parse(bytes, file: path, environment: environment)
        case .failure(.tooLarge):
            throw ScenarioValidationError(file: path, issues: [tooLargeIssue])
        case .failure(.system(let reason)):
            throw ScenarioValidationError(file: path, issues: [
                ScenarioIssue(path: "$", found: "a file that cannot be read (\(reason))", expected: "a readable JSON scenario file"),
            ])
        }
    }

    private static var tooLargeIssue: ScenarioIssue {
        ScenarioIssue(path: "$", found: "a file larger than \(maximumFileBytes >> 20) MiB", expected: "a scenario file of at most \(maximumFileBytes >> 20) MiB")
    }

    /// The file's base name without its extension, made safe for a folder name; "scenario" without a file.
    static func defaultName(for file: String?) -> String {
        guard let file else { return "scenario" }
        var base = Substring(file.split(separator: "/").last ?? "")
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
        let safe = String(base.map { DocumentParser.isNameCharacter($0) ? $0 : "-" }.prefix(DocumentParser.maximumNameLength))
        return safe.isEmpty || safe.hasPrefix(".") ? "scenario" : safe
    }
}
