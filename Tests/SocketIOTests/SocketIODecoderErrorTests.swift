import JSON
import SocketIO
import Testing

@Suite struct SocketIODecoderErrorTests {
    @Test(arguments: [
        ("", SocketIOError.Code.emptyPacket),
        ("7", .unknownPacketType),
        ("/", .unknownPacketType),
        ("a", .unknownPacketType),
        // Attachment counts.
        (#"5["x"]"#, .invalidAttachmentCount),
        (#"5-["x"]"#, .invalidAttachmentCount),
        ("51", .invalidAttachmentCount),
        (#"5a-["x"]"#, .invalidAttachmentCount),
        (#"511-["x"]"#, .tooManyAttachments),
        (#"599999999999999999999999-["x"]"#, .tooManyAttachments),
        // Ack ids.
        (#"39223372036854775808[]"#, .invalidAckID),
        (#"299999999999999999999999["x"]"#, .invalidAckID),
        // JSON.
        ("2[", .invalidJSON),
        (#"2["x",]"#, .invalidJSON),
        (#"2/admin,b,["x"]"#, .invalidJSON),
        (#"21-["x"]"#, .invalidJSON),
        (#"2["\ud83d"]"#, .invalidJSON),
        // Payload shapes (Node's isPayloadValid).
        ("0[]", .invalidPayload),
        (#"0"x""#, .invalidPayload),
        ("0null", .invalidPayload),
        ("1{}", .invalidPayload),
        (#"1/admin,"x""#, .invalidPayload),
        ("2", .invalidPayload),
        ("2[]", .invalidPayload),
        (#"2{"x":1}"#, .invalidPayload),
        ("2[null]", .invalidPayload),
        ("2[[\"x\"]]", .invalidPayload),
        (#""x""#, .unknownPacketType),
        ("3", .invalidPayload),
        ("31", .invalidPayload),
        (#"3{}"#, .invalidPayload),
        ("4", .invalidPayload),
        ("4[]", .invalidPayload),
        ("4/ns,1", .invalidPayload),
        ("50-[]", .invalidPayload),
        ("60-{}", .invalidPayload),
        // Placeholders must name an announced attachment.
        (#"51-["x",{"_placeholder":true,"num":1}]"#, .invalidPlaceholder),
        (#"51-["x",{"_placeholder":true,"num":-1}]"#, .invalidPlaceholder),
        (#"51-["x",{"_placeholder":true,"num":0.5}]"#, .invalidPlaceholder),
        (#"51-["x",{"_placeholder":true,"num":"0"}]"#, .invalidPlaceholder),
        (#"51-["x",{"_placeholder":true}]"#, .invalidPlaceholder),
        (#"50-["x",{"_placeholder":true,"num":0}]"#, .invalidPlaceholder),
        (#"61-1[{"a":[{"_placeholder":true,"num":5}]}]"#, .invalidPlaceholder),
    ] as [(String, SocketIOError.Code)])
    func rejectsBadPackets(text: String, code: SocketIOError.Code) {
        var decoder = SocketIODecoder()
        #expect {
            _ = try decoder.decode(text: Substring(text))
        } throws: { error in
            (error as? SocketIOError)?.code == code
        }
        #expect(!decoder.isAwaitingAttachments)
    }

    @Test func rejectsAnAttachmentNobodyWaitsFor() throws {
        var decoder = SocketIODecoder()
        #expect {
            _ = try decoder.decode(attachment: [1])
        } throws: { ($0 as? SocketIOError)?.code == .unexpectedAttachment }
        _ = try decoder.decode(text: #"51-["x",{"_placeholder":true,"num":0}]"#)
        _ = try decoder.decode(attachment: [1])
        #expect {
            _ = try decoder.decode(attachment: [2])
        } throws: { ($0 as? SocketIOError)?.code == .unexpectedAttachment }
    }

    @Test func rejectsTextWhileAttachmentsAreDueAndRecovers() throws {
        var decoder = SocketIODecoder()
        _ = try decoder.decode(text: #"52-["x",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]"#)
        _ = try decoder.decode(attachment: [1])
        #expect {
            _ = try decoder.decode(text: #"2["y"]"#)
        } throws: { ($0 as? SocketIOError)?.code == .unexpectedText }
        #expect(!decoder.isAwaitingAttachments)
        #expect(try decoder.decode(text: #"2["y"]"#) == .event("y"))
    }

    @Test func errorsDescribeTheProblem() {
        var decoder = SocketIODecoder()
        do {
            _ = try decoder.decode(text: "2{}")
            Issue.record("accepted an object event")
        } catch {
            #expect(error.description == "Socket.IO: invalid payload: EVENT payload must be an array starting with a string or number event name")
        }
        do {
            _ = try decoder.decode(text: "2[1,]")
            Issue.record("accepted bad JSON")
        } catch {
            #expect(error.jsonError?.offset == 3)
        }
    }
}
