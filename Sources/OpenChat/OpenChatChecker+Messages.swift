// The delivery, content and order checks: what happens to each `my_mssg` from its send to its last copy.

extension OpenChatChecker {
    /// Starts tracking a sent message. Its required recipients are the users connected now (their
    /// `connected` record came no later than the send, the sender included); users that leave before the
    /// window closes are removed from them in ``end(user:how:at:into:)``.
    mutating func send(user: Int, tag: MessageTag, text: String, intendedAt: UInt64, at: UInt64) {
        let key = MessageKey(tag)
        guard messages[key] == nil else { return }  // the same send recorded twice: keep the first
        var sender = userState(user, at: at)
        sender.sentSequences.insert(tag.sequence)
        let names = sender.acceptableNames
        users[user] = sender
        if tag.user != user {
            var owner = userState(tag.user, at: at)
            owner.sentSequences.insert(tag.sequence)
            users[tag.user] = owner
        }
        var message = TrackedMessage(key: key, text: text, names: names, intendedAt: intendedAt, sentAt: at,
                                     deadline: at &+ settings.graceNanoseconds, awaiting: isOn.delivery ? connectedUsers : [])
        if isOn.order {
            message.slot = order.allocate(for: key, limit: settings.maxOrderTrackedMessages)
            if message.slot == nil { results.messagesNotOrderChecked += 1 }
        }
        messages[key] = message
        pendingQueue.append(key)
        senderIndexes[key.sender, default: SenderIndex()].insert(key.sequence)
    }

    /// A `message` event: foreign, unknown, expired, a duplicate, or a first copy (latency, content, order).
    mutating func receive(user: Int, text: String, at: UInt64, into observations: inout [CheckObservation]) {
        guard let key = TagParser.key(in: text, runID: settings.runID) else {
            results.foreignMessages += 1
            observations.append(.foreignMessage)
            return
        }
        guard let index = messages.index(forKey: key) else {
            receiveUntracked(key, user: user, text: text, at: at, into: &observations)
            return
        }
        results.deliveriesChecked += 1
        // Read what is needed without keeping a copy of the message alive: mutating `receipts` below while a
        // copy holds it would copy the whole dictionary on every receipt.
        let (sentAt, intendedAt, isPending, slot, isDuplicate, isWrongContent, expected) = {
            let message = messages.values[index]
            let isWrongContent = isOn.content
                && !message.names.contains { TextFormatting.isMessage(text, from: $0, text: message.text) }
            let expected = isWrongContent
                ? message.names.map { TextFormatting.quoted("\($0): \(message.text)") }.joined(separator: " or ") : ""
            return (message.sentAt, message.intendedAt, message.isPending, message.slot, message.wasReceived(by: user),
                    isWrongContent, expected)
        }()
        if isWrongContent {
            report(Violation(kind: .wrongContent, users: [user, key.sender], message: tagText(key), expected: expected,
                             seen: TextFormatting.quoted(text), at: at), into: &observations)
        }
        if isDuplicate {
            report(Violation(kind: .duplicateDelivery, users: [user, key.sender], message: tagText(key),
                             expected: "exactly one copy",
                             seen: "another copy \(TextFormatting.milliseconds(Self.elapsed(from: sentAt, to: at))) after the send"
                                + (isPending ? "" : " (after the delivery window closed)"),
                             at: at), into: &observations)
            return
        }
        observations.append(.delivery(toSender: user == key.sender, nanoseconds: Self.elapsed(from: intendedAt, to: at)))
        if isPending {
            receiptCounter += 1
            messages.values[index].receipts[user] = receiptCounter
            messages.values[index].awaiting.remove(user)
        } else {
            messages.values[index].receivers.insert(user)
        }
        if isOn.order {
            // Sender order also covers late copies (against the sender's retained messages); the cross-user
            // order only compares messages while both are inside their window (their slots are freed after).
            checkSenderOrder(key, user: user, at: at, into: &observations)
            if let slot { checkTotalOrder(key, slot: slot, user: user, at: at, into: &observations) }
        }
    }

