import Testing

@testable import WebSocket
import TestSupport

@Suite("WebSocketHandshake")
struct WebSocketHandshakeTests {
    @Test func acceptValueMatchesRFCExample() {
        // RFC 6455 §1.3.
        #expect(WebSocketHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func requestBytesAreExact() {
        let handshake = WebSocketHandshake(
            host: "127.0.0.1:5000", requestTarget: "/socket.io/?EIO=4&transport=websocket",
            key: "dGhlIHNhbXBsZSBub25jZQ==")
        let expected =
            "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
            + "Host: 127.0.0.1:5000\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "\r\n"
        #expect(String(decoding: handshake.requestBytes, as: UTF8.self) == expected)
        #expect(!expected.lowercased().contains("origin"))
        #expect(!expected.lowercased().contains("extensions"))
    }

    @Test func extraHeadersFollowInOrder() {
        let handshake = WebSocketHandshake(
            host: "example.com", requestTarget: "/chat",
            headers: [("Origin", "http://example.com"), ("Cookie", "a=b"), ("Sec-WebSocket-Protocol", "chat, superchat")],
            key: "k")
        let text = String(decoding: handshake.requestBytes, as: UTF8.self)
        #expect(text.hasSuffix(
            "Sec-WebSocket-Version: 13\r\nOrigin: http://example.com\r\nCookie: a=b\r\nSec-WebSocket-Protocol: chat, superchat\r\n\r\n"))
        #expect(handshake.requestedSubprotocols == ["chat", "superchat"])
    }

    @Test func callerStringsCannotInjectHeadersOrOverrideRequiredOnes() {
        let handshake = WebSocketHandshake(
            host: "example.com\r\nX-Evil: 1", requestTarget: "/a b\r\n",
            headers: [
                ("X-Note", "line1\r\nX-Evil: 2"), ("Sec-WebSocket-Extensions", "permessage-deflate"),
                ("connection", "close"), ("Bad\r\nName", "v"),
            ],
            key: "k")
        let text = String(decoding: handshake.requestBytes, as: UTF8.self)
        #expect(text.hasPrefix("GET /ab HTTP/1.1\r\nHost: example.comX-Evil: 1\r\n"))
        #expect(!text.contains("\r\nX-Evil"))
        #expect(text.contains("X-Note: line1X-Evil: 2\r\n"))
        #expect(!text.contains("permessage-deflate"))
        #expect(!text.contains("close"))
        #expect(text.contains("BadName: v\r\n"))
        #expect(text.hasSuffix("\r\n\r\n") && !text.dropLast(4).contains("\r\n\r\n"))
    }

    @Test func emptyTargetBecomesSlash() {
        let handshake = WebSocketHandshake(host: "h", requestTarget: "", key: "k")
        #expect(String(decoding: handshake.requestBytes, as: UTF8.self).hasPrefix("GET / HTTP/1.1\r\n"))
    }

    @Test func makeKeyIsBase64Of16BytesAndRepeatsWithTheSeed() {
        var first = SeededGenerator(seed: 1)
        var second = SeededGenerator(seed: 1)
        let key = WebSocketHandshake.makeKey(using: &first)
        #expect(key.count == 24)
        #expect(key.hasSuffix("=="))
        #expect(!key.dropLast(2).contains("="))
        #expect(WebSocketHandshake.makeKey(using: &second) == key)
        #expect(WebSocketHandshake.makeKey(using: &first) != key)
        var system = SystemRandomNumberGenerator()
        #expect(WebSocketHandshake.makeKey(using: &system).count == 24)
    }

    /// RFC 4648 §10.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64Vectors(input: String, output: String) {
        #expect(Base64.encode(Array(input.utf8)) == output)
    }

    @Test func base64OfAllByteValuesUsesTheWholeAlphabet() {
        let encoded = Base64.encode([0xFB, 0xFF, 0xBF, 0x00, 0x10, 0x83])
        #expect(encoded == "+/+/ABCD")
    }
}
