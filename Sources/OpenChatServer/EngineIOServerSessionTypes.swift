import EngineIO

/// Identifies one request or WebSocket of a session for the state machine: the driver numbers its
/// held GETs, POSTs and WebSockets and carries out actions addressed to them.
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    /// The driver's number.
    public var rawValue: UInt64

    /// Wraps a number.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// `#<number>`, for logs.
    public var description: String { "#\(rawValue)" }
}

extension EngineIOServerSession {
    /// The settings of a session.
    public struct Configuration: Sendable, Hashable {
        /// How often the server pings, in ms.
        public var pingInterval: Int
        /// How long the server waits for a pong, in ms.
        public var pingTimeout: Int
        /// The largest POST body or WebSocket message accepted, in bytes.
        public var maxPayload: Int
        /// How long a probed WebSocket may take to send `5`, in ms.
        public var upgradeTimeout: Int
        /// The most bytes queued for a polling client before the session is closed as stuck.
        public var maxBufferedBytes: Int
        /// The most packets accepted in one POST body.
        public var maxPacketsPerPayload: Int

        /// Creates settings; the defaults are python-socketio's heartbeat and payload limit.
        public init(pingInterval: Int = 25_000, pingTimeout: Int = 20_000, maxPayload: Int = 1_000_000,
                    upgradeTimeout: Int = 10_000, maxBufferedBytes: Int = 64 << 20, maxPacketsPerPayload: Int = 10_000) {
            self.pingInterval = pingInterval
            self.pingTimeout = pingTimeout
            self.maxPayload = maxPayload
            self.upgradeTimeout = upgradeTimeout
            self.maxBufferedBytes = maxBufferedBytes
            self.maxPacketsPerPayload = maxPacketsPerPayload
        }
    }

    /// The transport that carries the session's packets now.
    public enum Transport: Hashable, Sendable {
        /// HTTP long-polling: held GETs and POSTs.
        case polling
        /// The WebSocket with this id.
        case webSocket(ConnectionID)
    }

    /// Why a session ended; the names are python-socketio's disconnect reasons (PROTOCOL.md §4).
    public enum CloseReason: Hashable, Sendable, CustomStringConvertible {
        /// The client sent `1`.
        case clientClose
        /// No pong within pingTimeout after a ping.
        case pingTimeout
        /// The WebSocket or a held GET's connection closed.
        case transportClose
        /// A second GET while one was held.
        case duplicatePoll
        /// A POST body or WebSocket message that is not a valid Engine.IO (or Socket.IO) payload.
        case parseError
        /// A POST body larger than maxPayload.
        case payloadTooLarge
        /// The client stopped reading and too much output queued up.
        case bufferOverflow
        /// The server closed the session (shutdown).
        case serverClose

        /// The reason as python-socketio words it where it has one.
        public var description: String {
            switch self {
            case .clientClose: "client disconnect"
            case .pingTimeout: "ping timeout"
            case .transportClose: "transport close"
            case .duplicatePoll: "transport error (duplicate poll)"
            case .parseError: "parse error"
            case .payloadTooLarge: "payload too large"
            case .bufferOverflow: "transport error (output buffer full)"
            case .serverClose: "server disconnect"
            }
        }
    }

    /// What the driver must do after an event, in order.
    public enum Action: Hashable, Sendable {
        /// Answer the GET `request` with 200 and these packets as a polling payload.
        case answerPoll(ConnectionID, [EngineIOPacket])
        /// Answer the POST `request` with 200 `ok`.
        case answerPost(ConnectionID)
        /// Answer a GET or POST with an HTTP error.
        case reject(ConnectionID, EngineIORequestError)
        /// Send the packets on a WebSocket, one frame each (binary messages as binary frames).
        case sendFrames(ConnectionID, [EngineIOPacket])
        /// Close a WebSocket with this close code (RFC 6455 §7.4.1).
        case closeWebSocket(ConnectionID, code: UInt16)
        /// Hand a message (text or binary) to the Socket.IO layer.
        case deliver(EngineIOPacket)
        /// Arm the heartbeat timer to fire after this many ms, replacing the armed one.
        case armHeartbeat(milliseconds: Int)
        /// Arm the upgrade timer to fire after this many ms.
        case armUpgradeTimer(milliseconds: Int)
        /// Cancel the upgrade timer.
        case cancelUpgradeTimer
        /// The session ended: cancel its timers, forget it and tell the Socket.IO layer. Always the
        /// last action; the session ignores every later event.
        case closed(CloseReason)
    }
}
