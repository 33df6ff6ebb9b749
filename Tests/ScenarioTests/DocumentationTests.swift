import Foundation
import JSON
import Testing

@testable import Scenario

/// The README and the JSON Schema describe the format the parser accepts.
@Suite struct DocumentationTests {
    static func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: scenariosDirectory.appendingPathComponent(name)))
    }

    static func schema() throws -> JSONValue {
        try JSONValue(parsing: read("scenario.schema.json"))
    }

    static func propertyNames(_ schema: JSONValue?) -> [String] {
        schema?["properties"]?.objectValue?.keys ?? []
    }

    @Test func theReadmeExampleParses() throws {
        let readme = String(decoding: try Self.read("README.md"), as: UTF8.self)
        let section = try #require(readme.split(separator: "## A full example").last)
        let start = try #require(section.ranges(of: "```json\n").first)
        let end = try #require(section[start.upperBound...].ranges(of: "\n```").first)
        let example = Array(section[start.upperBound..<end.lowerBound].utf8)
        let scenario = try ScenarioParser.parse(example, environment: ["CHAT_HOST": "chat.example", "TOKEN": "t"])
        #expect(scenario.name == "lobby-evening")
        #expect(scenario.target == "https://chat.example")
        #expect(scenario.connection.headers == ["Authorization": "Bearer t"])
        #expect(scenario.phases.count == 3)
        #expect(scenario.groups.map(\.flow.count) == [8, 4])
        #expect(scenario.thresholds.count == 4)
    }

    @Test func theSchemaHasTheParsersKeys() throws {
        let schema = try Self.schema()
        let definitions = schema["$defs"]
        #expect(Self.propertyNames(schema) == DocumentParser.keys)
        #expect(Self.propertyNames(definitions?["connection"]) == ConnectionParser.keys)
        #expect(Self.propertyNames(definitions?["checks"]) == CheckSettingsParser.keys)
        #expect(Self.propertyNames(definitions?["group"]) == GroupParser.keys)
        let phaseKeys = (definitions?["phase"]?["oneOf"]?.arrayValue ?? []).flatMap { Self.propertyNames($0) }
        #expect(Set(phaseKeys) == Set(PhaseParser.keys))
        let stepVariants = definitions?["step"]?["oneOf"]?.arrayValue ?? []
        #expect(stepVariants.first?["enum"] == .array(StepParser.stringSteps.map(JSONValue.string)))
        #expect(stepVariants.dropFirst().compactMap { $0["required"]?[0]?.stringValue } == StepParser.objectSteps)
    }

    @Test func theSchemaListsTheReservedEventsAndTransports() throws {
        let schema = try Self.schema()
        let transports = schema["$defs"]?["connection"]?["properties"]?["transport"]?["enum"]
        #expect(transports == .array(ConnectionParser.transports.map(JSONValue.string)))
        let stepVariants = schema["$defs"]?["step"]?["oneOf"]?.arrayValue ?? []
        let emit = stepVariants.first { $0["required"]?[0] == "emit" }
        #expect(emit?["properties"]?["emit"]?["properties"]?["event"]?["not"]?["enum"] == .array(StepParser.reservedEvents.map(JSONValue.string)))
    }
}
