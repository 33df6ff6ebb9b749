// The usernames check (join and leave broadcasts, own name, last map) and the user lifecycle it hangs on.

extension OpenChatChecker {
    /// A `connected` record: starts the user's interval and, with the usernames check on, the join obligation.
    ///
    /// The server broadcasts the map from its connect handler, before its CONNECT reply, so another user may
    /// have shown the newcomer before this record: a user whose last map already lists the newcomer's socket
    /// id is satisfied at once (no latency is recorded for it).
    mutating func connect(user: Int, socketID: String, at: UInt64, into observations: inout [CheckObservation]) {
        var state = userState(user, at: at)
        if let old = state.socketID, old != socketID, userBySocketID[old] == user { userBySocketID[old] = nil }
        state.socketID = socketID
        state.isConnected = true
        state.connectedAt = at
        state.leftAt = nil
        // A new connection starts as "Guest" on the server.
        state.confirmedName = "Guest"
        state.hasConfirmedName = false
        state.pendingNames = []
        state.generation += 1
        users[user] = state
        userBySocketID[socketID] = user
        connectedUsers.insert(user)
        guard isOn.usernames else { return }
        let awaiting = connectedUsers.filter { other in
            !(users[other]?.map?.contains(user: user, socketID: socketID) ?? false)
        }
        joins.append(JoinObligation(user: user, socketID: socketID, at: at, deadline: at &+ settings.graceNanoseconds,
                                    awaiting: awaiting))
    }

    /// A `leaving` or `disconnected` record: ends the user's interval.
    ///
    /// The user is no longer required to get messages whose window is still open (it left inside it), nor
    /// any pending broadcast. On a `leaving`, its last map is checked first. Every other connected user must
    /// then show a map without it: within grace after a clean leave, within drop grace after a drop or an
    /// unexpected disconnect (the server may notice only at its ping timeout). A user whose last map already
    /// lacks the leaver is satisfied at once (the server may have removed it before the client noticed).
    mutating func end(user: Int, how: Ending, at: UInt64, into observations: inout [CheckObservation]) {
        guard var state = users[user], state.isConnected else { return }
        if how != .disconnect && isOn.usernames { checkLastMap(of: user, at: at, into: &observations) }
        let window = how == .leave ? settings.graceNanoseconds : settings.dropGraceNanoseconds
        state.isConnected = false
        state.leftAt = at
        state.leaveWindow = window
        state.generation += 1
        users[user] = state
        connectedUsers.remove(user)
        scheduledDrops.append(ScheduledDrop(user: user, at: at &+ userRetention, generation: state.generation))
        if isOn.delivery {
            for key in pendingQueue.elements {
                if let index = messages.index(forKey: key) { messages.values[index].awaiting.remove(user) }
            }
        }
        guard isOn.usernames else { return }
        for index in joins.elements.indices { joins[index].awaiting.remove(user) }
        for index in leaves.indices { leaves[index].awaiting.remove(user) }
        guard let socketID = state.socketID else { return }
        let awaiting = connectedUsers.filter { other in
            users[other]?.map?.contains(user: user, socketID: socketID) ?? true
        }
        leaves.append(LeaveObligation(user: user, socketID: socketID, at: at, deadline: at &+ window, awaiting: awaiting,
                                      how: how.text))
    }

    /// A `usernames` map: settles join and leave obligations, checks the user's own entry, and becomes the
    /// user's last map. Only our users' entries matter; other users' names are not checked (a rename
    /// triggers no broadcast, so a map may rightly show another user's old name).
    mutating func receiveMap(user: Int, entries: [UsernameEntry], at: UInt64, into observations: inout [CheckObservation]) {
        guard isOn.usernames else { return }
        var state = userState(user, at: at)
        // Maps that arrive after the user started leaving are not checked.
        guard state.isConnected || state.leftAt == nil else { return }
        var ours: [Int] = []
        ours.reserveCapacity(entries.count)
        var others: Set<String> = []
        var ownEntry: UsernameEntry?
        for entry in entries {
            if let owner = userBySocketID[entry.socketID] {
                ours.append(owner)
                if owner == user { ownEntry = entry }
            } else {
                others.insert(entry.socketID)
            }
        }
        ours.sort()
        let snapshot = MapSnapshot(users: ours, otherSocketIDs: others, entryCount: entries.count, at: at)
        state.map = snapshot
        users[user] = state

        if state.isConnected, let expected = state.expectedOwnName, ownEntry?.name != expected {
            let seen: String
            switch ownEntry {
            case nil: seen = "no entry for its socket id \(state.socketID ?? "?")"
            case .some(let entry): seen = entry.name.map { TextFormatting.quoted($0) } ?? "a value that is not a string"
            }
            report(Violation(kind: .wrongOwnName, users: [user], message: nil,
                             expected: "\(TextFormatting.quoted(expected)) (its confirmed name)", seen: seen, at: at),
                   into: &observations)
        }
        for index in joins.elements.indices where joins[index].awaiting.contains(user) {
            let join = joins[index]
            guard snapshot.contains(user: join.user, socketID: join.socketID) else { continue }
            joins[index].awaiting.remove(user)
            if user != join.user { observations.append(.joinSeen(nanoseconds: Self.elapsed(from: join.at, to: at))) }
        }
        for index in leaves.indices where leaves[index].awaiting.contains(user) {
            let leave = leaves[index]
            guard !snapshot.contains(user: leave.user, socketID: leave.socketID) else { continue }
            leaves[index].awaiting.remove(user)
            observations.append(.leaveSeen(nanoseconds: Self.elapsed(from: leave.at, to: at)))
        }
    }

