import Foundation
import GonghuiDomain
import GonghuiStore

/// The settings page rendered from its model: the policy numbers, the minimum wages and the
/// holiday calendar of a year, each with its form for those who may keep it. Pure: no store.
enum DisputeSettingsViews {
    static func page(_ m: DisputeSettingsPageModel) -> HTML {
        let t = UI.DisputeSettings.self
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(UI.Hardship.breadcrumbs)"><ol><li><a href="/disputes">\(UI.Disputes.listTitle)</a></li><li aria-current="page">\(t.title)</li></ol></nav>
        \(Layout.formErrors(m.errors))
        <p>\(t.intro)</p>
        \(m.editor ? HTML.empty : HTML("<p class=\"muted\">\(t.provinceKeeps)</p>"))
        \(policy(m))
        \(wages(m))
        \(calendar(m))
        """
        return Layout.page(t.title, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func status(_ s: DisputeSettingsPageModel.Status) -> HTML {
        switch s {
        case .inForce: "<span class=\"tag ok\">\(UI.DisputeSettings.inForce)</span>"
        case .notYet: "<span class=\"tag warn\">\(UI.DisputeSettings.notYet)</span>"
        case .superseded: "<span class=\"tag\">\(UI.DisputeSettings.superseded)</span>"
        }
    }

    // MARK: Policy numbers

    static func policy(_ m: DisputeSettingsPageModel) -> HTML {
        let t = UI.DisputeSettings.self
        let order = Dictionary(uniqueKeysWithValues: DisputeSettingsPageModel.keys.enumerated().map { ($1, $0) })
        let rows = m.rules.sorted { (order[$0.rule.key] ?? 99, $1.rule.effectiveFrom) < (order[$1.rule.key] ?? 99, $0.rule.effectiveFrom) }.map { r -> HTML in
            let builtIn: HTML = r.builtIn ? " <span class=\"muted\">\(t.builtIn)</span>" : .empty
            return """
            <tr><th scope="row" data-label="\(t.colName)">\(t.name(r.rule.key))</th><td data-label="\(t.colValue)" class="num">\(t.value(r.rule))</td>
            <td data-label="\(t.colFrom)" class="nowrap">\(Layout.day(r.rule.effectiveFrom))</td><td data-label="\(t.colSource)">\(r.rule.source)\(builtIn)</td>
            <td data-label="\(t.colStatus)">\(status(r.status))</td></tr>
            """
        }
        return """
        <section class="card" id="ds_policy" aria-labelledby="policy-h"><h2 id="policy-h">\(t.policyTitle)</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colName)</th><th scope="col" class="num">\(t.colValue)</th><th scope="col">\(t.colFrom)</th><th scope="col">\(t.colSource)</th><th scope="col">\(t.colStatus)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        \(m.editor ? policyForm(m) : .empty)
        </section>
        """
    }

    static func policyForm(_ m: DisputeSettingsPageModel) -> HTML {
        let t = UI.DisputeSettings.self, v = m.values, e = m.errors
        let keys = DisputeSettingsPageModel.keys.map { ($0, t.name($0)) }
        return """
        <form method="post" action="/disputes/settings/policy" class="subform">
        <h3>\(t.policyFormTitle)</h3>
        \(Layout.csrfField(m.csrf))
        \(Layout.select(t.policyKeyLabel, name: "key", options: keys, selected: v["key"] ?? keys[0].0, error: e["key"]))
        \(Layout.field(t.policyValueLabel, name: "value", value: v["value"] ?? "", type: "number", error: e["value"], hint: t.policyValueHint, required: true, attributes: " min=\"0\" max=\"100000000\""))
        \(Layout.checkbox(t.workingDaysLabel, name: "working_days", checked: v["working_days"] == "1"))
        \(Layout.field(t.effectiveFromLabel, name: "effective_from", value: v["effective_from"] ?? m.today.iso, type: "date", error: e["effective_from"], hint: t.effectiveFromHint, required: true))
        \(Layout.field(t.sourceLabel, name: "source", value: v["source"] ?? "", error: e["source"], hint: t.policySourceHint, required: true, attributes: " maxlength=\"200\""))
        <button type="submit">\(UI.save)</button>
        </form>
        """
    }

    // MARK: Minimum wages

    static func wages(_ m: DisputeSettingsPageModel) -> HTML {
        let t = UI.DisputeSettings.self
        let rows = m.wages.map { r -> HTML in
            """
            <tr><td data-label="\(t.colRegionCode)">\(r.wage.regionCode)</td><td data-label="\(t.colRegion)">\(r.regionName ?? UI.none)</td>
            <td data-label="\(t.colFrom)" class="nowrap">\(Layout.day(r.wage.effectiveFrom))</td><td data-label="\(t.colMonthly)" class="num">\(r.wage.monthly.groupedYuan)</td>
            <td data-label="\(t.colSource)">\(r.wage.source)</td><td data-label="\(t.colStatus)">\(status(r.status))</td></tr>
            """
        }
        return """
        <section class="card" id="ds_wage" aria-labelledby="wages-h"><h2 id="wages-h">\(t.wagesTitle)</h2>
        <p class="muted">\(t.wagesIntro)</p>
        \(m.wages.isEmpty ? HTML("<p>\(t.noWages)</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colRegionCode)</th><th scope="col">\(t.colRegion)</th><th scope="col">\(t.colFrom)</th><th scope="col" class="num">\(t.colMonthly)</th><th scope="col">\(t.colSource)</th><th scope="col">\(t.colStatus)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        \(m.editor ? wageForm(m) : .empty)
        </section>
        """
    }

    static func wageForm(_ m: DisputeSettingsPageModel) -> HTML {
        let t = UI.DisputeSettings.self, v = m.values, e = m.errors
        return """
        <form method="post" action="/disputes/settings/minimum-wage" class="subform">
        <h3>\(t.wageFormTitle)</h3>
        \(Layout.csrfField(m.csrf))
        \(Layout.field(t.regionCodeLabel, name: "region_code", value: v["region_code"] ?? "", error: e["region_code"], hint: t.regionCodeHint, required: true, attributes: " inputmode=\"numeric\" maxlength=\"6\""))
        \(Layout.field(t.effectiveFromLabel, name: "effective_from", value: v["effective_from"] ?? m.today.iso, type: "date", error: e["effective_from"], required: true))
        \(Layout.field(t.monthlyLabel, name: "monthly", value: v["monthly"] ?? "", error: e["monthly"], required: true, attributes: " inputmode=\"decimal\""))
        \(Layout.field(t.sourceLabel, name: "source", value: v["source"] ?? "", error: e["source"], hint: t.wageSourceHint, required: true, attributes: " maxlength=\"200\""))
        <button type="submit">\(UI.save)</button>
        </form>
        """
    }

    // MARK: Holiday calendar

    static func calendar(_ m: DisputeSettingsPageModel) -> HTML {
        let t = UI.DisputeSettings.self
        let years = m.shippedYears.isEmpty ? "" : "\(m.shippedYears.first!)–\(m.shippedYears.last!)"
        let rows = m.festivals.map { f -> HTML in
            let off = f.holidays.map { t.run($0.first, $0.last) }.joined(separator: t.listSeparator)
            let work = f.workdays.map { t.day($0) }.joined(separator: t.listSeparator)
            return """
            <tr><th scope="row" data-label="\(t.colHoliday)">\(f.name)</th><td data-label="\(t.colDaysOff)">\(off.isEmpty ? UI.none : off)</td>
            <td data-label="\(t.colWorkdays)">\(work.isEmpty ? UI.none : work)</td><td data-label="\(t.colSource)">\(f.sources.joined(separator: t.listSeparator))</td></tr>
            """
        }
        return """
        <section class="card" id="ds_calendar" aria-labelledby="calendar-h"><h2 id="calendar-h">\(t.calendarTitle)</h2>
        <p class="muted">\(t.calendarIntro(years))</p>
        \(m.missingYear.map { y -> HTML in "<p class=\"notice\" role=\"status\">\(t.missingYear(y))</p>" } ?? .empty)
        <form method="get" action="/disputes/settings#ds_calendar" class="search">
        \(Layout.field(t.yearLabel, name: "year", value: String(m.year), type: "number", attributes: " min=\"2000\" max=\"2100\""))
        <button type="submit" class="secondary">\(t.show)</button>
        </form>
        \(m.days.isEmpty ? HTML("<p>\(t.noDays(m.year))</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colHoliday)</th><th scope="col">\(t.colDaysOff)</th><th scope="col">\(t.colWorkdays)</th><th scope="col">\(t.colSource)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        \(m.editor ? dayForm(m) : .empty)
        </section>
        """
    }

    static func dayForm(_ m: DisputeSettingsPageModel) -> HTML {
        let t = UI.DisputeSettings.self, v = m.values, e = m.errors
        let kinds = [("holiday", t.kindHoliday), ("workday", t.kindWorkday), ("normal", t.kindNormal)]
        return """
        <form method="post" action="/disputes/settings/calendar" class="subform">
        <h3>\(t.dayFormTitle)</h3>
        \(Layout.csrfField(m.csrf))
        \(Layout.field(t.dateLabel, name: "date", value: v["date"] ?? "", type: "date", error: e["date"], required: true))
        \(Layout.select(t.kindLabel, name: "kind", options: kinds, selected: v["kind"] ?? "holiday", error: e["kind"]))
        \(Layout.field(t.holidayNameLabel, name: "name", value: v["name"] ?? "", error: e["name"], hint: t.holidayNameHint, attributes: " maxlength=\"30\""))
        \(Layout.field(t.sourceLabel, name: "source", value: v["source"] ?? "", error: e["source"], hint: t.calendarSourceHint, required: true, attributes: " maxlength=\"200\""))
        <button type="submit">\(UI.save)</button>
        </form>
        """
    }
}
