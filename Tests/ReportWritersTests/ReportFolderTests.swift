import Foundation
import ReportWriters
import Testing

@Suite struct ReportFolderTests {
    private func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "report-folder-\(UUID().uuidString)/nested"
    }

    @Test func writesAllFourFilesAndCreatesTheFolder() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        let report = SampleReport.make()
        let paths = try ReportFolder.write(report, to: directory)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["report.json", "summary.md", "report.html", "junit.xml"])
        for path in paths {
            #expect(FileManager.default.fileExists(atPath: path))
        }
        let json = try #require(FileManager.default.contents(atPath: paths[0]))
        #expect(try RunReport.decode(from: Array(json)) == report)
        let html = try #require(FileManager.default.contents(atPath: paths[2]))
        #expect(Array(html) == HTMLReportWriter().render(report))
    }

    @Test func unwritableFolderThrowsCannotWrite() {
        let file = NSTemporaryDirectory() + "report-folder-file-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect {
            try ReportFolder.write(SampleReport.make(), to: file + "/inside")
        } throws: { error in
            (error as? ReportError)?.code == .cannotWrite && "\(error)".contains(file)
        }
    }

    /// `REPORT_SAMPLE_DIR=/tmp/sample swift test --filter ReportWritersTests` writes the sample folder to look at.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["REPORT_SAMPLE_DIR"] != nil))
    func writesTheSampleFolderWhenAsked() throws {
        let directory = try #require(ProcessInfo.processInfo.environment["REPORT_SAMPLE_DIR"])
        #expect(try ReportFolder.write(SampleReport.make(), to: directory).count == 4)
    }
}
