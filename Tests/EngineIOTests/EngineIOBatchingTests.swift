import EngineIO
import Testing
import TestSupport

@Suite struct EngineIOBatchingTests {
    @Test func splitsSeventeenPacketsIntoSixteenAndOne() {
        let packets = (0..<17).map { EngineIOPacket.message("m\($0)") }
        let batches = EngineIOPollingPayload.batches(packets, maxBytes: 1_000_000)
        #expect(batches.map(\.count) == [16, 1])
        #expect(Array(batches.joined()) == packets)
    }

    @Test func fillsABatchToExactlyMaxBytes() {
        // "4abc" + 0x1E + "4abc" is 9 bytes.
        let packets: [EngineIOPacket] = [.message("abc"), .message("abc")]
        #expect(EngineIOPollingPayload.encode(packets).count == 9)
        #expect(EngineIOPollingPayload.batches(packets, maxBytes: 9).map(\.count) == [2])
        #expect(EngineIOPollingPayload.batches(packets, maxBytes: 8).map(\.count) == [1, 1])
    }

    @Test func countsUTF8BytesAndBase64Length() {
        // "4é" is 3 bytes; "b" + "AQIDBA==" is 9 bytes.
        let packets: [EngineIOPacket] = [.message("é"), .binaryMessage([1, 2, 3, 4])]
        #expect(EngineIOPollingPayload.batches(packets, maxBytes: 13).map(\.count) == [2])
        #expect(EngineIOPollingPayload.batches(packets, maxBytes: 12).map(\.count) == [1, 1])
    }

    @Test func sendsAnOversizedPacketAlone() {
        let big = EngineIOPacket.message(String(repeating: "x", count: 100))
        let packets: [EngineIOPacket] = [.message("a"), big, .message("b")]
        #expect(EngineIOPollingPayload.batches(packets, maxBytes: 20) == [[.message("a")], [big], [.message("b")]])
    }

    @Test func handlesEdgeArguments() {
        #expect(EngineIOPollingPayload.batches([], maxBytes: 10) == [])
        #expect(EngineIOPollingPayload.batches([.ping(""), .ping("")], maxPackets: 0, maxBytes: 10).map(\.count) == [1, 1])
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func batchesAreMaximalAndWithinLimits(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<300 {
            let packets: [EngineIOPacket] = (0..<Int.random(in: 0...60, using: &random)).map { _ in
                Int.random(in: 0..<4, using: &random) == 0
                    ? .binaryMessage((0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
                    : .message(String(repeating: "é", count: Int.random(in: 0...30, using: &random)))
            }
            let maxBytes = Int.random(in: 1...400, using: &random)
            let maxPackets = Int.random(in: 1...20, using: &random)
            let batches = EngineIOPollingPayload.batches(packets, maxPackets: maxPackets, maxBytes: maxBytes)
            #expect(Array(batches.joined()) == packets)
            for (i, batch) in batches.enumerated() {
                #expect(!batch.isEmpty && batch.count <= maxPackets)
                #expect(batch.count == 1 || EngineIOPollingPayload.encode(batch).count <= maxBytes)
                if i + 1 < batches.count, batch.count < maxPackets {
                    // Greedy: the next packet would not have fitted.
                    #expect(EngineIOPollingPayload.encode(batch + [batches[i + 1][0]]).count > maxBytes)
                }
            }
        }
    }
}
