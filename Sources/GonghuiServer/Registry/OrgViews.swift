import Foundation
import GonghuiDomain

/// The organization pages' markup: search, an org's page, its edit form, and the steps of a
/// move, merge or dissolution.
enum OrgViews {
    typealias W = UI.Registry

    static func statusTag(_ s: OrgStatus) -> HTML {
        "<span class=\"tag \(s == .active ? "ok" : "bad")\">\(s.label)</span>"
    }

    /// The committees and systems of a union (组织建设): label, form field and whether it has it.
    /// The organization-building flags an org of `kind` has: every union has a women's
    /// committee and a funds audit committee; the workers' congress, openness of factory affairs,
    /// labour protection and mediation committees belong to the units where people work, not to
    /// a federation of a city or a county.
    static func flags(_ f: OrgFlags, kind: OrgKind) -> [(label: String, field: String, on: Bool)] {
        let common = [(W.womenCommittee, "women_committee", f.womenCommittee), (W.fundsAuditCommittee, "funds_audit_committee", f.fundsAuditCommittee)]
        guard !kind.isTerritorial else { return common }
        return common + [(W.workersCongress, "workers_congress", f.workersCongress), (W.factoryAffairsOpenness, "factory_affairs_openness", f.factoryAffairsOpenness),
                         (W.laborProtectionCommittee, "labor_protection_committee", f.laborProtectionCommittee), (W.mediationCommittee, "mediation_committee", f.mediationCommittee)]
    }

    static func link(_ o: Organization) -> String { "/orgs/\(URLText.component(o.code))" }

    static func searchForm(_ text: String) -> HTML {
        """
        <form method="get" action="/orgs" class="search" role="search">
        \(Layout.field(W.orgSearchLabel, name: "q", value: text, type: "search"))
        <button type="submit">\(UI.search)</button>
        </form>
        """
    }

    // MARK: Search

    static func search(_ m: OrgSearchPageModel) -> HTML {
        let text = m.query.text
        let rows = m.found.map { o -> HTML in
            "<tr><td><a href=\"\(link(o))\">\(o.name)</a></td><td>\(o.code)</td><td>\(o.kind.title)</td><td>\(statusTag(o.status))</td></tr>"
        }
        let body: HTML = """
        \(searchForm(text))
        \(m.found.isEmpty ? HTML("<p>\(W.noOrgFound(text))</p>") : """
        <div class="table-wrap"><table><thead><tr><th scope="col">\(W.orgName)</th><th scope="col">\(W.orgCode)</th><th scope="col">\(W.orgKind)</th><th scope="col">\(W.status)</th></tr></thead><tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/orgs", query: [("q", text)], offset: m.query.offset, limit: 50, total: nil, shown: m.found.count))
        """)
        """
        return Layout.page(W.orgSearchTitle, actor: m.actor, csrf: m.csrf, section: .orgs, body)
    }

    // MARK: An org's page

    static func page(_ m: OrgPageModel) -> HTML {
        let contracts = m.contracts.map { StatisticsViews.contracts(ContractsSectionModel(org: m.org, contracts: $0, actor: m.actor)) } ?? .empty
        return Layout.page(m.org.name, actor: m.actor, csrf: m.csrf, section: .orgs, flash: m.flash, body(m) + contracts)
    }

    static func body(_ m: OrgPageModel) -> HTML {
        """
        \(header(m))
        <div class="grid two">
        \(fields(m.org))
        <section class="card" aria-labelledby="h-flags"><h2 id="h-flags">\(W.orgBuilding)</h2><ul class="plain">\(flagItems(m.org.flags, kind: m.org.kind))</ul></section>
        </div>
        \(children(m))
        \(history(m.history))
        """
    }

    /// Where the org is, the search, its headline figures and what may be done.
    static func header(_ m: OrgPageModel) -> HTML {
        let s = m.summary, o = m.org
        let crumbItems = m.crumbs.map { c -> HTML in
            c.code == o.code ? "<li aria-current=\"page\">\(c.name)</li>" : "<li><a href=\"\(link(c))\">\(c.name)</a></li>"
        }
        return """
        <nav class="breadcrumbs" aria-label="\(W.orgLevels)"><ol>\(crumbItems)</ol></nav>
        \(searchForm(""))
        <ul class="kpis">
          <li><span class="n">\(Layout.number(s.members))</span>\(W.membersInSubtree)</li>
          <li><span class="n">\(Layout.number(s.employees))</span>\(W.employeesOfUnions)</li>
          <li><span class="n">\(Layout.percent(s.members, of: s.employees))</span>\(W.membershipRate)</li>
          <li><span class="n">\(Layout.number(s.childCount))</span>\(W.directChildren)</li>
        </ul>
        <div class="actions">\(actions(m))</div>
        """
    }

