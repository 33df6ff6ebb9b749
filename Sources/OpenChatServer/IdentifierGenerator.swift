/// Makes Engine.IO session ids and Socket.IO socket ids: 20 characters from the URL-safe base64
/// alphabet (15 random bytes), like python-engineio's `generate_id`.
struct IdentifierGenerator<Generator: RandomNumberGenerator> {
    private static var alphabet: [UInt8] {
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    }

    private var generator: Generator

    /// Creates a generator drawing from `generator` (inject a seeded one in tests).
    init(generator: Generator) {
        self.generator = generator
    }

    /// A new 20-character id.
    mutating func next() -> String {
        let alphabet = Self.alphabet
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        for _ in 0..<20 {
            bytes.append(alphabet[Int(generator.next(upperBound: UInt8(64)))])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
