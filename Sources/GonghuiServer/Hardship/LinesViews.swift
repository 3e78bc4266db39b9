import Foundation
import GonghuiDomain
import GonghuiStore

/// The province's 低保 table, with the forms that keep it for those who may.
extension HardshipViews {
    static func lines(_ m: SubsistenceLinesPageModel) -> HTML {
        let t = UI.Hardship.self
        let rows = m.rows.map { lineRow($0, today: m.today) }
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(t.breadcrumbs)"><ol><li><a href="/hardship">\(t.listTitle)</a></li><li aria-current="page">\(t.linesTitle)</li></ol></nav>
        \(Layout.formErrors(m.errors))
        <p>\(t.linesIntro(m.noticeDays))</p>
        \(m.lines.isEmpty ? HTML("<p>\(t.noLines)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.regionCodeLabel)</th><th scope="col">\(t.regionLabel)</th><th scope="col">\(t.effectiveFromLabel)</th><th scope="col" class="num">\(t.perHeadMonth)</th><th scope="col">\(t.statusLabel)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        \(m.editor ? lineForms(m) : "<p class=\"muted\">\(t.provinceKeepsLines)</p>")
        """
        return Layout.page(t.linesTitle, actor: m.actor, csrf: m.csrf, section: .hardship, flash: m.flash, body)
    }

    static func lineRow(_ r: SubsistenceLinesPageModel.Row, today: CivilDate) -> HTML {
        let t = UI.Hardship.self, l = r.line
        let status: HTML = r.inForce ? HTML("<span class=\"tag ok\">\(t.lineInForce)</span>")
            : l.effectiveFrom > today ? HTML("<span class=\"tag warn\">\(t.lineNotYet)</span>") : HTML("<span class=\"tag\">\(t.lineSuperseded)</span>")
        return """
        <tr><td data-label="\(t.regionCodeLabel)">\(l.regionCode)</td><td data-label="\(t.regionLabel)">\(r.regionName ?? UI.none)</td><td data-label="\(t.effectiveFromLabel)">\(Layout.day(l.effectiveFrom))</td>
        <td data-label="\(t.perHeadMonth)" class="num">\(l.monthly.groupedYuan)</td><td data-label="\(t.statusLabel)">\(status)</td></tr>
        """
    }

    static func lineForms(_ m: SubsistenceLinesPageModel) -> HTML {
        let t = UI.Hardship.self, values = m.values, errors = m.errors
        return """
        <div class="grid two">
        <form method="post" action="/hardship/lines" class="card">
        <h2>\(t.lineFormTitle)</h2>
        \(Layout.csrfField(m.csrf))
        \(RegionPicker.field(t.regionCodeLabel, name: "region_code", value: values["region_code"] ?? "", error: errors["region_code"], hint: t.lineRegionHint, required: true,
                             wholeAreas: true))
        \(Layout.field(t.effectiveFromLabel, name: "effective_from", value: values["effective_from"] ?? m.today.iso, type: "date", error: errors["effective_from"], hint: t.effectiveFromHint, required: true))
        \(Layout.field(t.monthlyLabel, name: "monthly", value: values["monthly"] ?? "", error: errors["monthly"], required: true, attributes: " inputmode=\"decimal\""))
        <button type="submit">\(UI.save)</button>
        </form>
        <form method="post" action="/hardship/notice-days" class="card">
        <h2>\(t.noticeDaysTitle)</h2>
        \(Layout.csrfField(m.csrf))
        \(Layout.field(t.noticeDaysLabel, name: "notice_days", value: values["notice_days"] ?? String(m.noticeDays), type: "number", error: errors["notice_days"], hint: t.noticeDaysFieldHint, required: true, attributes: " min=\"1\" max=\"30\""))
        <button type="submit">\(UI.save)</button>
        </form>
        </div>
        """
    }
}
