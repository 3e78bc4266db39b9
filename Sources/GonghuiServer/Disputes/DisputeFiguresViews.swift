import Foundation
import GonghuiDomain

/// The dispute figures page rendered from its model: the node's figures, the cases by channel,
/// kind and type as charts with their numbers, and a row per child to drill down into.
enum DisputeFiguresViews {
    typealias T = UI.Disputes

    static func page(_ m: DisputeFiguresPageModel) -> HTML {
        let crumbItems = m.crumbs.map { c -> HTML in
            c.code == m.report?.rows.first?.orgCode ? "<li aria-current=\"page\">\(c.name)</li>"
                : "<li><a href=\"\(m.query.link(org: c.code, from: m.from, to: m.to))\">\(c.name)</a></li>"
        }
        var body: HTML = """
        <nav class="breadcrumbs" aria-label="\(T.figuresLevels)"><ol>\(crumbItems)</ol></nav>
        \(periodForm(m))
        """
        if let report = m.report, let root = report.rows.first {
            body = body + """
            \(headline(root.figures, satisfaction: m.satisfaction))
            <div class="actions">\(download(m, depth: "1", T.figuresExcelNextLevel))\(download(m, depth: "all", T.figuresExcelAll))<a class="button secondary" href="/disputes?org=\(URLText.component(root.orgCode))">\(T.figuresWorklist)</a></div>
            <div class="grid two">
            \(breakdown(T.figuresByChannel, "h-channel", DisputeChannel.allCases.map { ($0.title, root.figures.byChannel[$0] ?? 0) }))
            \(breakdown(T.figuresByKind, "h-kind", DisputeRequestKind.allCases.map { ($0.title, root.figures.byKind[$0] ?? 0) }))
            </div>
            \(breakdown(T.figuresByType, "h-type", DisputeType.allCases.map { ($0.title, root.figures.byType[$0] ?? 0) }))
            \(childrenTable(m, report))
            \(IncidenceMapViews.section(m.incidence) { m.query.link(org: $0, from: m.from, to: m.to) })
            \(rights(m.rights))
            <p class="muted">\(T.figuresNote)</p>
            """
        }
        return Layout.page(T.figuresTitle(m.report?.rows.first?.orgName ?? m.query.org), actor: m.actor, csrf: m.csrf, section: .disputes, body)
    }

    /// The period's risk alerts by rule with how fast they were acknowledged, its legal aid and its
    /// supervision letters.
    static func rights(_ r: RightsFigures) -> HTML {
        let w = UI.Warnings.self, l = UI.LegalAid.self, v = UI.Supervision.self
        let lines = WarningRule.allCases.map { rule -> HTML in
            let x = r.alerts[rule] ?? RightsFigures.AlertLine()
            return """
            <tr><th scope="row" data-label="\(w.colRule)">\(rule.title)</th><td class="num" data-label="\(w.figRaised)">\(Layout.number(x.raised))</td>\
            <td class="num" data-label="\(w.figAcknowledged)">\(Layout.number(x.acknowledged))</td><td class="num" data-label="\(w.figWithinDay)">\(Layout.number(x.acknowledgedWithinDay))</td>\
            <td class="num" data-label="\(w.figMeanHours)">\(x.meanHours ?? UI.none)</td><td class="num" data-label="\(w.figClosed)">\(Layout.number(x.closed))</td></tr>
            """
        }
        let outcomes = LegalAidOutcome.allCases.map { "<li>\(l.figOutcome($0.title, Layout.number(r.legalAidByOutcome[$0] ?? 0)))</li>" as HTML }
        return """
        <section class="card" aria-labelledby="h-alerts"><h2 id="h-alerts">\(w.figTitle)</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(w.colRule)</th><th scope="col" class="num">\(w.figRaised)</th>\
        <th scope="col" class="num">\(w.figAcknowledged)</th><th scope="col" class="num">\(w.figWithinDay)</th><th scope="col" class="num">\(w.figMeanHours)</th>\
        <th scope="col" class="num">\(w.figClosed)</th></tr></thead><tbody>\(lines)</tbody></table></div>
        </section>
        <section class="card" aria-labelledby="h-legal-aid"><h2 id="h-legal-aid">\(l.figTitle)</h2>
        <ul class="kpis counts"><li>\(l.figApplications(Layout.number(r.legalAidApplications)))</li><li>\(l.figApproved(Layout.number(r.legalAidApproved)))</li>\
        <li>\(l.figRefused(Layout.number(r.legalAidRefused)))</li><li>\(l.figObtained(r.legalAidObtained.groupedYuan))</li><li>\(l.figFees(r.legalAidFees.groupedYuan))</li></ul>
        <ul>\(outcomes)</ul>
        </section>
        <section class="card" aria-labelledby="h-supervision"><h2 id="h-supervision">\(v.figTitle)</h2>
        <ul class="kpis counts">\(SupervisionLetterKind.allCases.map { "<li>\(v.figLetters($0.shortTitle, Layout.number(r.letters[$0] ?? 0)))</li>" as HTML })\
        <li>\(v.figCorrected(Layout.number(r.supervisionCorrected)))</li><li>\(v.figReferred(Layout.number(r.supervisionReferred)))</li></ul>
        <ul>\(LaborDepartmentDecision.allCases.map { "<li>\(v.figDecision($0.title, Layout.number(r.laborDecisions[$0] ?? 0)))</li>" as HTML })</ul>
        </section>
        """
    }

