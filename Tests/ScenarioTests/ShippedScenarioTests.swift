import Foundation
import JSON
import Scenario
import Testing

@Suite struct ShippedScenarioTests {
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenariosDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "scenario.schema.json" }.sorted()
    }()

    @Test func theExpectedScenariosShip() {
        #expect(Self.files == ["basic.json", "burst.json", "churn.json", "load.json", "polling.json", "soak.json", "throughput.json"])
    }

    @Test(arguments: files)
    func parses(file: String) throws {
        let path = scenariosDirectory.appendingPathComponent(file).path
        let scenario = try ScenarioParser.parse(contentsOf: path, environment: [:])
        #expect(scenario.name + ".json" == file, "the name matches the file name")
        #expect(!scenario.description.isEmpty)
        // No target: `--target` chooses the server, and without one the probe runs its embedded Swift server.
        #expect(scenario.target == nil)
    }

    @Test func basicIsTheExpectedModel() throws {
        let scenario = try ScenarioParser.parse(contentsOf: scenariosDirectory.appendingPathComponent("basic.json").path, environment: [:])
        #expect(scenario.name == "basic")
        #expect(scenario.connection.transport == "polling-then-upgrade")
        #expect(scenario.connection.path == "/socket.io/")
        #expect(scenario.connection.namespace == "/")
        #expect(scenario.connection.connectTimeoutMilliseconds == 10_000)
        #expect(scenario.phases == [.users(name: "join", count: 10, spreadMilliseconds: 1_000)])
        #expect(scenario.maxUsers == nil)
        #expect(scenario.groups == [
            UserGroup(name: "chatters", weight: 1, flow: [
                .connect,
                .setName(TextTemplate("user-{user}"), confirm: .ack, timeoutMilliseconds: 5_000),
                .loop(count: 5, durationMilliseconds: nil, everyMilliseconds: 500, steps: [.send(TextTemplate("hello {iteration} from {name}"))]),
                .think(minMilliseconds: 500, maxMilliseconds: 1_000),
                .leave,
            ]),
        ])
        #expect(scenario.checks == CheckSettings())
        #expect(scenario.thresholds == [
            Threshold(expression: "violations == 0", metric: "violations", statistic: nil, comparison: .equal, limit: 0),
            Threshold(expression: "errors == 0", metric: "errors", statistic: nil, comparison: .equal, limit: 0),
            Threshold(expression: "delivery.p99 < 1s", metric: "delivery", statistic: "p99", comparison: .less, limit: 1_000),
        ])
        #expect(scenario.seed == 1)
        #expect(scenario.drainTimeoutMilliseconds == 15_000)
    }

    @Test func pollingIsBasicOverPolling() throws {
        let basic = try ScenarioParser.parse(contentsOf: scenariosDirectory.appendingPathComponent("basic.json").path, environment: [:])
        var polling = try ScenarioParser.parse(contentsOf: scenariosDirectory.appendingPathComponent("polling.json").path, environment: [:])
        #expect(polling.connection.transport == "polling")
        polling.name = basic.name
        polling.description = basic.description
        polling.connection.transport = basic.connection.transport
        #expect(polling == basic)
    }

    @Test func churnHasDroppersAndLurkers() throws {
        let churn = try ScenarioParser.parse(contentsOf: scenariosDirectory.appendingPathComponent("churn.json").path, environment: [:])
        #expect(churn.phases == [.arrivals(name: "churn", durationMilliseconds: 15_000, rate: 3, rampTo: nil)])
        let lurkers = try #require(churn.groups.first { $0.name == "lurkers" })
        #expect(lurkers.weight == 1)
        #expect(!lurkers.flow.contains { if case .send = $0 { true } else { false } })
        #expect(churn.groups.contains { $0.flow.last == .drop })
    }

    @Test func loadRampsAndCaps() throws {
        let load = try ScenarioParser.parse(contentsOf: scenariosDirectory.appendingPathComponent("load.json").path, environment: [:])
        #expect(load.phases.first == .arrivals(name: "ramp", durationMilliseconds: 30_000, rate: 2, rampTo: 10))
        #expect(load.maxUsers == 150)
        #expect(Set(load.thresholds.map(\.metric)).isSuperset(of: ["delivery", "connect", "errors"]))
    }
}
