import Foundation
import Testing
@testable import StudyKit

/// The HTML report: well formed, self-contained, byte-stable, one section per design present.
@Suite struct ReportHTMLTests {
    let html = renderHTML(ReportFixtures.results)

    @Test func documentIsWellFormed() {
        let probe = MarkupProbe.parse(html)
        #expect(probe.error == nil, "\(probe.error ?? "")")
        #expect(probe.elements.first == "html")
        // One chart per figure in the fixture: attrition x3, SCCS forest/age/season, PS preference x2/balance/KM/HR forest,
        // SSA forest/bars = 13.
        #expect(probe.count("svg") == 13)
        // Ids are unique (TOC anchors and SVG ids).
        let ids = probe.values(of: "id")
        #expect(Set(ids).count == ids.count)
        // Every TOC link points at an id on the page.
        let targets = probe.values(of: "href").filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        #expect(!targets.isEmpty)
        #expect(targets.allSatisfy { Set(ids).contains($0) })
    }

    @Test func pageIsSelfContained() {
        for forbidden in ["http://", "https://", "src=", "<script", "<link", "url(", "@import"] {
            #expect(!html.contains(forbidden), "report contains \(forbidden)")
        }
    }

    @Test func renderingIsByteIdentical() {
        #expect(renderHTML(ReportFixtures.results) == html)
    }

    @Test func textIsEscapedAndSuppressedCellsShownAsGiven() {
        #expect(html.contains("<h1>Demo study &lt;all designs&gt;</h1>"))
        #expect(html.contains("Three designs on the sample network &amp; friends."))
        #expect(html.contains(">&lt;10</td>"))
        #expect(html.contains("p &gt; 0.05 &lt;ok&gt; &amp; fine"))
        #expect(!html.contains("<age & sex>"))
    }

    @Test func eachDesignSectionIsPresentWhenItsDesignIs() {
        let sccsMarks = ["Relative incidence by risk window", "Relative incidence by age", "Relative incidence by season"]
        let psMarks = ["Preference-score distributions", "Covariate balance", "Kaplan–Meier", "Hazard ratio",
                       "average treatment effect in the treated (ATT)"]
        let ssaMarks = ["Sequence ratios", "Time from first to second drug", "Screening"]
        for mark in sccsMarks + psMarks + ssaMarks { #expect(html.contains(mark), "missing \(mark)") }

        var onlySSA = ReportFixtures.results
        onlySSA.designs = [ReportFixtures.ssa]
        let ssaPage = renderHTML(onlySSA)
        for mark in ssaMarks { #expect(ssaPage.contains(mark)) }
        for mark in sccsMarks + psMarks { #expect(!ssaPage.contains(mark), "unexpected \(mark)") }
        #expect(MarkupProbe.parse(ssaPage).error == nil)

        var none = ReportFixtures.results
        none.designs = []
        let empty = renderHTML(none)
        #expect(empty.contains("Data quality") && !empty.contains("design-1"))
    }

    @Test func failedDesignShowsItsErrorAndAttrition() {
        var r = ReportFixtures.results
        var failed = ReportFixtures.sccs
        failed.sccs = nil
        failed.error = "no cases with exposure <x>"
        r.designs = [failed]
        let page = renderHTML(r)
        #expect(page.contains("This design did not complete: no cases with exposure &lt;x&gt;"))
        #expect(page.contains("Attrition"))
        #expect(MarkupProbe.parse(page).error == nil)
    }

    @Test func emptyOrDegenerateInputsStillRender() {
        var r = ReportFixtures.results
        var ps = ReportFixtures.ps
        ps.psCohort?.kaplanMeier = []
        ps.psCohort?.preferenceScore.edges = []
        ps.psCohort?.balance.covariates = []
        ps.psCohort?.hazardRatios.marginal = RatioEstimate(estimate: .nan, lower: .nan, upper: .nan)
        var sccs = ReportFixtures.sccs
        sccs.sccs?.ageEffects = []
        sccs.sccs?.seasonEffects = []
        sccs.sccs?.estimates = []
        r.designs = [sccs, ps]
        r.dataQuality.checks = []
        let page = renderHTML(r)
        #expect(MarkupProbe.parse(page).error == nil, "\(MarkupProbe.parse(page).error ?? "")")
        #expect(page.contains("No Kaplan–Meier curves were recorded."))
        #expect(page.contains("The model has no age effect."))
        #expect(!page.contains("NaN"))
    }
}
