@testable import ReportWriters
import Testing

/// The small pieces every writer relies on: numbers, escaping, quoting, axes.
@Suite struct FormattingTests {
    @Test(arguments: [
        (3.14159, 2, "3.14"), (2.5, 0, "3"), (-2.5, 0, "-3"), (0.0004, 3, "0.000"), (-0.0004, 3, "0.000"),
        (1_234.5, 1, "1234.5"), (0.05, 1, "0.1"), (99.999, 2, "100.00"), (7, 3, "7.000"),
    ])
    func fixedDecimals(value: Double, digits: Int, expected: String) {
        #expect(NumberFormatting.fixed(value, digits: digits) == expected)
    }

    @Test func unitsAndTicks() {
        #expect(NumberFormatting.milliseconds(0.843) == "0.84")
        #expect(NumberFormatting.milliseconds(12.34) == "12.3")
        #expect(NumberFormatting.milliseconds(312.4) == "312")
        #expect(NumberFormatting.percent(0.0123) == "1.23%")
        #expect(NumberFormatting.plain(3) == "3")
        #expect(NumberFormatting.plain(2.5) == "2.500")
        #expect([0, 0.5, 2.5, 50, 0.125, 1_000].map(NumberFormatting.tick) == ["0", "0.5", "2.5", "50", "0.125", "1000"])
        #expect(NumberFormatting.fixed(.nan, digits: 2) == "NaN")
    }

    @Test(arguments: [
        ("delivery.p99 < 250ms", ThresholdUnit.milliseconds), ("connect.p99.9<=1s", .milliseconds),
        ("errors.rate < 1%", .fraction), ("violations == 0", .plain), ("joinSeen.count >= 10", .plain), ("errors<3", .plain),
    ])
    func thresholdUnitFromExpression(expression: String, unit: ThresholdUnit) {
        #expect(ThresholdUnit(expression: expression) == unit)
    }

    @Test(arguments: [(0.0, 1.0), (7, 8), (10, 10), (177, 200), (0.3, 0.3), (43, 50), (1_000_001, 1_200_000)])
    func axisEndsOnANiceTick(maximum: Double, upperBound: Double) {
        let scale = ChartScale(maximum: maximum)
        #expect(abs(scale.upperBound - upperBound) < 1e-9)
        #expect(scale.ticks.first == 0)
        #expect(scale.ticks.last == scale.upperBound)
        #expect((3...7).contains(scale.ticks.count))
    }

    @Test func htmlEscapingCoversTextAndAttributes() {
        #expect(HTMLEscaping.escape(#"<a href="x" title='y'>&</a>"#) == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("a\u{0}b\u{1B}c\u{85}d\nè🙂") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\nè🙂")
        #expect(HTMLEscaping.escape("abcdef", maxLength: 3) == "abc…")
    }

    @Test func xmlEscapingKeepsDocumentsWellFormed() {
        #expect(XMLEscaping.escape(#"<&>"'"#) == #"&lt;&amp;&gt;"'"#)
        #expect(XMLEscaping.escape(#"<&>"'"#, attribute: true) == "&lt;&amp;&gt;&quot;&apos;")
        #expect(XMLEscaping.escape("a\tb\nc\rd", attribute: true) == "a&#9;b&#10;c&#13;d")
        #expect(XMLEscaping.escape("\u{0}\u{8}\u{1F}\u{FFFE}x") == "\\u{0}\\u{8}\\u{1F}\\u{FFFE}x")
    }

    @Test func markdownEscapingAndFences() {
        #expect(MarkdownEscaping.text("a|b *c* _d_ `e` [f] <g> & ~h~ \\") == "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\] &lt;g&gt; &amp; \\~h\\~ \\\\")
        #expect(MarkdownEscaping.text("one\r\ntwo\nthree") == "one two three")
        #expect(MarkdownEscaping.codeBlock("echo hi", language: "sh") == "```sh\necho hi\n```\n")
        #expect(MarkdownEscaping.codeBlock("a ```` b") == "`````\na ```` b\n`````\n")
    }

    @Test(arguments: [
        ("plain-arg_1.json", "plain-arg_1.json"), ("", "''"), ("two words", "'two words'"), ("it's", #"'it'\''s'"#),
        ("$HOME", "'$HOME'"), ("http://h:1/p?q=1", "'http://h:1/p?q=1'"),
    ])
    func shellQuoting(argument: String, quoted: String) {
        #expect(ShellQuoting.quote(argument) == quoted)
    }

    @Test func percentileSpectrumStepsThroughEveryBucket() {
        var recorder = MetricRecorder()
        for milliseconds in [1, 1, 2, 10] as [UInt64] { recorder.record(nanoseconds: milliseconds * 1_000_000) }
        let spectrum = PercentileSpectrum(recorder.encoded(), maxNines: 2)
        #expect(spectrum.total == 4)
        // 10 ms sits at the top of its bucket, 10.007 ms.
        #expect(spectrum.points.map(\.y) == [1, 1, 2, 2, 10.007, 10.007])
        // 0% → 0, 50% → log10(2), 75% → log10(4), 100% → the axis end.
        let xs = spectrum.points.map(\.x)
        #expect(xs[0] == 0 && abs(xs[1] - 0.30103) < 1e-5 && abs(xs[3] - 0.60206) < 1e-5 && xs[5] == 2)
        #expect(PercentileSpectrum.nines(forTotal: 0) == 2)
        #expect(PercentileSpectrum.nines(forTotal: 400) == 3)
        #expect(PercentileSpectrum.nines(forTotal: 25_000) == 5)
    }
}
