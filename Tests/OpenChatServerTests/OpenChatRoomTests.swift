import EngineIO
import JSON
import SocketIO
import Testing
@testable import OpenChatServer

/// The application and the server-side Socket.IO socket, without sockets.
struct OpenChatRoomTests {
    @Test("join, rename, message, leave: the reference server's handlers")
    func roomContract() {
        var room = OpenChatRoom()
        #expect(room.join("a") == [.event("usernames", [["a": "Guest"]])])
        #expect(room.join("b") == [.event("usernames", [["a": "Guest", "b": "Guest"]])])
        #expect(room.handle(event: "add_username", arguments: ["alice"], from: "a") == [])
        #expect(room.usernames.keys == ["a", "b"])
        #expect(room.handle(event: "my_mssg", arguments: ["hi"], from: "a") == [.event("message", ["alice: hi"])])
        #expect(room.handle(event: "my_mssg", arguments: [3], from: "b") == [.event("message", ["Guest: 3"])])
        // No handler, or arguments python's handler would reject: not handled, so no ack.
        #expect(room.handle(event: "other", arguments: ["x"], from: "a") == nil)
        #expect(room.handle(event: "my_mssg", arguments: [], from: "a") == nil)
        #expect(room.handle(event: "my_mssg", arguments: ["x", "y"], from: "a") == nil)
        #expect(room.leave("a") == [.event("usernames", [["b": "Guest"]])])
    }

    @Test("the socket: CONNECT to / waits for accept; other namespaces are refused; events need a connection")
    func socket() throws {
        var socket = SocketIOServerSocket()
        #expect(try socket.receive(.message(#"2["my_mssg","early"]"#)) == SocketIOServerSocket.Input.none)
        #expect(try socket.receive(.message("0")) == .connect(namespace: "/", auth: nil))
        #expect(socket.accept(socketID: "S") == SocketIOPacket(type: .connect, data: ["sid": "S"]))
        #expect(try socket.receive(.message(#"0{"token":"1"}"#)) == .reply(SocketIOPacket(type: .connect, data: ["sid": "S"])))
        #expect(try socket.receive(.message("0/admin,")) == .refused(namespace: "/admin"))
        #expect(try socket.receive(.message(#"27["my_mssg","x"]"#)) == .event(namespace: "/", name: "my_mssg", arguments: ["x"], ackID: 7))
        #expect(try socket.receive(.message(#"51-["my_mssg",{"_placeholder":true,"num":0}]"#)) == SocketIOServerSocket.Input.none)
        #expect(try socket.receive(.binaryMessage([1, 2])) == .event(namespace: "/", name: "my_mssg", arguments: [.binary([1, 2])], ackID: nil))
        #expect(try socket.receive(.message("1")) == .disconnect(namespace: "/", socketID: "S"))
        #expect(!socket.isConnected)
        #expect(throws: SocketIOError.self) { try socket.receive(.message("abc")) }
    }

    @Test("connect auth is passed on")
    func auth() throws {
        var socket = SocketIOServerSocket()
        #expect(try socket.receive(.message(#"0{"token":"123"}"#)) == .connect(namespace: "/", auth: ["token": "123"]))
    }

    @Test("a socket of an application with several namespaces joins and leaves each on its own")
    func namespaces() throws {
        var socket = SocketIOServerSocket(namespaces: ["/", "/custom"])
        #expect(try socket.receive(.message("0/custom,")) == .connect(namespace: "/custom", auth: nil))
        #expect(socket.accept(socketID: "C", namespace: "/custom") == SocketIOPacket(type: .connect, namespace: "/custom", data: ["sid": "C"]))
        #expect(!socket.isConnected && socket.isConnected(to: "/custom") && socket.hasJoinedAny)
        #expect(try socket.receive(.message(#"2["message","to main"]"#)) == SocketIOServerSocket.Input.none)
        #expect(try socket.receive(.message("0")) == .connect(namespace: "/", auth: nil))
        _ = socket.accept(socketID: "M")
        #expect(try socket.receive(.message(#"2/custom,["message",1]"#)) == .event(namespace: "/custom", name: "message", arguments: [1], ackID: nil))
        #expect(try socket.receive(.message("1/custom,")) == .disconnect(namespace: "/custom", socketID: "C"))
        #expect(try socket.receive(.message("1/custom,")) == SocketIOServerSocket.Input.none)
        #expect(try socket.receive(.message("0/random,")) == .refused(namespace: "/random"))
        #expect(socket.leave().map(\.socketID) == ["M"])
        #expect(!socket.hasJoinedAny)
    }

