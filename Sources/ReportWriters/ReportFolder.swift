import Foundation

/// A run's report folder: `report.json`, `summary.md`, `report.html` and `junit.xml` side by side.
public enum ReportFolder {
    /// The writers of a report folder, in the order their files are written.
    public static let writers: [any ReportWriter] = [
        JSONReportWriter(), MarkdownReportWriter(), HTMLReportWriter(), JUnitReportWriter(),
    ]

    /// Renders every file first, then creates `directory` (and its parents) and writes them; returns their paths.
    /// Throws ``ReportError/Code/cannotWrite`` when the folder or a file cannot be written.
    @discardableResult
    public static func write(_ report: RunReport, to directory: String) throws -> [String] {
        let files = try writers.map { ($0.fileName, try $0.render(report)) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError.cannotWrite(path: directory, detail: error.localizedDescription)
        }
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        var paths: [String] = []
        for (name, bytes) in files {
            let url = folder.appendingPathComponent(name)
            do {
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw ReportError.cannotWrite(path: url.path, detail: error.localizedDescription)
            }
            paths.append(url.path)
        }
        return paths
    }
}
