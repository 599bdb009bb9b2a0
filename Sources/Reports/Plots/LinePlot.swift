import Foundation

/// A line chart with optional error bars, written as SVG by hand. Serves the sweep plots
/// (F1 against β, F1 against the label ratio) and ROC curves (with the chance diagonal).
public struct LinePlot: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// Half-height of the error bar (std over seeds); nil draws none.
        public var error: Double?
        public init(x: Double, y: Double, error: Double? = nil) {
            self.x = x
            self.y = y
            self.error = error
        }
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]
        /// A reference level (e.g. a method that does not sweep): dashed, without markers.
        public var isReference: Bool
        public init(name: String, points: [Point], isReference: Bool = false) {
            self.name = name
            self.points = points
            self.isReference = isReference
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// Axis ranges; nil fits the data (with "nice" rounded ends).
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Draw markers at the points (sweeps) or not (ROC curves).
    public var markers: Bool
    /// Draw the dashed y = x chance line (ROC).
    public var diagonal: Bool

    public init(title: String, xLabel: String, yLabel: String, series: [Series],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
                markers: Bool = true, diagonal: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.markers = markers
        self.diagonal = diagonal
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]
    static let dashes: [String?] = [nil, "6 3", "2 3", "8 3 2 3"]

    // MARK: - Rendering

    /// The chart as an SVG document (640 × 420 plus one legend line per series).
    public func svg() -> String {
        let width = 640.0, plotHeight = 420.0
        let legendHeight = Double(series.count) * 18 + 10
        var doc = SVGDocument(width: width, height: plotHeight + legendHeight)
        let left = 70.0, right = width - 30, top = 40.0, bottom = plotHeight - 55
        doc.rect(x: 0, y: 0, width: width, height: plotHeight + legendHeight, fill: "white")
        doc.text(title, x: width / 2, y: 24, size: 15, anchor: .middle, bold: true)

        let allPoints = series.flatMap(\.points)
        let xAxis = Axis(range: xRange ?? Self.fit(allPoints.map(\.x)))
        let yAxis = Axis(range: yRange ?? Self.fit(allPoints.flatMap { [$0.y - ($0.error ?? 0), $0.y + ($0.error ?? 0)] }))
        func px(_ x: Double) -> Double { left + (x - xAxis.range.lowerBound) / xAxis.span * (right - left) }
        func py(_ y: Double) -> Double { bottom - (y - yAxis.range.lowerBound) / yAxis.span * (bottom - top) }

        // Grid, ticks and axis labels.
        for tick in yAxis.ticks {
            doc.line(left, py(tick), right, py(tick), stroke: "#e5e5e5")
            doc.text(Self.label(tick), x: left - 8, y: py(tick) + 4, size: 11, anchor: .end)
        }
        for tick in xAxis.ticks {
            doc.line(px(tick), top, px(tick), bottom, stroke: "#f0f0f0")
            doc.text(Self.label(tick), x: px(tick), y: bottom + 18, size: 11, anchor: .middle)
        }
        doc.line(left, bottom, right, bottom, stroke: "black")
        doc.line(left, top, left, bottom, stroke: "black")
        doc.text(xLabel, x: (left + right) / 2, y: bottom + 40, size: 13, anchor: .middle)
        doc.text(yLabel, x: 18, y: (top + bottom) / 2, size: 13, anchor: .middle, rotate: -90)
        if diagonal {
            let lo = max(xAxis.range.lowerBound, yAxis.range.lowerBound)
            let hi = min(xAxis.range.upperBound, yAxis.range.upperBound)
            doc.line(px(lo), py(lo), px(hi), py(hi), stroke: "#999999", dash: "4 4")
        }

        // Series: error bars under lines under markers.
        for (index, line) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let dash = line.isReference ? "6 4" : Self.dashes[(index / Self.palette.count) % Self.dashes.count]
            let points = line.points.sorted { $0.x < $1.x }
            for point in points {
                guard let error = point.error, error > 0 else { continue }
                let x = px(point.x)
                doc.line(x, py(point.y - error), x, py(point.y + error), stroke: color, width: 1.2)
                doc.line(x - 4, py(point.y - error), x + 4, py(point.y - error), stroke: color, width: 1.2)
                doc.line(x - 4, py(point.y + error), x + 4, py(point.y + error), stroke: color, width: 1.2)
            }
            doc.polyline(points.map { (px($0.x), py($0.y)) }, stroke: color, dash: dash, cssClass: "series")
            if markers && !line.isReference {
                for point in points { doc.circle(cx: px(point.x), cy: py(point.y), r: 3.5, fill: color) }
            }
            let legendY = plotHeight + 8 + Double(index) * 18
            doc.line(left, legendY, left + 28, legendY, stroke: color, width: 2, dash: dash)
            doc.text(line.name, x: left + 36, y: legendY + 4, size: 12)
        }
        return doc.render()
    }

    // MARK: - Axes

    struct Axis {
        var range: ClosedRange<Double>
        var span: Double { max(range.upperBound - range.lowerBound, 1e-12) }
        /// Ticks at 1, 2 or 5 × 10^k, about five of them.
        var ticks: [Double] {
            let step = LinePlot.niceStep(span / 5)
            var tick = (range.lowerBound / step).rounded(.up) * step
            var out: [Double] = []
            while tick <= range.upperBound + step * 1e-9 {
                out.append(abs(tick) < step * 1e-9 ? 0 : tick)
                tick += step
            }
            return out
        }
    }

    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(rough)))
        let fraction = rough / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    /// A range covering `values`, widened to nice tick steps (a unit range around a single value).
    static func fit(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        if high - low < 1e-12 { return (low - 1)...(high + 1) }
        let step = niceStep((high - low) / 5)
        return (floor(low / step) * step)...(ceil(high / step) * step)
    }

    /// Tick labels: integers without decimals, else up to three significant decimals.
    static func label(_ value: Double) -> String {
        if value.rounded() == value { return String(Int(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
