import Foundation
import GonghuiDomain

/// The dashboard, the statistics pages and the collective contracts, rendered from their models.
enum StatisticsViews {
    typealias S = UI.Statistics

    // MARK: Dashboard

    static func dashboard(_ m: DashboardPageModel) -> HTML {
        let f = m.data.figures, summary = m.data.statistics
        let code = URLText.component(f.org.code)
        return """
        \(WarningViews.dashboard(m.alerts, today: .today()))
        \(headline(summary))
        <p class="muted">\(S.comparedWithYearEarlier(summary.report.asOf.adding(years: -1).iso, employees: Layout.number(f.employees), retained: Layout.number(f.retained)))\
        <a href="/transfers">\(S.openTransfers(Layout.number(f.openTransfers)))</a>\(S.thenComputedAt(Layout.time(m.computedAt)))</p>
        <div class="actions"><a class="button secondary" href="/stats/\(code)">\(UI.navStats)</a><a class="button secondary" href="/orgs/\(code)">\(S.orgDetails)</a></div>
        <div class="grid two">
        \(membersOverTime(m.data.overTime))
        <section class="card" aria-labelledby="h-shares">
          <h2 id="h-shares">\(S.shares)</h2>
          \(shares(summary))
        </section>
        </div>
        <section class="card" aria-labelledby="h-children">
          <h2 id="h-children">\(S.childRates)</h2>
          \(summary.children.isEmpty ? HTML("<p>\(S.noChildren)</p>") : rateChart(summary) { "/?org=" + URLText.component($0.orgCode) })
        </section>
        \(newMembersByMonth(f))
        \(disputes(m.data.disputes, org: code))
        """
    }

    /// The node's dispute work in one line each, leading to the worklist and the figures.
    static func disputes(_ d: DisputeSummary, org code: String) -> HTML {
        let t = UI.Disputes.self
        return """
        <section class="card" aria-labelledby="h-disputes">
          <h2 id="h-disputes">\(t.dashboardTitle)</h2>
          <ul class="kpis counts">
            <li><a href="/disputes?org=\(code)"><span class="n">\(Layout.number(d.openCases))</span>\(t.dashboardOpen)</a></li>
            <li><a href="/disputes?org=\(code)&amp;overdue=1"><span class="n\(d.overdueCases > 0 ? " late" : "")">\(Layout.number(d.overdueCases))</span>\(t.dashboardOverdue)</a></li>
          </ul>
          <p><a href="/disputes/figures?org=\(code)">\(t.dashboardYear(Layout.number(d.receivedThisYear), recovered: d.recoveredThisYear.groupedYuan))</a></p>
        </section>
        """
    }

    /// Members at the end of each of the last five years and today, as bars and a table.
    static func membersOverTime(_ overTime: [(date: CivilDate, members: Int)]) -> HTML {
        let years = overTime.map { p -> (String, Int) in (p.date == overTime.last?.date ? S.today : S.yearEnd(p.date.year), p.members) }
        let yearRows = overTime.enumerated().map { i, p -> HTML in
            "<tr><td>\(Layout.day(p.date))</td><td class=\"num\">\(Layout.number(p.members))</td><td class=\"num\">\(i == 0 ? UI.none : Layout.number(p.members - overTime[i - 1].members))</td></tr>"
        }
        return """
        <section class="card" aria-labelledby="h-years">
          <h2 id="h-years">\(S.membersOverTime)</h2>
          \(Charts.bars(years, title: S.membersOverTimeChart, horizontal: false, format: { Layout.compact($0) }))
          <div class="table-wrap"><table class="narrow"><caption class="muted">\(S.byCurrentTree)</caption><thead><tr><th scope="col">\(S.date)</th><th scope="col" class="num">\(S.membersInUnion)</th><th scope="col" class="num">\(S.changeFromPrevious)</th></tr></thead><tbody>\(yearRows)</tbody></table></div>
        </section>
        """
    }

    /// New members in each of the last twelve months (members in good standing by joining
    /// month), with this year's months added up: the headline's 本年新入会.
    static func newMembersByMonth(_ f: DashboardFigures, year: Int = CivilDate.today().year) -> HTML {
        let months = f.joinedByMonth.map { (String($0.month.suffix(5)), $0.count) }
        let thisYear = f.joinedByMonth.filter { $0.month.hasPrefix(String(year) + "-") }.reduce(0) { $0 + $1.count }
        let monthRows = f.joinedByMonth.map { m -> HTML in "<tr><td>\(m.month)</td><td class=\"num\">\(Layout.number(m.count))</td></tr>" }
            + ["<tr class=\"total\"><th scope=\"row\">\(S.yearTotal(year))</th><td class=\"num\">\(Layout.number(thisYear))</td></tr>"]
        return """
        <section class="card" aria-labelledby="h-month">
          <h2 id="h-month">\(S.newMembersByMonth)</h2>
          \(Charts.bars(months, title: S.newMembersByMonthChart, horizontal: false))
          <div class="table-wrap"><table class="narrow"><caption class="muted">\(S.byJoiningDate)</caption><thead><tr><th scope="col">\(S.month)</th><th scope="col" class="num">\(S.newMembers)</th></tr></thead><tbody>\(monthRows)</tbody></table></div>
        </section>
        """
    }

