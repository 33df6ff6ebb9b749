/// Incremental parser of the server's HTTP response to the upgrade request (RFC 6455 §4.1, §4.2.2).
///
/// Feed it every read until it returns `.upgraded`; the bytes after the blank line that ends the
/// headers are returned as `leftover` and are already WebSocket frames. For a non-101 answer it
/// waits for up to 512 bytes of the body (by Content-Length or chunked framing) so the error can
/// show the server's explanation; a body with neither is reported with whatever arrived with the head.
public struct WebSocketHandshakeResponseParser: Sendable {
    /// What a call to `parse` produced.
    public enum Result: Equatable, Sendable {
        /// The response is not complete yet.
        case needMoreData
        /// The server accepted the upgrade; `leftover` holds the first frame bytes, if any.
        case upgraded(leftover: [UInt8])
    }

    private enum BodyFraming: Sendable {
        case length(Int)
        case chunked
        case untilClose
    }

    private enum State: Sendable {
        case readingHead
        case readingErrorBody(status: Int, reasonPhrase: String, framing: BodyFraming)
        case upgraded
        case failed(WebSocketHandshakeError)
    }

    /// The status line and headers must end within this many bytes.
    public let maxHeaderBytes: Int
    private let expectedAccept: String
    private let requestedSubprotocols: [String]
    private var state = State.readingHead
    /// The head while it is read, then the body of a non-101 answer.
    private var buffer: [UInt8] = []
    /// Where the search for the end of the head resumes, so each byte is scanned about once.
    private var scanIndex = 0

    /// Raw chunked bytes kept for a non-101 body; enough for 512 body bytes in any sane chunking.
    private static let maxChunkedBodyBytes = 8192

    /// Expects the accept value for `key`; a Sec-WebSocket-Protocol answer must be one of `requestedSubprotocols`.
    public init(key: String, maxHeaderBytes: Int = 16 << 10, requestedSubprotocols: [String] = []) {
        self.expectedAccept = WebSocketHandshake.acceptValue(forKey: key)
        self.maxHeaderBytes = max(0, maxHeaderBytes)
        self.requestedSubprotocols = requestedSubprotocols
    }

