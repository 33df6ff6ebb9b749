/// Renders a run report into one file of a report folder. Pure: the same report gives the same bytes.
public protocol ReportWriter: Sendable {
    /// The file name inside the report folder, e.g. `report.json`.
    var fileName: String { get }
    /// The file's bytes.
    func render(_ report: RunReport) throws -> [UInt8]
}
