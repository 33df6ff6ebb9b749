import Foundation

/// Writes a comparison's files: `comparison.md`, `comparison.html` and `comparison.json` (the names and
/// the compared reports, so the comparison can be rendered again).
public enum ComparisonFolder {
    /// The JSON form: each entry's name and full report.
    public struct Document: Codable, Sendable {
        public var schema = "openchat-probe/comparison"
        public var version = 1
        public var entries: [NamedReport]
    }

    /// A named report inside `comparison.json`.
    public struct NamedReport: Codable, Sendable {
        public var name: String
        public var report: RunReport
    }

    /// Writes the three files into `directory` (created if needed) and returns their paths.
    public static func write(_ comparison: Comparison, to directory: String) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let document = Document(entries: comparison.entries.map { NamedReport(name: $0.name, report: $0.report) })
        let files: [(String, Data)] = [
            ("comparison.md", Data(ComparisonWriters.markdown(comparison).utf8)),
            ("comparison.html", Data(ComparisonWriters.html(comparison).utf8)),
            ("comparison.json", try encoder.encode(document)),
        ]
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for (name, data) in files {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            paths.append(path)
        }
        return paths
    }
}
