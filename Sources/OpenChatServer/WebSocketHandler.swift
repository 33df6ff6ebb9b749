import EngineIO
import NIOCore
import NIOWebSocket

/// One WebSocket after the upgrade (RFC 6455), fragments already joined by NIO's aggregator up to
/// maxPayload: each text message is one Engine.IO packet, each binary message a binary packet.
/// Answers pings and the close handshake itself; hands packets to the hub and writes what the
/// hub sends.
final class WebSocketHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let hub: ServerHub
    private let requestedSID: String?
    private let endpoint: EngineIOEndpoint
    private var context: ChannelHandlerContext?
    /// The session and the id the hub gave this WebSocket.
    private var identity: (sid: String, id: ConnectionID)?
    private var isClosing = false

    /// A handler for the WebSocket of session `sid` (a probe), or of a new session at `endpoint`
    /// when `nil`.
    init(hub: ServerHub, sid: String?, endpoint: EngineIOEndpoint) {
        self.hub = hub
        self.requestedSID = sid
        self.endpoint = endpoint
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // Added after the 101 went out: the session's first frame may follow at once.
        hub.webSocketOpened(self, sid: requestedSID, endpoint: endpoint)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Called by the hub with the session this WebSocket belongs to.
    func attach(sid: String, id: ConnectionID) {
        identity = (sid, id)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard !isClosing else { return }
        // RFC 6455 §5.1: a server must close the connection on an unmasked client frame.
        guard frame.maskKey != nil else { return close(code: 1002) }
        switch frame.opcode {
        case .text:
            let data = frame.unmaskedData
            // RFC 6455 §8.1: text must be UTF-8, else close 1007.
            guard let text = String(validating: data.readableBytesView, as: UTF8.self) else { return close(code: 1007) }
            guard let identity else { return }
            if let packet = try? EngineIOPacket(text: text) {
                hub.webSocketReceived(packet, sid: identity.sid, socket: identity.id)
            } else {
                hub.webSocketReceivedInvalid(sid: identity.sid, socket: identity.id)
            }
        case .binary:
            guard let identity else { return }
            hub.webSocketReceived(.binaryMessage(Array(frame.unmaskedData.readableBytesView)), sid: identity.sid, socket: identity.id)
        case .ping:
            context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
            hub.scheduleFlush(context.channel)
        case .connectionClose:
            // Echo the peer's code (RFC 6455 §5.5.1), then drop the connection.
            var data = frame.unmaskedData
            let code = data.readInteger(as: UInt16.self) ?? 1000
            close(code: code == 1005 || code == 1006 || code == 1015 ? 1000 : code)
        case .pong, .continuation:
            break
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosing = true
        if let identity {
            self.identity = nil
            hub.webSocketClosed(sid: identity.sid, socket: identity.id)
        }
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // More than maxBufferedBytes waits for a client that does not read: give up on it.
        if !context.channel.isWritable { close(code: 1008) }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // The aggregator reports messages over maxPayload (1009, like eventlet); anything else is
        // a protocol error (1002).
        if error is NIOWebSocketFrameAggregator.Error {
            close(code: 1009)
        } else {
            close(code: 1002)
        }
    }

    /// One outgoing message: its payload and whether it is binary.
    struct OutgoingFrame {
        var isBinary: Bool
        var data: ByteBuffer
    }

    /// The frames for packets, one each: text packets as text frames, binary messages as binary
    /// frames (Engine.IO v4 over WebSocket, PROTOCOL.md §1).
    static func frames(for packets: [EngineIOPacket], allocator: ByteBufferAllocator) -> [OutgoingFrame] {
        packets.map { packet in
            if case .binaryMessage(let bytes) = packet {
                return OutgoingFrame(isBinary: true, data: allocator.buffer(bytes: bytes))
            }
            return OutgoingFrame(isBinary: false, data: allocator.buffer(string: packet.textEncoding ?? ""))
        }
    }

    /// Sends frames (flushed with the hub's next flush).
    func send(_ frames: [OutgoingFrame]) {
        guard let context, !isClosing else { return }
        for frame in frames {
            let webSocketFrame = WebSocketFrame(fin: true, opcode: frame.isBinary ? .binary : .text, data: frame.data)
            context.write(wrapOutboundOut(webSocketFrame), promise: nil)
        }
        hub.scheduleFlush(context.channel)
    }

    /// Sends a close frame with `code` and closes the connection.
    func close(code: UInt16) {
        guard let context, !isClosing else { return }
        isClosing = true
        var data = context.channel.allocator.buffer(capacity: 2)
        data.writeInteger(code)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)))
            .assumeIsolated().whenComplete { _ in channel.close(promise: nil) }
    }
}
