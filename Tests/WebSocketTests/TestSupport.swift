@testable import WebSocket
import TestSupport


/// An unmasked server-to-client frame, built by hand so tests can also build invalid ones.
func serverFrame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, rsv: UInt8 = 0) -> [UInt8] {
    var bytes: [UInt8] = [(fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0x0F)]
    switch payload.count {
    case 0...125:
        bytes.append(UInt8(payload.count))
    case 126...0xFFFF:
        bytes += [126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
    default:
        bytes.append(127)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: payload.count >> shift)) }
    }
    return bytes + payload
}

func serverFrame(_ opcode: WebSocketOpcode, _ payload: [UInt8], fin: Bool = true) -> [UInt8] {
    serverFrame(opcode.rawValue, payload, fin: fin)
}

func serverText(_ text: String, fin: Bool = true) -> [UInt8] { serverFrame(.text, Array(text.utf8), fin: fin) }

/// A close frame payload: big-endian code then reason bytes.
func closePayload(_ code: UInt16, _ reason: [UInt8] = []) -> [UInt8] {
    [UInt8(code >> 8), UInt8(code & 0xFF)] + reason
}

/// Decodes client frames, checking each is masked; `nil` if the bytes are not whole masked frames.
func decodeClientFrames(_ bytes: [UInt8]) -> [WebSocketFrame]? {
    var frames: [WebSocketFrame] = []
    var index = 0
    while index < bytes.count {
        guard bytes.count - index >= 6, bytes[index + 1] & 0x80 != 0 else { return nil }
        let byte0 = bytes[index]
        var length = Int(bytes[index + 1] & 0x7F)
        var cursor = index + 2
        if length == 126 {
            length = Int(bytes[cursor]) << 8 | Int(bytes[cursor + 1])
            cursor += 2
        } else if length == 127 {
            length = 0
            for offset in 0..<8 { length = length << 8 | Int(bytes[cursor + offset]) }
            cursor += 8
        }
        guard bytes.count >= cursor + 4 + length else { return nil }
        let key = Array(bytes[cursor..<cursor + 4])
        cursor += 4
        var payload = Array(bytes[cursor..<cursor + length])
        for i in payload.indices { payload[i] ^= key[i % 4] }
        guard let opcode = WebSocketOpcode(rawValue: byte0 & 0x0F) else { return nil }
        frames.append(WebSocketFrame(fin: byte0 & 0x80 != 0, rsv: (byte0 >> 4) & 7, opcode: opcode, payload: payload))
        index = cursor + length
    }
    return frames
}

/// The frames in all `.write` actions, decoded.
func writtenFrames(_ actions: [WebSocketAction]) -> [WebSocketFrame] {
    actions.flatMap { action -> [WebSocketFrame] in
        guard case .write(let bytes) = action else { return [] }
        return decodeClientFrames(bytes) ?? []
    }
}

/// Actions other than `.write`, for asserting deliveries and closes.
func nonWriteActions(_ actions: [WebSocketAction]) -> [WebSocketAction] {
    actions.filter { if case .write = $0 { false } else { true } }
}

/// Runs a parser over `bytes`, whole or one byte at a time, collecting frames until the first error.
func parseFrames(
    _ bytes: [UInt8], byteAtATime: Bool, maxFrameSize: Int = 16 << 20
) -> (frames: [WebSocketFrame], error: WebSocketError?) {
    var parser = WebSocketFrameParser(maxFrameSize: maxFrameSize)
    var frames: [WebSocketFrame] = []
    let chunks = byteAtATime ? bytes.map { [$0] } : [bytes]
    do throws(WebSocketError) {
        for chunk in chunks {
            parser.append(chunk)
            while let frame = try parser.nextFrame() { frames.append(frame) }
        }
    } catch {
        return (frames, error)
    }
    return (frames, nil)
}

extension WebSocketConnectionStateMachine {
    /// A machine with a fixed seed, so the masking keys of its writes repeat.
    static func seeded(_ configuration: WebSocketConfiguration = .init(), seed: UInt64 = 42) -> Self {
        Self(configuration: configuration, random: SeededGenerator(seed: seed))
    }
}
