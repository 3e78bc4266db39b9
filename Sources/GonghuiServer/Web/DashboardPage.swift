import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Recently computed dashboards: a province's figures scan every member, and the numbers
/// change slowly, so they are kept for a minute (the page says when they were computed).
actor DashboardCache {
    private var entries: [String: (DashboardFigures, Int64)] = [:]
    let lifetime: Int64 = 60_000

    func get(_ key: String) -> (DashboardFigures, Int64)? {
        guard let e = entries[key], Clock.nowMillis() - e.1 < lifetime else { return nil }
        return e
    }

    func put(_ key: String, _ figures: DashboardFigures) -> Int64 {
        if entries.count > 1000 { entries.removeAll() }
        let now = Clock.nowMillis()
        entries[key] = (figures, now)
        return now
    }
}

/// 工作台: the figures of the officer's subtree, as SVG charts drawn here with the numbers
/// in tables beside them.
struct DashboardPage {
    let store: Store
    let cache = DashboardCache()

    func register(on router: Router<AppRequestContext>) {
        router.get("/") { request, context in
            let actor = try context.officer()
            let q = PageQuery(request)
            let code = q.string("org", maxLength: 64)
            let key = actor.scope.path + "|" + code
            let figures: DashboardFigures, at: Int64
            if let hit = await cache.get(key) {
                (figures, at) = hit
            } else {
                figures = try await store.dashboard.figures(code: code.isEmpty ? nil : code, actor: actor)
                at = await cache.put(key, figures)
            }
            return Web.page(Layout.page("工作台：\(figures.org.name)", actor: actor, csrf: context.csrf, section: .home, Self.render(figures, at: at, actor: actor)))
        }
    }

    static func render(_ f: DashboardFigures, at: Int64, actor: Actor) -> HTML {
        let kpis: HTML = """
        <ul class="kpis">
          <li><span class="n">\(Layout.number(f.members))</span>在会会员</li>
          <li><span class="n">\(Layout.number(f.grassrootsUnions))</span>基层工会</li>
          <li><span class="n">\(Layout.percent(f.membershipRate))</span>入会率</li>
          <li><span class="n">\(Layout.number(f.openTransfers))</span><a href="/transfers">办理中的会籍转接</a></li>
        </ul>
        <p class="muted">职工人数（已建会单位）\(Layout.number(f.employees))；保留会籍 \(Layout.number(f.retained)) 人。数据计算于 \(Layout.time(at))。</p>
        """
        let months = f.joinedByMonth.map { (String($0.month.suffix(5)), $0.count) }
        let monthRows = f.joinedByMonth.map { m -> HTML in "<tr><td>\(m.month)</td><td class=\"num\">\(Layout.number(m.count))</td></tr>" }
        let typeRows = f.byEmploymentType.map { t -> HTML in "<tr><td>\(t.type.label)</td><td class=\"num\">\(Layout.number(t.count))</td></tr>" }
        let childRows = f.children.map { c -> HTML in
            """
            <tr><td><a href="/?org=\(URLText.component(c.org.code))">\(c.org.name)</a> <span class="tag">\(c.org.kind.title)</span></td>
            <td class="num">\(Layout.number(c.members))</td><td class="num">\(Layout.number(c.employees))</td><td class="num">\(Layout.percent(c.membershipRate))</td></tr>
            """
        }
        let childChart = Charts.bars(f.children.prefix(20).map { ($0.org.name, $0.members) }, title: "各下级组织在会会员人数（前 20 个）", horizontal: true)
        return """
        \(kpis)
        <div class="grid two">
        <section class="card" aria-labelledby="h-month">
          <h2 id="h-month">近 12 个月新入会会员</h2>
          \(Charts.bars(months, title: "近 12 个月每月新入会会员人数", horizontal: false))
          <div class="table-wrap"><table class="narrow"><caption class="muted">按入会日期统计</caption><thead><tr><th scope="col">月份</th><th scope="col" class="num">新会员</th></tr></thead><tbody>\(monthRows)</tbody></table></div>
        </section>
        <section class="card" aria-labelledby="h-type">
          <h2 id="h-type">按用工形式</h2>
          \(Charts.bars(f.byEmploymentType.map { ($0.type.label, $0.count) }, title: "在会会员按用工形式", horizontal: true))
          <div class="table-wrap"><table class="narrow"><thead><tr><th scope="col">用工形式</th><th scope="col" class="num">在会会员</th></tr></thead><tbody>\(typeRows)</tbody></table></div>
        </section>
        </div>
        <section class="card" aria-labelledby="h-children">
          <h2 id="h-children">按下级组织</h2>
          \(f.children.isEmpty ? HTML("<p>没有下级组织。</p>") : childChart)
          <div class="table-wrap"><table><thead><tr><th scope="col">组织</th><th scope="col" class="num">在会会员</th><th scope="col" class="num">职工人数</th><th scope="col" class="num">入会率</th></tr></thead><tbody>\(childRows)</tbody></table></div>
          <p><a href="/orgs/\(URLText.component(f.org.code))">查看 \(f.org.name) 的组织详情</a></p>
        </section>
        """
    }
}

/// Bar charts as inline SVG, drawn on the server: no script, readable by screen readers through
/// the title and the table beside each chart.
enum Charts {
    static func bars(_ data: [(String, Int)], title: String, horizontal: Bool) -> HTML {
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
                <text x="\(labelW + max(w, 1) + 4)" y="\(y + 15)">\(Layout.number(value))</text>
                """)
            }
            return """
            <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(parts)</svg>
            """
        }
        let colW = 34, chartH = 140, top = 18, width = max(data.count * colW + 10, 60), height = chartH + top + 22
        var parts: [HTML] = []
        for (i, (label, value)) in data.enumerated() {
            let x = 8 + i * colW
            let h = Int((Double(value) / Double(maxValue) * Double(chartH)).rounded())
            parts.append("""
            <rect x="\(x)" y="\(top + chartH - h)" width="\(colW - 8)" height="\(max(h, 1))" fill="#9e1b1b"></rect>\
            <text x="\(x + (colW - 8) / 2)" y="\(top + chartH - h - 4)" text-anchor="middle">\(Layout.number(value))</text>\
            <text x="\(x + (colW - 8) / 2)" y="\(top + chartH + 15)" text-anchor="middle">\(label)</text>
            """)
        }
        return """
        <svg class="chart" role="img" aria-label="\(title)" viewBox="0 0 \(width) \(height)" xmlns="http://www.w3.org/2000/svg"><title>\(title)</title>\(parts)</svg>
        """
    }
}
