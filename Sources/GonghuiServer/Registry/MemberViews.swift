import Foundation
import GonghuiDomain

/// The member pages' markup: search, the member's page, and the forms.
enum MemberViews {
    typealias W = UI.Registry

    static func statusTag(_ s: MemberStatus) -> HTML {
        let cls = s == .active ? "ok" : s == .retained ? "warn" : "bad"
        return "<span class=\"tag \(cls)\">\(s.label)</span>"
    }

    /// A label and its value in a field list; a dash for nothing.
    static func row(_ label: String, _ value: String?) -> HTML { "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? UI.none)</dd>" }

    // MARK: Search

    static func search(_ m: MemberSearchPageModel) -> HTML {
        Layout.page(W.searchTitle, actor: m.actor, csrf: m.csrf, section: .members, flash: m.flash, searchBody(m))
    }

    static func searchBody(_ m: MemberSearchPageModel) -> HTML {
        let add: HTML = m.mayRegister ? "<p><a class=\"button\" href=\"\(URLText.with("/members/new", [("org", m.query.org)]))\">\(W.registerNewMember)</a></p>" : .empty
        return """
        \(add)
        \(searchForms(m))
        \(m.items.isEmpty ? (m.orgChoices.isEmpty && m.orgError == nil ? HTML("<p>\(m.prompt ?? W.noMembersFound)</p>") : .empty) : results(m))
        """
    }

    static func searchForms(_ m: MemberSearchPageModel) -> HTML {
        let statuses = [("", W.allStatuses)] + MemberStatus.allCases.map { ($0.rawValue, $0.label) }
        return """
        <form method="get" action="/members" class="search card" role="search">
        \(Layout.field(W.searchByName, name: "name", value: m.query.name, type: "search"))
        \(OrgPicker.inScope.field(W.searchByOrg, name: "org", value: m.query.org, error: m.orgError, choices: m.orgChoices))
        \(Layout.select(W.status, name: "status", options: statuses, selected: m.query.status))
        \(Layout.select(W.sortBy, name: "sort", options: MemberSort.allCases.map { ($0.rawValue, $0.label) }, selected: m.query.sort.rawValue))
        <button type="submit">\(UI.search)</button>
        </form>
        <form method="post" action="/members/find" class="search card">
        \(Layout.csrfField(m.csrf))
        \(Layout.field(W.lookupLabel, name: "key", value: m.lookupKey, error: m.lookupError, hint: W.lookupHint, autocomplete: "off"))
        <button type="submit">\(W.find)</button>
        </form>
        """
    }

    static func results(_ m: MemberSearchPageModel) -> HTML {
        let rows = m.items.map { x -> HTML in
            """
            <tr><td data-label="\(W.name)"><a href="/members/\(String(x.id))">\(x.name)</a></td><td data-label="\(W.idNumber)">\(x.idNumberMasked)</td><td data-label="\(W.phone)">\(x.phoneMasked ?? UI.none)</td>
            <td data-label="\(W.union)"><a href="/orgs/\(URLText.component(x.orgCode))">\(x.orgName)</a></td><td data-label="\(W.status)">\(statusTag(x.status))</td><td data-label="\(W.joinedOn)">\(Layout.day(x.joinedOn))</td></tr>
            """
        }
        let q = m.query
        // Column heads sort the list by themselves; the one it is sorted by is marked.
        func head(_ label: String, _ sort: MemberSort?) -> HTML {
            guard let sort else { return "<th scope=\"col\">\(label)</th>" }
            let link = URLText.with("/members", q.query.filter { $0.0 != "sort" } + [("sort", sort == .name ? nil : sort.rawValue)])
            return sort == q.sort ? "<th scope=\"col\" aria-sort=\"\(sort == .joined ? "descending" : "ascending")\"><a href=\"\(link)\">\(label) \(sort == .joined ? "↓" : "↑")</a></th>"
                                  : "<th scope=\"col\"><a href=\"\(link)\">\(label)</a></th>"
        }
        let exportLinks: HTML = q.hasCriteria || m.total <= MemberPages.maxListed ? """
            <div class="actions no-print"><a class="button secondary" href="\(URLText.with("/members/export.xlsx", q.query))">\(W.exportResult)</a>\
            <a class="button secondary" href="\(URLText.with("/members/print", q.query))">\(W.printResult)</a></div>
            """ : .empty
        return """
        \(exportLinks)
        <div class="table-wrap"><table class="stack"><thead><tr>\(head(W.name, .name))\(head(W.idNumber, nil))\(head(W.phone, nil))\(head(W.union, .org))\(head(W.status, .status))\(head(W.joinedOn, .joined))</tr></thead>
        <tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/members", query: q.query, offset: m.offset, limit: m.limit, total: m.total, shown: m.items.count))
        """
    }

