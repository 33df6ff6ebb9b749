// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "openchat-probe",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "openchat-probe", targets: ["openchat-probe"]),
        .executable(name: "autobahn-client", targets: ["autobahn-client"]),
        .library(name: "SocketIOClient", targets: ["SocketIOClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
    ],
    targets: [
        // libcurl (Debian: libcurl4-openssl-dev) with typed shims for its variadic calls.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // epoll, eventfd and the monotonic clock with Swift-friendly structs.
        .systemLibrary(name: "CLinux"),
        // RFC 6455 client codec: frames, handshake, UTF-8, close codes. No I/O.
        .target(name: "WebSocket"),
        // Engine.IO v4 packets, payloads, handshake and the client session state machine. No I/O.
        .target(name: "EngineIO", dependencies: ["JSON"]),
        // Socket.IO v5 packets, binary attachments and the client socket state. No I/O.
        .target(name: "SocketIO", dependencies: ["JSON"]),
        // A small JSON value type with a bounded parser, used by the codecs.
        .target(name: "JSON"),
        // The event loop: epoll, libcurl multi, WebSocket connections. The only code that touches sockets.
        .target(name: "Transport", dependencies: ["CCurl", "CLinux", "WebSocket"]),
        // Engine.IO and Socket.IO clients driven by the transport.
        .target(name: "SocketIOClient", dependencies: ["Transport", "EngineIO", "SocketIO", "WebSocket", "JSON"]),
        // The scenario format: model, parser and validator with JSON paths. No I/O.
        .target(name: "Scenario", dependencies: ["JSON"]),
        // The OpenChat contract: run records and the streaming checkers. No I/O.
        .target(name: "OpenChat"),
        // The report model and its writers (JSON, Markdown, HTML, JUnit) and threshold evaluation.
        .target(name: "ReportWriters", dependencies: ["OpenChat", "Scenario", .product(name: "Histogram", package: "hdrhistogram-swift")]),
        // SIGINT/SIGTERM to Swift handlers through a self-pipe: no window in which a signal is lost.
        .target(name: "Signals"),
        // The runner: scheduler, virtual users, metrics.
        .target(name: "Probe", dependencies: [
            "SocketIOClient", "Scenario", "OpenChat", "ReportWriters", "JSON", "Signals",
            .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        .executableTarget(
            name: "openchat-probe",
            dependencies: [
                "SocketIOClient", "Probe", "Scenario", "ReportWriters", "OpenChat", "OpenChatServer", "CLinux",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "autobahn-client", dependencies: ["Transport", "WebSocket"]),
        // The Swift OpenChat server: Engine.IO/Socket.IO server sessions on SwiftNIO.
        .target(name: "OpenChatServer", dependencies: [
            "EngineIO", "SocketIO", "JSON",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ]),
        .executableTarget(name: "openchat-server", dependencies: [
            "OpenChatServer", "Signals",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Shared by the test targets: a seeded random generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .testTarget(name: "WebSocketTests", dependencies: ["WebSocket", "TestSupport"]),
        .testTarget(name: "EngineIOTests", dependencies: ["EngineIO", "JSON", "TestSupport"]),
        .testTarget(name: "SocketIOTests", dependencies: ["SocketIO", "JSON", "TestSupport"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "JSON"]),
        .testTarget(name: "OpenChatTests", dependencies: ["OpenChat", "TestSupport"]),
        .testTarget(name: "ProbeTests", dependencies: ["Probe", "Scenario"]),
        .testTarget(name: "ReportWritersTests", dependencies: ["ReportWriters", "OpenChat", "Scenario"]),
        .testTarget(name: "OpenChatServerTests", dependencies: [
            "OpenChatServer", "SocketIOClient", "EngineIO", "SocketIO", "JSON", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "IntegrationTests", dependencies: ["SocketIOClient", "Transport", "WebSocket", "OpenChatServer"]),
    ],
    swiftLanguageModes: [.v6]
)
