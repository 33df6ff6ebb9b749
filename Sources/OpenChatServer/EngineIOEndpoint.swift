/// What an Engine.IO session carries: Socket.IO for the application, or (for the Engine.IO
/// conformance suite) nothing but an echo of every message.
enum EngineIOEndpoint: Hashable, Sendable {
    /// Messages are Socket.IO packets for the application.
    case socketIO
    /// Every message is sent straight back.
    case engineIOEcho
}
