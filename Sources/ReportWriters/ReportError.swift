/// A report that could not be read, merged or written, with a message that says what to do about it.
public struct ReportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem it is. An open set: new codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: Hashable, Sendable {
            case wrongSchema, unsupportedVersion, malformed, invalidHistogram, cannotWrite
        }

        fileprivate let base: Base

        /// The file is JSON but not an openchat-probe report (its `schema` differs or is missing).
        public static let wrongSchema = Code(base: .wrongSchema)
        /// The report was written by a newer (or broken) probe: its `version` is not one this build reads.
        public static let unsupportedVersion = Code(base: .unsupportedVersion)
        /// The bytes are not valid JSON, or a field is missing or has the wrong type.
        public static let malformed = Code(base: .malformed)
        /// An encoded histogram does not fit the layout reports use, or its counts are inconsistent.
        public static let invalidHistogram = Code(base: .invalidHistogram)
        /// A report file or its folder could not be created.
        public static let cannotWrite = Code(base: .cannotWrite)

        /// A short name for the code, e.g. "wrong schema".
        public var description: String {
            switch base {
            case .wrongSchema: "wrong schema"
            case .unsupportedVersion: "unsupported version"
            case .malformed: "malformed report"
            case .invalidHistogram: "invalid histogram"
            case .cannotWrite: "cannot write report"
            }
        }
    }

    /// The kind of problem.
    public let code: Code
    /// The whole message, e.g. "not an openchat-probe report: schema is "k6/summary", expected "openchat-probe/report"".
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    static func wrongSchema(found: String?) -> ReportError {
        let shown = found.map { "schema is \"\($0)\"" } ?? "it has no \"schema\" field"
        return ReportError(.wrongSchema, "not an openchat-probe report: \(shown), expected \"\(RunReport.schema)\"")
    }

    static func unsupportedVersion(_ version: Int) -> ReportError {
        let advice = version > RunReport.currentVersion
            ? "it was written by a newer openchat-probe; read it with that version or newer"
            : "versions start at 1"
        return ReportError(.unsupportedVersion,
                           "report version \(version) is not supported (this build reads up to \(RunReport.currentVersion)): \(advice)")
    }

    static func malformed(path: String, detail: String) -> ReportError {
        let location = path.isEmpty ? "" : " at \(path)"
        return ReportError(.malformed, "malformed report\(location): \(detail)")
    }

    static func invalidHistogram(_ detail: String) -> ReportError {
        ReportError(.invalidHistogram, "invalid histogram: \(detail)")
    }

    static func cannotWrite(path: String, detail: String) -> ReportError {
        ReportError(.cannotWrite, "cannot write \(path): \(detail)")
    }
}
