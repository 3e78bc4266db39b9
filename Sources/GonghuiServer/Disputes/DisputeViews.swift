import Foundation
import GonghuiDomain
import GonghuiStore

/// The dispute pages rendered from their models: the worklist and the intake form here, the case
/// page in `DisputeCaseViews.swift`. Pure: no store, no request.
enum DisputeViews {
    static func stateTag(_ state: DisputeCaseState) -> HTML {
        let cls = switch state {
        case .closed: ""
        case .received: "warn"
        default: "info"
        }
        return "<span class=\"tag \(cls)\">\(state.title)</span>"
    }

    /// The deadline cell: overdue dates in red with the days in words, not by colour alone.
    static func due(_ c: DisputeCase, policy: PolicyBook, today: CivilDate) -> HTML {
        guard let due = c.workflow.dueOn(policy: policy) else { return "<span class=\"muted\">\(UI.Disputes.noDeadline)</span>" }
        let left = DisputeClocks.daysLeft(until: due, today: today)
        if left < 0 { return "<span class=\"late\">\(due.iso)<br><strong>\(UI.Disputes.overdueDays(-left))</strong></span>" }
        let soon: HTML = left <= 3 ? "<br><span class=\"tag warn\">\(UI.Disputes.daysLeft(left))</span>" : "<br><span class=\"muted\">\(UI.Disputes.daysLeft(left))</span>"
        return "\(due.iso)\(soon)"
    }

    static func types(_ types: [DisputeType]) -> String { types.map(\.title).joined(separator: UI.Disputes.typesSeparator) }

    // MARK: The worklist

    static func list(_ m: DisputeListPageModel) -> HTML {
        let q = m.query
        let register: HTML = m.mayRegister ? "<a class=\"button\" href=\"/disputes/new\">\(UI.Disputes.newCase)</a>" : .empty
        let add: HTML = "<div class=\"actions\">\(register)<a class=\"button secondary\" href=\"/warnings\">\(UI.Warnings.link)</a><a class=\"button secondary\" href=\"/legal-aid\">\(UI.LegalAid.link)</a><a class=\"button secondary\" href=\"/supervision\">\(UI.Supervision.link)</a><a class=\"button secondary\" href=\"/disputes/figures\">\(UI.Disputes.figuresLink)</a><a class=\"button secondary\" href=\"/disputes/mediators\">\(UI.Mediators.link)</a><a class=\"button secondary\" href=\"/disputes/settings\">\(UI.DisputeSettings.link)</a></div>"
        let body: HTML = """
        \(add)
        \(listSearch(m))
        <p class="muted">\(UI.Disputes.deadlineNote)</p>
        \(m.items.isEmpty ? HTML("<p>\(UI.Disputes.noCases)</p>") : """
        \(listTable(m))
        \(Layout.pager(base: "/disputes", query: q.linkQuery, offset: q.offset, limit: DisputeListPageModel.pageSize, total: m.total, shown: m.items.count))
        """)
        """
        return Layout.page(UI.Disputes.listTitle, actor: m.actor, csrf: m.csrf, section: .disputes, flash: m.flash, body)
    }

    static func listSearch(_ m: DisputeListPageModel) -> HTML {
        let q = m.query
        let states = [("", UI.Disputes.allStates)] + DisputeCaseState.allCases.map { ($0.rawValue, $0.title) }
        let types = [("", UI.Disputes.allTypes)] + DisputeType.allCases.map { ($0.rawValue, $0.title) }
        return """
        <form method="get" action="/disputes" class="search card" role="search">
        \(Layout.field(UI.Disputes.filterEmployer, name: "employer", value: q.employer, type: "search"))
        \(OrgPicker.inScope.field(UI.Disputes.filterOrg, name: "org", value: q.org, error: m.orgError, hint: UI.Picker.hint, choices: m.orgChoices))
        \(Layout.select(UI.Disputes.filterState, name: "state", options: states, selected: q.state))
        \(Layout.select(UI.Disputes.filterType, name: "type", options: types, selected: q.type))
        \(Layout.checkbox(UI.Disputes.filterOverdue, name: "overdue", checked: q.overdue))
        <button type="submit">\(UI.search)</button>
        </form>
        """
    }

    static func listTable(_ m: DisputeListPageModel) -> HTML {
        let t = UI.Disputes.self
        let rows = m.items.map { c -> HTML in
            let late = c.workflow.isOverdue(on: m.today, policy: m.policy)
            let collective: HTML = c.collective ? " <span class=\"tag bad\">\(t.collectiveTag)</span>" : .empty
            let confidential: HTML = c.confidential ? " <span class=\"tag warn\">\(t.confidentialTag)</span>" : .empty
            let tags: HTML = "\(collective)\(confidential)"
            return """
            <tr\(late ? HTML(raw: " class=\"row-late\"") : .empty)><td data-label="\(t.colCaseNo)"><a href="/disputes/\(String(c.id))">\(c.caseNo)</a>\(tags)</td>
            <td data-label="\(t.colReceived)">\(Layout.day(c.workflow.receivedOn))</td><td data-label="\(t.colChannel)">\(c.channel.title) · \(c.workflow.kind.title)</td>
            <td data-label="\(t.colEmployer)">\(c.employer.name)</td><td data-label="\(t.colWorkers)">\(Layout.number(c.workersInvolved))</td>
            <td data-label="\(t.colTypes)">\(types(c.types))</td><td data-label="\(t.colUnion)">\(c.handlingOrgName)</td>
            <td data-label="\(t.colState)">\(stateTag(c.workflow.state))</td><td data-label="\(t.colDue)">\(due(c, policy: m.policy, today: m.today))</td></tr>
            """
        }
        return """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">\(t.colCaseNo)</th><th scope="col">\(t.colReceived)</th><th scope="col">\(t.colChannel)</th><th scope="col">\(t.colEmployer)</th><th scope="col">\(t.colWorkers)</th><th scope="col">\(t.colTypes)</th><th scope="col">\(t.colUnion)</th><th scope="col">\(t.colState)</th><th scope="col">\(t.colDue)</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """
    }