    static func actions(_ m: OrgPageModel) -> [HTML] {
        let code = URLText.component(m.org.code)
        var actions: [HTML] = ["<a class=\"button secondary\" href=\"/members?org=\(code)\">\(W.orgMembers)</a>",
                               "<a class=\"button secondary\" href=\"/?org=\(code)\">\(UI.navHome)</a>",
                               "<a class=\"button secondary\" href=\"/stats/\(code)\">\(UI.navStats)</a>"]
        if m.mayEdit && m.org.status == .active {
            actions.append("<a class=\"button secondary\" href=\"/orgs/\(code)/edit\">\(W.editInfo)</a>")
            if m.mayChangeTree {
                for a in OrgAction.allCases { actions.append("<a class=\"button secondary\" href=\"/orgs/\(code)/\(a.rawValue)\">\(a.title)</a>") }
            }
        }
        return actions
    }

    static func fields(_ o: Organization) -> HTML {
        let row = MemberViews.row
        return """
        <section class="card" aria-labelledby="h-fields"><h2 id="h-fields">\(W.basicInfo)</h2>
        <dl class="fields">
        \(row(W.code, o.code))\(row(W.kind, o.kind.title))\(row(W.status, o.status.label + (o.endedOn.map { W.endedOn($0.iso) } ?? "")))
        \(row(W.mergedInto, o.mergedIntoCode))\(row(W.creditCode, o.creditCode))\(row(W.regionCode, o.regionCode))
        \(row(W.unitNature, o.unitNature?.label))\(row(W.economicType, o.economicType))\(row(W.industry, NationalCodes.industryName(o.industry)))
        \(row(W.employees, String(o.employees)))\(row(W.womenEmployees, String(o.womenEmployees)))\(row(W.migrantEmployees, String(o.migrantEmployees)))
        \(row(W.foundedOn, o.foundedOn?.iso))\(row(W.approval, o.approval.label))\(row(W.chair, o.chairName))\(row(W.chairPhone, o.chairPhoneMasked))
        \(row(W.fullTimeStaff, String(o.fullTimeStaff)))
        </dl></section>
        """
    }

    static func flagItems(_ f: OrgFlags, kind: OrgKind) -> [HTML] {
        flags(f, kind: kind).map { flag -> HTML in
            "<li><span class=\"tag \(flag.on ? "ok" : "")\">\(flag.on ? W.established : W.notEstablished)</span> \(flag.label)</li>"
        }
    }

    static func children(_ m: OrgPageModel) -> HTML {
        let o = m.org
        let kidRows = m.children.map { c -> HTML in
            """
            <tr><td><a href="\(link(c.org))">\(c.org.name)</a>\(c.org.status == .active ? HTML.empty : " " + statusTag(c.org.status))</td><td>\(c.org.kind.title)</td>
            <td class="num">\(Layout.number(c.childCount))</td><td class="num">\(Layout.number(c.members))</td><td class="num">\(Layout.number(c.employees))</td><td class="num">\(Layout.percent(c.members, of: c.employees))</td></tr>
            """
        }
        return """
        <section aria-labelledby="h-children"><h2 id="h-children">\(W.children)</h2>
        \(m.childCountsCached ? HTML("<p class=\"muted\">\(W.childCountsRefreshed)</p>") : .empty)
        <p>\(m.showEnded ? HTML("<a href=\"\(link(o))\">\(W.onlyActiveOrgs)</a>") : HTML("<a href=\"\(link(o))?ended=1\">\(W.includeEndedOrgs)</a>"))</p>
        \(m.children.isEmpty ? HTML("<p>\(W.noChildren)</p>") : """
        <div class="table-wrap"><table><thead><tr><th scope="col">\(W.orgName)</th><th scope="col">\(W.orgKind)</th><th scope="col" class="num">\(W.children)</th><th scope="col" class="num">\(W.membersInUnion)</th><th scope="col" class="num">\(W.employees)</th><th scope="col" class="num">\(W.membershipRate)</th></tr></thead>
        <tbody>\(kidRows)</tbody></table></div>
        \(Layout.pager(base: link(o), query: [("ended", m.showEnded ? "1" : nil)], offset: m.offset, limit: 100, total: m.summary.childCount > 0 && !m.showEnded ? m.summary.childCount : nil, shown: m.children.count))
        """)
        </section>
        """
    }

