import JSON
import SocketIO
import Testing

@Suite struct SocketIODecoderTests {
    private func decode(_ text: String) throws -> SocketIOPacket? {
        var decoder = SocketIODecoder()
        return try decoder.decode(text: Substring(text))
    }

    @Test(arguments: [
        ("0", SocketIOPacket(type: .connect)),
        (#"0{"sid":"oSO0OpakmFpHZzRqAAAC"}"#, SocketIOPacket(type: .connect, data: ["sid": "oSO0OpakmFpHZzRqAAAC"])),
        (#"0/admin,{"token":"123"}"#, SocketIOPacket(type: .connect, namespace: "/admin", data: ["token": "123"])),
        (#"0/admin,{"sid":"x","pid":"y"}"#, SocketIOPacket(type: .connect, namespace: "/admin", data: ["sid": "x", "pid": "y"])),
        ("0/ns", SocketIOPacket(type: .connect, namespace: "/ns")),
        ("0/ns,", SocketIOPacket(type: .connect, namespace: "/ns")),
        ("1", SocketIOPacket(type: .disconnect)),
        ("1/admin,", SocketIOPacket(type: .disconnect, namespace: "/admin")),
        (#"2["foo","bar"]"#, SocketIOPacket(type: .event, data: ["foo", "bar"])),
        (#"2/admin,13["x"]"#, SocketIOPacket(type: .event, namespace: "/admin", ackID: 13, data: ["x"])),
        (#"20["x"]"#, SocketIOPacket(type: .event, ackID: 0, data: ["x"])),
        ("2[1,2]", SocketIOPacket(type: .event, data: [1, 2])),
        (#"313["bar"]"#, SocketIOPacket(type: .ack, ackID: 13, data: ["bar"])),
        ("30[]", SocketIOPacket(type: .ack, ackID: 0, data: [])),
        (#"4/ns,"Unable to connect""#, SocketIOPacket(type: .connectError, namespace: "/ns", data: "Unable to connect")),
        (#"4{"message":"nope","data":{"x":1}}"#, SocketIOPacket(type: .connectError, data: ["message": "nope", "data": ["x": 1]])),
        (#"4/ns,{"message":"Invalid namespace"}"#, SocketIOPacket(type: .connectError, namespace: "/ns", data: ["message": "Invalid namespace"])),
        (#"50-["x",{"_placeholder":false}]"#, SocketIOPacket(type: .event, data: ["x", ["_placeholder": false]])),
        (#"2/admin,["caf\u00e9 \ud83d\ude00"]"#, SocketIOPacket(type: .event, namespace: "/admin", data: ["café 😀"])),
        (#"2["😀",{"é":true}]"#, SocketIOPacket(type: .event, data: ["😀", ["é": true]])),
    ] as [(String, SocketIOPacket)])
    func decodesTheProtocolVectors(text: String, expected: SocketIOPacket) throws {
        #expect(try decode(text) == expected)
    }

    @Test func decodesBinaryEventsOnceTheAttachmentsArrive() throws {
        var decoder = SocketIODecoder()
        #expect(try decoder.decode(text: #"51-["baz",{"_placeholder":true,"num":0}]"#) == nil)
        #expect(decoder.isAwaitingAttachments)
        let packet = try decoder.decode(attachment: [1, 2, 3])
        #expect(packet == SocketIOPacket(type: .event, data: ["baz", .binary([1, 2, 3])]))
        #expect(!decoder.isAwaitingAttachments)
        #expect(packet?.eventName == "baz")
        #expect(packet?.eventArguments == [.binary([1, 2, 3])])
    }

    @Test func decodesBinaryAcksWithSeveralAttachments() throws {
        var decoder = SocketIODecoder()
        let text = #"62-/admin,15["bar",{"_placeholder":true,"num":1},{"nested":[{"_placeholder":true,"num":0}]}]"#
        #expect(try decoder.decode(text: text) == nil)
        #expect(try decoder.decode(attachment: [0xAA]) == nil)
        #expect(decoder.isAwaitingAttachments)
        let packet = try decoder.decode(attachment: [0xBB])
        #expect(packet == SocketIOPacket(type: .ack, namespace: "/admin", ackID: 15, data: ["bar", .binary([0xBB]), ["nested": [.binary([0xAA])]]]))
        #expect(packet?.ackArguments.count == 3)
    }

    @Test func ackIDsUpToIntMaxDecode() throws {
        #expect(try decode("3\(Int.max)[]")?.ackID == Int.max)
        #expect(try decode("3007[]")?.ackID == 7)
    }

    @Test func namespaceLengthIsBounded() throws {
        let atLimit = "/" + String(repeating: "n", count: 255)
        #expect(try decode("0\(atLimit),")?.namespace == atLimit)
        #expect {
            _ = try decode("0\(atLimit)n,")
        } throws: { ($0 as? SocketIOError)?.code == .namespaceTooLong }
    }

    @Test func attachmentCountIsBounded() throws {
        var decoder = SocketIODecoder()
        #expect(try decoder.decode(text: #"510-["x"]"#) == nil)
        decoder.reset()
        var strict = SocketIODecoder(limits: SocketIOLimits(maxAttachments: 2))
        #expect {
            _ = try strict.decode(text: #"53-["x"]"#)
        } throws: { ($0 as? SocketIOError)?.code == .tooManyAttachments }
    }

    @Test func appliesTheJSONLimits() throws {
        var decoder = SocketIODecoder(limits: SocketIOLimits(json: JSONLimits(maxDepth: 2)))
        #expect(try decoder.decode(text: #"2["x",[1]]"#) != nil)
        #expect {
            _ = try decoder.decode(text: #"2["x",[[1]]]"#)
        } throws: { error in
            guard let error = error as? SocketIOError else { return false }
            return error.code == .invalidJSON && error.jsonError?.code == .nestingTooDeep
        }
    }
}
