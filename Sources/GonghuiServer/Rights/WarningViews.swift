import Foundation
import GonghuiDomain
import GonghuiStore

/// The alert pages rendered from their models, and the warning parts of the dashboard and the
/// case page. Pure: no store, no request.
enum WarningViews {
    typealias T = UI.Warnings

    static func stateTag(_ state: RiskAlertState) -> HTML {
        let cls = switch state {
        case .open: "bad"
        case .acknowledged: "warn"
        case .closed: ""
        }
        return "<span class=\"tag \(cls)\">\(state.title)</span>"
    }

    static func list(_ m: WarningListPageModel) -> HTML {
        let states = [("", T.allUnclosed)] + RiskAlertState.allCases.map { ($0.rawValue, $0.title) } + [("all", T.all)]
        let rows = m.alerts.map { a -> HTML in
            """
            <tr><td data-label="\(T.colRaised)">\(a.raisedOn.iso)</td><td data-label="\(T.colRule)"><a href="/warnings/\(a.id)">\(a.rule.title)</a></td>\
            <td data-label="\(T.colSubject)">\(a.subject)</td><td data-label="\(T.colOrg)">\(a.orgName)</td>\
            <td data-label="\(T.colState)">\(stateTag(a.state))</td><td data-label="\(T.colAge)" class="num">\(a.state == .closed ? UI.none : T.days(a.ageDays(today: m.today)))</td></tr>
            """
        }
        let table: HTML = m.alerts.isEmpty ? "<p>\(T.none)</p>" : """
            <p class="muted">\(T.total(Layout.number(m.total)))</p>
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.colRaised)</th><th scope="col">\(T.colRule)</th><th scope="col">\(T.colSubject)</th>\
            <th scope="col">\(T.colOrg)</th><th scope="col">\(T.colState)</th><th scope="col" class="num">\(T.colAge)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(Layout.pager(base: "/warnings", query: [("state", m.state.isEmpty ? nil : m.state)], offset: m.offset, limit: WarningListPageModel.pageSize,
                           total: m.total, shown: m.alerts.count))
            """
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(UI.Hardship.breadcrumbs)"><ol><li><a href="/disputes">\(UI.Disputes.listTitle)</a></li><li aria-current="page">\(T.title)</li></ol></nav>
        <p>\(T.intro)</p>
        <div class="actions"><a class="button secondary" href="/warnings/duty">\(T.dutyTitle)</a></div>
        <form method="get" action="/warnings" class="search card" role="search">
        \(Layout.select(T.filterState, name: "state", options: states, selected: m.state))
        <button type="submit">\(T.show)</button>
        </form>
        \(table)
        """
        return Layout.page(T.title, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func alert(_ m: WarningPageModel) -> HTML {
        let a = m.alert
        let relatedCase: HTML = a.caseID.map { id in "<dt>\(T.relatedCase)</dt><dd><a href=\"/disputes/\(id)\">\(a.caseNo ?? String(id))</a></dd>" } ?? .empty
        let acknowledged: HTML = a.acknowledgedBy.map { who in
            "<dt>\(T.acknowledged)</dt><dd>\(T.byAt(who, a.acknowledgedAt.map(Layout.time) ?? ""))\(a.acknowledgeNote.map { "<br>\($0)" as HTML } ?? .empty)</dd>"
        } ?? .empty
        let closed: HTML = a.closedBy.map { who in
            "<dt>\(T.closed)</dt><dd>\(T.byAt(who, a.closedAt.map(Layout.time) ?? ""))\(a.closeNote.map { "<br>\($0)" as HTML } ?? .empty)</dd>"
        } ?? .empty
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(UI.Hardship.breadcrumbs)"><ol><li><a href="/disputes">\(UI.Disputes.listTitle)</a></li>\
        <li><a href="/warnings">\(T.title)</a></li><li aria-current="page">\(a.rule.title)</li></ol></nav>
        <section class="card" aria-labelledby="w-summary"><h2 id="w-summary">\(a.rule.title)</h2>
        <p>\(stateTag(a.state))</p>
        <dl class="fields">
        <dt>\(T.why)</dt><dd>\(a.summary)</dd>
        <dt>\(T.org)</dt><dd>\(T.orgWithCode(a.orgName, a.orgCode))</dd>
        \(relatedCase)
        <dt>\(T.raisedOn)</dt><dd>\(T.raisedAt(Layout.time(a.raisedAt), age: a.ageDays(today: m.today)))</dd>
        \(acknowledged)
        \(closed)
        </dl>
        </section>
        \(handling(m))
        <p><a href="/warnings">\(T.backToList)</a></p>
        """
        return Layout.page(T.alertTitle(a.rule.title, a.subject), actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func handling(_ m: WarningPageModel) -> HTML {
        let a = m.alert
        guard a.state != .closed else { return .empty }
        guard m.mayHandle else { return "<p class=\"muted\">\(T.readOnly)</p>" }
        func form(_ action: String, title: String, label: String, button: String, secondary: Bool) -> HTML {
            """
            <form method="post" action="/warnings/\(a.id)/\(action)" class="step" novalidate>
            \(Layout.csrfField(m.csrf))<input type="hidden" name="version" value="\(a.version)">
            <h3>\(title)</h3>
            \(Layout.textarea(label, name: "\(action)_note", value: m.problem?.action == action ? m.note : "", error: m.problem(action, field: "note"), required: true))
            <button type="submit"\(secondary ? HTML(raw: " class=\"secondary\"") : .empty)>\(button)</button>
            </form>
            """
        }
        let problem: HTML = m.problem.flatMap { $0.field == nil ? HTML("<p class=\"error\" role=\"alert\">\($0.message)</p>") : nil } ?? .empty
        let acknowledge: HTML = a.state == .open ? form("acknowledge", title: T.acknowledgeTitle, label: T.acknowledgeNote, button: T.acknowledgeButton, secondary: false) : .empty
        return """
        <section class="card" aria-labelledby="w-handle"><h2 id="w-handle">\(T.acknowledgeTitle) / \(T.closeTitle)</h2>
        \(problem)
        \(acknowledge)
        \(form("close", title: T.closeTitle, label: T.closeNote, button: T.closeButton, secondary: a.state == .open))
        </section>
        """
    }

    /// The union's officers on duty, and the form to add one.
    static func duty(_ m: WarningDutyPageModel) -> HTML {
        let rows = m.duty.map { d -> HTML in
            let remove: HTML = m.mayEdit ? """
                <form method="post" action="/warnings/duty/\(d.id)/remove">\(Layout.csrfField(m.csrf))<button type="submit" class="secondary">\(T.dutyRemove)</button></form>
                """ : "\(UI.none)"
            return "<tr><td data-label=\"\(T.dutyName)\">\(d.name)</td><td data-label=\"\(T.dutyPhone)\">\(d.phoneMasked)</td><td data-label=\"\(T.dutyEmail)\">\(d.emailMasked ?? UI.none)</td><td>\(remove)</td></tr>"
        }
        let table: HTML = m.duty.isEmpty ? "<p>\(T.dutyNone)</p>" : """
            <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(T.dutyName)</th><th scope="col">\(T.dutyPhone)</th><th scope="col">\(T.dutyEmail)</th>\
            <th scope="col">\(T.dutyActions)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """
        let v = m.values, e = m.errors
        let form: HTML = m.mayEdit ? """
            <form method="post" action="/warnings/duty" class="card form" novalidate>
            <h2>\(T.dutyAdd)</h2>
            \(Layout.csrfField(m.csrf))
            \(Layout.formErrors(e))
            <div class="grid three">
            \(Layout.field(T.dutyName, name: "name", value: v["name"] ?? "", error: e["name"], required: true))
            \(Layout.field(T.dutyPhone, name: "phone", value: v["phone"] ?? "", type: "tel", error: e["phone"], required: true, attributes: " inputmode=\"tel\""))
            \(Layout.field(T.dutyEmail, name: "email", value: v["email"] ?? "", type: "email", error: e["email"]))
            </div>
            <button type="submit">\(UI.save)</button>
            </form>
            """ : .empty
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(UI.Hardship.breadcrumbs)"><ol><li><a href="/disputes">\(UI.Disputes.listTitle)</a></li>\
        <li><a href="/warnings">\(T.title)</a></li><li aria-current="page">\(T.dutyTitle)</li></ol></nav>
        <p>\(T.dutyIntro)</p>
        \(table)
        \(form)
        """
        return Layout.page(T.dutyTitle, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    /// The dashboard's line: unclosed alerts in the subtree and the oldest one's age.
    static func dashboard(_ s: RiskAlertSummary, today: CivilDate) -> HTML {
        guard s.open + s.acknowledged > 0 else { return .empty }
        let oldest = s.oldestOpenSince.map { T.oldest(max(0, today.daysSinceEpoch - $0.daysSinceEpoch)) } ?? ""
        return """
        <div class="alert" role="alert"><strong>\(T.dashboardLine(open: s.open, acknowledged: s.acknowledged))\(oldest)</strong> \
        <a href="/warnings">\(T.dashboardLink)</a></div>
        """
    }

    /// The case page's section: the case's alerts and, for a handler of an open case, the mark.
    static func caseSection(_ m: DisputeCasePageModel) -> HTML {
        let list: HTML = m.alerts.isEmpty ? "<p class=\"muted\">\(T.caseNone)</p>" : """
            <ul>\(m.alerts.map { a -> HTML in "<li><a href=\"/warnings/\(a.id)\">\(a.rule.title)</a> \(stateTag(a.state)) \(a.raisedOn.iso)</li>" })</ul>
            """
        let marked = m.alerts.contains { $0.rule == .markedCase }
        let mark: HTML = m.mayHandle && m.dispute.workflow.state.isOpen && !marked ? """
            <details\(m.problem?.action == "risk_mark" ? HTML(raw: " open") : .empty)><summary>\(T.markTitle)</summary>
            <form method="post" action="/disputes/\(m.dispute.id)/risk-mark" class="step" novalidate>
            \(Layout.csrfField(m.csrf))
            <p class="hint">\(T.markHint)</p>
            \(Layout.select(T.markKind, name: "risk_mark", options: [("", T.pleaseChoose)] + RiskMark.allCases.map { ($0.rawValue, $0.title) }, selected: "",
                            error: m.problem("risk_mark", field: "mark")))
            \(Layout.textarea(T.markNote, name: "risk_note", error: m.problem("risk_mark", field: "note"), required: true))
            <button type="submit" class="danger">\(T.markButton)</button>
            </form></details>
            """ : .empty
        return """
        <section class="card" aria-labelledby="d-warnings"><h2 id="d-warnings">\(T.caseSection)</h2>
        \(list)
        \(mark)
        </section>
        """
    }
}