    static func history(_ history: [OrgEvent]) -> HTML {
        let historyRows = history.reversed().map { e -> HTML in
            "<tr><td>\(Layout.day(e.onDate))</td><td>\(e.label)</td><td>\(e.detail)</td><td>\(e.actor)</td></tr>"
        }
        return """
        <section aria-labelledby="h-history"><h2 id="h-history">\(W.orgHistory)</h2>
        \(history.isEmpty ? HTML("<p>\(W.noHistory)</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">\(W.date)</th><th scope=\"col\">\(W.event)</th><th scope=\"col\">\(W.detail)</th><th scope=\"col\">\(W.handledBy)</th></tr></thead><tbody>\(historyRows)</tbody></table></div>")
        </section>
        """
    }

    // MARK: Edit

    static func edit(_ m: OrgEditPageModel) -> HTML {
        let org = m.org
        let body: HTML = """
        \(Layout.formErrors(m.errors))
        <form method="post" action="\(link(org))/edit" class="card">
        \(Layout.csrfField(m.csrf))
        <input type="hidden" name="version" value="\(String(org.version))">
        \(basicFieldset(m.form, m.errors))
        <fieldset><legend>\(W.headcount)</legend>
        \(countField(W.employees, "employees", m.form.employees, m.errors))
        \(countField(W.womenEmployees, "women_employees", m.form.womenEmployees, m.errors))
        \(countField(W.migrantEmployees, "migrant_employees", m.form.migrantEmployees, m.errors))
        \(countField(W.fullTimeStaffCount, "full_time_staff", m.form.fullTimeStaff, m.errors))
        </fieldset>
        <fieldset><legend>\(W.chair)</legend>
        \(Layout.field(W.chairName, name: "chair_name", value: m.form.chairName, error: m.errors["chair_name"]))
        \(Layout.field(W.chairPhone, name: "chair_phone", value: m.form.chairPhone, type: "tel", error: m.errors["chair_phone"], hint: W.phoneKeepHint(org.chairPhoneMasked)))
        </fieldset>
        <fieldset><legend>\(W.orgBuilding)</legend>
        \(HTML.join(flags(m.form.flags, kind: org.kind).map { Layout.checkbox($0.label, name: $0.field, checked: $0.on) }, separator: "\n"))
        </fieldset>
        <div class="actions"><button type="submit">\(UI.save)</button><a href="\(link(org))">\(UI.cancel)</a></div>
        </form>
        """
        return Layout.page(W.orgEditTitle(org.name), actor: m.actor, csrf: m.csrf, section: .orgs, body)
    }

    static func basicFieldset(_ v: OrgForm, _ errors: FieldErrors) -> HTML {
        let kinds = OrgKind.allCases.map { ($0.rawValue, $0.title) }
        let natures = [("", W.notFilled)] + UnitNature.allCases.map { ($0.rawValue, "\($0.rawValue) \($0.label)") }
        let approvals = FoundingApproval.allCases.map { ($0.rawValue, $0.label) }
        return """
        <fieldset><legend>\(W.basicInfo)</legend>
        \(Layout.field(W.orgFullName, name: "name", value: v.name, error: errors["name"], required: true))
        \(Layout.select(W.kind, name: "kind", options: kinds, selected: v.kind, error: errors["kind"]))
        \(Layout.field(W.creditCode, name: "credit_code", value: v.creditCode, error: errors["credit_code"]))
        \(Layout.field(W.regionCode, name: "region_code", value: v.regionCode, error: errors["region_code"]))
        \(Layout.select(W.unitNature, name: "unit_nature", options: natures, selected: v.unitNature, error: errors["unit_nature"]))
        \(Layout.field(W.economicType, name: "economic_type", value: v.economicType, error: errors["economic_type"]))
        \(industrySelect(v.industry, error: errors["industry"]))
        \(Layout.field(W.foundedOn, name: "founded_on", value: v.foundedOn, type: "date", error: errors["founded_on"]))
        \(Layout.select(W.approval, name: "approval", options: approvals, selected: v.approval, error: errors["approval"]))
        </fieldset>
        """
    }

