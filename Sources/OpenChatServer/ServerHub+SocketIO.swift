import EngineIO
import NIOCore
import SocketIO

/// The Socket.IO layer and the OpenChat room: what the hub does with a session's messages, and
/// how it sends and broadcasts Socket.IO packets.
extension ServerHub {
    /// A message for the Socket.IO layer of `session`.
    func receiveSocketIO(_ message: EngineIOPacket, for session: Session) {
        let input: SocketIOServerSocket.Input
        do {
            input = try session.socket.receive(message)
        } catch {
            execute(session.machine.close(.parseError), for: session)
            return
        }
        switch input {
        case .connect:
            let socketID = makeIdentifier()
            let reply = session.socket.accept(socketID: socketID)
            // python runs the connect handler (and its broadcast) before sending the CONNECT reply.
            broadcast(room.join(socketID))
            send(reply, to: session)
        case .reply(let packet):
            send(packet, to: session)
        case .event(let name, let arguments, let ackID):
            guard let socketID = session.socket.socketID,
                  let packets = room.handle(event: name, arguments: arguments, from: socketID) else { return }
            broadcast(packets)
            if let ackID { send(.ack(id: ackID), to: session) }
        case .disconnect(let socketID):
            leaveRoom(socketID)
        case .none:
            break
        }
    }

    /// Removes a user from the room and tells everybody left.
    func leaveRoom(_ socketID: String) {
        guard room.usernames[socketID] != nil else { return }
        broadcast(room.leave(socketID))
    }

    /// Sends one packet to one session.
    func send(_ packet: SocketIOPacket, to session: Session) {
        execute(session.machine.send(Self.enginePackets(packet)), for: session)
    }

    /// Sends packets to every session connected to `/`.
    func broadcast(_ packets: [SocketIOPacket]) {
        for packet in packets {
            let messages = Self.enginePackets(packet)
            // A broadcast can start another one (a session that overflows leaves the room).
            let outer = (broadcastPackets, broadcastFrames)
            (broadcastPackets, broadcastFrames) = (messages, nil)
            for session in sessions.values where session.socket.isConnected {
                execute(session.machine.send(messages), for: session)
            }
            (broadcastPackets, broadcastFrames) = outer
        }
    }

    /// The WebSocket frames for `packets`, shared with the other recipients of a broadcast.
    func frames(for packets: [EngineIOPacket]) -> [WebSocketHandler.OutgoingFrame] {
        // String equality checks the storage identity first: cheap for the broadcast's own packets.
        guard let broadcastPackets, broadcastPackets == packets else {
            return WebSocketHandler.frames(for: packets, allocator: allocator)
        }
        if let broadcastFrames { return broadcastFrames }
        let frames = WebSocketHandler.frames(for: packets, allocator: allocator)
        broadcastFrames = frames
        return frames
    }

    /// A Socket.IO packet as Engine.IO messages: the text, then its attachments.
    static func enginePackets(_ packet: SocketIOPacket) -> [EngineIOPacket] {
        let (text, attachments) = SocketIOEncoder.encode(packet)
        return [.message(text)] + attachments.map(EngineIOPacket.binaryMessage)
    }
}
