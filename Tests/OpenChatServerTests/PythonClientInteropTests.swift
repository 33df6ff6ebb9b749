import Foundation
import OpenChatServer
import Testing

/// python-socketio's client (a client written by someone else) against the server in-process, over
/// polling, WebSocket and the upgrade. Runs with `.venv-peers` (made by `scripts/setup.sh`); skipped
/// without it, except under CI, where a missing venv is a failure.
@Suite(.serialized)
struct PythonClientInteropTests {
    static let script = #"""
import sys, threading, socketio
url, transports = sys.argv[1], sys.argv[2].split(",")
sio = socketio.Client()
got, users, done = [], [], threading.Event()
sio.on("message", lambda data: (got.append(data), done.set()))
sio.on("usernames", lambda data: users.append(data))
sio.connect(url, transports=transports, wait_timeout=10)
acked = threading.Event()
sio.emit("add_username", "py", callback=lambda *args: acked.set())
assert acked.wait(10), "no ack for add_username"
sio.emit("my_mssg", "hello")
assert done.wait(10), "no message"
assert users and sio.get_sid() in users[0], f"own sid missing from {users}"
print("OK", sio.transport(), got[0], flush=True)
sio.disconnect()
"""#

    static var python: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv-peers/bin/python")
        return FileManager.default.isExecutableFile(atPath: python.path) ? python : nil
    }

    @Test("python-socketio client: connect, ack, message", arguments: [
        ("polling", "polling"), ("websocket", "websocket"), ("polling,websocket", "websocket"),
    ])
    func pythonClient(transports: String, expectedTransport: String) async throws {
        guard let python = Self.python else {
            if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty && $0 != "false" }) ?? false {
                Issue.record(".venv-peers is missing: run scripts/setup.sh")
            }
            return
        }
        try await withServer { (server: RunningServer) async throws in
            let process = Process()
            process.executableURL = python
            process.arguments = ["-c", Self.script, server.url, transports]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let deadline = ContinuousClock.now + .seconds(30)
            while process.isRunning && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus == 0, "\(text)")
            #expect(text.contains("OK \(expectedTransport) py: hello"), "\(text)")
        }
    }
}
