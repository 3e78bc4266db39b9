import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The organization tree (五级一张网): a navigator that opens one level at a time from the
/// officer's own node, search by name or code, the org page, and its edit, move, merge and
/// dissolve, each confirmed before it is done and checked by the same rules as the API.
struct OrgPages {
    let store: Store
    /// The children of a province or a city with their head counts: each count walks a subtree of
    /// tens of thousands of members, so the list is kept for a minute (org edits here clear it).
    let childCache = TimedCache<[OrgSummary]>(capacity: 500)

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("orgs") { request, context in
            let actor = context.actor
            let q = PageQuery(request)
            let text = q.string("q", maxLength: 100)
            if text.isEmpty {
                let root = try await store.orgs.root(actor: actor).first
                guard let root else { throw WebError.notFound }
                return Web.redirect("/orgs/\(URLText.component(root.code))")
            }
            let offset = q.int("offset", default: 0, range: 0...100_000)
            let found = try await store.orgs.search(text, actor: actor, limit: 50, offset: offset)
            let rows = found.map { o -> HTML in
                "<tr><td><a href=\"/orgs/\(URLText.component(o.code))\">\(o.name)</a></td><td>\(o.code)</td><td>\(o.kind.title)</td><td>\(statusTag(o.status))</td></tr>"
            }
            let body: HTML = """
            \(searchForm(text))
            \(found.isEmpty ? HTML("<p>没有找到名称包含或代码为“\(text)”的组织。</p>") : """
            <div class="table-wrap"><table><thead><tr><th scope="col">名称</th><th scope="col">代码</th><th scope="col">类型</th><th scope="col">状态</th></tr></thead><tbody>\(rows)</tbody></table></div>
            \(Layout.pager(base: "/orgs", query: [("q", text)], offset: offset, limit: 50, total: nil, shown: found.count))
            """)
            """
            return Web.page(Layout.page("组织查询", actor: actor, csrf: context.csrf, section: .orgs, body))
        }
        router.get("orgs/:code") { request, context in
            let actor = context.actor
            let code = try context.pathCode("code")
            let q = PageQuery(request)
            let offset = q.int("offset", default: 0, range: 0...1_000_000)
            let showEnded = q.string("ended") == "1"
            let summary = try await store.orgs.summary(code: code, actor: actor)
            async let crumbs = store.orgs.breadcrumbs(code: code, actor: actor)
            let cacheKey = "\(code)|\(showEnded)|\(offset)"
            let cached = [.province, .city].contains(summary.org.kind) ? await childCache.get(cacheKey)?.0 : nil
            async let fresh = cached == nil ? store.orgs.children(of: code, actor: actor, includeEnded: showEnded, limit: 100, offset: offset) : []
            let children: [OrgSummary]
            if let cached { children = cached } else {
                children = try await fresh
                if [.province, .city].contains(summary.org.kind) { _ = await childCache.put(cacheKey, children) }
            }
            async let history = store.orgs.history(code: code, actor: actor)
            let hasContracts = [.grassroots, .federation].contains(summary.org.kind)
            async let contracts = hasContracts ? store.statistics.contracts(orgCode: code, actor: actor) : []
            let body = try await orgBody(summary, crumbs: crumbs, children: children, history: history, offset: offset, showEnded: showEnded, actor: actor)
                + (hasContracts ? ContractPages.section(summary.org, contracts: try await contracts, actor: actor) : .empty)
            return Web.page(Layout.page(summary.org.name, actor: actor, csrf: context.csrf, section: .orgs, flash: q.string("ok"), body))
        }
        router.get("orgs/:code/edit") { _, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权修改组织") }
            let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
            return Web.page(Layout.page("修改组织信息：\(org.name)", actor: actor, csrf: context.csrf, section: .orgs, editForm(org, values: OrgForm(org), errors: FieldErrors(), csrf: context.csrf)))
        }
        router.post("orgs/:code/edit") { request, context in
            let actor = context.actor
            let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
            let form = try await WebForm.read(request)
            let values = OrgForm(form)
            var errors = FieldErrors()
            let draft = values.draft(code: org.code, parentCode: org.parentCode, errors: &errors)
            if let draft, errors.isEmpty {
                do {
                    _ = try await store.orgs.update(code: org.code, with: draft, keepChairPhone: values.chairPhone.isEmpty,
                                                    expectedVersion: Int(form["version"]), on: .today(), actor: actor)
                    await childCache.clear()
                    return Web.redirect("/orgs/\(URLText.component(org.code))?ok=saved")
                } catch let e as StoreError {
                    errors.add(e, fields: OrgForm.fieldNames)
                }
            }
            return Web.page(Layout.page("修改组织信息：\(org.name)", actor: actor, csrf: context.csrf, section: .orgs, editForm(org, values: values, errors: errors, csrf: context.csrf)),
                            status: .unprocessableContent)
        }
        for action in OrgAction.allCases {
            router.get("orgs/:code/\(action.rawValue)") { _, context in
                let actor = context.actor
                guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权\(action.title)") }
                let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
                return Web.page(Layout.page("\(action.title)：\(org.name)", actor: actor, csrf: context.csrf, section: .orgs,
                                            actionForm(action, org: org, target: "", date: CivilDate.today().iso, reason: "", errors: FieldErrors(), csrf: context.csrf)))
            }
            router.post("orgs/:code/\(action.rawValue)") { request, context in
                try await perform(action, request, context)
            }
        }
    }

    enum OrgAction: String, CaseIterable {
        case move, merge, dissolve
        var title: String {
            switch self {
            case .move: "调整隶属关系"
            case .merge: "合并组织"
            case .dissolve: "撤销组织"
            }
        }
        var targetField: String { self == .move ? "parent_code" : "into_code" }
    }

    func perform(_ action: OrgAction, _ request: Request, _ context: OfficerPageContext) async throws -> Response {
        let actor = context.actor
        let org = try await store.orgs.org(code: try context.pathCode("code"), actor: actor)
        let form = try await WebForm.read(request)
        let target = form[action.targetField], reason = form["reason"], dateText = form["date"]
        var errors = FieldErrors()
        var date = CivilDate.today()
        do { date = try CivilDate(parsing: dateText) } catch { errors.add("date", error.message) }
        if date > .today() { errors.add("date", "日期不能晚于今天") }
        if action != .dissolve && target.isEmpty { errors.add(action.targetField, "请填写组织代码") }
        var targetOrg: OrgSummary?
        if errors.isEmpty && action != .dissolve {
            do { targetOrg = try await store.orgs.summary(code: target, actor: actor) } catch let e as StoreError { errors.add(e.code == "not_found" ? .invalid([FieldProblem(field: action.targetField, value: target, reason: e.message)]) : e, fields: [action.targetField]) }
        }
        func again(_ status: HTTPResponse.Status) -> Response {
            Web.page(Layout.page("\(action.title)：\(org.name)", actor: actor, csrf: context.csrf, section: .orgs,
                                 actionForm(action, org: org, target: target, date: dateText, reason: reason, errors: errors, csrf: context.csrf)), status: status)
        }
        if !errors.isEmpty { return again(.unprocessableContent) }
        if form["step"] != "confirmed" {
            let summary = try await store.orgs.summary(code: org.code, actor: actor)
            return Web.page(Layout.page("请确认：\(action.title)", actor: actor, csrf: context.csrf, section: .orgs,
                                        confirmPage(action, summary: summary, target: targetOrg, date: date, reason: reason, csrf: context.csrf)))
        }
        do {
            switch action {
            case .move: _ = try await store.orgs.move(code: org.code, toParent: target, on: date, actor: actor)
            case .merge: _ = try await store.orgs.merge(code: org.code, into: target, on: date, actor: actor)
            case .dissolve: _ = try await store.orgs.dissolve(code: org.code, on: date, reason: reason, actor: actor)
            }
        } catch let e as StoreError {
            errors.add(e, fields: [action.targetField, "date", "reason"])
            return again(.conflict)
        }
        await childCache.clear()
        let flash = action == .move ? "moved" : action == .merge ? "merged" : "dissolved"
        return Web.redirect("/orgs/\(URLText.component(org.code))?ok=\(flash)")
    }

    func searchForm(_ text: String) -> HTML {
        """
        <form method="get" action="/orgs" class="search" role="search">
        \(Layout.field("按名称或代码查找组织", name: "q", value: text, type: "search"))
        <button type="submit">\(UI.search)</button>
        </form>
        """
    }

    func statusTag(_ s: OrgStatus) -> HTML {
        "<span class=\"tag \(s == .active ? "ok" : "bad")\">\(s.label)</span>"
    }

    func orgBody(_ s: OrgSummary, crumbs: [Organization], children: [OrgSummary], history: [OrgEvent], offset: Int, showEnded: Bool, actor: Actor) -> HTML {
        let o = s.org
        let crumbItems = crumbs.map { c -> HTML in
            c.code == o.code ? "<li aria-current=\"page\">\(c.name)</li>" : "<li><a href=\"/orgs/\(URLText.component(c.code))\">\(c.name)</a></li>"
        }
        func row(_ label: String, _ value: String?) -> HTML { "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? UI.none)</dd>" }
        let flags: [(String, Bool)] = [("女职工委员会", o.flags.womenCommittee), ("经费审查委员会", o.flags.fundsAuditCommittee), ("职工代表大会制度", o.flags.workersCongress),
                                       ("厂务公开", o.flags.factoryAffairsOpenness), ("劳动保护监督检查委员会", o.flags.laborProtectionCommittee), ("劳动争议调解委员会", o.flags.mediationCommittee)]
        let flagItems = flags.map { name, on -> HTML in "<li><span class=\"tag \(on ? "ok" : "")\">\(on ? "✓ 已建立" : "未建立")</span> \(name)</li>" }
        let kidRows = children.map { c -> HTML in
            """
            <tr><td><a href="/orgs/\(URLText.component(c.org.code))">\(c.org.name)</a>\(c.org.status == .active ? HTML.empty : " " + statusTag(c.org.status))</td><td>\(c.org.kind.title)</td>
            <td class="num">\(Layout.number(c.childCount))</td><td class="num">\(Layout.number(c.members))</td><td class="num">\(Layout.number(c.employees))</td><td class="num">\(Layout.percent(c.membershipRate))</td></tr>
            """
        }
        let historyRows = history.reversed().map { e -> HTML in
            "<tr><td>\(e.onDate.iso)</td><td>\(e.label)</td><td>\(e.detail)</td><td>\(e.actor)</td></tr>"
        }
        var actions: [HTML] = ["<a class=\"button secondary\" href=\"/members?org=\(URLText.component(o.code))\">本组织会员</a>",
                               "<a class=\"button secondary\" href=\"/?org=\(URLText.component(o.code))\">工作台</a>",
                               "<a class=\"button secondary\" href=\"/stats/\(URLText.component(o.code))\">统计年报</a>"]
        if actor.role.mayEditRegistry && o.status == .active {
            actions.append("<a class=\"button secondary\" href=\"/orgs/\(URLText.component(o.code))/edit\">修改信息</a>")
            if o.parentID != nil {
                for a in OrgAction.allCases { actions.append("<a class=\"button secondary\" href=\"/orgs/\(URLText.component(o.code))/\(a.rawValue)\">\(a.title)</a>") }
            }
        }
        return """
        <nav class="breadcrumbs" aria-label="组织层级"><ol>\(crumbItems)</ol></nav>
        \(searchForm(""))
        <ul class="kpis">
          <li><span class="n">\(Layout.number(s.members))</span>在会会员（含下级）</li>
          <li><span class="n">\(Layout.number(s.employees))</span>职工人数（已建会单位）</li>
          <li><span class="n">\(Layout.percent(s.membershipRate))</span>入会率</li>
          <li><span class="n">\(Layout.number(s.childCount))</span>直属下级组织</li>
        </ul>
        <div class="actions">\(actions)</div>
        <div class="grid two">
        <section class="card" aria-labelledby="h-fields"><h2 id="h-fields">基本信息</h2>
        <dl class="fields">
        \(row("组织代码", o.code))\(row("组织类型", o.kind.title))\(row("状态", o.status.label + (o.endedOn.map { "（\($0.iso)）" } ?? "")))
        \(row("合并至", o.mergedIntoCode))\(row("统一社会信用代码", o.creditCode))\(row("行政区划代码", o.regionCode))
        \(row("单位性质", o.unitNature?.label))\(row("经济类型", o.economicType))\(row("行业", o.industry))
        \(row("职工人数", String(o.employees)))\(row("女职工人数", String(o.womenEmployees)))\(row("农民工人数", String(o.migrantEmployees)))
        \(row("建会日期", o.foundedOn?.iso))\(row("建会审批", o.approval.label))\(row("工会主席", o.chairName))\(row("主席手机号", o.chairPhoneMasked))
        \(row("专职工会干部", String(o.fullTimeStaff)))
        </dl></section>
        <section class="card" aria-labelledby="h-flags"><h2 id="h-flags">组织建设</h2><ul class="plain">\(flagItems)</ul></section>
        </div>
        <section aria-labelledby="h-children"><h2 id="h-children">下级组织</h2>
        \([.province, .city].contains(o.kind) ? HTML("<p class=\"muted\">下级组织的人数每分钟更新一次。</p>") : .empty)
        <p>\(showEnded ? HTML("<a href=\"/orgs/\(URLText.component(o.code))\">只看正常的组织</a>") : HTML("<a href=\"/orgs/\(URLText.component(o.code))?ended=1\">包括已合并、已撤销的组织</a>"))</p>
        \(children.isEmpty ? HTML("<p>没有下级组织。</p>") : """
        <div class="table-wrap"><table><thead><tr><th scope="col">名称</th><th scope="col">类型</th><th scope="col" class="num">下级组织</th><th scope="col" class="num">在会会员</th><th scope="col" class="num">职工人数</th><th scope="col" class="num">入会率</th></tr></thead>
        <tbody>\(kidRows)</tbody></table></div>
        \(Layout.pager(base: "/orgs/\(URLText.component(o.code))", query: [("ended", showEnded ? "1" : nil)], offset: offset, limit: 100, total: s.childCount > 0 && !showEnded ? s.childCount : nil, shown: children.count))
        """)
        </section>
        <section aria-labelledby="h-history"><h2 id="h-history">沿革</h2>
        \(history.isEmpty ? HTML("<p>没有记录。</p>") : "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">日期</th><th scope=\"col\">事项</th><th scope=\"col\">说明</th><th scope=\"col\">经办</th></tr></thead><tbody>\(historyRows)</tbody></table></div>")
        </section>
        """
    }

    func editForm(_ org: Organization, values v: OrgForm, errors: FieldErrors, csrf: String?) -> HTML {
        let kinds = OrgKind.allCases.map { ($0.rawValue, $0.title) }
        let natures = [("", "（未填）")] + UnitNature.allCases.map { ($0.rawValue, "\($0.rawValue) \($0.label)") }
        let approvals = FoundingApproval.allCases.map { ($0.rawValue, $0.label) }
        return """
        \(Layout.formErrors(errors))
        <form method="post" action="/orgs/\(URLText.component(org.code))/edit" class="card">
        \(Layout.csrfField(csrf))
        <input type="hidden" name="version" value="\(String(org.version))">
        <fieldset><legend>基本信息</legend>
        \(Layout.field("组织名称", name: "name", value: v.name, error: errors["name"], required: true))
        \(Layout.select("组织类型", name: "kind", options: kinds, selected: v.kind, error: errors["kind"]))
        \(Layout.field("统一社会信用代码", name: "credit_code", value: v.creditCode, error: errors["credit_code"]))
        \(Layout.field("行政区划代码", name: "region_code", value: v.regionCode, error: errors["region_code"]))
        \(Layout.select("单位性质", name: "unit_nature", options: natures, selected: v.unitNature, error: errors["unit_nature"]))
        \(Layout.field("经济类型", name: "economic_type", value: v.economicType, error: errors["economic_type"]))
        \(Layout.field("行业", name: "industry", value: v.industry, error: errors["industry"]))
        \(Layout.field("建会日期", name: "founded_on", value: v.foundedOn, type: "date", error: errors["founded_on"]))
        \(Layout.select("建会审批", name: "approval", options: approvals, selected: v.approval, error: errors["approval"]))
        </fieldset>
        <fieldset><legend>人数</legend>
        \(Layout.field("职工人数", name: "employees", value: v.employees, type: "number", error: errors["employees"], attributes: " min=\"0\""))
        \(Layout.field("女职工人数", name: "women_employees", value: v.womenEmployees, type: "number", error: errors["women_employees"], attributes: " min=\"0\""))
        \(Layout.field("农民工人数", name: "migrant_employees", value: v.migrantEmployees, type: "number", error: errors["migrant_employees"], attributes: " min=\"0\""))
        \(Layout.field("专职工会干部人数", name: "full_time_staff", value: v.fullTimeStaff, type: "number", error: errors["full_time_staff"], attributes: " min=\"0\""))
        </fieldset>
        <fieldset><legend>工会主席</legend>
        \(Layout.field("主席姓名", name: "chair_name", value: v.chairName, error: errors["chair_name"]))
        \(Layout.field("主席手机号", name: "chair_phone", value: v.chairPhone, type: "tel", error: errors["chair_phone"], hint: "现为 \(org.chairPhoneMasked ?? "未登记")；留空则保持不变"))
        </fieldset>
        <fieldset><legend>组织建设</legend>
        \(Layout.checkbox("女职工委员会", name: "women_committee", checked: v.flags.womenCommittee))
        \(Layout.checkbox("经费审查委员会", name: "funds_audit_committee", checked: v.flags.fundsAuditCommittee))
        \(Layout.checkbox("职工代表大会制度", name: "workers_congress", checked: v.flags.workersCongress))
        \(Layout.checkbox("厂务公开", name: "factory_affairs_openness", checked: v.flags.factoryAffairsOpenness))
        \(Layout.checkbox("劳动保护监督检查委员会", name: "labor_protection_committee", checked: v.flags.laborProtectionCommittee))
        \(Layout.checkbox("劳动争议调解委员会", name: "mediation_committee", checked: v.flags.mediationCommittee))
        </fieldset>
        <div class="actions"><button type="submit">\(UI.save)</button><a href="/orgs/\(URLText.component(org.code))">\(UI.cancel)</a></div>
        </form>
        """
    }

    func actionForm(_ action: OrgAction, org: Organization, target: String, date: String, reason: String, errors: FieldErrors, csrf: String?) -> HTML {
        let intro: HTML
        let fields: HTML
        switch action {
        case .move:
            intro = "<p>把 \(org.name) 连同其全部下级组织和会员调整到另一个上级组织之下。当前上级组织代码：\(org.parentCode ?? UI.none)。</p>"
            fields = Layout.field("新的上级组织代码", name: "parent_code", value: target, error: errors["parent_code"], hint: "可先在“组织”页查找目标组织的代码", required: true)
        case .merge:
            intro = "<p>把 \(org.name) 并入另一个同类组织：其会员和下级组织全部转入目标组织，本组织标记为“已合并”，历史记录全部保留。</p>"
            fields = Layout.field("并入的组织代码", name: "into_code", value: target, error: errors["into_code"], required: true)
        case .dissolve:
            intro = "<p>撤销 \(org.name)。组织内还有会员或下级组织时不能撤销，请先办理会籍转接或调整下级组织。</p>"
            fields = Layout.textarea("撤销原因", name: "reason", value: reason, error: errors["reason"])
        }
        return """
        \(Layout.formErrors(errors))
        \(intro)
        <form method="post" action="/orgs/\(URLText.component(org.code))/\(action.rawValue)" class="card">
        \(Layout.csrfField(csrf))
        \(fields)
        \(Layout.field("生效日期", name: "date", value: date, type: "date", error: errors["date"], required: true))
        <div class="actions"><button type="submit">\(UI.next)</button><a href="/orgs/\(URLText.component(org.code))">\(UI.cancel)</a></div>
        </form>
        """
    }

    func confirmPage(_ action: OrgAction, summary s: OrgSummary, target: OrgSummary?, date: CivilDate, reason: String, csrf: String?) -> HTML {
        let what: HTML
        switch action {
        case .move: what = "<p>将 <strong>\(s.org.name)</strong>（\(s.org.code)）及其 \(Layout.number(s.childCount)) 个直属下级组织、\(Layout.number(s.members)) 名在会会员，调整到 <strong>\(target?.org.name ?? "")</strong>（\(target?.org.code ?? "")）之下。</p>"
        case .merge: what = "<p>将 <strong>\(s.org.name)</strong>（\(s.org.code)）并入 <strong>\(target?.org.name ?? "")</strong>（\(target?.org.code ?? "")）：转移会员和 \(Layout.number(s.childCount)) 个直属下级组织，本组织标记为“已合并”。</p>"
        case .dissolve: what = "<p>撤销 <strong>\(s.org.name)</strong>（\(s.org.code)）。原因：\(reason.isEmpty ? UI.none : reason)</p>"
        }
        return """
        <div class="notice" role="note">\(what)<p>生效日期：\(date.iso)。此操作会记入组织沿革和审计日志。</p></div>
        <form method="post" action="/orgs/\(URLText.component(s.org.code))/\(action.rawValue)" class="actions">
        \(Layout.csrfField(csrf))
        <input type="hidden" name="step" value="confirmed">
        <input type="hidden" name="\(action.targetField)" value="\(target?.org.code ?? "")">
        <input type="hidden" name="date" value="\(date.iso)">
        <input type="hidden" name="reason" value="\(reason)">
        <button type="submit" class="\(action == .dissolve ? "danger" : "")">确认\(action.title)</button>
        <a href="/orgs/\(URLText.component(s.org.code))">\(UI.cancel)</a>
        </form>
        """
    }
}

