import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// A node's annual statistics as of a date with the same figures a year earlier: what the
/// statistics page and the dashboard show.
struct StatisticsView: Sendable {
    var report: AnnualReport
    var yearEarlier: AnnualFigures

    static func load(_ store: Store, code: String, asOf: CivilDate, actor: Actor) async throws -> StatisticsView {
        async let now = store.statistics.annualReport(code: code, asOf: asOf, depth: 1, actor: actor)
        async let before = store.statistics.annualReport(code: code, asOf: asOf.adding(years: -1), depth: 0, actor: actor)
        return StatisticsView(report: try await now, yearEarlier: try await before.root.figures)
    }

    var figures: AnnualFigures { report.root.figures }
    var children: [AnnualReportRow] { report.rows.filter { $0.level == 1 } }

    /// The headline figures, each with its change since the same date a year earlier.
    var headline: HTML {
        let f = figures, y = yearEarlier
        func change(_ now: Int, _ then: Int) -> HTML {
            let d = now - then
            let text = d == 0 ? "与上年同期持平" : "比上年同期\(d > 0 ? "增加" : "减少") \(Layout.number(abs(d)))"
            return "<span class=\"delta \(d > 0 ? "up" : d < 0 ? "down" : "")\">\(text)</span>"
        }
        let rateNow = Self.rate(f), rateThen = Self.rate(y)
        let rateChange: HTML
        if let a = rateNow, let b = rateThen {
            let pp = (a - b) * 100
            rateChange = "<span class=\"delta \(pp > 0.05 ? "up" : pp < -0.05 ? "down" : "")\">比上年同期\(abs(pp) < 0.05 ? "持平" : String(format: "%@ %.1f 个百分点", pp > 0 ? "提高" : "下降", abs(pp)))</span>"
        } else {
            rateChange = "<span class=\"delta\">上年同期无职工数</span>"
        }
        return """
        <ul class="kpis">
          <li><span class="n">\(Layout.number(f.members))</span>在会会员 \(change(f.members, y.members))</li>
          <li><span class="n">\(Layout.number(f.grassrootsUnions))</span>基层工会 \(change(f.grassrootsUnions, y.grassrootsUnions))</li>
          <li><span class="n">\(Layout.percent(rateNow))</span>入会率 \(rateChange)</li>
          <li><span class="n">\(Layout.number(f.newMembers))</span>本年新入会 \(change(f.newMembers, y.newMembers))</li>
        </ul>
        """
    }

    static func rate(_ f: AnnualFigures) -> Double? { f.employees > 0 ? Double(f.members) / Double(f.employees) : nil }

    /// 入会率 of each child, highest first, as bars with the numbers in a table beside them.
    func rateChart(link: (AnnualReportRow) -> String) -> HTML {
        let rated = children.filter { $0.figures.employees > 0 }
            .sorted { (Self.rate($0.figures) ?? 0, $1.orgCode) > (Self.rate($1.figures) ?? 0, $0.orgCode) }
        let unrated = children.filter { $0.figures.employees == 0 }
        let shown = rated.prefix(30)
        let chart: HTML = rated.isEmpty ? "<p>下级组织还没有职工人数，无法计算入会率。</p>" : Charts.bars(shown.map { ($0.orgName, Int(((Self.rate($0.figures) ?? 0) * 1000).rounded())) },
                                title: "各下级组织入会率（从高到低\(rated.count > 30 ? "，前 30 个" : "")）", horizontal: true,
                                format: { String(format: "%.1f%%", Double($0) / 10) })
        let rows = (rated + unrated).map { r -> HTML in
            """
            <tr><td><a href="\(link(r))">\(r.orgName)</a></td><td class="num">\(Layout.number(r.figures.members))</td>\
            <td class="num">\(Layout.number(r.figures.employees))</td><td class="num">\(Layout.percent(Self.rate(r.figures)))</td></tr>
            """
        }
        return """
        \(chart)
        <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col">组织</th><th scope="col" class="num">会员</th>\
        <th scope="col" class="num">职工</th><th scope="col" class="num">入会率</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """
    }