    /// The list to print: what was searched, when, and every row.
    static func printList(_ items: [Member], total: Int, criteria: String, at: String, actor: Actor, csrf: String?) -> HTML {
        let rows = items.enumerated().map { i, x -> HTML in
            """
            <tr><td class="num">\(String(i + 1))</td><td>\(x.name)</td><td class="nw">\(x.idNumberMasked)</td><td class="nw">\(x.phoneMasked ?? UI.none)</td>\
            <td>\(x.orgName)</td><td>\(x.status.label)</td><td>\(Layout.day(x.joinedOn))</td></tr>
            """
        }
        let body: HTML = """
        <p>\(W.printCriteria(criteria, at: at))</p>
        \(items.count < total ? HTML("<p class=\"notice\">\(W.printCapped(items.count, total: total))</p>") : .empty)
        <p class="no-print">\(W.printHint) <a href="/members">\(W.backToList)</a></p>
        <table class="print-list"><thead><tr><th scope="col" class="num">\(W.rowNumber)</th><th scope="col">\(W.name)</th><th scope="col">\(W.idNumber)</th><th scope="col">\(W.phone)</th>\
        <th scope="col">\(W.union)</th><th scope="col">\(W.status)</th><th scope="col">\(W.joinedOn)</th></tr></thead><tbody>\(rows)</tbody></table>
        """
        return Layout.page(W.printTitle(total), actor: actor, csrf: csrf, section: .members, body)
    }

    // MARK: The member's page

