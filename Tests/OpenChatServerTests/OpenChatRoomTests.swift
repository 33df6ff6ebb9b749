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
        #expect(try socket.receive(.message("0")) == .connect(auth: nil))
        #expect(socket.accept(socketID: "S") == SocketIOPacket(type: .connect, data: ["sid": "S"]))
        #expect(try socket.receive(.message(#"0{"token":"1"}"#)) == .reply(SocketIOPacket(type: .connect, data: ["sid": "S"])))
        #expect(try socket.receive(.message("0/admin,")) ==
                .reply(SocketIOPacket(type: .connectError, namespace: "/admin", data: ["message": "Invalid namespace"])))
        #expect(try socket.receive(.message(#"27["my_mssg","x"]"#)) == .event(name: "my_mssg", arguments: ["x"], ackID: 7))
        #expect(try socket.receive(.message(#"51-["my_mssg",{"_placeholder":true,"num":0}]"#)) == SocketIOServerSocket.Input.none)
        #expect(try socket.receive(.binaryMessage([1, 2])) == .event(name: "my_mssg", arguments: [.binary([1, 2])], ackID: nil))
        #expect(try socket.receive(.message("1")) == .disconnect(socketID: "S"))
        #expect(!socket.isConnected)
        #expect(throws: SocketIOError.self) { try socket.receive(.message("abc")) }
    }

    @Test("connect auth is passed on")
    func auth() throws {
        var socket = SocketIOServerSocket()
        #expect(try socket.receive(.message(#"0{"token":"123"}"#)) == .connect(auth: ["token": "123"]))
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