    mutating func finalizeJoin(_ join: JoinObligation, at: UInt64, into observations: inout [CheckObservation]) {
        for user in join.awaiting.sorted() {
            report(Violation(kind: .missingJoinBroadcast, users: [user, join.user], message: nil,
                             expected: "a usernames map listing \(join.socketID) (user \(join.user)) within "
                                + "\(TextFormatting.milliseconds(settings.graceNanoseconds)) of its connect",
                             seen: describeLastMap(of: user, since: join.at), at: at), into: &observations)
        }
    }

    mutating func finalizeLeave(_ leave: LeaveObligation, at: UInt64, into observations: inout [CheckObservation]) {
        for user in leave.awaiting.sorted() {
            report(Violation(kind: .missingLeaveBroadcast, users: [user, leave.user], message: nil,
                             expected: "a usernames map without \(leave.socketID) (user \(leave.user)) within "
                                + "\(TextFormatting.milliseconds(leave.deadline &- leave.at)) of its \(leave.how)",
                             seen: describeLastMap(of: user, since: leave.at), at: at), into: &observations)
        }
    }

    private func describeLastMap(of user: Int, since start: UInt64) -> String {
        guard let map = users[user]?.map else { return "no usernames map at all" }
        let when = map.at >= start ? "\(TextFormatting.milliseconds(map.at - start)) after" : "\(TextFormatting.milliseconds(start - map.at)) before"
        return "none; the last map (\(map.entryCount) entries) came \(when) it"
    }

    /// The last map `user` holds at `at` must list exactly our connected users, except users that joined or
    /// left within their window before `at` (grace; drop grace for drops and unexpected disconnects), which
    /// may be on it or not; socket ids that are not our users' are ignored.
    mutating func checkLastMap(of user: Int, at: UInt64, into observations: inout [CheckObservation]) {
        guard let state = users[user], let connectedAt = state.connectedAt else { return }
        let grace = settings.graceNanoseconds
        func joinedLongAgo(_ other: Int) -> Bool {
            guard let joined = users[other]?.connectedAt else { return false }
            return at > joined && at - joined > grace
        }
        guard let map = state.map else {
            if at > connectedAt && at - connectedAt > grace {
                report(Violation(kind: .staleUsernames, users: [user], message: nil,
                                 expected: "a usernames map listing our \(connectedUsers.count) connected users",
                                 seen: "no usernames map at all", at: at), into: &observations)
            }
            return
        }
        var listed = Set(map.users)
        for socketID in map.otherSocketIDs {
            if let other = userBySocketID[socketID] { listed.insert(other) }
        }
        let missing = connectedUsers.filter { !listed.contains($0) && joinedLongAgo($0) }.sorted()
        let extra = listed.filter { other in
            if connectedUsers.contains(other) { return false }
            if let left = users[other]?.leftAt, let window = users[other]?.leaveWindow, at <= left &+ window { return false }
            return true
        }.sorted()
        guard !missing.isEmpty || !extra.isEmpty else { return }
        var seen: [String] = []
        if !missing.isEmpty { seen.append("missing user\(missing.count == 1 ? "" : "s") \(TextFormatting.list(missing))") }
        if !extra.isEmpty { seen.append("listing user\(extra.count == 1 ? "" : "s") \(TextFormatting.list(extra)) who left") }
        report(Violation(kind: .staleUsernames, users: [user], message: nil,
                         expected: "a usernames map listing our \(connectedUsers.count) connected users "
                            + "(joins and leaves of the last \(TextFormatting.milliseconds(grace)) aside)",
                         seen: seen.joined(separator: "; ")
                            + " (last map: \(map.entryCount) entries, \(TextFormatting.milliseconds(Self.elapsed(from: map.at, to: at))) old)",
                         at: at), into: &observations)
    }
}
