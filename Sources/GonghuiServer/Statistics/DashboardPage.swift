import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// What the dashboard shows, computed together and kept for a minute.
struct DashboardData: Sendable {
    var figures: DashboardFigures
    var statistics: StatisticsView
    /// Members at the end of each of the last five years and today.
    var overTime: [(date: CivilDate, members: Int)]
}

/// 工作台: the figures of the officer's subtree, as SVG charts drawn here with the numbers
/// in tables beside them.
struct DashboardPage {
    let store: Store
    let cache = TimedCache<DashboardData>()

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("/") { request, context in
            let actor = context.actor
            let q = PageQuery(request)
            let code = q.string("org", maxLength: 64)
            let store = self.store
            let (data, at) = try await cache.value(actor.scope.path + "|" + code) {
                let figures = try await store.dashboard.figures(code: code.isEmpty ? nil : code, actor: actor)
                let today = CivilDate.today()
                async let statistics = StatisticsView.load(store, code: figures.org.code, asOf: today, actor: actor)
                let dates = (1...5).reversed().map { CivilDate.endOfYear(today.year - $0) } + [today]
                async let overTime = store.statistics.membersOverTime(code: figures.org.code, dates: dates, actor: actor)
                return DashboardData(figures: figures, statistics: try await statistics, overTime: try await overTime)
            }
            return Web.page(Layout.page("工作台：\(data.figures.org.name)", actor: actor, csrf: context.csrf, section: .home, Self.render(data, at: at, actor: actor)))
        }
    }

    static func render(_ data: DashboardData, at: Int64, actor: Actor) -> HTML {
        let f = data.figures, view = data.statistics
        let months = f.joinedByMonth.map { (String($0.month.suffix(5)), $0.count) }
        let monthRows = f.joinedByMonth.map { m -> HTML in "<tr><td>\(m.month)</td><td class=\"num\">\(Layout.number(m.count))</td></tr>" }
        let years = data.overTime.map { p -> (String, Int) in (p.date == data.overTime.last?.date ? "今天" : String(p.date.year) + "年末", p.members) }
        let yearRows = data.overTime.enumerated().map { i, p -> HTML in
            "<tr><td>\(p.date.iso)</td><td class=\"num\">\(Layout.number(p.members))</td><td class=\"num\">\(i == 0 ? UI.none : Layout.number(p.members - data.overTime[i - 1].members))</td></tr>"
        }
        let code = URLText.component(f.org.code)
        return """
        \(view.headline)
        <p class="muted">与上年同日（\(view.report.asOf.adding(years: -1).iso)）相比。职工人数（已建会单位）\(Layout.number(f.employees))；保留会籍 \(Layout.number(f.retained)) 人；\
        <a href="/transfers">办理中的会籍转接 \(Layout.number(f.openTransfers)) 件</a>。数据计算于 \(Layout.time(at))。</p>
        <div class="actions"><a class="button secondary" href="/stats/\(code)">统计年报</a><a class="button secondary" href="/orgs/\(code)">组织详情</a></div>
        <div class="grid two">
        <section class="card" aria-labelledby="h-years">
          <h2 id="h-years">会员人数变化</h2>
          \(Charts.bars(years, title: "近五年年末及今天的在会会员人数", horizontal: false, format: { Layout.compact($0) }))
          <div class="table-wrap"><table class="narrow"><caption class="muted">按现在的组织隶属统计</caption><thead><tr><th scope="col">日期</th><th scope="col" class="num">在会会员</th><th scope="col" class="num">比上一列增减</th></tr></thead><tbody>\(yearRows)</tbody></table></div>
        </section>
        <section class="card" aria-labelledby="h-shares">
          <h2 id="h-shares">会员构成</h2>
          \(view.shares)
        </section>
        </div>
        <section class="card" aria-labelledby="h-children">
          <h2 id="h-children">各下级组织入会率</h2>
          \(view.children.isEmpty ? HTML("<p>没有下级组织。</p>") : view.rateChart { "/?org=" + URLText.component($0.orgCode) })
        </section>
        <section class="card" aria-labelledby="h-month">
          <h2 id="h-month">近 12 个月新入会会员</h2>
          \(Charts.bars(months, title: "近 12 个月每月新入会会员人数", horizontal: false))
          <div class="table-wrap"><table class="narrow"><caption class="muted">按入会日期统计</caption><thead><tr><th scope="col">月份</th><th scope="col" class="num">新会员</th></tr></thead><tbody>\(monthRows)</tbody></table></div>
        </section>
        """
    }
}

/// Bar charts as inline SVG, drawn on the server: no script, readable by screen readers through
/// the title and the table beside each chart.
enum Charts {
    static func bars(_ data: [(String, Int)], title: String, horizontal: Bool, format: (Int) -> String = { Layout.number($0) }) -> HTML {
        let maxValue = max(data.map(\.1).max() ?? 0, 1)
        if horizontal {
            let rowH = 22, labelW = 150, barW = 260, width = labelW + barW + 70
            let height = max(data.count * rowH + 8, 30)
            var parts: [HTML] = []
            for (i, (label, value)) in data.enumerated() {
                let y = 4 + i * rowH
                let w = Int((Double(value) / Double(maxValue) * Double(barW)).rounded())
                let short = label.count > 11 ? String(label.prefix(10)) + "…" : label
                parts.append("""
                <text x="\(labelW - 6)" y="\(y + 15)" text-anchor="end">\(short)</text>\
                <rect x="\(labelW)" y="\(y + 3)" width="\(max(w, 1))" height="\(rowH - 7)" fill="#9e1b1b"></rect>\
                <text x="\(labelW + max(w, 1) + 4)" y="\(y + 15)">\(format(value))</text>
                """)
            }
            return """
            <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(parts)</svg>
            """
        }
        // Wide enough for the longest label and value (CJK characters are about 11 px).
        let widest = data.map { max($0.0.count, format($0.1).count) }.max() ?? 0
        let colW = max(34, widest * 11 + 6), chartH = 140, top = 18, width = max(data.count * colW + 10, 60), height = chartH + top + 22
        var parts: [HTML] = []
        for (i, (label, value)) in data.enumerated() {
            let x = 8 + i * colW
            let h = Int((Double(value) / Double(maxValue) * Double(chartH)).rounded())
            parts.append("""
            <rect x="\(x)" y="\(top + chartH - h)" width="\(colW - 8)" height="\(max(h, 1))" fill="#9e1b1b"></rect>\
            <text x="\(x + (colW - 8) / 2)" y="\(top + chartH - h - 4)" text-anchor="middle">\(format(value))</text>\
            <text x="\(x + (colW - 8) / 2)" y="\(top + chartH + 15)" text-anchor="middle">\(label)</text>
            """)
        }
        return """
        <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(parts)</svg>
        """
    }
}