    /// Feeds bytes read from the socket. After `.upgraded`, further bytes are returned unchanged as leftover.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(WebSocketHandshakeError) -> Result {
        try parse(Array(bytes))
    }

    /// Feeds bytes read from the socket. After `.upgraded`, further bytes are returned unchanged as leftover.
    public mutating func parse(_ bytes: [UInt8]) throws(WebSocketHandshakeError) -> Result {
        do throws(WebSocketHandshakeError) {
            switch state {
            case .upgraded:
                return .upgraded(leftover: bytes)
            case .failed(let error):
                throw error
            case .readingHead:
                buffer.append(contentsOf: bytes)
                return try parseHead()
            case .readingErrorBody(let status, let phrase, let framing):
                let cap =
                    switch framing {
                    case .length(let length): min(length, WebSocketHandshakeError.maxBodyBytes)
                    case .chunked: Self.maxChunkedBodyBytes
                    case .untilClose: WebSocketHandshakeError.maxBodyBytes
                    }
                buffer.append(contentsOf: bytes.prefix(max(0, cap - buffer.count)))
                return try checkErrorBody(status: status, reasonPhrase: phrase, framing: framing)
            }
        } catch {
            state = .failed(error)
            buffer = []
            throw error
        }
    }

    /// The error to report when the connection ends before `.upgraded`: the non-101 status with
    /// whatever body arrived, or a malformed response; `nil` once upgraded.
    public func connectionClosedError() -> WebSocketHandshakeError? {
        switch state {
        case .upgraded:
            return nil
        case .failed(let error):
            return error
        case .readingHead:
            return .malformedResponse(
                "the connection closed after \(buffer.count) bytes, before the response headers were complete")
        case .readingErrorBody(let status, let phrase, let framing):
            let body = if case .chunked = framing { Self.decodeChunked(buffer).body } else { buffer }
            return .unexpectedStatus(code: status, reasonPhrase: phrase, body: body)
        }
    }

    // MARK: - Head

    private mutating func parseHead() throws(WebSocketHandshakeError) -> Result {
        guard let headEnd = findEndOfHead() else {
            if buffer.count > maxHeaderBytes { throw .headersTooLarge(limit: maxHeaderBytes) }
            return .needMoreData
        }
        if headEnd > maxHeaderBytes { throw .headersTooLarge(limit: maxHeaderBytes) }
        let (status, phrase, headers) = try Self.parseHead(buffer[..<headEnd])

        if status == 101 {
            try validateUpgrade(headers)
            let leftover = Array(buffer[headEnd...])
            buffer = []
            state = .upgraded
            return .upgraded(leftover: leftover)
        }

        let framing = Self.bodyFraming(status: status, headers: headers)
        buffer.removeSubrange(..<headEnd)
        state = .readingErrorBody(status: status, reasonPhrase: phrase, framing: framing)
        return try checkErrorBody(status: status, reasonPhrase: phrase, framing: framing)
    }

    /// The index just past the blank line ending the head (CRLF CRLF, tolerating bare LF), or `nil`.
    private mutating func findEndOfHead() -> Int? {
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var index = scanIndex
        // Never scan much past the limit: a head that long fails anyway.
        let scanEnd = min(buffer.count, maxHeaderBytes + 4)
        while index < scanEnd {
            if buffer[index] == lf {
                guard index + 1 < buffer.count else { break }
                if buffer[index + 1] == lf { return index + 2 }
                if buffer[index + 1] == cr {
                    guard index + 2 < buffer.count else { break }
                    if buffer[index + 2] == lf { return index + 3 }
                }
            }
            index += 1
        }
        scanIndex = index
        return nil
    }

    private static func parseHead(
        _ head: ArraySlice<UInt8>
    ) throws(WebSocketHandshakeError) -> (status: Int, reasonPhrase: String, headers: [(name: String, value: String)]) {
        var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let statusLine = lines.first else { throw .malformedResponse("the response is empty") }

        // RFC 9112 §4: HTTP-version SP status-code SP [reason-phrase]
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."),
            parts[1].utf8.count == 3, parts[1].utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let status = Int(parts[1])
        else {
            throw .malformedResponse("expected a status line like \"HTTP/1.1 101 Switching Protocols\", got \"\(statusLine.prefix(100))\"")
        }
        let phrase = parts.count > 2 ? String(parts[2]) : ""

        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                // obs-fold (RFC 9112 §5.2): a continuation of the previous value.
                guard !headers.isEmpty else { throw .malformedResponse("the first header line starts with whitespace") }
                headers[headers.count - 1].value += " " + HTTPHeaderValue.trimmed(Substring(line))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else {
                throw .malformedResponse("header line without a colon: \"\(line.prefix(100))\"")
            }
            let name = HTTPHeaderValue.trimmed(line[..<colon]).lowercased()
            guard !name.isEmpty else { throw .malformedResponse("header line with an empty name: \"\(line.prefix(100))\"") }
            headers.append((name, HTTPHeaderValue.trimmed(line[line.index(after: colon)...])))
        }
        return (status, phrase, headers)
    }

    /// RFC 6455 §4.1, the client's checks of the server's handshake, in the order listed there.
    private func validateUpgrade(_ headers: [(name: String, value: String)]) throws(WebSocketHandshakeError) {
        func values(_ name: String) -> [String] { headers.filter { $0.name == name }.map(\.value) }
        func joined(_ name: String) -> String? {
            let found = values(name)
            return found.isEmpty ? nil : found.joined(separator: ", ")
        }

        let upgrade = joined("upgrade")
        guard let upgrade, HTTPHeaderValue.tokens(upgrade).contains(where: { $0.lowercased() == "websocket" }) else {
            throw .invalidUpgradeHeader(upgrade)
        }
        let connection = joined("connection")
        guard let connection, HTTPHeaderValue.tokens(connection).contains(where: { $0.lowercased() == "upgrade" }) else {
            throw .invalidConnectionHeader(connection)
        }
        let accept = joined("sec-websocket-accept")
        guard accept == expectedAccept else { throw .invalidAccept(expected: expectedAccept, received: accept) }

        if let extensions = joined("sec-websocket-extensions"), !HTTPHeaderValue.tokens(extensions).isEmpty {
            throw .unrequestedExtension(extensions)
        }
        if let selected = joined("sec-websocket-protocol"), !selected.isEmpty {
            guard HTTPHeaderValue.tokens(selected).count == 1, requestedSubprotocols.contains(selected) else {
                throw .unrequestedSubprotocol(selected)
            }
        }
    }

    // MARK: - Body of a non-101 answer

    /// RFC 9112 §6.3: chunked wins over Content-Length; 1xx, 204 and 304 have no body.
    private static func bodyFraming(status: Int, headers: [(name: String, value: String)]) -> BodyFraming {
        if (100..<200).contains(status) || status == 204 || status == 304 { return .length(0) }
        let transferCodings = headers.filter { $0.name == "transfer-encoding" }.flatMap { HTTPHeaderValue.tokens($0.value) }
        if transferCodings.last?.lowercased() == "chunked" { return .chunked }
        if let contentLength = headers.first(where: { $0.name == "content-length" }),
            let first = HTTPHeaderValue.tokens(contentLength.value).first,
            let length = Int(first), length >= 0
        {
            return .length(length)
        }
        return .untilClose
    }

    /// Throws the non-101 error once enough of the body is here; bodies that end at close are reported at once.
    private func checkErrorBody(
        status: Int, reasonPhrase: String, framing: BodyFraming
    ) throws(WebSocketHandshakeError) -> Result {
        switch framing {
        case .length(let length):
            guard buffer.count >= min(length, WebSocketHandshakeError.maxBodyBytes) else { return .needMoreData }
            throw .unexpectedStatus(code: status, reasonPhrase: reasonPhrase, body: buffer)
        case .chunked:
            let (body, isComplete) = Self.decodeChunked(buffer)
            guard isComplete || body.count >= WebSocketHandshakeError.maxBodyBytes
                || buffer.count >= Self.maxChunkedBodyBytes
            else { return .needMoreData }
            throw .unexpectedStatus(code: status, reasonPhrase: reasonPhrase, body: body)
        case .untilClose:
            throw .unexpectedStatus(code: status, reasonPhrase: reasonPhrase, body: buffer)
        }
    }

    /// Decodes as much of a chunked body (RFC 9112 §7.1) as is buffered; `isComplete` after the last chunk.
    /// Malformed chunking ends the body where it went wrong: this is only for an error message.
    static func decodeChunked(_ raw: [UInt8]) -> (body: [UInt8], isComplete: Bool) {
        var body: [UInt8] = []
        var index = 0
        while true {
            guard let lineEnd = raw[index...].firstIndex(of: UInt8(ascii: "\n")) else { return (body, false) }
            var size = 0
            var digits = 0
            for byte in raw[index..<lineEnd] {
                guard let digit = hexValue(byte) else { break }  // stops at ";ext" or CR
                guard size < 1 << 24 else { return (body, true) }
                size = size << 4 | digit
                digits += 1
            }
            guard digits > 0 else { return (body, true) }
            if size == 0 { return (body, true) }
            let dataStart = lineEnd + 1
            let available = min(size, raw.count - dataStart)
            body.append(contentsOf: raw[dataStart..<dataStart + available])
            guard available == size else { return (body, false) }
            // Skip the CRLF after the chunk data.
            index = dataStart + size
            guard let next = raw[index...].firstIndex(of: UInt8(ascii: "\n")) else { return (body, false) }
            index = next + 1
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
