import OpenChat

/// A correct OpenChat server and its clients, simulated: client actions reach the server after the
/// client's one-way latency, the server handles them one at a time (like python-socketio with the
/// seed's handlers), and everything it emits reaches each client after that client's latency, in order.
/// The records it produces are what a runner would record against a correct server, races included
/// (a newcomer's map reaching others before its own CONNECT reply, drops noticed late).
struct SimulatedServer {
    enum Action {
        case connect
        case rename(String)
        case send(String)
        case leave(clean: Bool)
    }

    /// One-way latency of each user, ms.
    var latency: [Int: Double]
    /// How long the server takes to notice a drop, ms.
    var dropDetection: Double = 300
    var runID = ChatLog.runID

    private var script: [(at: Double, user: Int, action: Action)] = []

    init(latency: [Int: Double]) { self.latency = latency }

    mutating func at(_ time: Double, _ user: Int, _ action: Action) { script.append((time, user, action)) }

    /// The records in time order, with a tick every `tickEvery` ms.
    func records(tickEvery: Double = 100) -> [ChatRecord] {
        var output: [(time: Double, index: Int, record: ChatRecord)] = []
        func emit(_ time: Double, _ record: ChatRecord) { output.append((time, output.count, record)) }

        // Client-side records happen at the client's time; the server sees the action one latency later.
        var serverQueue: [(time: Double, index: Int, user: Int, action: Action, clientTime: Double)] = []
        var sequences: [Int: Int] = [:]
        var sentTexts: [String: String] = [:]
        for (index, step) in script.enumerated() {
            let lag = latency[step.user] ?? 5
            switch step.action {
            case .connect:
                break
            case .rename(let name):
                emit(step.at, .nameRequested(user: step.user, name: name, at: ns(step.at)))
            case .send(let text):
                let sequence = sequences[step.user, default: 0]
                sequences[step.user] = sequence + 1
                let tag = MessageTag(runID: runID, user: step.user, sequence: sequence)
                sentTexts["\(step.user):\(index)"] = text + tag.description
                emit(step.at, .sent(user: step.user, tag: tag, text: text + tag.description, intendedAt: ns(step.at), at: ns(step.at)))
            case .leave(let clean):
                emit(step.at, .leaving(user: step.user, clean: clean, at: ns(step.at)))
            }
            let serverTime: Double
            if case .leave(false) = step.action { serverTime = step.at + dropDetection } else { serverTime = step.at + lag }
            serverQueue.append((serverTime, index, step.user, step.action, step.at))
        }
        serverQueue.sort { ($0.time, $0.index) < ($1.time, $1.index) }

        var names: [(user: Int, name: String)] = []  // insertion order, like python's dict
        var dropped: Set<Int> = []
        func broadcastMap(at time: Double, except: Int? = nil) {
            let map = names.map { UsernameEntry(socketID: ChatLog.socketID($0.user), name: $0.name) }
            for member in names where member.user != except && !dropped.contains(member.user) {
                emit(time + (latency[member.user] ?? 5), .usernames(user: member.user, map: map, at: ns(time + (latency[member.user] ?? 5))))
            }
        }
        for event in serverQueue {
            let lag = latency[event.user] ?? 5
            switch event.action {
            case .connect:
                names.append((event.user, "Guest"))
                // The CONNECT reply is recorded first; the map sent before it is delivered right after it.
                emit(event.time + lag, .connected(user: event.user, socketID: ChatLog.socketID(event.user), at: ns(event.time + lag)))
                broadcastMap(at: event.time)
            case .rename(let name):
                if let index = names.firstIndex(where: { $0.user == event.user }) { names[index].name = name }
                emit(event.time + lag, .nameConfirmed(user: event.user, name: name, at: ns(event.time + lag)))
            case .send:
                guard let name = names.first(where: { $0.user == event.user })?.name,
                      let text = sentTexts["\(event.user):\(event.index)"] else { continue }
                for member in names where !dropped.contains(member.user) {
                    let arrival = event.time + (latency[member.user] ?? 5)
                    emit(arrival, .message(user: member.user, text: "\(name): \(text)", at: ns(arrival)))
                }
            case .leave(let clean):
                if !clean { dropped.insert(event.user) }
                names.removeAll { $0.user == event.user }
                broadcastMap(at: event.time)
            }
        }
        // A dropped client records nothing after its drop.
        let dropTimes = Dictionary(script.compactMap { step -> (Int, Double)? in
            if case .leave(false) = step.action { return (step.user, step.at) } else { return nil }
        }, uniquingKeysWith: min)
        output.removeAll { item in
            guard let user = item.record.user, let dropAt = dropTimes[user] else { return false }
            if case .leaving = item.record { return false }
            return item.time > dropAt
        }
        let last = output.map(\.time).max() ?? 0
        var tick = tickEvery
        while tick <= last + tickEvery {
            emit(tick, .tick(at: ns(tick)))
            tick += tickEvery
        }
        return output.sorted { ($0.time, $0.index) < ($1.time, $1.index) }.map(\.record)
    }

    private func ns(_ milliseconds: Double) -> UInt64 { UInt64(milliseconds * 1_000_000) }
}

extension ChatRecord {
    /// The user a record is about (nil for ticks).
    var user: Int? {
        switch self {
        case .connected(let user, _, _), .nameRequested(let user, _, _), .nameConfirmed(let user, _, _), .sent(let user, _, _, _, _),
             .message(let user, _, _), .usernames(let user, _, _), .leaving(let user, _, _), .disconnected(let user, _, _),
             .error(let user, _, _, _):
            return user
        case .tick:
            return nil
        }
    }
}
