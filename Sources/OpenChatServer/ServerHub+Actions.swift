import EngineIO
import NIOCore

/// Carrying out the actions of the session state machines.
extension ServerHub {
    /// Carries out `actions` of `session`, in order. Delivering a message runs the application at
    /// once, which may send to this and other sessions before the remaining actions run; the
    /// machine has already moved on, so the order of what reaches each client is its own.
    func execute(_ actions: [EngineIOServerSession.Action], for session: Session) {
        for action in actions {
            switch action {
            case .answerPoll(let request, let packets):
                session.requests.removeValue(forKey: request)?.respond(
                    status: .ok, contentType: "text/plain; charset=UTF-8",
                    body: EngineIOPollingPayload.encode(packets))
            case .answerPost(let request):
                // The session's endpoint decides: the Engine.IO echo server is Node's, the applications say.
                let answer = session.endpoint == .engineIOEcho ? "ok" : application.postAnswer
                session.requests.removeValue(forKey: request)?.respond(status: .ok, contentType: "text/plain", body: answer)
            case .reject(let request, let error):
                session.requests.removeValue(forKey: request)?.respond(error: error)
            case .sendFrames(let socket, let packets):
                session.webSockets[socket]?.send(frames(for: packets))
            case .closeWebSocket(let socket, let code):
                session.webSockets.removeValue(forKey: socket)?.close(code: code)
            case .deliver(let message):
                // An earlier message of the same POST may have ended the session.
                guard !session.machine.isClosed else { break }
                switch session.endpoint {
                case .socketIO: receiveSocketIO(message, for: session)
                case .engineIOEcho: execute(session.machine.send([message]), for: session)
                }
            case .armHeartbeat(let milliseconds):
                session.heartbeatTimer?.cancel()
                session.heartbeatTimer = schedule(after: milliseconds, for: session) { session in
                    session.machine.heartbeatTimerFired()
                }
            case .armUpgradeTimer(let milliseconds):
                session.upgradeTimer?.cancel()
                session.upgradeTimer = schedule(after: milliseconds, for: session) { session in
                    session.machine.upgradeTimerFired()
                }
            case .cancelUpgradeTimer:
                session.upgradeTimer?.cancel()
                session.upgradeTimer = nil
            case .closed:
                closed(session)
            }
        }
    }

    /// Runs `event` on the session's machine after `milliseconds`, if the session still exists.
    func schedule(after milliseconds: Int, for session: Session,
                          _ event: @escaping (Session) -> [EngineIOServerSession.Action]) -> Scheduled<Void> {
        let sid = session.machine.sid
        return eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(milliseconds))) { [weak self, weak session] in
            guard let self, let session, self.sessions[sid] === session else { return }
            self.execute(event(session), for: session)
        }
    }

    /// Forgets an ended session: its timers, any request or WebSocket still attached, and its user.
    private func closed(_ session: Session) {
        let sid = session.machine.sid
        guard sessions[sid] === session else { return }
        sessions[sid] = nil
        session.heartbeatTimer?.cancel()
        session.upgradeTimer?.cancel()
        session.connectTimer?.cancel()
        session.heartbeatTimer = nil
        session.upgradeTimer = nil
        session.connectTimer = nil
        for handler in session.requests.values {
            handler.respond(error: .invalidSession(sid))
        }
        session.requests = [:]
        for handler in session.webSockets.values {
            handler.close(code: 1000)
        }
        session.webSockets = [:]
        for (namespace, socketID) in session.socket.leave() {
            left(socketID: socketID, namespace: namespace)
        }
    }
}
