/// Identifies one sent message: its sender and the sender's sequence number (the tag without the run id).
struct MessageKey: Hashable, Sendable {
    var sender: Int
    var sequence: Int

    init(sender: Int, sequence: Int) {
        self.sender = sender
        self.sequence = sequence
    }

    init(_ tag: MessageTag) {
        self.init(sender: tag.user, sequence: tag.sequence)
    }
}