    // MARK: Figures shared by the dashboard and the statistics page

    /// The headline figures, each with its change since the same date a year earlier.
    static func headline(_ s: StatisticsSummary) -> HTML {
        let f = s.figures, y = s.yearEarlier
        func change(_ now: Int, _ then: Int) -> HTML {
            let d = now - then
            let text = d == 0 ? S.unchangedSinceYearEarlier : S.changedSinceYearEarlier(up: d > 0, by: Layout.number(abs(d)))
            return "<span class=\"delta \(d > 0 ? "up" : d < 0 ? "down" : "")\">\(text)</span>"
        }
        let rateNow = StatisticsSummary.rate(f), rateThen = StatisticsSummary.rate(y)
        let rateChange: HTML
        if let a = rateNow, let b = rateThen {
            let pp = (a - b) * 100
            rateChange = "<span class=\"delta \(pp > 0.05 ? "up" : pp < -0.05 ? "down" : "")\">\(S.rateChange(points: pp))</span>"
        } else {
            rateChange = "<span class=\"delta\">\(S.noRateYearEarlier)</span>"
        }
        return """
        <ul class="kpis">
          <li><span class="n">\(Layout.number(f.members))</span>\(S.membersInUnion) \(change(f.members, y.members))</li>
          <li><span class="n">\(Layout.number(f.grassrootsUnions))</span>\(S.grassrootsUnions) \(change(f.grassrootsUnions, y.grassrootsUnions))</li>
          <li><span class="n">\(Layout.percent(f.members, of: f.employees))</span>\(S.membershipRate) \(rateChange)</li>
          <li><span class="n">\(Layout.number(f.newMembers))</span>\(S.newMembersThisYear) \(change(f.newMembers, y.newMembers))</li>
        </ul>
        """
    }

    /// Children charted in full; beyond this the chart shows the lowest `chartedLowest`.
    static let chartedAll = 40, chartedLowest = 30

    /// 入会率 of each child, highest first, as bars with the numbers in a table beside them: one
    /// rounding (`Rate.permille`) for the bars, their labels and the table. Up to 40 children are
    /// all charted; more, and the chart shows the 30 lowest — the unions to chase — and says how
    /// many higher ones it leaves to the table, which lists every child.
    static func rateChart(_ s: StatisticsSummary, link: (AnnualReportRow) -> String) -> HTML {
        let permille = { (r: AnnualReportRow) in Rate.permille(r.figures.members, of: r.figures.employees) ?? 0 }
        let rated = s.children.filter { $0.figures.employees > 0 }
            .sorted { (permille($0), $1.orgCode) > (permille($1), $0.orgCode) }
        let unrated = s.children.filter { $0.figures.employees == 0 }
        let shown = rated.count > chartedAll ? Array(rated.suffix(chartedLowest)) : rated
        let left: HTML = shown.count < rated.count ? "<p class=\"muted\">\(S.rateChartLeftOut(rated.count - shown.count))</p>" : .empty
        let chart: HTML = rated.isEmpty ? "<p>\(S.noChildEmployees)</p>" : Charts.bars(shown.map { ($0.orgName, permille($0)) },
                                title: S.rateChartTitle(lowest: shown.count < rated.count ? shown.count : nil), horizontal: true,
                                format: { Rate.percent(permille: $0) }) + left
        let rows = (rated + unrated).map { r -> HTML in
            """
            <tr><td><a href="\(link(r))">\(r.orgName)</a></td><td class="num">\(Layout.number(r.figures.members))</td>\
            <td class="num">\(Layout.number(r.figures.employees))</td><td class="num">\(Layout.percent(r.figures.members, of: r.figures.employees))</td></tr>
            """
        }
        return """
        \(chart)
        <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col">\(S.org)</th><th scope="col" class="num">\(S.members)</th>\
        <th scope="col" class="num">\(S.employees)</th><th scope="col" class="num">\(S.membershipRate)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """
    }

