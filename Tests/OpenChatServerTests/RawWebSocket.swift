import NIOCore
import NIOPosix

/// A bare-bones WebSocket client for tests that must send what a well-behaved client never would
/// (oversized or unmasked frames, garbage packets): raw TCP, a hand-written handshake, frames
/// encoded and parsed here. Server frames are small and unfragmented in these tests.
final class RawWebSocket: @unchecked Sendable {  // used by one test task at a time
    enum Message: Equatable, CustomStringConvertible {
        case text(String)
        case binary([UInt8])
        case close(code: UInt16?)
        /// The connection closed without (more) frames.
        case closed

        var description: String {
            switch self {
            case .text(let text): "text \(text)"
            case .binary(let bytes): "binary \(bytes)"
            case .close(let code): "close \(code.map(String.init) ?? "-")"
            case .closed: "closed"
            }
        }
    }

    /// Passes received bytes to an `AsyncStream`.
    private final class Collector: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let continuation: AsyncStream<ByteBuffer>.Continuation

        init(_ continuation: AsyncStream<ByteBuffer>.Continuation) {
            self.continuation = continuation
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            continuation.yield(unwrapInboundIn(data))
        }

        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
        }
    }

    private let channel: Channel
    private var iterator: AsyncStream<ByteBuffer>.AsyncIterator
    private var buffer = ByteBuffer()
    /// The status line and headers of the handshake answer.
    private(set) var responseHead = ""

    private init(channel: Channel, stream: AsyncStream<ByteBuffer>) {
        self.channel = channel
        iterator = stream.makeAsyncIterator()
    }

    /// Opens a TCP connection to 127.0.0.1:`port`.
    private static func open(port: Int) async throws -> RawWebSocket {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RawWebSocket(channel: channel, stream: stream)
    }

    /// Sends raw bytes on a new connection and returns everything the server sends until it
    /// closes the connection (or 5 s pass).
    static func exchange(port: Int, bytes: [UInt8]) async throws -> String {
        let socket = try await open(port: port)
        try await socket.write(ByteBuffer(bytes: bytes))
        var received = ByteBuffer()
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline, var chunk = await socket.iterator.next() {
            received.writeBuffer(&chunk)
        }
        await socket.close()
        return String(decoding: received.readableBytesView, as: UTF8.self)
    }

    /// Sends an HTTP request on a new connection and closes the connection after `delay` without
    /// reading the answer (a client that gives up on a held GET).
    static func abandon(port: Int, request: String, after delay: Duration) async throws {
        let socket = try await open(port: port)
        try await socket.write(ByteBuffer(string: request))
        try await Task.sleep(for: delay)
        await socket.close()
    }

    /// Connects to 127.0.0.1:`port` and sends the upgrade request for `target`; returns the client
    /// and the HTTP status of the answer (101 when upgraded).
    static func connect(port: Int, target: String) async throws -> (RawWebSocket, Int) {
        let socket = try await open(port: port)
        let request = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        try await socket.write(ByteBuffer(string: request))
        let status = await socket.readHead()
        return (socket, status)
    }

    private func write(_ bytes: ByteBuffer) async throws {
        try await channel.writeAndFlush(bytes)
    }

    private func readHead() async -> Int {
        while true {
            let view = buffer.readableBytesView
            if let end = view.firstRange(of: Array("\r\n\r\n".utf8)) {
                let length = end.upperBound - view.startIndex
                responseHead = buffer.readString(length: length) ?? ""
                let statusLine = responseHead.split(separator: "\r\n").first ?? ""
                let parts = statusLine.split(separator: " ")
                return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            }
            guard var chunk = await iterator.next() else { return 0 }
            buffer.writeBuffer(&chunk)
        }
    }

    /// Sends a text frame, masked (as a client must) unless `masked` is false.
    func send(text: String, masked: Bool = true) async throws {
        try await send(opcode: 0x1, payload: Array(text.utf8), masked: masked)
    }

    /// Sends one frame.
    func send(opcode: UInt8, payload: [UInt8], masked: Bool = true, fin: Bool = true) async throws {
        var frame = ByteBuffer()
        frame.writeInteger(UInt8(fin ? 0x80 : 0) | opcode)
        let maskBit: UInt8 = masked ? 0x80 : 0
        if payload.count < 126 {
            frame.writeInteger(maskBit | UInt8(payload.count))
        } else if payload.count <= 0xFFFF {
            frame.writeInteger(maskBit | 126)
            frame.writeInteger(UInt16(payload.count))
        } else {
            frame.writeInteger(maskBit | 127)
            frame.writeInteger(UInt64(payload.count))
        }
        if masked {
            let key: [UInt8] = [0x12, 0x34, 0x56, 0x78]
            frame.writeBytes(key)
            frame.writeBytes(payload.enumerated().map { $0.element ^ key[$0.offset % 4] })
        } else {
            frame.writeBytes(payload)
        }
        try await write(frame)
    }

    /// The next frame from the server (or `.closed`).
    func next() async throws -> Message {
        while true {
            if let message = parseFrame() { return message }
            guard var chunk = await iterator.next() else { return .closed }
            buffer.writeBuffer(&chunk)
        }
    }

    /// The next text frame, skipping pings of the server (Engine.IO `2` is a text frame, kept).
    func nextText() async throws -> String? {
        while true {
            switch try await next() {
            case .text(let text): return text
            case .binary: continue
            case .close, .closed: return nil
            }
        }
    }

    private func parseFrame() -> Message? {
        guard buffer.readableBytes >= 2,
              let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let second = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) else { return nil }
        var headerLength = 2
        var length = Int(second & 0x7F)
        if length == 126 {
            guard let extended = buffer.getInteger(at: buffer.readerIndex + 2, as: UInt16.self) else { return nil }
            length = Int(extended)
            headerLength = 4
        } else if length == 127 {
            guard let extended = buffer.getInteger(at: buffer.readerIndex + 2, as: UInt64.self) else { return nil }
            length = Int(extended)
            headerLength = 10
        }
        guard buffer.readableBytes >= headerLength + length else { return nil }
        buffer.moveReaderIndex(forwardBy: headerLength)
        let payload = buffer.readBytes(length: length) ?? []
        switch first & 0x0F {
        case 0x1: return .text(String(decoding: payload, as: UTF8.self))
        case 0x2: return .binary(payload)
        case 0x8: return .close(code: payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil)
        default: return parseFrame()  // ping/pong: skip
        }
    }

    /// Closes the TCP connection.
    func close() async {
        try? await channel.close()
    }
}