/// The org edit form's values as typed, so they can be shown again beside their errors.
struct OrgForm {
    static let fieldNames: Set<String> = ["name", "kind", "credit_code", "region_code", "unit_nature", "economic_type", "industry", "employees",
                                          "women_employees", "migrant_employees", "founded_on", "chair_name", "chair_phone", "full_time_staff", "approval", "code", "parent_code"]
    var name = "", kind = "", creditCode = "", regionCode = "", unitNature = "", economicType = "", industry = ""
    var employees = "", womenEmployees = "", migrantEmployees = "", foundedOn = "", chairName = "", chairPhone = "", fullTimeStaff = "", approval = ""
    var flags = OrgFlags()

    init(_ o: Organization) {
        name = o.name; kind = o.kind.rawValue; creditCode = o.creditCode ?? ""; regionCode = o.regionCode ?? ""
        unitNature = o.unitNature?.rawValue ?? ""; economicType = o.economicType ?? ""; industry = o.industry ?? ""
        employees = String(o.employees); womenEmployees = String(o.womenEmployees); migrantEmployees = String(o.migrantEmployees)
        foundedOn = o.foundedOn?.iso ?? ""; chairName = o.chairName ?? ""; fullTimeStaff = String(o.fullTimeStaff)
        approval = o.approval.rawValue; flags = o.flags
    }