    /// Shares of women, migrant and new-employment-form members, and members by employment type.
    var shares: HTML {
        let f = figures
        let parts: [(String, Int)] = [("女会员", f.womenMembers), ("农民工会员", f.migrantMembers)]
            + EmploymentType.allCases.map { ($0.label, f.count(of: $0)) }
        func share(_ n: Int) -> Int { f.members > 0 ? Int((Double(n) * 1000 / Double(f.members)).rounded()) : 0 }
        let chart = Charts.bars(parts.map { ($0.0, share($0.1)) }, title: "会员构成（占在会会员的比例）", horizontal: true,
                                format: { String(format: "%.1f%%", Double($0) / 10) })
        let rows = parts.map { name, n -> HTML in
            "<tr><td>\(name)</td><td class=\"num\">\(Layout.number(n))</td><td class=\"num\">\(String(format: "%.1f%%", Double(share(n)) / 10))</td></tr>"
        }
        return """
        \(chart)
        <div class="table-wrap"><table class="narrow"><caption class="muted">用工形式各项之和等于在会会员数</caption>\
        <thead><tr><th scope="col">类别</th><th scope="col" class="num">人数</th><th scope="col" class="num">占比</th></tr></thead><tbody>\(rows)</tbody></table></div>
        """
    }
}

