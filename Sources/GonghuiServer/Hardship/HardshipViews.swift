import Foundation
import GonghuiDomain
import GonghuiStore

/// The hardship pages rendered from their models: the worklist here, the archive page in
/// `ArchiveViews.swift`, the archive form in `ArchiveFormViews.swift`, the 低保 table in
/// `LinesViews.swift`. Pure: no store, no request.
enum HardshipViews {
    static func stageTag(_ stage: HardshipArchiveStage) -> HTML {
        let cls = switch stage {
        case .filed: "ok"
        case .closed: ""
        case .building: "warn"
        default: "info"
        }
        return "<span class=\"tag \(cls)\">\(stage.title)</span>"
    }

    /// The deadline cell: overdue dates in red with the days in words, not by colour alone.
    static func due(_ stage: HardshipArchiveStage, dueOn: CivilDate?, late: Bool, today: CivilDate) -> HTML {
        guard let dueOn, stage != .closed else { return "<span class=\"muted\">\(UI.none)</span>" }
        if stage == .publicNotice { return "\(UI.Hardship.noticeUntil(dueOn.iso))" }
        let what = stage == .filed ? UI.Hardship.reverification : UI.Hardship.building
        if late {
            return "<span class=\"late\">\(what) \(dueOn.iso)<br><strong>\(UI.Hardship.overdueDays(dueOn.days(until: today)))</strong></span>"
        }
        let left = today.days(until: dueOn)
        let soon: HTML = stage == .filed && left <= 30 ? "<br><span class=\"tag warn\">\(UI.Hardship.dueInDays(left))</span>" : .empty
        return "\(what) \(dueOn.iso)\(soon)"
    }

    // MARK: The worklist

    static func list(_ m: HardshipListPageModel) -> HTML {
        let q = m.query
        let add: HTML = m.mayBuild ? "<a class=\"button\" href=\"/hardship/new\">\(UI.Hardship.newArchive)</a>" : .empty
        let body: HTML = """
        <div class="actions">\(add)<a class="button secondary" href="/hardship/lines">\(UI.Hardship.linesTitle)</a></div>
        <ul class="tabs">\(listTabs(m))</ul>
        \(listSearch(m))
        <p class="muted">\(UI.Hardship.deadlineNote(HardshipWorkflow.buildingDays))</p>
        \(m.items.isEmpty ? HTML("<p>\(UI.Hardship.noArchives)</p>") : """
        \(listTable(m))
        \(Layout.pager(base: "/hardship", query: [("tab", q.tab == .all ? nil : q.tab.rawValue)] + q.linkQuery, offset: q.offset,
                       limit: HardshipListPageModel.pageSize, total: m.total, shown: m.items.count))
        """)
        """
        return Layout.page(UI.Hardship.listTitle, actor: m.actor, csrf: m.csrf, section: .hardship, flash: m.flash, body)
    }

    static func listTabs(_ m: HardshipListPageModel) -> [HTML] {
        m.tabs.map { c -> HTML in
            let t = c.tab
            let href = URLText.with("/hardship", [("tab", t == .all ? nil : t.rawValue)] + m.query.linkQuery)
            let lateHTML: HTML = c.overdue > 0 ? "<span class=\"late-count\">\(UI.Hardship.lateCount(c.overdue))</span>" : .empty
            let label: HTML = "\(t.title) <span class=\"count\">\(Layout.number(c.count))</span>\(lateHTML)"
            return t == m.query.tab ? "<li><a href=\"\(href)\" aria-current=\"page\">\(label)</a></li>" : "<li><a href=\"\(href)\">\(label)</a></li>"
        }
    }

    static func listSearch(_ m: HardshipListPageModel) -> HTML {
        let q = m.query
        let categories = [("", UI.Hardship.allCategories)] + HardshipCategory.allCases.map { ($0.rawValue, $0.title) }
        let causes = [("", UI.Hardship.allCauses)] + HardshipCause.allCases.map { (String($0.rawValue), $0.title) }
        return """
        <form method="get" action="/hardship" class="search card" role="search">
        \(q.tab == .all ? HTML.empty : "<input type=\"hidden\" name=\"tab\" value=\"\(q.tab.rawValue)\">")
        \(Layout.field(UI.Hardship.filterName, name: "name", value: q.name, type: "search"))
        \(OrgPicker.inScope.field(UI.Hardship.filterOrg, name: "org", value: q.org, error: m.orgError, hint: UI.Picker.hint, choices: m.orgChoices))
        \(Layout.select(UI.Hardship.colCategory, name: "category", options: categories, selected: q.category))
        \(Layout.select(UI.Hardship.filterCause, name: "cause", options: causes, selected: q.cause))
        \(Layout.checkbox(UI.Hardship.filterOverdue, name: "overdue", checked: q.overdue))
        <button type="submit">\(UI.search)</button>
        </form>
        """
    }

    static func listTable(_ m: HardshipListPageModel) -> HTML {
        let t = UI.Hardship.self
        let rows = m.items.map { listRow($0, today: m.today) }
        return """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colArchiveNo)</th><th scope="col">\(t.colName)</th><th scope="col">\(t.colIDNumber)</th><th scope="col">\(t.colUnion)</th><th scope="col">\(t.colCategory)</th><th scope="col">\(t.colMainCause)</th><th scope="col">\(t.colStage)</th><th scope="col">\(t.colDue)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    static func listRow(_ s: HardshipArchiveSummary, today: CivilDate) -> HTML {
        let t = UI.Hardship.self
        let late = s.isOverdue(on: today)
        let overridden: HTML = s.categoryOverridden ? " <span class=\"tag warn\">\(t.manualCategory)</span>" : .empty
        let returned: HTML = s.returnReason != nil && s.stage == .building ? " <span class=\"tag bad\">\(t.returnedTag)</span>" : .empty
        return """
        <tr\(late ? HTML(raw: " class=\"row-late\"") : .empty)><td data-label="\(t.colArchiveNo)"><a href="/hardship/\(String(s.id))">\(s.archiveNo)</a></td>
        <td data-label="\(t.colName)">\(s.name)</td><td data-label="\(t.colIDNumber)">\(s.idNumberMasked)</td>
        <td data-label="\(t.colUnion)"><a href="/orgs/\(URLText.component(s.orgCode))">\(s.orgName)</a></td>
        <td data-label="\(t.colCategory)">\(s.category?.title ?? t.categoryNoneShort)\(overridden)</td><td data-label="\(t.colMainCause)">\(s.mainCause.title)</td>
        <td data-label="\(t.colStage)">\(stageTag(s.stage))\(returned)</td>
        <td data-label="\(t.colDue)">\(due(s.stage, dueOn: s.dueOn, late: late, today: today))</td></tr>
        """
    }
}