    static func countField(_ label: String, _ name: String, _ value: String, _ errors: FieldErrors) -> HTML {
        Layout.field(label, name: name, value: value, type: "number", error: errors[name], attributes: " min=\"0\"")
    }

    // MARK: Move, merge, dissolve

    static func actionForm(_ m: OrgActionPageModel) -> HTML {
        let org = m.org, errors = m.errors, form = m.form
        let intro: HTML
        let fields: HTML
        switch m.action {
        case .move:
            intro = "<p>\(W.moveIntro(org.name, parent: org.parentCode ?? UI.none))</p>"
            fields = Layout.field(W.newParentCode, name: "parent_code", value: form.target, error: errors["parent_code"], hint: W.newParentHint, required: true)
        case .merge:
            intro = "<p>\(W.mergeIntro(org.name))</p>"
            fields = Layout.field(W.mergeIntoCode, name: "into_code", value: form.target, error: errors["into_code"], required: true)
        case .dissolve:
            intro = "<p>\(W.dissolveIntro(org.name))</p>"
            fields = Layout.textarea(W.dissolveReason, name: "reason", value: form.reason, error: errors["reason"])
        }
        let body: HTML = """
        \(Layout.formErrors(errors))
        \(intro)
        <form method="post" action="\(link(org))/\(m.action.rawValue)" class="card">
        \(Layout.csrfField(m.csrf))
        \(fields)
        \(Layout.field(W.effectiveOn, name: "date", value: form.date, type: "date", error: errors["date"], required: true))
        <div class="actions"><button type="submit">\(UI.next)</button><a href="\(link(org))">\(UI.cancel)</a></div>
        </form>
        """
        return Layout.page(W.actionTitle(m.action.title, org: org.name), actor: m.actor, csrf: m.csrf, section: .orgs, body)
    }

    static func confirm(_ m: OrgConfirmPageModel) -> HTML {
        let s = m.summary, action = m.action, target = m.target
        let org: HTML = "<strong>\(s.org.name)</strong>", other: HTML = "<strong>\(target?.org.name ?? "")</strong>"
        let what: HTML
        switch action {
        case .move:
            what = "<p>\(W.confirmMove(org, code: s.org.code, children: Layout.number(s.childCount), members: Layout.number(s.members), target: other, targetCode: target?.org.code ?? ""))</p>"
        case .merge:
            what = "<p>\(W.confirmMerge(org, code: s.org.code, target: other, targetCode: target?.org.code ?? "", children: Layout.number(s.childCount)))</p>"
        case .dissolve:
            what = "<p>\(W.confirmDissolve(org, code: s.org.code, reason: m.reason.isEmpty ? UI.none : m.reason))</p>"
        }
        let body: HTML = """
        <div class="notice" role="note">\(what)<p>\(W.confirmDate(m.date.iso))</p></div>
        <form method="post" action="\(link(s.org))/\(action.rawValue)" class="actions">
        \(Layout.csrfField(m.csrf))
        <input type="hidden" name="step" value="confirmed">
        <input type="hidden" name="\(action.targetField)" value="\(target?.org.code ?? "")">
        <input type="hidden" name="date" value="\(m.date.iso)">
        <input type="hidden" name="reason" value="\(m.reason)">
        <button type="submit" class="\(action == .dissolve ? "danger" : "")">\(W.confirmAction(action.title))</button>
        <a href="\(link(s.org))">\(UI.cancel)</a>
        </form>
        """
        return Layout.page(W.confirmTitle(action.title), actor: m.actor, csrf: m.csrf, section: .orgs, body)
    }

    /// The industry picked from GB/T 4754-2017, grouped by section; a value kept from before
    /// stays offered as it was.
    static func industrySelect(_ value: String, error: String?) -> HTML {
        let sections = NationalCodes.industryChoices.map { g in (label: Optional(g.section), options: g.divisions.map { ($0.code, "\($0.code) \($0.name)") }) }
        let current = value.uppercased()
        let known = sections.contains { $0.options.contains { $0.0 == current } }
        let leading: [(String, String)] = [("", W.notGiven)] + (!value.isEmpty && !known ? [(value, value)] : [])
        return Layout.select(W.industry, name: "industry", groups: [(nil, leading)] + sections, selected: known ? current : value, error: error, hint: W.industryHint)
    }
}