/// 统计年报 in the console: a page per node and date, drilling down the tree, with charts and
/// the spreadsheet to download.
struct StatisticsPages {
    let store: Store
    let cache = TimedCache<StatisticsView>()

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("stats") { _, context in
            let actor = context.actor
            let code: String
            if let own = actor.orgCode { code = own } else {
                guard let root = try await store.orgs.root(actor: actor).first else { throw WebError.notFound }
                code = root.code
            }
            return Web.redirect("/stats/\(URLText.component(code))")
        }
        router.get("stats/:code") { request, context in
            let actor = context.actor
            let code = try context.pathCode("code")
            let (asOf, dateError) = Self.date(PageQuery(request).string("asOf", maxLength: 20))
            let (view, at) = try await cache.value("\(actor.scope.path)|\(code)|\(asOf.iso)") {
                try await StatisticsView.load(store, code: code, asOf: asOf, actor: actor)
            }
            let crumbs = try await store.orgs.breadcrumbs(code: code, actor: actor)
            let body = Self.render(view, crumbs: crumbs, dateError: dateError, at: at)
            return Web.page(Layout.page("统计年报：\(view.report.root.orgName)", actor: actor, csrf: context.csrf, section: .stats, body))
        }
        router.get("stats/:code/download") { request, context in
            let actor = context.actor
            let q = PageQuery(request)
            let (asOf, dateError) = Self.date(q.string("asOf", maxLength: 20))
            if let dateError { throw WebError.badRequest(dateError) }
            let format: AnnualReportFiles.Format = q.string("format") == "csv" ? .csv : .xlsx
            let depth: Int? = q.string("depth") == "all" ? nil : 1
            let report = try await store.statistics.annualReport(code: try context.pathCode("code"), asOf: asOf, depth: depth, actor: actor)
            return Web.download(try AnnualReportFiles.render(report, format: format), fileName: AnnualReportFiles.fileName(report, format: format),
                                contentType: format.contentType)
        }
    }

    /// The date asked for, or today with the reason it was not taken.
    static func date(_ raw: String) -> (CivilDate, String?) {
        let today = CivilDate.today()
        guard !raw.isEmpty else { return (today, nil) }
        guard let d = try? CivilDate(parsing: raw) else { return (today, "统计日期“\(raw)”不是有效日期，已按今天统计") }
        if d > today { return (today, "统计日期不能晚于今天，已按今天统计") }
        if d.year < 1950 { return (today, "统计日期过早，已按今天统计") }
        return (d, nil)
    }

    static func render(_ view: StatisticsView, crumbs: [Organization], dateError: String?, at: Int64) -> HTML {
        let report = view.report, root = report.root, asOf = report.asOf
        let today = CivilDate.today()
        /// A node's page on a date (today's without the parameter).
        func link(_ code: String, _ date: CivilDate) -> String {
            "/stats/\(URLText.component(code))" + (date == today ? "" : "?asOf=\(date.iso)")
        }
        let crumbItems = crumbs.map { c -> HTML in
            c.code == root.orgCode ? "<li aria-current=\"page\">\(c.name)</li>" : "<li><a href=\"\(link(c.code, asOf))\">\(c.name)</a></li>"
        }
        let lastYearEnd = CivilDate.endOfYear(today.year - 1)
        let dateForm: HTML = """
        <form method="get" action="/stats/\(URLText.component(root.orgCode))" class="inline-form" aria-label="选择统计日期">
          <label for="asOf">统计日期</label>
          <input type="date" id="asOf" name="asOf" value="\(asOf.iso)" max="\(today.iso)"\(dateError == nil ? HTML.empty : " aria-describedby=\"asOf-error\" aria-invalid=\"true\"")>
          <button type="submit">查看</button>
          <a href="\(link(root.orgCode, lastYearEnd))">上年末（\(lastYearEnd.iso)）</a>
          <a href="\(link(root.orgCode, today))">今天</a>
        </form>
        \(Layout.errorNote("asOf", dateError))
        """
        // The table: the node's totals, then each child, with the spreadsheet's grouped header.
        let columns = Array(AnnualReport.columns.dropFirst(3))
        var groupCells: [HTML] = ["<th scope=\"col\" rowspan=\"2\">组织</th>"]
        var i = 0
        for (group, span) in AnnualReportFiles.headerGroups(columns) {
            groupCells.append(group.isEmpty
                ? "<th scope=\"col\" rowspan=\"2\" class=\"num\">\(columns[i].title)</th>"
                : "<th scope=\"colgroup\" colspan=\"\(String(span))\">\(group)</th>")
            i += span
        }
        let titleCells = columns.filter { !$0.group.isEmpty }.map { c -> HTML in "<th scope=\"col\" class=\"num\">\(c.title)</th>" }
        func cells(_ f: AnnualFigures) -> [HTML] {
            f.values.map { v -> HTML in "<td class=\"num\">\(Layout.number(v))</td>" } + ["<td class=\"num\">\(Layout.percent(StatisticsView.rate(f)))</td>"]
        }
        let childRows = view.children.map { r -> HTML in
            let name: HTML = r.hasChildren
                ? "<a href=\"\(link(r.orgCode, asOf))\">\(r.orgName)</a>"
                : "\(r.orgName) <a class=\"muted\" href=\"/orgs/\(URLText.component(r.orgCode))\">组织详情</a>"
            return "<tr><th scope=\"row\">\(name) <span class=\"tag\">\(r.kind.title)</span></th>\(cells(r.figures))</tr>"
        }
        let ownRow: HTML = view.children.isEmpty || root.own == AnnualFigures() ? .empty
            : "<tr><th scope=\"row\">本级直属（会员与本单位）</th>\(cells(root.own))</tr>"
        let table: HTML = """
        <div class="table-wrap"><table class="stats">
        <caption>\(root.orgName) 截至 \(asOf.iso) 的统计（各行含其全部下级）</caption>
        <thead><tr>\(groupCells)</tr><tr>\(titleCells)</tr></thead>
        <tbody>\(childRows)\(ownRow)</tbody>
        <tfoot><tr><th scope="row">合计</th>\(cells(root.figures))</tr></tfoot>
        </table></div>
        """
        func download(_ format: String, _ depth: String, _ label: String) -> HTML {
            "<a class=\"button secondary\" href=\"/stats/\(URLText.component(root.orgCode))/download?asOf=\(asOf.iso)&amp;format=\(format)&amp;depth=\(depth)\">\(label)</a>"
        }
        return """
        <nav class="breadcrumbs" aria-label="组织层级"><ol>\(crumbItems)</ol></nav>
        \(dateForm)
        \(view.headline)
        <p class="muted">职工人数 \(Layout.number(view.figures.employees))（已建会单位）；集体合同 \(Layout.number(view.figures.collectiveContracts)) 份，覆盖职工 \(Layout.number(view.figures.contractWorkers)) 人。数据计算于 \(Layout.time(at))。</p>
        <div class="actions">\(download("xlsx", "1", "下载 Excel（本级及下一级）"))\(download("xlsx", "all", "下载 Excel（全部下级）"))\(download("csv", "all", "下载 CSV（全部下级）"))</div>
        <section class="card" aria-labelledby="h-table">
          <h2 id="h-table">统计表</h2>
          \(view.children.isEmpty ? HTML("<p>没有下级组织；下表为本组织的数字。</p>") : .empty)
          \(table)
        </section>
        <div class="grid two">
        <section class="card" aria-labelledby="h-rate">
          <h2 id="h-rate">各下级组织入会率</h2>
          \(view.children.isEmpty ? HTML("<p>没有下级组织。</p>") : view.rateChart { link($0.orgCode, asOf) })
        </section>
        <section class="card" aria-labelledby="h-shares">
          <h2 id="h-shares">会员构成</h2>
          \(view.shares)
        </section>
        </div>
        """
    }
}