    // MARK: The intake form

    static func intake(_ m: DisputeIntakePageModel) -> HTML {
        let t = UI.Disputes.self, v = m.values, e = m.errors
        let channels = [("", t.pleaseChoose)] + DisputeChannel.allCases.map { ($0.rawValue, $0.title) }
        let kinds = [("", t.pleaseChoose)] + DisputeRequestKind.allCases.map { ($0.rawValue, $0.title) }
        let typeBoxes = DisputeType.allCases.map { Layout.checkbox($0.title, name: "type_\($0.rawValue)", checked: v.types.contains($0.rawValue)) }
        let duplicate: HTML = m.duplicateOffered ? Layout.checkbox(t.allowDuplicate, name: "allow_duplicate", checked: false) : .empty
        let body: HTML = """
        \(Layout.formErrors(e))
        <form method="post" action="/disputes/new" class="card form" novalidate>
        \(Layout.csrfField(m.csrf))
        <div class="grid three">
        \(Layout.select(t.channel, name: "channel", options: channels, selected: v["channel"], error: e["channel"]))
        \(Layout.select(t.kind, name: "kind", options: kinds, selected: v["kind"], error: e["kind"]))
        \(Layout.field(t.receivedOn, name: "received_on", value: v["received_on"], type: "date", error: e["received_on"]))
        </div>
        <fieldset><legend>\(t.workersTitle)</legend><p class="hint">\(t.workersHint)</p>\(workerRows(v, e))
        \(Layout.field(t.workersInvolved, name: "workers_involved", value: v["workers_involved"], type: "number", error: e["workers_involved"], hint: t.workersInvolvedHint))
        </fieldset>
        <fieldset><legend>\(t.employerTitle)</legend><div class="grid three">
        \(Layout.field(t.employerName, name: "employer_name", value: v["employer_name"], error: e["employer.name"], required: true))
        \(Layout.field(t.employerCode, name: "employer_code", value: v["employer_code"], error: e["employer.credit_code"], hint: t.employerCodeHint))
        \(Layout.field(t.employerRegion, name: "employer_region", value: v["employer_region"]))
        </div></fieldset>
        <fieldset><legend>\(t.types)</legend>\(Layout.errorNote("types", e["types"]))<div class="check-grid">\(typeBoxes)</div></fieldset>
        <fieldset><legend>\(t.claimsTitle)</legend>\(claimRows(v, e))</fieldset>
        \(Layout.textarea(t.facts, name: "facts", value: v["facts"], error: e["facts"], required: true))
        <div class="grid three">
        \(Layout.field(t.learnedOn, name: "learned_on", value: v["learned_on"], type: "date", error: e["learned_on"], hint: t.learnedOnHint))
        \(Layout.field(t.employmentEndedOn, name: "employment_ended_on", value: v["employment_ended_on"], type: "date", error: e["employment_ended_on"], hint: t.employmentEndedOnHint))
        \(OrgPicker.inScope.field(t.handlingOrg, name: "handling_org", value: v["handling_org"], error: e["handling_org_code"], hint: t.handlingOrgHint))
        </div>
        \(Layout.checkbox(t.confidential, name: "confidential", checked: v["confidential"] == "1"))
        \(duplicate)
        <button type="submit">\(t.register)</button>
        </form>
        """
        return Layout.page(t.newTitle, actor: m.actor, csrf: m.csrf, section: .disputes, body)
    }

    static func workerRows(_ v: DisputeIntakeForm, _ e: FieldErrors) -> HTML {
        let t = UI.Disputes.self
        let rows = (1...DisputeIntakeForm.workerRows).map { i -> HTML in
            """
            <div class="grid row-group" role="group" aria-label="\(t.workerRow(i))">
            \(Layout.field(t.workerName, name: "worker\(i)_name", value: v["worker\(i)_name"], error: e["workers[\(i)].name"] ?? (i == 1 ? e["workers"] : nil)))
            \(Layout.field(t.workerID, name: "worker\(i)_id", value: v["worker\(i)_id"], error: e["workers[\(i)].id_number"]))
            \(Layout.field(t.workerPhone, name: "worker\(i)_phone", value: v["worker\(i)_phone"], type: "tel", error: e["workers[\(i)].phone"]))
            \(Layout.checkbox(t.representative, name: "worker\(i)_rep", checked: v["worker\(i)_rep"] == "1"))
            </div>
            """
        }
        return "\(rows)"
    }

    static func claimRows(_ v: DisputeIntakeForm, _ e: FieldErrors) -> HTML {
        let t = UI.Disputes.self
        let types = [("", t.pleaseChoose)] + DisputeType.allCases.map { ($0.rawValue, $0.title) }
        let rows = (1...DisputeIntakeForm.claimRows).map { i -> HTML in
            """
            <div class="grid row-group" role="group" aria-label="\(t.claimRow(i))">
            \(Layout.select(t.claimType, name: "claim\(i)_type", options: types, selected: v["claim\(i)_type"], error: e["claims[\(i)].type"]))
            \(Layout.field(t.claimAmount, name: "claim\(i)_amount", value: v["claim\(i)_amount"], error: e["claims[\(i)].amount"], attributes: "inputmode=\"decimal\""))
            \(Layout.field(t.claimDescription, name: "claim\(i)_text", value: v["claim\(i)_text"]))
            </div>
            """
        }
        return "\(rows)"
    }
}
