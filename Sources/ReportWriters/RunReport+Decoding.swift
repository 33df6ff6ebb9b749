import Foundation

extension RunReport {
    /// Reads a `report.json`. Checks `schema` and `version` before the rest, so a file from another tool or a
    /// newer probe gets a message that says so; otherwise a ``ReportError`` names the field (`checks[2].status`).
    public static func decode(from bytes: [UInt8]) throws -> RunReport {
        let data = Data(bytes)
        let decoder = JSONDecoder()
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch let error as DecodingError {
            throw ReportError(decoding: error)
        }
        guard header.schema == RunReport.schema else {
            throw ReportError.wrongSchema(found: header.schema)
        }
        guard let version = header.version else {
            throw ReportError.malformed(path: "version", detail: "missing; a report has \"version\": \(RunReport.currentVersion)")
        }
        guard (1...RunReport.currentVersion).contains(version) else {
            throw ReportError.unsupportedVersion(version)
        }
        do {
            return try decoder.decode(RunReport.self, from: data)
        } catch let error as DecodingError {
            throw ReportError(decoding: error)
        }
    }

    /// Just enough to tell whether the rest can be read.
    private struct Header: Decodable {
        var schema: String?
        var version: Int?
    }
}

extension ReportError {
    /// The decoding error's message, with its coding path written as `checks[2].status`.
    init(decoding error: DecodingError) {
        switch error {
        case .typeMismatch(let type, let context):
            self = .malformed(path: Self.path(context.codingPath), detail: "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            self = .malformed(path: Self.path(context.codingPath), detail: "expected \(type), found null")
        case .keyNotFound(let key, let context):
            self = .malformed(path: Self.path(context.codingPath + [key]), detail: "missing field")
        case .dataCorrupted(let context):
            var detail = context.debugDescription
            if let underlying = context.underlyingError {
                detail += " (\(underlying))"
            }
            self = .malformed(path: Self.path(context.codingPath), detail: detail)
        @unknown default:
            self = .malformed(path: "", detail: "\(error)")
        }
    }

    /// `[checks, Index 2, status]` as `checks[2].status`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }
}