    /// Shares of women, migrant and new-employment-form members, and members by employment type.
    static func shares(_ s: StatisticsSummary) -> HTML {
        let f = s.figures
        let parts: [(String, Int)] = [(S.womenMembers, f.womenMembers), (S.migrantMembers, f.migrantMembers)]
            + EmploymentType.allCases.map { ($0.label, f.count(of: $0)) }
        func share(_ n: Int) -> Int { Rate.permille(n, of: f.members) ?? 0 }
        let chart = Charts.bars(parts.map { ($0.0, share($0.1)) }, title: S.sharesChartTitle, horizontal: true,
                                format: { Rate.percent(permille: $0) })
        let rows = parts.map { name, n -> HTML in
            "<tr><td>\(name)</td><td class=\"num\">\(Layout.number(n))</td><td class=\"num\">\(Layout.percent(n, of: f.members))</td></tr>"
        }
        return """
        \(chart)
        <div class="table-wrap"><table class="narrow"><caption class="muted">\(S.sharesCaption)</caption>\
        <thead><tr><th scope="col">\(S.category)</th><th scope="col" class="num">\(S.people)</th><th scope="col" class="num">\(S.share)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """
    }

    // MARK: The statistics page

    static func statistics(_ m: StatisticsPageModel) -> HTML {
        let summary = m.summary, root = m.report.root, asOf = m.report.asOf
        let crumbItems = m.crumbs.map { c -> HTML in
            c.code == root.orgCode ? "<li aria-current=\"page\">\(c.name)</li>" : "<li><a href=\"\(m.link(c.code, asOf))\">\(c.name)</a></li>"
        }
        func download(_ format: String, _ depth: String, _ label: String) -> HTML {
            "<a class=\"button secondary\" href=\"/stats/\(URLText.component(root.orgCode))/download?asOf=\(asOf.iso)&amp;format=\(format)&amp;depth=\(depth)\">\(label)</a>"
        }
        let figures = summary.figures
        let facts = S.summary(employees: Layout.number(figures.employees), contracts: Layout.number(figures.collectiveContracts),
                              contractWorkers: Layout.number(figures.contractWorkers), computedAt: Layout.time(m.computedAt))
        return """
        <nav class="breadcrumbs" aria-label="\(S.orgLevels)"><ol>\(crumbItems)</ol></nav>
        \(dateForm(m))
        \(headline(summary))
        <p class="muted">\(facts)</p>
        <div class="actions">\(download("xlsx", "1", S.downloadExcelNextLevel))\(download("xlsx", "all", S.downloadExcelAll))\(download("csv", "all", S.downloadCSVAll))</div>
        <section class="card" aria-labelledby="h-table">
          <h2 id="h-table">\(S.table)</h2>
          \(summary.children.isEmpty ? HTML("<p>\(S.noChildrenOwnFigures)</p>") : .empty)
          \(table(m))
        </section>
        <div class="grid two">
        <section class="card" aria-labelledby="h-rate">
          <h2 id="h-rate">\(S.childRates)</h2>
          \(summary.children.isEmpty ? HTML("<p>\(S.noChildren)</p>") : rateChart(summary) { m.link($0.orgCode, asOf) })
        </section>
        <section class="card" aria-labelledby="h-shares">
          <h2 id="h-shares">\(S.shares)</h2>
          \(shares(summary))
        </section>
        </div>
        """
    }

    /// The form choosing the date, with shortcuts to the end of last year and today.
    static func dateForm(_ m: StatisticsPageModel) -> HTML {
        let root = m.report.root, asOf = m.report.asOf, today = m.today
        let lastYearEnd = CivilDate.endOfYear(today.year - 1)
        return """
        <form method="get" action="/stats/\(URLText.component(root.orgCode))" class="inline-form" aria-label="\(S.chooseDate)">
          <label for="asOf">\(S.statisticsDate)</label>
          <input type="date" id="asOf" name="asOf" value="\(asOf.iso)" max="\(today.iso)"\(m.dateError == nil ? HTML.empty : " aria-describedby=\"asOf-error\" aria-invalid=\"true\"")>
          <button type="submit">\(S.show)</button>
          <a href="\(m.link(root.orgCode, lastYearEnd))">\(S.lastYearEnd(lastYearEnd.iso))</a>
          <a href="\(m.link(root.orgCode, today))">\(S.today)</a>
        </form>
        \(Layout.errorNote("asOf", m.dateError))
        """
    }

