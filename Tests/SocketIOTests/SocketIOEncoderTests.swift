import JSON
import SocketIO
import Testing

@Suite struct SocketIOEncoderTests {
    @Test(arguments: [
        (SocketIOPacket.connect(), "0"),
        (.connect(namespace: "/admin", auth: ["token": "123"]), #"0/admin,{"token":"123"}"#),
        (.disconnect(), "1"),
        (.disconnect(namespace: "/admin"), "1/admin,"),
        (.event("foo", ["bar"]), #"2["foo","bar"]"#),
        (.event("x", namespace: "/admin", ackID: 13), #"2/admin,13["x"]"#),
        (.ack(id: 13, ["bar"]), #"313["bar"]"#),
        (.ack(id: 0), "30[]"),
        (SocketIOPacket(type: .connectError, namespace: "/ns", data: "Unable to connect"), #"4/ns,"Unable to connect""#),
        (SocketIOPacket(type: .connectError, data: ["message": "nope", "data": ["x": 1]]), #"4{"message":"nope","data":{"x":1}}"#),
        (SocketIOPacket(type: .event, namespace: "", data: ["x"]), #"2["x"]"#),
        (SocketIOPacket(type: .binaryEvent, data: ["x"]), #"50-["x"]"#),
        (.event("é", ["😀\n"]), "2[\"é\",\"😀\\n\"]"),
    ] as [(SocketIOPacket, String)])
    func encodesTheProtocolVectors(packet: SocketIOPacket, expected: String) {
        let (text, attachments) = SocketIOEncoder.encode(packet)
        #expect(text == expected)
        #expect(attachments.isEmpty)
    }

    @Test func promotesEventsWithBinaryAndNumbersPlaceholdersDepthFirst() {
        let packet = SocketIOPacket.event("baz", [.binary([1]), ["a": .binary([2]), "b": [.binary([3])]], .binary([4])])
        let (text, attachments) = SocketIOEncoder.encode(packet)
        #expect(text == #"54-["baz",{"_placeholder":true,"num":0},{"a":{"_placeholder":true,"num":1},"b":[{"_placeholder":true,"num":2}]},{"_placeholder":true,"num":3}]"#)
        #expect(attachments == [[1], [2], [3], [4]])
    }

    @Test func promotesAcksWithBinary() {
        // python-socketio 5.18: Packet(ACK, ['bar', b'\x01\x02'], id=15).encode()
        let (text, attachments) = SocketIOEncoder.encode(.ack(id: 15, ["bar", .binary([1, 2])], namespace: "/"))
        #expect(text == #"61-15["bar",{"_placeholder":true,"num":0}]"#)
        #expect(attachments == [[1, 2]])
    }

    @Test func otherTypesWriteBinaryLikeNodeBuffers() {
        let (text, attachments) = SocketIOEncoder.encode(.connect(auth: ["key": .binary([7])]))
        #expect(text == #"0{"key":{"type":"Buffer","data":[7]}}"#)
        #expect(attachments.isEmpty)
    }

    @Test func reencodesPythonsOutputAsNodeWould() throws {
        // python-socketio 5.18: Packet(EVENT, ['foo', {'a': 'café 😀'}], namespace='/admin', id=13).encode()
        var decoder = SocketIODecoder()
        let escaped = try #require(try decoder.decode(text: #"2/admin,13["foo",{"a":"caf\u00e9 \ud83d\ude00"}]"#))
        #expect(SocketIOEncoder.encode(escaped).text == #"2/admin,13["foo",{"a":"café 😀"}]"#)

        // Packet(EVENT, ['baz', b'\x01\x02'], id=15).encode()
        let binary = #"51-15["baz",{"_placeholder":true,"num":0}]"#
        let waiting = try decoder.decode(text: binary)
        #expect(waiting == nil)
        let completed = try #require(try decoder.decode(attachment: [1, 2]))
        #expect(completed == .event("baz", [.binary([1, 2])], ackID: 15))
        #expect(SocketIOEncoder.encode(completed).text == binary)
        #expect(SocketIOEncoder.encode(completed).attachments == [[1, 2]])
    }

    @Test func eventHelpers() {
        let packet = SocketIOPacket.event("message", ["hi", 2])
        #expect(packet.eventName == "message")
        #expect(packet.eventArguments == ["hi", 2])
        #expect(SocketIOPacket(type: .event, data: [7, "x"]).eventName == nil)
        #expect(SocketIOPacket(type: .event, data: [7, "x"]).eventArguments == ["x"])
        #expect(SocketIOPacket.ack(id: 1, ["x"]).eventName == nil)
        #expect(SocketIOPacket.ack(id: 1, ["x"]).eventArguments == [])
        #expect(SocketIOPacket.ack(id: 1, ["x"]).ackArguments == ["x"])
        #expect(SocketIOPacket.connect().eventArguments == [])
    }
}