    init(_ f: WebForm) {
        name = f["name"]; kind = f["kind"]; creditCode = f["credit_code"]; regionCode = f["region_code"]; unitNature = f["unit_nature"]
        economicType = f["economic_type"]; industry = f["industry"]; employees = f["employees"]; womenEmployees = f["women_employees"]
        migrantEmployees = f["migrant_employees"]; foundedOn = f["founded_on"]; chairName = f["chair_name"]; chairPhone = f["chair_phone"]
        fullTimeStaff = f["full_time_staff"]; approval = f["approval"]
        flags = OrgFlags(womenCommittee: f.has("women_committee"), fundsAuditCommittee: f.has("funds_audit_committee"), workersCongress: f.has("workers_congress"),
                         factoryAffairsOpenness: f.has("factory_affairs_openness"), laborProtectionCommittee: f.has("labor_protection_committee"),
                         mediationCommittee: f.has("mediation_committee"))
    }

    func draft(code: String, parentCode: String?, errors: inout FieldErrors) -> OrganizationDraft? {
        func count(_ field: String, _ text: String) -> Int {
            if text.isEmpty { return 0 }
            guard let n = Int(text), n >= 0 else { errors.add(field, "应为不小于 0 的整数"); return 0 }
            return n
        }
        guard let kind = OrgKind(rawValue: kind) else { errors.add("kind", "请选择组织类型"); return nil }
        var credit: CreditCode?, region: RegionCode?, founded: CivilDate?, phone: PhoneNumber?
        if !creditCode.isEmpty { do { credit = try CreditCode(creditCode) } catch { errors.add("credit_code", error.message) } }
        if !regionCode.isEmpty { do { region = try RegionCode(regionCode) } catch { errors.add("region_code", error.message) } }
        if !foundedOn.isEmpty { do { founded = try CivilDate(parsing: foundedOn) } catch { errors.add("founded_on", error.message) } }
        if !chairPhone.isEmpty { do { phone = try PhoneNumber(chairPhone) } catch { errors.add("chair_phone", error.message) } }
        let nature = unitNature.isEmpty ? nil : UnitNature(rawValue: unitNature)
        if !unitNature.isEmpty && nature == nil { errors.add("unit_nature", "请从列表中选择单位性质") }
        return OrganizationDraft(
            code: code, name: name, parentCode: parentCode, kind: kind, creditCode: credit, regionCode: region, unitNature: nature,
            economicType: economicType.isEmpty ? nil : economicType, industry: industry.isEmpty ? nil : industry,
            employees: count("employees", employees), womenEmployees: count("women_employees", womenEmployees),
            migrantEmployees: count("migrant_employees", migrantEmployees), foundedOn: founded, chairName: chairName.isEmpty ? nil : chairName,
            chairPhone: phone, fullTimeStaff: count("full_time_staff", fullTimeStaff), approval: FoundingApproval(rawValue: approval) ?? .approved, flags: flags)
    }
}
