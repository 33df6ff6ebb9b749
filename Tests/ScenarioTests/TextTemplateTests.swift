import Scenario
import Testing

@Suite struct TextTemplateTests {
    @Test(arguments: [
        ("hello", [TextTemplate.Segment.text("hello")]),
        ("hi {user} from {name}!", [.text("hi "), .placeholder(.user), .text(" from "), .placeholder(.name), .text("!")]),
        ("{iteration}{seq}", [.placeholder(.iteration), .placeholder(.seq)]),
        ("{run}-{group}", [.placeholder(.run), .text("-"), .placeholder(.group)]),
        ("{{user}", [.text("{user}")]),
        (#"{"a": 1}"#, [.text(#"{"a": 1}"#)]),
        ("{ user } {} {1} {", [.text("{ user } {} {1} {")]),
        ("{nope}", [.unknown("nope")]),
        ("", []),
    ])
    func segments(_ source: String, _ segments: [TextTemplate.Segment]) {
        #expect(TextTemplate(source).segments == segments)
    }

    @Test func renders() {
        let template = TextTemplate("hello {iteration} from {name} ({user}/{group}/{run}/{seq}) {{name}")
        let rendered = template.rendered { placeholder in
            switch placeholder {
            case .user: "7"
            case .iteration: "2"
            case .name: "user-7"
            case .run: "r1"
            case .group: "chatters"
            case .seq: "9"
            }
        }
        #expect(rendered == "hello 2 from user-7 (7/chatters/r1/9) {name}")
    }
}
