import Foundation
import Testing

extension ProbeRunTests {
    /// `openchat-probe run` against servers with one deliberate defect each
    /// (Tests/Servers/broken_openchat.py, started by scripts/servers.sh on 18010-18015):
    /// every defect must fail the run with the violation kind it causes, and the same
    /// server without a defect must pass.
    struct DefectDetectionTests {
        /// One broken server and what the probe must report against it.
        struct Defect: Sendable, CustomTestStringConvertible {
            /// The server's DEFECT (lose-delivery, reorder, ...).
            var name: String
            /// Violation kinds of which at least one must be counted.
            var kinds: [String]
            /// The scenario, relative to the repository root.
            var scenario: String = "Scenarios/basic.json"

            var testDescription: String { name }
            /// OPENCHAT_BROKEN_<NAME>_URL.
            var variable: String { Self.variableName(for: name) }

            static func variableName(for defect: String) -> String {
                "OPENCHAT_BROKEN_" + defect.uppercased().replacingOccurrences(of: "-", with: "_") + "_URL"
            }
        }

        static let defects: [Defect] = [
            Defect(name: "lose-delivery", kinds: ["missing-delivery"]),
            Defect(name: "reorder", kinds: ["order-mismatch", "sender-order"]),
            // In basic.json everyone leaves within about a second of each other, inside the checks'
            // 2 s grace, so nobody is required to see a leave: in this scenario the "early" group
            // leaves and the "stay" group stays 5 s longer and must see those leaves.
            Defect(name: "no-leave-broadcast", kinds: ["missing-leave-broadcast"], scenario: "Tests/Servers/scenarios/leave-observed.json"),
            Defect(name: "wrong-format", kinds: ["wrong-content"]),
            Defect(name: "duplicate", kinds: ["duplicate-delivery"]),
        ]

        @Test("a server with a defect fails the run with the matching violation", arguments: ProbeRunTests.DefectDetectionTests.defects)
        func defectIsDetected(defect: Defect) throws {
            guard let url = TestServers.require(ProbeRun.environment(defect.variable), defect.variable),
                  let scenario = ProbeRun.scenarioFile(ProbeRun.repositoryRoot.appendingPathComponent(defect.scenario)),
                  let result = try ProbeRun.run(scenario, target: url, label: "defect-\(defect.name)") else { return }
            let counts = defect.kinds.map { ProbeRun.count(of: $0, in: result.report) }
            let detected = counts.contains { $0 > 0 }
            let status = result.report.flatMap { ProbeRun.string($0, "run", "status") }

            #expect(result.status == 1, "exit status \(result.status), expected 1 (\(ProbeRun.violationSummary(result.report)))\n\(result.diagnostics)")
            #expect(result.report != nil, "no readable report.json\n\(result.diagnostics)")
            #expect(detected, "no \(defect.kinds.joined(separator: " or ")) counted; \(ProbeRun.violationSummary(result.report))\n\(result.diagnostics)")
            #expect(status == "failed", "run.status = \(status ?? "absent")\n\(result.diagnostics)")
            if result.status == 1, detected, status == "failed" { result.discard() }
        }

        @Test("the same server without a defect passes with no violations")
        func controlPasses() throws {
            let variable = Defect.variableName(for: "none")
            guard let url = TestServers.require(ProbeRun.environment(variable), variable),
                  let scenario = ProbeRun.shippedScenario("basic"),
                  let result = try ProbeRun.run(scenario, target: url, label: "defect-none") else { return }
            let violations = result.report.flatMap { ProbeRun.int($0, "counts", "violations") }
            let status = result.report.flatMap { ProbeRun.string($0, "run", "status") }

            #expect(result.status == 0, "exit status \(result.status); \(ProbeRun.violationSummary(result.report))\n\(result.diagnostics)")
            #expect(violations == 0, "counts.violations = \(ProbeRun.describe(violations)); \(ProbeRun.violationSummary(result.report))\n\(result.diagnostics)")
            #expect(status == "passed", "run.status = \(status ?? "absent")\n\(result.diagnostics)")
            if result.status == 0, violations == 0, status == "passed" { result.discard() }
        }

        @Test("the control also passes the scenario the leave defect is checked with")
        func controlPassesLeaveScenario() throws {
            // Guards the leave-observed scenario itself: without the defect it must pass, so the
            // failure against no-leave-broadcast comes from the defect.
            let variable = Defect.variableName(for: "none")
            guard let url = TestServers.require(ProbeRun.environment(variable), variable),
                  let scenario = ProbeRun.scenarioFile(ProbeRun.repositoryRoot.appendingPathComponent("Tests/Servers/scenarios/leave-observed.json")),
                  let result = try ProbeRun.run(scenario, target: url, label: "defect-none-leave") else { return }
            let violations = result.report.flatMap { ProbeRun.int($0, "counts", "violations") }

            #expect(result.status == 0, "exit status \(result.status); \(ProbeRun.violationSummary(result.report))\n\(result.diagnostics)")
            #expect(violations == 0, "counts.violations = \(ProbeRun.describe(violations)); \(ProbeRun.violationSummary(result.report))\n\(result.diagnostics)")
            if result.status == 0, violations == 0 { result.discard() }
        }
    }
}
