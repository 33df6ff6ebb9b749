import EngineIO
import JSON
import NIOCore
import SocketIO

/// The Socket.IO layer and the application: what the hub does with a session's messages, and
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
        case .connect(let namespace, let auth):
            let socketID = makeIdentifier()
            socketIDsInUse.insert(socketID)
            let reply = session.socket.accept(socketID: socketID, namespace: namespace)
            session.connectTimer?.cancel()
            session.connectTimer = nil
            let answer = application.connected(socketID: socketID, namespace: namespace, auth: auth)
            carryOut(answer.beforeReply, for: session)
            send(reply, to: session)
            carryOut(answer.afterReply, for: session)
        case .refused(let namespace):
            send(application.refusal(ofNamespace: namespace), to: session)
        case .reply(let packet):
            send(packet, to: session)
        case .event(let namespace, let name, let arguments, let ackID):
            guard let socketID = session.socket.socketIDs[namespace] else { return }
            carryOut(application.received(event: name, arguments: arguments, ackID: ackID, from: socketID, namespace: namespace),
                     for: session)
        case .disconnect(let namespace, let socketID):
            left(socketID: socketID, namespace: namespace)
        case .none:
            break
        }
    }

    /// A socket left a namespace: the application says goodbye to the others.
    func left(socketID: String, namespace: String) {
        socketIDsInUse.remove(socketID)
        carryOut(application.disconnected(socketID: socketID, namespace: namespace), for: nil)
    }

    /// Sends what the application answered; `.reply` goes to `session` (and nowhere without one).
    private func carryOut(_ outputs: [SocketIOApplicationOutput], for session: Session?) {
        for output in outputs {
            switch output {
            case .broadcast(let packet): broadcast([packet])
            case .reply(let packet): if let session { send(packet, to: session) }
            }
        }
    }

    /// Sends one packet to one session.
    func send(_ packet: SocketIOPacket, to session: Session) {
        execute(session.machine.send(Self.enginePackets(packet, style: application.jsonStyle)), for: session)
    }

    /// Sends packets to every session joined to their namespace.
    func broadcast(_ packets: [SocketIOPacket]) {
        for packet in packets {
            let messages = Self.enginePackets(packet, style: application.jsonStyle)
            // A broadcast can start another one (a session that overflows leaves the room).
            let outer = (broadcastPackets, broadcastFrames)
            (broadcastPackets, broadcastFrames) = (messages, nil)
            for session in sessions.values where session.socket.isConnected(to: packet.namespace) {
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
    static func enginePackets(_ packet: SocketIOPacket, style: JSONStyle) -> [EngineIOPacket] {
        let (text, attachments) = SocketIOEncoder.encode(packet, style: style)
        return [.message(text)] + attachments.map(EngineIOPacket.binaryMessage)
    }
}
