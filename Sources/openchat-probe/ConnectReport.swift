import EngineIO
import JSON

/// What `connect` found, printable as text or JSON.
struct ConnectReport {
    var url: String
    var path: String
    var requestedTransport: String
    var namespace: String
    var handshake: EngineIOHandshake?
    var socketID: String?
    var transportInUse = "polling"
    var tcpConnectMilliseconds = 0.0
    var tlsMilliseconds = 0.0
    var openMilliseconds = 0.0
    var connectMilliseconds = 0.0
    var upgradeMilliseconds: Double?
    var upgradeFailure: String?
    var events: [String] = []
    var closed = ""

    private func ms(_ value: Double) -> String { String(format: "%.2f ms", value) }

    var text: String {
        var lines: [String] = []
        lines.append("target        \(url)  (path \(path), namespace \(namespace))")
        if let handshake {
            lines.append("engine.io     sid=\(handshake.sid) upgrades=\(handshake.upgrades) pingInterval=\(handshake.pingInterval)ms pingTimeout=\(handshake.pingTimeout)ms maxPayload=\(handshake.maxPayload)")
        }
        lines.append("socket.io     sid=\(socketID ?? "-")")
        var transportLine = "transport     requested \(requestedTransport), in use \(transportInUse)"
        if let upgradeMilliseconds { transportLine += " (upgraded in \(ms(upgradeMilliseconds)))" }
        if let upgradeFailure { transportLine += " (upgrade failed: \(upgradeFailure))" }
        lines.append(transportLine)
        var timings = "timings       tcp connect \(ms(tcpConnectMilliseconds))"
        timings += tlsMilliseconds > 0 ? ", tls \(ms(tlsMilliseconds))" : ", tls -"
        timings += ", engine.io open \(ms(openMilliseconds)), socket.io connect \(ms(connectMilliseconds))"
        if let upgradeMilliseconds { timings += ", upgrade \(ms(upgradeMilliseconds))" }
        lines.append(timings)
        for event in events { lines.append("event         \(event)") }
        lines.append("closed        \(closed)")
        return lines.joined(separator: "\n")
    }

    var json: String {
        var object = JSONObject([])
        object["url"] = .string(url)
        object["path"] = .string(path)
        object["namespace"] = .string(namespace)
        object["requestedTransport"] = .string(requestedTransport)
        object["transport"] = .string(transportInUse)
        if let handshake {
            object["handshake"] = .object(JSONObject([
                ("sid", .string(handshake.sid)), ("upgrades", .array(handshake.upgrades.map { .string($0) })),
                ("pingInterval", .number(Double(handshake.pingInterval))), ("pingTimeout", .number(Double(handshake.pingTimeout))),
                ("maxPayload", .number(Double(handshake.maxPayload))),
            ]))
        }
        object["socketID"] = socketID.map { .string($0) } ?? .null
        var timings = JSONObject([
            ("tcpConnectMs", .number(tcpConnectMilliseconds)), ("tlsMs", .number(tlsMilliseconds)),
            ("engineOpenMs", .number(openMilliseconds)), ("socketConnectMs", .number(connectMilliseconds)),
        ])
        timings["upgradeMs"] = upgradeMilliseconds.map { .number($0) } ?? .null
        object["timings"] = .object(timings)
        object["upgradeFailure"] = upgradeFailure.map { .string($0) } ?? .null
        object["events"] = .array(events.map { .string($0) })
        return JSONValue.object(object).serialized
    }
}
