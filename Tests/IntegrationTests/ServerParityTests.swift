import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OpenChatServer
import Testing

/// The Swift OpenChat server against the reference server, byte for byte where a client can see it:
/// the same conversation over raw long-polling requests to both, transcripts compared after the
/// random ids (Engine.IO sids, Socket.IO socket ids) are replaced by names.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct ServerParityTests {
    /// One polling client: raw requests, packets collected across GETs.
    final class PollingClient: @unchecked Sendable {  // used by one test task
        let base: String
        let label: String
        var sid = ""
        var pending: [String] = []

        init(base: String, label: String) {
            self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
            self.label = label
        }

        func request(_ method: String, _ query: String, body: String? = nil) async throws -> (Int, String) {
            var request = URLRequest(url: URL(string: "\(base)/socket.io/?EIO=4&transport=polling\(query)")!)
            request.httpMethod = method
            request.timeoutInterval = 10
            if let body {
                request.httpBody = Data(body.utf8)
                request.setValue("text/plain;charset=UTF-8", forHTTPHeaderField: "Content-Type")
            }
            let session = URLSession(configuration: .ephemeral)
            defer { session.finishTasksAndInvalidate() }
            let (data, response) = try await session.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        /// The handshake; returns the open packet.
        func open() async throws -> String {
            let (_, body) = try await request("GET", "")
            let json = try JSONSerialization.jsonObject(with: Data(body.dropFirst().utf8)) as? [String: Any]
            sid = json?["sid"] as? String ?? ""
            return body
        }

        func post(_ payload: String) async throws -> String {
            let (status, body) = try await request("POST", "&sid=\(sid)", body: payload)
            return "POST \(status) \(body)"
        }

        /// The next `count` packets, over as many GETs as it takes.
        func packets(_ count: Int) async throws -> [String] {
            while pending.count < count {
                let (status, body) = try await request("GET", "&sid=\(sid)")
                guard status == 200 else { return pending + ["GET \(status) \(body)"] }
                pending += body.split(separator: "\u{1e}", omittingEmptySubsequences: false).map(String.init)
            }
            defer { pending.removeFirst(count) }
            return Array(pending.prefix(count))
        }
    }

    /// Runs the conversation against `url` and returns its transcript with ids replaced by names.
    static func transcript(_ url: String) async throws -> [String] {
        let a = PollingClient(base: url, label: "A")
        let b = PollingClient(base: url, label: "B")
        var lines: [String] = []
        lines.append(try await a.open())
        lines.append(try await a.post("40"))
        lines += try await a.packets(2)                       // usernames (python sends it first), CONNECT reply
        lines.append(try await b.open())
        lines.append(try await b.post("40"))
        lines += try await b.packets(2)
        lines += try await a.packets(1)                       // A sees B join
        lines.append(try await a.post(#"421["add_username","Ann"]"#))
        lines += try await a.packets(1)                       // the ack
        lines.append(try await a.post(#"42["my_mssg","hi <b>there</b> \"quoted\" é"]"#))
        lines += try await a.packets(1)
        lines += try await b.packets(1)
        lines.append(try await b.post(#"42["my_mssg",5]"#))  // a number, rendered like python's str()
        lines += try await b.packets(1)
        lines += try await a.packets(1)
        lines.append(try await a.post(#"42["my_mssg",{"k":[1,true,null]}]"#))  // a dict, like python's str()
        lines += try await a.packets(1)
        lines += try await b.packets(1)
        lines.append(try await a.post("40/nope,"))
        lines += try await a.packets(1)                       // the refusal
        lines.append(try await b.post("41"))
        lines += try await a.packets(1)                       // A sees B leave /
        lines.append(try await a.post("1"))
        // Status only: python answers a session it is still tearing down with "'Session is disconnected' <sid>",
        // this server (which forgets it at once) with python's answer for an unknown sid.
        let (closedStatus, _) = try await a.request("GET", "&sid=\(a.sid)")
        lines.append("GET after close \(closedStatus)")
        let (unknownStatus, unknownBody) = try await a.request("GET", "&sid=nosuchsid")
        lines.append("GET unknown sid \(unknownStatus) \(unknownBody)")
        let (versionStatus, versionBody) = try await a.request("GET", "&EIO=3")  // EIO twice
        lines.append("GET EIO=4&EIO=3 \(versionStatus) \(versionBody)")
        let (transportStatus, transportBody) = try await a.request("GET", "&transport=carrier-pigeon")  // the first transport counts
        lines.append("GET transport twice \(transportStatus) \(transportBody.prefix(1))")

        // Name the random ids: the Engine.IO sids, then the socket ids from the CONNECT replies.
        var names: [(String, String)] = [(a.sid, "<sid A>"), (b.sid, "<sid B>")]
        for line in lines {
            guard line.hasPrefix("40{"), let json = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(2).utf8)) as? [String: Any],
                  let socketID = json["sid"] as? String, !names.contains(where: { $0.0 == socketID }) else { continue }
            names.append((socketID, "<socket \(names.count - 1)>"))
        }
        return lines.map { line in names.reduce(line) { $0.replacingOccurrences(of: $1.0, with: $1.1) } }
    }

    /// A reference server of this test's own on 127.0.0.1:18030 (the shared one on :18000 has other
    /// tests' users in its room, which would show in the `usernames` maps).
    static func startReference() async throws -> Process? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv-ref/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            if TestServers.isCI { Issue.record("no .venv-ref: run scripts/setup.sh") }
            return nil
        }
        let process = Process()
        process.executableURL = python
        process.arguments = ["-m", "src.main"]
        process.currentDirectoryURL = root.appendingPathComponent("Reference/flask-openchat")
        process.environment = ProcessInfo.processInfo.environment.merging(["HOST": "127.0.0.1", "PORT": "18030"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let probe = PollingClient(base: "http://127.0.0.1:18030", label: "probe")
        for _ in 0..<100 {
            if let (status, _) = try? await probe.request("GET", ""), status == 200 { return process }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        stop(process)
        Issue.record("the reference server did not come up on 127.0.0.1:18030")
        return nil
    }

    /// SIGTERM, then SIGKILL after 2 s: a python started from the test process may have inherited an
    /// ignored SIGTERM (seen: the server outlived the test run).
    static func stop(_ process: Process) {
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    @Test("the same conversation gives the same bytes from the reference server and the Swift server")
    func sameBytes() async throws {
        guard let reference = try await Self.startReference() else { return }
        defer { Self.stop(reference) }
        let server = try await OpenChatServer.start(configuration: OpenChatServerConfiguration(host: "127.0.0.1", port: 0))
        do {
            let expected = try await Self.transcript("http://127.0.0.1:18030")
            let actual = try await Self.transcript(server.url)
            #expect(expected.count == 29 && actual.count == expected.count)
            for (index, (want, got)) in zip(expected, actual).enumerated() {
                #expect(got == want, "line \(index)")
            }
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