    /// A tagged message the checker does not remember: sent long ago (expired, not judged) or never sent (unknown).
    private mutating func receiveUntracked(_ key: MessageKey, user: Int, text: String, at: UInt64,
                                           into observations: inout [CheckObservation]) {
        let wasSent = users[key.sender]?.sentSequences.contains(key.sequence) ?? retiredUsers.contains(key.sender)
        if wasSent {
            results.expiredReceipts += 1
        } else {
            report(Violation(kind: .unknownMessage, users: [user, key.sender], message: tagText(key),
                             expected: "a message one of this run's users sent", seen: TextFormatting.quoted(text), at: at),
                   into: &observations)
        }
    }

    /// Sender order: the recipient must not have got any later message of the same sender before this one.
    /// Compared against the sender's messages still remembered (pending or retained); one violation per late copy.
    private mutating func checkSenderOrder(_ key: MessageKey, user: Int, at: UInt64, into observations: inout [CheckObservation]) {
        guard let index = senderIndexes[key.sender] else { return }
        let overtaken = index.after(key.sequence).filter { later in
            messages[MessageKey(sender: key.sender, sequence: later)]?.wasReceived(by: user) ?? false
        }
        guard !overtaken.isEmpty else { return }
        report(Violation(kind: .senderOrder, users: [user, key.sender], message: tagText(key),
                         expected: "sequence \(key.sequence) before \(TextFormatting.list(overtaken)) (the order they were sent in)",
                         seen: "sequence \(key.sequence) after \(TextFormatting.list(overtaken))", at: at), into: &observations)
    }

    /// Total order (see ``OrderTracker``). A pair from one sender is left to the sender-order check: if two
    /// users disagree on it, one of them got it out of sequence and that is reported there.
    private mutating func checkTotalOrder(_ key: MessageKey, slot: Int, user: Int, at: UInt64,
                                          into observations: inout [CheckObservation]) {
        for otherSlot in order.receive(user: user, slot: slot) {
            guard let otherKey = order.keys[otherSlot], otherKey.sender != key.sender,
                  let mine = messages[key]?.receipts, let theirs = messages[otherKey]?.receipts else { continue }
            // Who got `key` before `otherKey`? The tracker knows one did; name the lowest such user.
            var witness: Int?
            for (other, position) in mine where other != user {
                if let later = theirs[other], position < later, other < (witness ?? .max) { witness = other }
            }
            order.markReported(slot, otherSlot)
            let first = tagText(key)
            let second = tagText(otherKey)
            report(Violation(kind: .orderMismatch, users: witness.map { [user, $0] } ?? [user], message: first,
                             expected: "\(first) before \(second)" + (witness.map { ", as user \($0) got them" } ?? ""),
                             seen: "\(second) before \(first)", at: at), into: &observations)
        }
    }

    /// Closes a message's delivery window: every required recipient still awaited is a missing delivery.
    /// The message is then kept in compact form (who got it) for late duplicates, up to `retainedMessages`.
    mutating func finalizeMessage(_ key: MessageKey, at: UInt64, into observations: inout [CheckObservation]) {
        guard var message = messages.removeValue(forKey: key) else { return }
        results.messagesChecked += 1
        for user in message.awaiting.sorted() {
            report(Violation(kind: .missingDelivery, users: [user, key.sender], message: tagText(key),
                             expected: "a copy within \(TextFormatting.milliseconds(settings.graceNanoseconds)) of the send",
                             seen: "none", at: at), into: &observations)
        }
        if let slot = message.slot { order.release(slot, receivers: message.receipts.keys) }
        guard settings.retainedMessages > 0 else {
            forgetSenderIndex(key)
            return
        }
        message.receivers = IntRangeSet(message.receipts.keys)
        message.receipts = [:]
        message.awaiting = []
        message.slot = nil
        message.isPending = false
        messages[key] = message
        retainedQueue.append(key)
        while retainedQueue.count > settings.retainedMessages {
            let old = retainedQueue.removeFirst()
            messages[old] = nil
            forgetSenderIndex(old)
        }
    }

    private mutating func forgetSenderIndex(_ key: MessageKey) {
        guard var index = senderIndexes.removeValue(forKey: key.sender) else { return }
        index.remove(key.sequence)
        if !index.isEmpty { senderIndexes[key.sender] = index }
    }
}
