import Foundation
import Testing
@testable import StudyKit

/// The SVG layer: number formatting, escaping, scales, ticks and every chart type's markup.
@Suite struct ReportSVGTests {
    // Expected strings are closed-form (decimal rounding half away from zero of exactly representable inputs).
    @Test func fixedFormattingIsLocaleFreeAndNeverNegativeZero() {
        #expect(SVGNumber.fixed(1.5) == "1.5")
        #expect(SVGNumber.fixed(12) == "12")
        #expect(SVGNumber.fixed(2.125) == "2.13")
        #expect(SVGNumber.fixed(-2.125) == "-2.13")
        #expect(SVGNumber.fixed(-0.0001) == "0")
        #expect(SVGNumber.fixed(1_234_567.5, decimals: 0) == "1234568")
        #expect(SVGNumber.fixed(.nan) == "0")
        #expect(SVGNumber.padded(1.5, decimals: 2) == "1.50")
        #expect(SVGNumber.padded(0.05, decimals: 3) == "0.050")
        #expect(SVGNumber.significant(0.012345, 3) == "0.0123")
        #expect(ReportNumber.count(1_234_567) == "1,234,567")
        #expect(ReportNumber.count(999) == "999")
        #expect(ReportNumber.grouped(4380.62, 1) == "4,380.6")
        #expect(ReportNumber.grouped(-1234.5, 0) == "-1,235")
        #expect(ReportNumber.pValue(0.0004) == "<0.001")
        #expect(ReportNumber.ratio(1.5) == "1.50")
        #expect(ReportNumber.ratio(0.0456) == "0.0456")
    }

    @Test func escapingCoversMarkupCharacters() {
        #expect(Markup.escape("<a & \"b\">'") == "&lt;a &amp; &quot;b&quot;&gt;&#39;")
        #expect(Markup.escape("tab\tok\u{1}") == "tab\tok ")
        #expect(Markup.identifier("Design 1: SCCS") == "design-1--sccs")
        #expect(Markup.identifier("1st") == "x-1st")
    }

    // Heckbert (1990) nice numbers: the closed-form expectations follow from the 1-2-5 rule.
    @Test func linearTicksAreNiceMultiples() {
        #expect(Ticks.niceNumber(0.0347, round: true) == 0.05)
        #expect(Ticks.niceNumber(13, round: false) == 20)
        #expect(Ticks.linear(0...1, target: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(Ticks.linear(0...37, target: 5) == [0, 10, 20, 30])
        #expect(Ticks.linear(-3...7, target: 6) == [-2, 0, 2, 4, 6])
        #expect(Ticks.linear(0.92...1, target: 5) == [0.92, 0.94, 0.96, 0.98, 1])
        #expect(Ticks.niceDomain(0...37, target: 5) == 0...40)
    }

    @Test func logTicksPickDecadesOrOneTwoFive() {
        #expect(Ticks.log(0.001...1000) == [0.001, 0.01, 0.1, 1, 10, 100, 1000])
        #expect(Ticks.log(0.1...10) == [0.1, 0.2, 0.5, 1, 2, 5, 10])
        #expect(Ticks.log(0.25...4) == [0.3, 0.5, 0.7, 1, 1.5, 2, 3])
        #expect(Ticks.log(1e-6...1e6, target: 6).count <= 7)
        #expect(Ticks.log(0...1).isEmpty)
    }

    @Test func scalesMapLinearlyAndOnLogScale() {
        let lin = ChartScale(domain: 0...10, range: (100, 0))
        #expect(lin.map(2.5) == 75)
        let log = ChartScale(kind: .log, domain: 0.1...10, range: (0, 200))
        #expect(abs(log.map(1) - 100) < 1e-9)
        #expect(abs(log.map(0.1)) < 1e-9)
        #expect(abs(log.map(10) - 200) < 1e-9)
        #expect(abs(log.map(10.0.squareRoot()) - 150) < 1e-9)   // log10(sqrt 10) = 0.5 -> 3/4 of the way
        #expect(log.clamped(50) == 10)
    }

