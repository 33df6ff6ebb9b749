import EngineIO

/// The upgrade from polling to WebSocket (PROTOCOL.md §1, "Upgrade"): the client opens a WebSocket
/// with the session's sid, sends `2probe` and gets `3probe`; the held GET is ended with `6` and later
/// GETs get `6` at once; on `5` the WebSocket becomes the transport and the queued packets follow on it.
/// A probe that does not finish within the upgrade timeout is closed and polling goes on.
extension EngineIOServerSession {
    /// Whether a WebSocket with this sid may open as a probe now: the session is polling and no
    /// other probe is open.
    public var canAcceptProbe: Bool {
        !isClosed && transport == .polling && probe == nil
    }

    /// A WebSocket with this session's sid opened. Accepted as a probe when ``canAcceptProbe``,
    /// else closed (Node: a second WebSocket after the upgrade is closed).
    public mutating func openProbe(_ socket: ConnectionID) -> [Action] {
        guard canAcceptProbe else { return [.closeWebSocket(socket, code: 1008)] }
        probe = .opened(socket)
        return [.armUpgradeTimer(milliseconds: configuration.upgradeTimeout)]
    }

    /// The upgrade timer fired before `5`: the probe is closed; the session stays on polling.
    public mutating func upgradeTimerFired() -> [Action] {
        guard !isClosed, probe != nil else { return [] }
        return abortProbe(code: 1000)
    }

    /// A packet on the probe WebSocket: `2probe` is answered, `5` completes the upgrade, anything
    /// else closes the probe (Node does the same).
    mutating func receiveProbeFrame(_ socket: ConnectionID, _ packet: EngineIOPacket) -> [Action] {
        switch (probe, packet) {
        case (.opened?, .ping("probe")), (.probed?, .ping("probe")):
            probe = .probed(socket)
            var actions: [Action] = [.sendFrames(socket, [.pong("probe")])]
            if let held = heldPoll {
                heldPoll = nil
                actions.append(.answerPoll(held, [.noop]))
            }
            return actions
        case (.probed?, .upgrade):
            probe = nil
            transport = .webSocket(socket)
            var actions: [Action] = [.cancelUpgradeTimer]
            if let held = heldPoll {
                heldPoll = nil
                actions.append(.answerPoll(held, [.noop]))
            }
            let queued = takeOutbox()
            if !queued.isEmpty { actions.append(.sendFrames(socket, queued)) }
            return actions
        default:
            return abortProbe(code: 1002)
        }
    }

    /// Closes the probe; polling goes on, and a GET gets the queued packets again.
    mutating func abortProbe(code: UInt16) -> [Action] {
        guard let probe else { return [] }
        self.probe = nil
        return [.cancelUpgradeTimer, .closeWebSocket(probe.id, code: code)]
    }
}
