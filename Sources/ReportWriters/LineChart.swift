/// An inline SVG line chart: a few series over a linear time axis or a percentile axis, a y axis from 0,
/// a legend and optional event markers. Everything it draws is computed here; the page needs no script.
struct LineChart {
    /// One line.
    struct Series {
        var name: String
        /// A CSS colour.
        var color: String
        /// Points in data units; a nil `y` breaks the line.
        var points: [(x: Double, y: Double?)]
        /// Whether to fill the area under the line.
        var filled = false
        /// Whether to mark each point with a dot (sparse series read better with them).
        var dotted = false
    }

    /// What the x axis shows.
    enum XAxis {
        /// Seconds since the start, 0 to `upTo`.
        case seconds(upTo: Double)
        /// Percentile positions log10(1 / (1 - q)), 0 (0%) to `nines` (2 is 99%, 3 is 99.9%).
        case percentile(nines: Double)
    }

    /// A vertical marker at an x position, with a tooltip.
    struct Marker {
        var x: Double
        var label: String
    }

    var title: String
    /// The y axis unit, e.g. "ms" or "per second".
    var yUnit: String
    var xAxis: XAxis
    var series: [Series]
    var markers: [Marker] = []
    var markerName = "violations or errors"

    private let width = 560.0
    private let height = 280.0
    private let left = 56.0
    private let right = 28.0
    private let top = 40.0
    private let bottom = 40.0

    /// The `<svg>` element.
    func svg() -> String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let xMax = switch xAxis {
        case .seconds(let upTo): ChartScale(maximum: upTo, tickCount: 5).upperBound
        case .percentile(let nines): max(1, nines)
        }
        let yMaximum = series.flatMap { $0.points.compactMap(\.y) }.max() ?? 0
        let yScale = ChartScale(maximum: yMaximum)
        func px(_ x: Double) -> Double { left + min(max(x / xMax, 0), 1) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - min(max(y / yScale.upperBound, 0), 1) * plotHeight }

