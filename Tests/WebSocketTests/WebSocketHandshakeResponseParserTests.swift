import Testing

import WebSocket

@Suite("WebSocketHandshakeResponseParser")
struct WebSocketHandshakeResponseParserTests {
    static let key = "dGhlIHNhbXBsZSBub25jZQ=="
    static let accept = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

    static func response(_ lines: [String], body: String = "") -> [UInt8] {
        Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    static let upgrade = response([
        "HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Accept: \(accept)",
    ])

    /// Feeds `bytes` whole or a byte at a time; returns the leftover once upgraded (joined across calls).
    static func run(
        _ bytes: [UInt8], byteAtATime: Bool, parser: WebSocketHandshakeResponseParser = .init(key: key)
    ) throws(WebSocketHandshakeError) -> [UInt8]? {
        var parser = parser
        var leftover: [UInt8]?
        for chunk in byteAtATime ? bytes.map({ [$0] }) : [bytes] {
            if case .upgraded(let more) = try parser.parse(chunk) { leftover = (leftover ?? []) + more }
        }
        return leftover
    }

    @Test(arguments: [false, true])
    func upgradesAndReturnsLeftoverFrames(byteAtATime: Bool) throws {
        let frames: [UInt8] = [0x81, 0x02, 0x30, 0x7B]  // python-engineio's "0{" arriving with the 101
        #expect(try Self.run(Self.upgrade + frames, byteAtATime: byteAtATime) == frames)
        #expect(try Self.run(Self.upgrade, byteAtATime: byteAtATime) == [])
    }

    @Test func needsMoreDataUntilTheBlankLine() throws {
        var parser = WebSocketHandshakeResponseParser(key: Self.key)
        let head = Self.upgrade
        #expect(try parser.parse(Array(head.dropLast(2))) == .needMoreData)
        #expect(try parser.parse(Array(head.suffix(2)) + [0x89, 0x00]) == .upgraded(leftover: [0x89, 0x00]))
        #expect(try parser.parse([0x01]) == .upgraded(leftover: [0x01]))
    }

    @Test func acceptsUnsafeRawBufferPointer() throws {
        var parser = WebSocketHandshakeResponseParser(key: Self.key)
        let result = try Self.upgrade.withUnsafeBytes { bytes throws(WebSocketHandshakeError) in try parser.parse(bytes) }
        #expect(result == .upgraded(leftover: []))
    }

    @Test(arguments: [false, true])
    func headerNamesAndTokensAreCaseInsensitive(byteAtATime: Bool) throws {
        let bytes = Self.response([
            "HTTP/1.1 101 WebSocket Protocol Handshake", "UPGRADE: WebSocket", "connection: keep-alive,  Upgrade",
            "sec-websocket-accept:\(Self.accept)   ", "X-Other: ignored",
        ])
        #expect(try Self.run(bytes, byteAtATime: byteAtATime) == [])
    }

    @Test func connectionMayBeSplitOverSeveralHeadersAndBareLFIsTolerated() throws {
        let bytes = Array(
            "HTTP/1.1 101 OK\nUpgrade: websocket\nConnection: keep-alive\nConnection: upgrade\nSec-WebSocket-Accept: \(Self.accept)\n\n"
                .utf8)
        #expect(try Self.run(bytes, byteAtATime: false) == [])
        #expect(try Self.run(bytes, byteAtATime: true) == [])
    }

    @Test(arguments: [false, true])
    func surfacesPython400Body(byteAtATime: Bool) {
        let body = "\"Invalid session 5bRs8x0kR2uKpT2yAAAB\""
        let bytes = Self.response(
            ["HTTP/1.1 400 BAD REQUEST", "Content-Type: text/plain", "Content-Length: \(body.utf8.count)"], body: body)
        let error = #expect(throws: WebSocketHandshakeError.self) { try Self.run(bytes, byteAtATime: byteAtATime) }
        #expect(error?.kind == .unexpectedStatus)
        #expect(error?.statusCode == 400)
        #expect(error?.reasonPhrase == "BAD REQUEST")
        #expect(error?.bodyText == body)
        #expect(error?.description == "the server answered 400 BAD REQUEST instead of 101 Switching Protocols: \(body)")
    }

    @Test func waitsForTheContentLengthBodyBeforeFailing() throws {
        var parser = WebSocketHandshakeResponseParser(key: Self.key)
        #expect(try parser.parse(Self.response(["HTTP/1.1 403 Forbidden", "Content-Length: 11"], body: "not ")) == .needMoreData)
        let error = #expect(throws: WebSocketHandshakeError.self) { try parser.parse(Array("allowed and more".utf8)) }
        #expect(error?.bodyText == "not allowed")
        // The failure is sticky.
        let again = #expect(throws: WebSocketHandshakeError.self) { try parser.parse([]) }
        #expect(again == error)
    }

    @Test(arguments: [false, true])
    func decodesAChunkedErrorBody(byteAtATime: Bool) {
        let bytes = Self.response(
            ["HTTP/1.1 400 Bad Request", "Transfer-Encoding: chunked"], body: "8\r\n\"Invalid\r\n9;ext=1\r\n session\"\r\n0\r\n\r\n")
        let error = #expect(throws: WebSocketHandshakeError.self) { try Self.run(bytes, byteAtATime: byteAtATime) }
        #expect(error?.bodyText == "\"Invalid session\"")
    }

    @Test func keepsAtMost512BodyBytes() {
        let body = String(repeating: "x", count: 2000)
        let bytes = Self.response(["HTTP/1.1 500 Internal Server Error", "Content-Length: 2000"], body: body)
        let error = #expect(throws: WebSocketHandshakeError.self) { try Self.run(bytes, byteAtATime: false) }
        #expect(error?.body.count == 512)
        #expect(error?.statusCode == 500)
    }

    @Test func reportsAnUnframedBodyWithWhatArrived() {
        let bytes = Self.response(["HTTP/1.0 404 Not Found"], body: "no such path")
        let error = #expect(throws: WebSocketHandshakeError.self) { try Self.run(bytes, byteAtATime: false) }
        #expect(error?.statusCode == 404)
        #expect(error?.bodyText == "no such path")
    }

    @Test func connectionClosedErrorDescribesWhereItStopped() throws {
        var parser = WebSocketHandshakeResponseParser(key: Self.key)
        _ = try parser.parse(Array("HTTP/1.1 101 Swi".utf8))
        #expect(parser.connectionClosedError()?.kind == .malformedResponse)

        var erroring = WebSocketHandshakeResponseParser(key: Self.key)
        _ = try erroring.parse(Self.response(["HTTP/1.1 400 BAD REQUEST", "Content-Length: 100"], body: "\"Invalid"))
        #expect(erroring.connectionClosedError()?.statusCode == 400)
        #expect(erroring.connectionClosedError()?.bodyText == "\"Invalid")

        var upgraded = WebSocketHandshakeResponseParser(key: Self.key)
        _ = try upgraded.parse(Self.upgrade)
        #expect(upgraded.connectionClosedError() == nil)
    }

    @Test func acceptsARequestedSubprotocol() throws {
        let handshake = WebSocketHandshake(
            host: "h", requestTarget: "/", headers: [("Sec-WebSocket-Protocol", "chat, superchat")], key: Self.key)
        var parser = handshake.makeResponseParser()
        let bytes = Self.response([
            "HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Accept: \(Self.accept)", "Sec-WebSocket-Protocol: chat",
        ])
        #expect(try parser.parse(bytes) == .upgraded(leftover: []))
    }

    @Test func rejectsHeadersOverTheLimit() {
        var lines = ["HTTP/1.1 101 Switching Protocols"]
        lines += (0..<400).map { "X-Padding-\($0): " + String(repeating: "p", count: 40) }
        let bytes = Self.response(lines)
        for byteAtATime in [false, true] {
            let error = #expect(throws: WebSocketHandshakeError.self) { try Self.run(bytes, byteAtATime: byteAtATime) }
            #expect(error?.kind == .headersTooLarge)
        }
        // And without the blank line ever arriving.
        var parser = WebSocketHandshakeResponseParser(key: Self.key, maxHeaderBytes: 64)
        #expect(throws: WebSocketHandshakeError.self) { try parser.parse([UInt8](repeating: 0x41, count: 65)) }
    }

    struct BadResponse: Sendable, CustomTestStringConvertible {
        var name: String
        var lines: [String]
        var kind: WebSocketHandshakeError.Kind
        var testDescription: String { name }
    }

    static let accepted = "Sec-WebSocket-Accept: \(accept)"
    static let badResponses: [BadResponse] = [
        BadResponse(
            name: "wrong accept",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Accept: dGhlIHNhbXBsZSBub25jZQ=="],
            kind: .invalidAccept),
        BadResponse(
            name: "accept with different case",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade",
                    "Sec-WebSocket-Accept: S3PPLMBITXAQ9KYGZZHZRBK+XOO="],
            kind: .invalidAccept),
        BadResponse(
            name: "missing accept",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade"], kind: .invalidAccept),
        BadResponse(
            name: "missing Upgrade",
            lines: ["HTTP/1.1 101 Switching Protocols", "Connection: Upgrade", accepted], kind: .invalidUpgradeHeader),
        BadResponse(
            name: "Upgrade: h2c",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: h2c", "Connection: Upgrade", accepted],
            kind: .invalidUpgradeHeader),
        BadResponse(
            name: "missing Connection",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", accepted], kind: .invalidConnectionHeader),
        BadResponse(
            name: "Connection: keep-alive",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: keep-alive", accepted],
            kind: .invalidConnectionHeader),
        BadResponse(
            name: "extension we did not offer",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", accepted,
                    "Sec-WebSocket-Extensions: permessage-deflate"],
            kind: .unrequestedExtension),
        BadResponse(
            name: "subprotocol we did not offer",
            lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade", accepted,
                    "Sec-WebSocket-Protocol: chat"],
            kind: .unrequestedSubprotocol),
        BadResponse(name: "200 instead of 101", lines: ["HTTP/1.1 200 OK", "Content-Length: 0"], kind: .unexpectedStatus),
        BadResponse(name: "not HTTP", lines: ["SSH-2.0-OpenSSH_9.2"], kind: .malformedResponse),
        BadResponse(name: "non-numeric status", lines: ["HTTP/1.1 1O1 Switching"], kind: .malformedResponse),
        BadResponse(name: "HTTP/2 status line", lines: ["HTTP/2 101"], kind: .malformedResponse),
        BadResponse(
            name: "header without colon", lines: ["HTTP/1.1 101 Switching Protocols", "Upgrade websocket"],
            kind: .malformedResponse),
        BadResponse(name: "fold before any header", lines: ["HTTP/1.1 101 OK", " folded"], kind: .malformedResponse),
    ]

    @Test(arguments: badResponses, [false, true])
    func rejects(_ bad: BadResponse, byteAtATime: Bool) {
        let error = #expect(throws: WebSocketHandshakeError.self) {
            try Self.run(Self.response(bad.lines), byteAtATime: byteAtATime)
        }
        #expect(error?.kind == bad.kind)
        #expect(error.map { !$0.description.isEmpty } == true)
    }
}