    @Test("the room as the server's application: usernames before the CONNECT reply, the ack after the broadcast, nothing for unknown events")
    func roomAsApplication() {
        var room = OpenChatRoom()
        #expect(room.namespaces == ["/"])
        #expect(room.connected(socketID: "a", namespace: "/", auth: nil) ==
                SocketIOConnectAnswer(beforeReply: [.broadcast(.event("usernames", [["a": "Guest"]]))]))
        #expect(room.received(event: "my_mssg", arguments: ["hi"], ackID: 3, from: "a", namespace: "/") ==
                [.broadcast(.event("message", ["Guest: hi"])), .reply(.ack(id: 3))])
        #expect(room.received(event: "add_username", arguments: ["Ann"], ackID: nil, from: "a", namespace: "/") == [])
        #expect(room.received(event: "bogus", arguments: ["x"], ackID: 4, from: "a", namespace: "/") == [])
        #expect(room.disconnected(socketID: "a", namespace: "/") == [.broadcast(.event("usernames", [.object(JSONObject())]))])
        #expect(room.disconnected(socketID: "a", namespace: "/") == [])
        // python's refusal of an unknown namespace: a string, not Node's object.
        #expect(SocketIOEncoder.encode(room.refusal(ofNamespace: "/nope")).text == #"4/nope,"Unable to connect""#)
        #expect(SocketIOEncoder.encode(SocketIOConformanceApplication().refusal(ofNamespace: "/random")).text ==
                #"4/random,{"message":"Invalid namespace"}"#)
    }

    @Test("the conformance application: auth after the reply, message-back, acks with the arguments, in the socket's namespace")
    func conformanceApplication() {
        var application = SocketIOConformanceApplication()
        #expect(application.namespaces == ["/", "/custom"])
        #expect(application.connected(socketID: "a", namespace: "/custom", auth: ["token": "abc"]) ==
                SocketIOConnectAnswer(afterReply: [.reply(.event("auth", [["token": "abc"]], namespace: "/custom"))]))
        #expect(application.connected(socketID: "b", namespace: "/", auth: nil) ==
                SocketIOConnectAnswer(afterReply: [.reply(.event("auth", [.object(JSONObject())]))]))
        #expect(application.received(event: "message", arguments: [1, "2"], ackID: nil, from: "b", namespace: "/") ==
                [.reply(.event("message-back", [1, "2"]))])
        #expect(application.received(event: "message-with-ack", arguments: [.binary([1])], ackID: 9, from: "b", namespace: "/") ==
                [.reply(.ack(id: 9, [.binary([1])]))])
        #expect(application.received(event: "message-with-ack", arguments: [1], ackID: nil, from: "b", namespace: "/") == [])
        #expect(application.disconnected(socketID: "b", namespace: "/") == [])
    }

    @Test("a non-string name is kept as sent and rendered like python")
    func nonStringName() {
        var room = OpenChatRoom()
        _ = room.join("a")
        _ = room.handle(event: "add_username", arguments: [["x": 1]], from: "a")
        #expect(room.usernames["a"] == ["x": 1])
        #expect(room.handle(event: "my_mssg", arguments: [nil], from: "a") == [.event("message", ["{'x': 1}: None"])])
    }
}