    @Test func textWrapsAtWordBoundaries() {
        let lines = TextMetrics.wrap("Persons with a first prescription of the index drug", maxWidth: 150, size: 12)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { TextMetrics.width($0, size: 12) <= 150 })
        #expect(TextMetrics.truncate(String(repeating: "x", count: 100), maxWidth: 60, size: 12).hasSuffix("…"))
    }

    static var charts: [(name: String, svg: String)] {
        [
            ("forest", ForestPlot(id: "f", title: "Forest <&>", rows: [
                .init(label: "a & b", estimate: 2, lower: 1.2, upper: 3.5),
                .init(label: "wide", estimate: 1, lower: 0.0001, upper: 1e6),
                .init(label: "none", estimate: nil, lower: nil, upper: nil),
            ]).svg()),
            ("km", StepCurveChart(id: "k", title: "KM", series: [
                .init(name: "t", points: [.init(x: 0, y: 1, lower: 1, upper: 1), .init(x: 10, y: 0.9, lower: 0.85, upper: 0.95)], end: 20),
                .init(name: "c", points: [.init(x: 0, y: 1), .init(x: 5, y: 0.95)], end: 20),
            ], xTitle: "days", yTitle: "S", yDomain: 0.8...1, riskTable: .init(times: [0, 10, 20], counts: [["100", "90", "<10"], ["100", "95", "80"]])).svg()),
            ("effects", StepCurveChart(id: "e", title: "Age", series: [.init(name: "RI", points: [.init(x: 18, y: 1), .init(x: 40, y: 1.4, lower: 1.1, upper: 1.8)], end: 60)],
                                       xTitle: "age", yTitle: "RI", logY: true, reference: 1).svg()),
            ("distribution", DistributionChart(id: "d", title: "PS", edges: [0, 0.5, 1],
                series: [.init(name: "t", values: [0.3, nil]), .init(name: "c", values: [0.6, 0.4])], xTitle: "ps", yTitle: "%").svg()),
            ("scatter", BalanceScatter(id: "s", title: "Balance", points: [.init(name: "age", before: -0.3, after: 0.15), .init(name: "sex", before: 0.05, after: 0.01)]).svg()),
            ("bars", PairedBarChart(id: "b", title: "SSA", bins: [.init(label: "0–29", first: 50, second: 20), .init(label: "30–59", first: nil, second: 12)],
                                    names: ("index first", "marker first"), xTitle: "days", yTitle: "n", suppressionThreshold: 10).svg()),
            ("diverging", PairedBarChart(id: "v", title: "SSA", bins: [.init(label: "0–29", first: 5, second: 2)], names: ("a", "b"), style: .diverging,
                                         xTitle: "days", yTitle: "n").svg()),
            ("attrition", AttritionDiagram(id: "a", title: "Attrition", steps: [.init(label: "All", remaining: "n = 100"),
                                                                                .init(label: "Adults", remaining: "n = <10", excluded: "95")]).svg()),
        ]
    }

    @Test func everyChartIsWellFormedWithAccessibleTitle() {
        for chart in Self.charts {
            let probe = MarkupProbe.parse(chart.svg)
            #expect(probe.error == nil, "\(chart.name): \(probe.error ?? "")")
            #expect(probe.elements.first == "svg", "\(chart.name)")
            #expect(probe.count("title") == 1 && probe.count("desc") == 1, "\(chart.name)")
            #expect(!chart.svg.contains("NaN") && !chart.svg.contains("inf"), "\(chart.name) has non-finite coordinates")
            #expect(chart.svg == Self.charts.first { $0.name == chart.name }?.svg, "\(chart.name) not byte-stable")
        }
    }

    @Test func chartsEscapeLabelsAndDrawWhatTheyAreGiven() throws {
        let forest = try #require(Self.charts.first { $0.name == "forest" }).svg
        #expect(forest.contains("<title id=\"f-title\">Forest &lt;&amp;&gt;</title>"))
        #expect(forest.contains(">a &amp; b</text>"))
        #expect(forest.contains("not estimable"))
        #expect(forest.contains("2.00 (1.20–3.50)"))
        let bars = try #require(Self.charts.first { $0.name == "bars" }).svg
        #expect(bars.contains("stroke-dasharray=\"3 2\""))          // the suppressed bar is outlined
        let km = try #require(Self.charts.first { $0.name == "km" }).svg
        #expect(km.contains(">&lt;10</text>"))                      // numbers at risk printed as given
        let attrition = try #require(Self.charts.first { $0.name == "attrition" }).svg
        #expect(attrition.contains("Excluded: 95"))
    }

    @Test func standaloneSVGCarriesTheNamespace() {
        var c = SVGCanvas(width: 10, height: 10)
        c.line(0, 0, 10, 10)
        #expect(c.rendered(id: "x", title: "t", description: "d", standalone: true).contains("xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(!c.rendered(id: "x", title: "t", description: "d").contains("xmlns"))
    }
}