    /// The table: the node's totals, then each child, with the spreadsheet's grouped header.
    static func table(_ m: StatisticsPageModel) -> HTML {
        let root = m.report.root, asOf = m.report.asOf
        let columns = Array(AnnualReport.columns.dropFirst(3))
        var groupCells: [HTML] = ["<th scope=\"col\" rowspan=\"2\">\(S.org)</th>"]
        var i = 0
        for (group, span) in AnnualReportFiles.headerGroups(columns) {
            groupCells.append(group.isEmpty
                ? "<th scope=\"col\" rowspan=\"2\" class=\"num\">\(columns[i].title)</th>"
                : "<th scope=\"colgroup\" colspan=\"\(String(span))\">\(group)</th>")
            i += span
        }
        let titleCells = columns.filter { !$0.group.isEmpty }.map { c -> HTML in "<th scope=\"col\" class=\"num\">\(c.title)</th>" }
        func cells(_ f: AnnualFigures) -> [HTML] {
            f.values.map { v -> HTML in "<td class=\"num\">\(Layout.number(v))</td>" } + ["<td class=\"num\">\(Layout.percent(f.members, of: f.employees))</td>"]
        }
        let childRows = m.summary.children.map { r -> HTML in
            let name: HTML = r.hasChildren
                ? "<a href=\"\(m.link(r.orgCode, asOf))\">\(r.orgName)</a>"
                : "\(r.orgName) <a class=\"muted\" href=\"/orgs/\(URLText.component(r.orgCode))\">\(S.orgDetails)</a>"
            return "<tr><th scope=\"row\">\(name) <span class=\"tag\">\(r.kind.title)</span></th>\(cells(r.figures))</tr>"
        }
        let ownRow: HTML = m.summary.children.isEmpty || root.own == AnnualFigures() ? .empty
            : "<tr><th scope=\"row\">\(S.ownRow)</th>\(cells(root.own))</tr>"
        return """
        <div class="table-wrap scroll"><table class="stats">
        <caption>\(S.tableCaption(root.orgName, asOf: asOf.iso))</caption>
        <thead><tr>\(groupCells)</tr><tr>\(titleCells)</tr></thead>
        <tbody>\(childRows)\(ownRow)</tbody>
        <tfoot><tr><th scope="row">\(S.total)</th>\(cells(root.figures))</tr></tfoot>
        </table></div>
        """
    }

    // MARK: Collective contracts

    static func contractForm(_ m: ContractFormPageModel) -> HTML {
        let values = m.form.values, errors = m.errors
        let kind = values["kind"] ?? S.contractKinds[0]
        return """
        \(Layout.formErrors(errors))
        <form method="post" action="/orgs/\(URLText.component(m.org.code))/contracts/new" class="card">
        \(Layout.csrfField(m.csrf))
        \(Layout.select(S.contractKind, name: "kind", options: S.contractKinds.map { ($0, $0) }, selected: kind, error: errors["kind"]))
        \(Layout.field(S.signedOn, name: "signedOn", value: values["signedOn"] ?? "", type: "date", error: errors["signedOn"]))
        \(Layout.field(S.validFrom, name: "validFrom", value: values["validFrom"] ?? "", type: "date", error: errors["validFrom"], required: true))
        \(Layout.field(S.validTo, name: "validTo", value: values["validTo"] ?? "", type: "date", error: errors["validTo"], hint: S.validToHint))
        \(Layout.field(S.workersCovered, name: "workersCovered", value: values["workersCovered"] ?? "", type: "number", error: errors["workersCovered"],
                       required: true, attributes: " min=\"0\""))
        <div class="actions"><button type="submit">\(S.record)</button><a href="/orgs/\(URLText.component(m.org.code))">\(UI.cancel)</a></div>
        </form>
        """
    }

    /// The union's contracts, those in force today marked.
    static func contracts(_ m: ContractsSectionModel) -> HTML {
        let today = m.today
        let rows = m.contracts.map { c -> HTML in
            let inForce = c.validFrom <= today && (c.validTo.map { $0 >= today } ?? true)
            let state: HTML = inForce ? "<span class=\"tag ok\">\(S.inForce)</span>" : "<span class=\"tag\">\(c.validFrom > today ? S.notYetInForce : S.expired)</span>"
            return """
            <tr><td>\(c.kind)</td><td>\(c.signedOn?.iso ?? UI.none)</td><td>\(S.term(from: c.validFrom.iso, to: c.validTo?.iso))</td>\
            <td class="num">\(Layout.number(c.workersCovered))</td><td>\(state)</td></tr>
            """
        }
        let add: HTML = m.mayAdd
            ? "<p><a class=\"button secondary\" href=\"/orgs/\(URLText.component(m.org.code))/contracts/new\">\(S.recordContract)</a></p>" : .empty
        let list: HTML = m.contracts.isEmpty ? "<p>\(S.noContracts)</p>" : """
        <div class="table-wrap"><table><thead><tr><th scope="col">\(S.kind)</th><th scope="col">\(S.signedOn)</th><th scope="col">\(S.termHeader)</th><th scope="col" class="num">\(S.workersCoveredHeader)</th><th scope="col">\(S.status)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """
        return """
        <section aria-labelledby="h-contracts"><h2 id="h-contracts">\(S.contracts)</h2>
        \(list)
        \(add)
        </section>
        """
    }
}