    static func member(_ p: MemberPageModel) -> HTML {
        let m = p.member
        let historyRows = p.history.reversed().map { e -> HTML in
            "<tr><td>\(Layout.day(e.onDate))</td><td>\(e.kind.label)</td><td>\(e.orgName ?? UI.none)</td><td>\(e.detail)</td><td>\(UI.actorName(e.actor, name: e.actorName, role: e.actorRole))</td></tr>"
        }
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="\(W.location)"><ol><li><a href="/members">\(UI.navMembers)</a></li><li><a href="/orgs/\(URLText.component(m.orgCode))">\(m.orgName)</a></li><li aria-current="page">\(m.name)</li></ol></nav>
        \(activationNotice(p))
        \(transferNotice(p.openTransfer))
        <div class="actions">\(actions(p))</div>
        <div class="grid two">
        \(basicInfo(p))
        \(portalSection(p))
        </div>
        <section aria-labelledby="h-history"><h2 id="h-history">\(W.membershipHistory)</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col">\(W.date)</th><th scope="col">\(W.event)</th><th scope="col">\(W.historyUnion)</th><th scope="col">\(W.detail)</th><th scope="col">\(W.handledBy)</th></tr></thead><tbody>\(historyRows)</tbody></table></div>
        </section>
        """
        return Layout.page(W.memberTitle(m.name), actor: p.actor, csrf: p.csrf, section: .members, flash: p.flash, body)
    }

    static func actions(_ p: MemberPageModel) -> [HTML] {
        let id = String(p.member.id)
        var actions: [HTML] = []
        if p.mayEdit {
            actions.append("<a class=\"button secondary\" href=\"/members/\(id)/edit\">\(W.editInfo)</a>")
            actions.append("<a class=\"button secondary\" href=\"/members/\(id)/status\">\(W.changeStatus)</a>")
            if p.mayTransfer {
                actions.append("<a class=\"button secondary\" href=\"/members/\(id)/transfer\">\(W.requestTransfer)</a>")
            }
        }
        // One archive per household: the open one, or building one for an active member.
        if let open = p.openArchive {
            actions.append("<a class=\"button secondary\" href=\"/hardship/\(String(open.id))\">\(W.hardshipArchive(open.archiveNo, stage: open.stage.title))</a>")
        } else if p.mayBuildArchive {
            actions.append("<a class=\"button secondary\" href=\"/hardship/new?member=\(id)\">\(W.buildHardshipArchive)</a>")
        }
        if p.mayReveal {
            actions.append("""
            <form method="post" action="/members/\(id)/reveal" class="inline">\(Layout.csrfField(p.csrf))<button type="submit" class="secondary">\(W.revealID)</button></form>
            """)
        }
        return actions
    }

    /// 转接办理中: where the member goes, each side's decision, and where they count meanwhile.
    static func transferNotice(_ t: MembershipTransfer?) -> HTML {
        guard let t else { return .empty }
        return """
        <div class="notice" role="status"><p><strong>\(W.transferInProgress)</strong> \(W.transferRoute(from: t.fromOrgName, to: t.toOrgName, requestedOn: t.requestedOn.iso))</p>
        <p>\(W.sides(outgoing: t.outgoing.label, incoming: t.incoming.label))</p><p class="muted">\(W.transferStanding(t.fromOrgName))</p>
        <p><a href="/transfers?box=all">\(W.toTransfers)</a></p></div>
        """
    }

    /// A code just issued: shown once, with a slip to print and hand to the worker (the code,
    /// the address, what to bring), which is all that prints from this page.
    static func activationNotice(_ p: MemberPageModel) -> HTML {
        guard let activation = p.activation else { return .empty }
        let m = p.member, until = Layout.time(activation.expiresAt)
        return """
        <div class="notice no-print" role="status"><p>\(W.activationNotice)</p>
        <p class="code-box">\(activation.code)</p><p>\(W.activationValidity(until: until, place: "<strong>\(p.portalAddress)</strong>"))</p>
        <p>\(W.printSlipHint)</p></div>
        <section class="slip" aria-labelledby="h-slip">
        <h2 id="h-slip">\(W.slipTitle)</h2>
        <dl class="fields">\(row(W.name, m.name))\(row(W.union, m.orgName))\(row(W.slipAddress, p.portalAddress))</dl>
        <p class="code-box">\(activation.code)</p>
        <ol class="rules"><li>\(W.slipStep1(p.portalAddress))</li><li>\(W.slipStep2)</li><li>\(W.slipStep3(until))</li></ol>
        <p class="muted">\(W.slipKeep)</p>
        </section>
        """
    }

    static func basicInfo(_ p: MemberPageModel) -> HTML {
        let m = p.member
        let idCell: HTML = p.revealed.map { "<dt>\(W.idNumber)</dt><dd><strong>\($0.idNumber)</strong> <span class=\"tag warn\">\(W.fullIDAudited)</span></dd>" }
            ?? row(W.idNumber, m.idNumberMasked)
        let phoneCell: HTML = p.revealed.map { "<dt>\(W.phone)</dt><dd><strong>\($0.phone ?? UI.none)</strong></dd>" } ?? row(W.phone, m.phoneMasked)
        return """
        <section class="card" aria-labelledby="h-basic"><h2 id="h-basic">\(W.basicInfo)</h2>
        <dl class="fields">
        \(row(W.name, m.name))\(idCell)\(phoneCell)\(row(W.gender, m.gender.label))\(row(W.birthDate, m.birthDate.iso))
        \(row(W.union, m.orgName))\(row(W.status, W.statusSince(m.status.label, m.statusSince.iso)))\(row(W.joinedOn, m.joinedOn.iso))
        \(row(W.employmentType, m.employmentType.label))\(row(W.migrant, m.isMigrant ? UI.yes : UI.no))\(row(W.cardNumber, m.cardNumber))
        \(row(W.ethnicity, NationalCodes.name("ethnicity", m.ethnicity)))\(row(W.education, NationalCodes.name("education", m.education)))\
        \(row(W.skillLevel, m.skillLevel))\(row(W.householdType, NationalCodes.name("household_type", m.householdType)))
        \(row(W.politicalStatus, NationalCodes.name("political_status", m.politicalStatus)))\(row(W.workplace, m.workplace))
        </dl></section>
        """
    }

    static func portalSection(_ p: MemberPageModel) -> HTML {
        guard p.mayEdit else { return .empty }
        return """
        <section class="card" aria-labelledby="h-portal"><h2 id="h-portal">\(W.portalAccount)</h2>
        <p>\(p.hasPortalAccount ? W.portalHasAccount : p.activationPending.map { W.portalCodePending(until: Layout.time($0)) } ?? W.portalNoAccount)</p>
        <form method="post" action="/members/\(String(p.member.id))/activation">\(Layout.csrfField(p.csrf))<button type="submit" class="secondary">\(W.issueActivationCode)</button></form>
        </section>
        """
    }

    // MARK: Forms

    static func memberForm(_ p: MemberFormPageModel) -> HTML {
        Layout.page(p.title, actor: p.actor, csrf: p.csrf, section: .members, memberFormBody(p))
    }

    static func memberFormBody(_ p: MemberFormPageModel) -> HTML {
        let m = p.member, v = p.form, errors = p.errors
        let types = EmploymentType.allCases.map { ($0.rawValue, $0.label) }
        let action = m.map { "/members/\($0.id)/edit" } ?? "/members/new"
        return """
        \(Layout.formErrors(errors))
        <form method="post" action="\(action)" class="card">
        \(Layout.csrfField(p.csrf))
        \(identity(p))
        \(Layout.field(W.name, name: "name", value: v.name, error: errors["name"], required: true))
        \(Layout.field(W.phone, name: "phone", value: v.phone, type: "tel", error: errors["phone"], hint: m.map { W.phoneKeepHint($0.phoneMasked) }, autocomplete: "off"))
        \(Layout.field(W.joinedOn, name: "joined_on", value: v.joinedOn, type: "date", error: errors["joined_on"], required: true))
        \(Layout.select(W.employmentType, name: "employment_type", options: types, selected: v.employmentType, error: errors["employment_type"]))
        \(Layout.checkbox(W.migrant, name: "is_migrant", checked: v.isMigrant))
        \(codeSelect(W.ethnicity, "ethnicity", v.ethnicity, errors))
        \(codeSelect(W.education, "education", v.education, errors))
        \(Layout.field(W.skillLevel, name: "skill_level", value: v.skillLevel, error: errors["skill_level"]))
        \(codeSelect(W.householdType, "household_type", v.householdType, errors))
        \(codeSelect(W.politicalStatus, "political_status", v.politicalStatus, errors))
        \(Layout.field(W.workplace, name: "workplace", value: v.workplace, error: errors["workplace"]))
        \(Layout.field(W.cardNumber, name: "card_number", value: v.cardNumber, error: errors["card_number"]))
        <div class="actions"><button type="submit">\(UI.save)</button><a href="\(m.map { "/members/\($0.id)" } ?? "/members")">\(UI.cancel)</a></div>
        </form>
        """
    }

    /// An attribute chosen from its national code list, the standard named in the hint; a value
    /// kept from before the lists stays offered as it was, to be corrected.
    static func codeSelect(_ label: String, _ field: String, _ value: String, _ errors: FieldErrors) -> HTML {
        guard let (list, _) = NationalCodes.memberLists[field] else { return .empty }
        var options = [("", W.notGiven)] + list.entries.map { ($0.code, $0.name) }
        let selected = list.code(for: value) ?? value
        if !selected.isEmpty && !options.contains(where: { $0.0 == selected }) { options.append((selected, selected)) }
        return Layout.select(label, name: field, options: options, selected: selected, error: errors[field], hint: W.codeListHint(list.source))
    }

    /// A new member's ID number and union; an existing member's, which the form does not change.
    static func identity(_ p: MemberFormPageModel) -> HTML {
        guard let m = p.member else {
            return """
            \(Layout.field(W.idNumber, name: "id_number", value: p.form.idNumber, error: p.errors["id_number"], hint: W.idNumberHint, required: true, autocomplete: "off"))
            \(OrgPicker.unitInScope.field(W.unionCode, name: "org_code", value: p.form.orgCode, error: p.errors["org_code"], hint: W.unionCodeHint,
                                          required: true, choices: p.choices))
            """
        }
        return "<p>\(W.identityNote(m.idNumberMasked, union: m.orgName))</p><input type=\"hidden\" name=\"version\" value=\"\(String(m.version))\">"
    }

    static func statusForm(_ p: MemberStatusPageModel) -> HTML {
        let m = p.member, errors = p.errors
        let options = [("", W.pleaseChoose)] + p.choices.map { ($0.rawValue, $0.label) }
        let body: HTML = """
        \(Layout.formErrors(errors))
        <p>\(W.currentStatus)\(statusTag(m.status))\(W.since(m.statusSince.iso))</p>
        <form method="post" action="/members/\(String(m.id))/status" class="card">
        \(Layout.csrfField(p.csrf))
        \(Layout.select(W.newStatus, name: "status", options: options, selected: p.form.status, error: errors["status"]))
        \(Layout.field(W.statusDate, name: "date", value: p.form.date, type: "date", error: errors["date"], required: true))
        \(Layout.textarea(W.reason, name: "reason", value: p.form.reason, error: errors["reason"]))
        <div class="actions"><button type="submit">\(UI.save)</button><a href="/members/\(String(m.id))">\(UI.cancel)</a></div>
        </form>
        """
        return Layout.page(W.statusTitle(m.name), actor: p.actor, csrf: p.csrf, section: .members, body)
    }

    static func transferForm(_ p: MemberTransferPageModel) -> HTML {
        let m = p.member, errors = p.errors
        let body: HTML = """
        \(Layout.formErrors(errors))
        <p>\(W.transferIntro(m.name, union: m.orgName))</p>
        <form method="post" action="/members/\(String(m.id))/transfer" class="card">
        \(Layout.csrfField(p.csrf))
        \(OrgPicker.unitAnywhere.field(W.transferTarget, name: "to_org_code", value: p.form.toOrgCode, error: errors["to_org_code"], hint: W.transferTargetHint,
                                       required: true, choices: p.choices))
        \(Layout.field(W.requestedOn, name: "date", value: p.form.date, type: "date", error: errors["date"], required: true))
        \(Layout.textarea(W.transferReason, name: "reason", value: p.form.reason, error: errors["reason"]))
        <div class="actions"><button type="submit">\(W.submitRequest)</button><a href="/members/\(String(m.id))">\(UI.cancel)</a></div>
        </form>
        """
        return Layout.page(W.transferTitle(m.name), actor: p.actor, csrf: p.csrf, section: .members, body)
    }
}