        var out = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(title))\">\n"
        out += "<text class=\"chart-title\" x=\"\(Int(left))\" y=\"18\">\(HTMLEscaping.escape(title))</text>\n"

        // Grid and y labels.
        for tick in yScale.ticks {
            let y = Self.coordinate(py(tick))
            out += "<line class=\"grid\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(y)\" y2=\"\(y)\"/>"
            out += "<text class=\"tick\" x=\"\(Int(left) - 6)\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(NumberFormatting.tick(tick))</text>\n"
        }
        out += "<text class=\"axis-label\" x=\"12\" y=\"\(Int(top + plotHeight / 2))\" transform=\"rotate(-90 12 \(Int(top + plotHeight / 2)))\" text-anchor=\"middle\">\(HTMLEscaping.escape(yUnit))</text>\n"

        // X ticks.
        for (value, label) in xTicks(xMax: xMax) {
            let x = Self.coordinate(px(value))
            out += "<line class=\"axis\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(Int(top + plotHeight))\" y2=\"\(Int(top + plotHeight) + 4)\"/>"
            out += "<text class=\"tick\" x=\"\(x)\" y=\"\(Int(top + plotHeight) + 16)\" text-anchor=\"middle\">\(label)</text>\n"
        }
        let xLabel = switch xAxis {
        case .seconds: "seconds since start"
        case .percentile: "percentile"
        }
        out += "<text class=\"axis-label\" x=\"\(Int(left + plotWidth / 2))\" y=\"\(Int(height) - 4)\" text-anchor=\"middle\">\(xLabel)</text>\n"
        out += "<line class=\"axis\" x1=\"\(Int(left))\" x2=\"\(Int(width - right))\" y1=\"\(Int(top + plotHeight))\" y2=\"\(Int(top + plotHeight))\"/>\n"

        for marker in markers {
            let x = Self.coordinate(px(marker.x))
            out += "<line class=\"marker\" x1=\"\(x)\" x2=\"\(x)\" y1=\"\(Int(top))\" y2=\"\(Int(top + plotHeight))\"><title>\(HTMLEscaping.escape(marker.label))</title></line>\n"
        }

        let hasData = series.contains { $0.points.contains { $0.y != nil } }
        if !hasData {
            out += "<text class=\"no-data\" x=\"\(Int(left + plotWidth / 2))\" y=\"\(Int(top + plotHeight / 2))\" text-anchor=\"middle\">no data</text>\n"
        }
        for line in series {
            for segment in Self.segments(line.points) {
                let coordinates = Self.pixelPath(segment.map { (px($0.x), py($0.y)) })
                if line.filled, let first = coordinates.first, let last = coordinates.last {
                    let base = Self.coordinate(top + plotHeight)
                    let area = ["\(first.0),\(base)"] + coordinates.map { "\($0.0),\($0.1)" } + ["\(last.0),\(base)"]
                    out += "<polygon class=\"area\" fill=\"\(line.color)\" points=\"\(area.joined(separator: " "))\"/>\n"
                }
                if coordinates.count == 1, let only = coordinates.first {
                    out += "<circle cx=\"\(only.0)\" cy=\"\(only.1)\" r=\"2.5\" fill=\"\(line.color)\"/>\n"
                } else {
                    let points = coordinates.map { "\($0.0),\($0.1)" }.joined(separator: " ")
                    out += "<polyline class=\"line\" stroke=\"\(line.color)\" points=\"\(points)\"/>\n"
                }
                if line.dotted, coordinates.count > 1 {
                    for point in coordinates {
                        out += "<circle cx=\"\(point.0)\" cy=\"\(point.1)\" r=\"2.5\" fill=\"\(line.color)\"/>"
                    }
                    out += "\n"
                }
            }
        }
        out += legend()
        out += "</svg>\n"
        return out
    }

    private func legend() -> String {
        var entries = series.map { ($0.name, $0.color, false) }
        if !markers.isEmpty { entries.append((markerName, "", true)) }
        var out = ""
        var x = width - right
        // Right-aligned: lay out from the right edge, widest text estimated at 6.5 px per character.
        for (name, color, isMarker) in entries.reversed() {
            let textWidth = Double(name.count) * 6.5
            x -= textWidth + 18
            if isMarker {
                out += "<line class=\"marker\" x1=\"\(Self.coordinate(x + 5))\" x2=\"\(Self.coordinate(x + 5))\" y1=\"24\" y2=\"34\"/>"
            } else {
                out += "<rect x=\"\(Self.coordinate(x))\" y=\"24\" width=\"10\" height=\"10\" rx=\"2\" fill=\"\(color)\"/>"
            }
            out += "<text class=\"legend\" x=\"\(Self.coordinate(x + 14))\" y=\"33\">\(HTMLEscaping.escape(name))</text>\n"
            x -= 8
        }
        return out
    }

    private func xTicks(xMax: Double) -> [(Double, String)] {
        switch xAxis {
        case .seconds:
            return ChartScale(maximum: xMax, tickCount: 5).ticks.map { ($0, NumberFormatting.tick($0)) }
        case .percentile:
            return (0...Int(xMax)).map { nines in
                // 0 → 0%, 1 → 90%, 2 → 99%, 3 → 99.9%
                let label = switch nines {
                case 0: "0%"
                case 1: "90%"
                case 2: "99%"
                default: "99." + String(repeating: "9", count: nines - 2) + "%"
                }
                return (Double(nines), label)
            }
        }
    }

    /// Runs of consecutive points with a value.
    private static func segments(_ points: [(x: Double, y: Double?)]) -> [[(x: Double, y: Double)]] {
        var result: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        for point in points {
            if let y = point.y {
                current.append((point.x, y))
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Pixel coordinates as text, with repeats dropped so dense histograms stay small.
    private static func pixelPath(_ points: [(Double, Double)]) -> [(String, String)] {
        var result: [(String, String)] = []
        for point in points {
            let coordinates = (coordinate(point.0), coordinate(point.1))
            if let last = result.last, last == coordinates { continue }
            result.append(coordinates)
        }
        return result
    }

    private static func coordinate(_ value: Double) -> String {
        NumberFormatting.fixed(value, digits: 1)
    }
}
