import ArgumentParser
import Foundation
import ReportWriters

/// `openchat-probe report report.json`: renders summary.md, report.html and junit.xml again from the JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render the report files again from a report.json.",
        discussion: "Exit codes: 0 written; 2 the file is not a readable openchat-probe report."
    )

    @Argument(help: "A report.json written by `openchat-probe run`.")
    var file: String

    @Option(name: .long, help: "Folder for the files (default: the folder of the JSON file).")
    var out: String?

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(status: .usage, message: "\(file): cannot read the file")
        }
        let report: RunReport
        do {
            report = try RunReport.decode(from: [UInt8](data))
        } catch {
            throw CommandFailure(status: .usage, message: "\(file): \(error)")
        }
        let directory = out ?? URL(fileURLWithPath: file).deletingLastPathComponent().path
        do {
            let paths = try ReportFolder.write(report, to: directory)
            print(TerminalSummary.render(report))
            print("report: \(paths.joined(separator: ", "))")
        } catch {
            throw CommandFailure(status: .usage, message: "could not write to \(directory): \(error)")
        }
    }
}
