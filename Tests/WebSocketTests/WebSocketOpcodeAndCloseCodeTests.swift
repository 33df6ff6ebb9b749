import Testing

import WebSocket

@Suite("WebSocketOpcode and WebSocketCloseCode")
struct WebSocketOpcodeAndCloseCodeTests {
    @Test func onlyDefinedOpcodesConstruct() {
        let valid = (0...15).compactMap { WebSocketOpcode(rawValue: UInt8($0)) }
        #expect(valid == [.continuation, .text, .binary, .close, .ping, .pong])
        #expect(valid.filter(\.isControl) == [.close, .ping, .pong])
        #expect(WebSocketOpcode(rawValue: 0x11) == nil)
        #expect(WebSocketOpcode.ping.description == "ping")
    }

    @Test func closeCodesValidOnTheWire() {
        let valid = (0...5000).filter { WebSocketCloseCode(rawValue: UInt16($0)).isValidOnWire }
        #expect(valid == Array(1000...1003) + Array(1007...1011) + Array(3000...4999))
        #expect(WebSocketCloseCode.protocolError.rawValue == 1002)
        #expect(WebSocketCloseCode.mandatoryExtension.rawValue == 1010)
        #expect(WebSocketCloseCode.protocolError.description == "1002 (protocol error)")
        #expect(WebSocketCloseCode(rawValue: 4000).description == "4000")
    }
}
