import Foundation

/// Writes `report.json`: the whole ``RunReport``, pretty printed with sorted keys so runs diff cleanly.
public struct JSONReportWriter: ReportWriter {
    /// `report.json`.
    public let fileName = "report.json"

    /// A writer.
    public init() {}

    /// The report as UTF-8 JSON; throws `EncodingError` only for a non-finite number, which reports never hold.
    public func render(_ report: RunReport) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var bytes = Array(try encoder.encode(report))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