    static func periodForm(_ m: DisputeFiguresPageModel) -> HTML {
        func error(_ field: String) -> String? { m.problems.first { $0.field == field }?.reason }
        return """
        <form method="get" action="/disputes/figures" class="search card" role="search">
        \(OrgPicker.inScope.field(T.filterOrg, name: "org", value: m.query.org, error: error("org")))
        \(Layout.field(T.figuresFrom, name: "from", value: m.query.from.isEmpty ? m.from.iso : m.query.from, type: "date", error: error("from")))
        \(Layout.field(T.figuresTo, name: "to", value: m.query.to.isEmpty ? m.to.iso : m.query.to, type: "date", error: error("to")))
        <button type="submit">\(T.figuresShow)</button>
        </form>
        """
    }

    static func download(_ m: DisputeFiguresPageModel, depth: String, _ label: String) -> HTML {
        "<a class=\"button secondary\" href=\"/disputes/figures.xlsx?org=\(URLText.component(m.query.org))&amp;from=\(m.from.iso)&amp;to=\(m.to.iso)&amp;depth=\(depth)\">\(label)</a>"
    }

    /// The node's figures in words an officer reports them in.
    static func headline(_ f: DisputeFigures, satisfaction: (rated: Int, average: String?)) -> HTML {
        func tile(_ label: String, _ value: String, _ note: String? = nil) -> HTML {
            let aside: HTML = note.map { " <span class=\"muted\">\($0)</span>" } ?? ""
            return "<li><span class=\"n\">\(value)</span>\(label)\(aside)</li>"
        }
        let tiles: [HTML] = [
            tile(T.figReceived, Layout.number(f.casesReceived), T.figCollective(Layout.number(f.collectiveCases))),
            tile(T.figWorkers, Layout.number(f.workersInvolved)),
            tile(T.figClosed, Layout.number(f.casesClosed), T.figOnTime(Layout.number(f.casesClosedOnTime))),
            tile(T.figOnTimeRate, rate(f.onTimeRate)),
            tile(T.figMediations, Layout.number(f.mediations), T.figAgreed(Layout.number(f.mediationsAgreed))),
            tile(T.figAgreementRate, rate(f.agreementRate)),
            tile(T.figClaimed, UI.Hardship.yuan(f.amountClaimed.groupedYuan)),
            tile(T.figRecovered, UI.Hardship.yuan(f.amountRecovered.groupedYuan)),
            tile(T.figSatisfaction, satisfaction.average ?? UI.none, T.figRated(Layout.number(satisfaction.rated))),
        ]
        return "<ul class=\"kpis\" aria-label=\"\(T.figuresSummary)\">\(tiles)</ul>"
    }

    /// A rate of four places ("0.9875") as a percentage with two ("98.75%"), or a dash.
    static func rate(_ fourPlaces: String?) -> String {
        fourPlaces.flatMap { Rate.percent(fourPlaces: $0) } ?? UI.none
    }

    static func breakdown(_ title: String, _ id: String, _ data: [(String, Int)]) -> HTML {
        let rows = data.map { "<tr><td>\($0.0)</td><td class=\"num\">\(Layout.number($0.1))</td></tr>" as HTML }
        return """
        <section class="card" aria-labelledby="\(id)">
          <h2 id="\(id)">\(title)</h2>
          \(Charts.bars(data, title: title, horizontal: true))
          <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col">\(T.figCategory)</th><th scope="col" class="num">\(T.figReceived)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        </section>
        """
    }

    /// The node and each child on a row, a child's name leading to its own figures.
    static func childrenTable(_ m: DisputeFiguresPageModel, _ report: DisputeReport) -> HTML {
        let heads = [T.colUnionName] + T.figTableColumns + [T.figOnTimeRate, T.figAgreementRate]
        let headCells = heads.enumerated().map { i, h -> HTML in "<th scope=\"col\"\(i == 0 ? "" : " class=\"num\"")>\(h)</th>" }
        let rows = report.rows.enumerated().map { i, r -> HTML in
            let f = r.figures
            let name: HTML = i == 0 ? "<strong>\(T.figTotal(r.orgName))</strong>" : "<a href=\"\(m.query.link(org: r.orgCode, from: m.from, to: m.to))\">\(r.orgName)</a>"
            let counts = [f.casesReceived, f.collectiveCases, f.workersInvolved, f.casesClosed, f.casesClosedOnTime, f.mediations, f.mediationsAgreed]
                .map { "<td class=\"num\">\(Layout.number($0))</td>" as HTML }
            return """
            <tr\(i == 0 ? " class=\"total\"" : "")><th scope="row">\(name)</th>\(counts)<td class="num">\(f.amountClaimed.groupedYuan)</td><td class="num">\(f.amountRecovered.groupedYuan)</td><td class="num">\(rate(f.onTimeRate))</td><td class="num">\(rate(f.agreementRate))</td></tr>
            """
        }
        return """
        <section class="card" aria-labelledby="h-children">
          <h2 id="h-children">\(T.figuresChildren)</h2>
          \(report.rows.count > 1 ? HTML("") : HTML("<p class=\"muted\">\(T.figuresNoChildren)</p>"))
          <div class="table-wrap"><table><thead><tr>\(headCells)</tr></thead><tbody>\(rows)</tbody></table></div>
        </section>
        """
    }
}
