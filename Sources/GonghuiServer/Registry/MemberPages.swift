import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Members (会员实名制): search inside the subtree, the member page with history and masked
/// identifiers, registration, edits, status changes, transfers and portal activation codes.
/// Full ID numbers and phones only ever travel in POST bodies, never in URLs.
struct MemberPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("members") { request, context in
            let actor = context.actor
            let q = PageQuery(request)
            let name = q.string("name", maxLength: 50), org = q.string("org", maxLength: 64), status = q.string("status", maxLength: 20)
            let offset = q.int("offset", default: 0, range: 0...10_000_000)
            // A province or a city holds hundreds of thousands of members: nobody pages through
            // them, and sorting them all costs a second. Above the county, ask for a name or a union.
            var broad = actor.orgCode == nil
            if let own = actor.orgCode, name.isEmpty && org.isEmpty {
                broad = [.province, .city].contains(try await store.orgs.org(code: own, actor: actor).kind)
            }
            if broad && name.isEmpty && org.isEmpty {
                let body = searchPage(items: [], total: 0, limit: 20, offset: 0, name: name, org: org, status: status, actor: actor, csrf: context.csrf,
                                      lookup: "", lookupError: nil, prompt: "管辖范围内会员较多，请输入姓名（从姓氏开始）或所属组织代码后查询。")
                return Web.page(Layout.page("会员查询", actor: actor, csrf: context.csrf, section: .members, flash: q.string("ok"), body))
            }
            let page = try await store.members.search(name: name, orgCode: org.isEmpty ? nil : org, status: MemberStatus(rawValue: status),
                                                      actor: actor, limit: 20, offset: offset)
            let body = searchPage(items: page.items, total: page.total, limit: page.limit, offset: page.offset, name: name, org: org, status: status, actor: actor, csrf: context.csrf, lookup: "", lookupError: nil)
            return Web.page(Layout.page("会员查询", actor: actor, csrf: context.csrf, section: .members, flash: q.string("ok"), body))
        }
        router.post("members/find") { request, context in
            let actor = context.actor
            let form = try await WebForm.read(request)
            let key = form["key"]
            var error: String?
            var results: [Member] = []
            if let id = try? IDNumber(key) {
                do {
                    let m = try await store.members.lookup(idNumber: id, actor: actor)
                    return Web.redirect("/members/\(m.id)")
                } catch StoreError.notFound { error = "在您的管辖范围内没有证件号为 \(id.masked) 的会员" }
            } else if let phone = try? PhoneNumber(key) {
                results = try await store.members.lookup(phone: phone, actor: actor)
                if results.count == 1 { return Web.redirect("/members/\(results[0].id)") }
                if results.isEmpty { error = "在您的管辖范围内没有手机号为 \(phone.masked) 的会员" }
            } else {
                error = key.isEmpty ? "请输入完整的身份证号或手机号" : "请输入完整的 18 位身份证号或 11 位手机号"
            }
            let body = searchPage(items: results, total: results.count, limit: 50, offset: 0, name: "", org: "", status: "", actor: actor, csrf: context.csrf, lookup: "", lookupError: error)
            return Web.page(Layout.page("会员查询", actor: actor, csrf: context.csrf, section: .members, body), status: error == nil ? .ok : .unprocessableContent)
        }
        router.get("members/new") { request, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权登记会员") }
            var values = MemberForm()
            values.orgCode = PageQuery(request).string("org", maxLength: 64)
            values.joinedOn = CivilDate.today().iso
            return Web.page(Layout.page("登记会员", actor: actor, csrf: context.csrf, section: .members, memberForm(nil, values, FieldErrors(), csrf: context.csrf)))
        }
        router.post("members/new") { request, context in
            let actor = context.actor
            let values = MemberForm(try await WebForm.read(request))
            var errors = FieldErrors()
            if let draft = values.draft(errors: &errors), errors.isEmpty {
                do {
                    let m = try await store.members.register(draft, actor: actor)
                    return Web.redirect("/members/\(m.id)?ok=created")
                } catch let e as StoreError { errors.add(e, fields: MemberForm.fieldNames) }
            }
            return Web.page(Layout.page("登记会员", actor: actor, csrf: context.csrf, section: .members, memberForm(nil, values, errors, csrf: context.csrf)), status: .unprocessableContent)
        }
        router.get("members/:id") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            return try await memberPage(id: id, actor: actor, context: context, flash: PageQuery(request).string("ok"))
        }
        router.post("members/:id/reveal") { _, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let ids = try await store.members.identifiers(id: id, actor: actor)
            return try await memberPage(id: id, actor: actor, context: context, revealed: ids)
        }
        router.post("members/:id/activation") { _, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let code = try await store.portal.issueActivationCode(memberID: id, actor: actor)
            return try await memberPage(id: id, actor: actor, context: context, activation: code)
        }
        router.get("members/:id/edit") { _, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权修改会员信息") }
            let m = try await store.members.member(id: try context.pathInt("id"), actor: actor)
            return Web.page(Layout.page("修改会员信息：\(m.name)", actor: actor, csrf: context.csrf, section: .members, memberForm(m, MemberForm(m), FieldErrors(), csrf: context.csrf)))
        }
        router.post("members/:id/edit") { request, context in
            let actor = context.actor
            let m = try await store.members.member(id: try context.pathInt("id"), actor: actor)
            let form = try await WebForm.read(request)
            let values = MemberForm(form)
            var errors = FieldErrors()
            let patch = values.patch(errors: &errors)
            if errors.isEmpty {
                do {
                    _ = try await store.members.update(id: m.id, patch: patch, expectedVersion: Int(form["version"]), actor: actor)
                    return Web.redirect("/members/\(m.id)?ok=saved")
                } catch let e as StoreError { errors.add(e, fields: MemberForm.fieldNames) }
            }
            return Web.page(Layout.page("修改会员信息：\(m.name)", actor: actor, csrf: context.csrf, section: .members, memberForm(m, values, errors, csrf: context.csrf)),
                            status: .unprocessableContent)
        }
        router.get("members/:id/status") { _, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权变更会员状态") }
            let m = try await store.members.member(id: try context.pathInt("id"), actor: actor)
            return Web.page(Layout.page("变更会员状态：\(m.name)", actor: actor, csrf: context.csrf, section: .members,
                                        statusForm(m, status: "", date: CivilDate.today().iso, reason: "", errors: FieldErrors(), csrf: context.csrf)))
        }
        router.post("members/:id/status") { request, context in
            let actor = context.actor
            let m = try await store.members.member(id: try context.pathInt("id"), actor: actor)
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let status = MemberStatus(rawValue: form["status"])
            if status == nil { errors.add("status", "请选择新的状态") }
            let date = errors.date("date", form["date"]) ?? .today()
            if let status, errors.isEmpty {
                do {
                    _ = try await store.members.changeStatus(id: m.id, to: status, on: date, reason: String(form["reason"].prefix(500)), actor: actor)
                    return Web.redirect("/members/\(m.id)?ok=status")
                } catch let e as StoreError { errors.add(e, fields: ["status", "date", "reason"]) }
            }
            return Web.page(Layout.page("变更会员状态：\(m.name)", actor: actor, csrf: context.csrf, section: .members,
                                        statusForm(m, status: form["status"], date: form["date"], reason: form["reason"], errors: errors, csrf: context.csrf)),
                            status: .unprocessableContent)
        }
        router.get("members/:id/transfer") { _, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权发起会籍转接") }
            let m = try await store.members.member(id: try context.pathInt("id"), actor: actor)
            return Web.page(Layout.page("发起会籍转接：\(m.name)", actor: actor, csrf: context.csrf, section: .members,
                                        transferForm(m, to: "", date: CivilDate.today().iso, reason: "", errors: FieldErrors(), csrf: context.csrf)))
        }
        router.post("members/:id/transfer") { request, context in
            let actor = context.actor
            let m = try await store.members.member(id: try context.pathInt("id"), actor: actor)
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let to = form["to_org_code"]
            if to.isEmpty { errors.add("to_org_code", "请填写转入工会的组织代码") }
            let date = errors.date("date", form["date"]) ?? .today()
            if errors.isEmpty {
                do {
                    _ = try await store.members.requestTransfer(memberID: m.id, toOrgCode: to, on: date, reason: String(form["reason"].prefix(500)), actor: actor)
                    return Web.redirect("/members/\(m.id)?ok=transfer")
                } catch let e as StoreError {
                    // The store names the target "to_org_code" for some rules and reports others as "not found".
                    if case .notFound = e { errors.add("to_org_code", e.message) } else { errors.add(e, fields: ["to_org_code", "date", "reason"]) }
                }
            }
            return Web.page(Layout.page("发起会籍转接：\(m.name)", actor: actor, csrf: context.csrf, section: .members,
                                        transferForm(m, to: to, date: form["date"], reason: form["reason"], errors: errors, csrf: context.csrf)),
                            status: .unprocessableContent)
        }
    }

    static func statusTag(_ s: MemberStatus) -> HTML {
        let cls = s == .active ? "ok" : s == .retained || s == .transferredOut ? "warn" : "bad"
        return "<span class=\"tag \(cls)\">\(s.label)</span>"
    }

    func searchPage(items: [Member], total: Int, limit: Int, offset: Int, name: String, org: String, status: String, actor: Actor, csrf: String?, lookup: String, lookupError: String?, prompt: String? = nil) -> HTML {
        let statuses = [("", "全部状态")] + MemberStatus.allCases.map { ($0.rawValue, $0.label) }
        let rows = items.map { m -> HTML in
            """
            <tr><td data-label="姓名"><a href="/members/\(String(m.id))">\(m.name)</a></td><td data-label="身份证号">\(m.idNumberMasked)</td><td data-label="手机号">\(m.phoneMasked ?? UI.none)</td>
            <td data-label="所属工会"><a href="/orgs/\(URLText.component(m.orgCode))">\(m.orgName)</a></td><td data-label="状态">\(Self.statusTag(m.status))</td><td data-label="入会日期">\(m.joinedOn.iso)</td></tr>
            """
        }
        let add: HTML = actor.role.mayEditRegistry ? "<p><a class=\"button\" href=\"\(URLText.with("/members/new", [("org", org)]))\">登记新会员</a></p>" : .empty
        return """
        \(add)
        <form method="get" action="/members" class="search card" role="search">
        \(Layout.field("姓名（从姓氏开始输入）", name: "name", value: name, type: "search"))
        \(Layout.field("所属组织代码（含下级）", name: "org", value: org))
        \(Layout.select("状态", name: "status", options: statuses, selected: status))
        <button type="submit">\(UI.search)</button>
        </form>
        <form method="post" action="/members/find" class="search card">
        \(Layout.csrfField(csrf))
        \(Layout.field("按完整身份证号或手机号精确查找", name: "key", value: lookup, error: lookupError, hint: "号码随表单提交，不会出现在网址或日志中", autocomplete: "off"))
        <button type="submit">查找</button>
        </form>
        \(items.isEmpty ? HTML("<p>\(prompt ?? "没有符合条件的会员。")</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">姓名</th><th scope="col">身份证号</th><th scope="col">手机号</th><th scope="col">所属工会</th><th scope="col">状态</th><th scope="col">入会日期</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/members", query: [("name", name), ("org", org), ("status", status)], offset: offset, limit: limit, total: total, shown: items.count))
        """)
        """
    }

    func memberPage(id: Int64, actor: Actor, context: OfficerPageContext, flash: String? = nil, revealed: MemberIdentifiers? = nil,
                    activation: ActivationCode? = nil) async throws -> Response {
        async let member = store.members.member(id: id, actor: actor)
        async let history = store.members.history(id: id, actor: actor)
        async let hasAccount = store.portal.hasAccount(memberID: id)
        async let hardship = store.hardship.openArchive(memberID: id, actor: actor)
        let m = try await member
        let events = try await history
        let portal = try await hasAccount
        let openArchive = try await hardship
        func row(_ label: String, _ value: String?) -> HTML { "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? UI.none)</dd>" }
        let idCell: HTML = revealed.map { "<dt>身份证号</dt><dd><strong>\($0.idNumber)</strong> <span class=\"tag warn\">完整号码，本次查看已记入审计日志</span></dd>" }
            ?? row("身份证号", m.idNumberMasked)
        let phoneCell: HTML = revealed.map { "<dt>手机号</dt><dd><strong>\($0.phone ?? UI.none)</strong></dd>" } ?? row("手机号", m.phoneMasked)
        let historyRows = events.reversed().map { e -> HTML in
            "<tr><td>\(e.onDate.iso)</td><td>\(e.kind.label)</td><td>\(e.orgName ?? UI.none)</td><td>\(e.detail)</td><td>\(e.actor)</td></tr>"
        }
        var actions: [HTML] = []
        if actor.role.mayEditRegistry {
            actions.append("<a class=\"button secondary\" href=\"/members/\(String(m.id))/edit\">修改信息</a>")
            actions.append("<a class=\"button secondary\" href=\"/members/\(String(m.id))/status\">变更状态</a>")
            if m.status == .active || m.status == .retained {
                actions.append("<a class=\"button secondary\" href=\"/members/\(String(m.id))/transfer\">发起会籍转接</a>")
            }
        }
        // One archive per household: the open one, or building one for an active member.
        if let open = openArchive {
            actions.append("<a class=\"button secondary\" href=\"/hardship/\(String(open.id))\">困难职工档案 \(open.archiveNo)（\(open.stage.title)）</a>")
        } else if actor.role.mayEditRegistry && (m.status == .active || m.status == .retained) {
            actions.append("<a class=\"button secondary\" href=\"/hardship/new?member=\(String(m.id))\">建立困难职工档案</a>")
        }
        if actor.role.maySeeIdentifiers && revealed == nil {
            actions.append("""
            <form method="post" action="/members/\(String(m.id))/reveal" class="inline">\(Layout.csrfField(context.csrf))<button type="submit" class="secondary">显示完整证件号</button></form>
            """)
        }
        var activationHTML: HTML = .empty
        if let activation {
            activationHTML = """
            <div class="notice" role="status"><p>职工服务平台激活码（请当面或通过可靠渠道告知会员本人，本页关闭后不再显示）：</p>
            <p class="code-box">\(activation.code)</p><p>有效期至 \(Layout.time(activation.expiresAt))。会员凭身份证号、登记的手机号和此激活码在 <strong>/my/activate</strong> 开通账号。</p></div>
            """
        }
        let portalSection: HTML = actor.role.mayEditRegistry ? """
        <section class="card" aria-labelledby="h-portal"><h2 id="h-portal">职工服务平台账号</h2>
        <p>\(portal ? "会员已开通账号。重新生成激活码可让会员重设密码。" : "会员尚未开通账号。")</p>
        <form method="post" action="/members/\(String(m.id))/activation">\(Layout.csrfField(context.csrf))<button type="submit" class="secondary">生成激活码</button></form>
        </section>
        """ : .empty
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/members">会员</a></li><li><a href="/orgs/\(URLText.component(m.orgCode))">\(m.orgName)</a></li><li aria-current="page">\(m.name)</li></ol></nav>
        \(activationHTML)
        <div class="actions">\(actions)</div>
        <div class="grid two">
        <section class="card" aria-labelledby="h-basic"><h2 id="h-basic">基本信息</h2>
        <dl class="fields">
        \(row("姓名", m.name))\(idCell)\(phoneCell)\(row("性别", m.gender.label))\(row("出生日期", m.birthDate.iso))
        \(row("所属工会", m.orgName))\(row("状态", m.status.label + "（自 \(m.statusSince.iso)）"))\(row("入会日期", m.joinedOn.iso))
        \(row("用工形式", m.employmentType.label))\(row("农民工", m.isMigrant ? UI.yes : UI.no))\(row("会员卡号", m.cardNumber))
        \(row("民族", m.ethnicity))\(row("学历", m.education))\(row("技能等级", m.skillLevel))\(row("户籍类型", m.householdType))
        \(row("政治面貌", m.politicalStatus))\(row("工作单位", m.workplace))
        </dl></section>
        \(portalSection)
        </div>
        <section aria-labelledby="h-history"><h2 id="h-history">会籍记录</h2>
        <div class="table-wrap"><table><thead><tr><th scope="col">日期</th><th scope="col">事项</th><th scope="col">工会</th><th scope="col">说明</th><th scope="col">经办</th></tr></thead><tbody>\(historyRows)</tbody></table></div>
        </section>
        """
        return Web.page(Layout.page("会员：\(m.name)", actor: actor, csrf: context.csrf, section: .members, flash: flash, body))
    }

    func memberForm(_ m: Member?, _ v: MemberForm, _ errors: FieldErrors, csrf: String?) -> HTML {
        let types = EmploymentType.allCases.map { ($0.rawValue, $0.label) }
        let action = m.map { "/members/\($0.id)/edit" } ?? "/members/new"
        let identity: HTML = m == nil ? """
        \(Layout.field("身份证号", name: "id_number", value: v.idNumber, error: errors["id_number"], hint: "18 位居民身份证号码，登记后不能修改", required: true, autocomplete: "off"))
        \(Layout.field("所属工会代码", name: "org_code", value: v.orgCode, error: errors["org_code"], hint: "基层工会、联合会、分工会或小组的组织代码", required: true))
        """ : "<p>身份证号 \(m!.idNumberMasked)，所属工会 \(m!.orgName)（调整请办理会籍转接）。</p><input type=\"hidden\" name=\"version\" value=\"\(String(m!.version))\">"
        return """
        \(Layout.formErrors(errors))
        <form method="post" action="\(action)" class="card">
        \(Layout.csrfField(csrf))
        \(identity)
        \(Layout.field("姓名", name: "name", value: v.name, error: errors["name"], required: true))
        \(Layout.field("手机号", name: "phone", value: v.phone, type: "tel", error: errors["phone"], hint: m == nil ? nil : "现为 \(m!.phoneMasked ?? "未登记")；留空则保持不变", autocomplete: "off"))
        \(Layout.field("入会日期", name: "joined_on", value: v.joinedOn, type: "date", error: errors["joined_on"], required: true))
        \(Layout.select("用工形式", name: "employment_type", options: types, selected: v.employmentType, error: errors["employment_type"]))
        \(Layout.checkbox("农民工", name: "is_migrant", checked: v.isMigrant))
        \(Layout.field("民族", name: "ethnicity", value: v.ethnicity, error: errors["ethnicity"]))
        \(Layout.field("学历", name: "education", value: v.education, error: errors["education"]))
        \(Layout.field("技能等级", name: "skill_level", value: v.skillLevel, error: errors["skill_level"]))
        \(Layout.field("户籍类型", name: "household_type", value: v.householdType, error: errors["household_type"]))
        \(Layout.field("政治面貌", name: "political_status", value: v.politicalStatus, error: errors["political_status"]))
        \(Layout.field("工作单位", name: "workplace", value: v.workplace, error: errors["workplace"]))
        \(Layout.field("会员卡号", name: "card_number", value: v.cardNumber, error: errors["card_number"]))
        <div class="actions"><button type="submit">\(UI.save)</button><a href="\(m.map { "/members/\($0.id)" } ?? "/members")">\(UI.cancel)</a></div>
        </form>
        """
    }

    func statusForm(_ m: Member, status: String, date: String, reason: String, errors: FieldErrors, csrf: String?) -> HTML {
        let options = [("", "请选择")] + MemberStatus.allCases.filter { MemberStatusRule.mayChange(from: m.status, to: $0) }.map { ($0.rawValue, $0.label) }
        return """
        \(Layout.formErrors(errors))
        <p>当前状态：\(Self.statusTag(m.status))（自 \(m.statusSince.iso)）</p>
        <form method="post" action="/members/\(String(m.id))/status" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.select("新的状态", name: "status", options: options, selected: status, error: errors["status"]))
        \(Layout.field("变更日期", name: "date", value: date, type: "date", error: errors["date"], required: true))
        \(Layout.textarea("原因", name: "reason", value: reason, error: errors["reason"]))
        <div class="actions"><button type="submit">\(UI.save)</button><a href="/members/\(String(m.id))">\(UI.cancel)</a></div>
        </form>
        """
    }

    func transferForm(_ m: Member, to: String, date: String, reason: String, errors: FieldErrors, csrf: String?) -> HTML {
        """
        \(Layout.formErrors(errors))
        <p>会员 \(m.name) 现属 \(m.orgName)。转接需转出工会和转入工会先后审核同意。</p>
        <form method="post" action="/members/\(String(m.id))/transfer" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.field("转入工会代码", name: "to_org_code", value: to, error: errors["to_org_code"], hint: "全省任一基层工会的组织代码", required: true))
        \(Layout.field("申请日期", name: "date", value: date, type: "date", error: errors["date"], required: true))
        \(Layout.textarea("转接原因", name: "reason", value: reason, error: errors["reason"]))
        <div class="actions"><button type="submit">提交申请</button><a href="/members/\(String(m.id))">\(UI.cancel)</a></div>
        </form>
        """
    }
}

/// The member form's values as typed.
struct MemberForm {
    static let fieldNames: Set<String> = ["id_number", "org_code", "name", "phone", "joined_on", "employment_type", "is_migrant", "ethnicity", "education",
                                          "skill_level", "household_type", "political_status", "workplace", "card_number", "status"]
    var idNumber = "", orgCode = "", name = "", phone = "", joinedOn = "", employmentType = EmploymentType.openEnded.rawValue, isMigrant = false
    var ethnicity = "", education = "", skillLevel = "", householdType = "", politicalStatus = "", workplace = "", cardNumber = ""

    init() {}

    init(_ m: Member) {
        name = m.name; joinedOn = m.joinedOn.iso; employmentType = m.employmentType.rawValue; isMigrant = m.isMigrant
        ethnicity = m.ethnicity ?? ""; education = m.education ?? ""; skillLevel = m.skillLevel ?? ""; householdType = m.householdType ?? ""
        politicalStatus = m.politicalStatus ?? ""; workplace = m.workplace ?? ""; cardNumber = m.cardNumber ?? ""
    }

    init(_ f: WebForm) {
        idNumber = f["id_number"]; orgCode = f["org_code"]; name = f["name"]; phone = f["phone"]; joinedOn = f["joined_on"]
        employmentType = f["employment_type"]; isMigrant = f.has("is_migrant"); ethnicity = f["ethnicity"]; education = f["education"]
        skillLevel = f["skill_level"]; householdType = f["household_type"]; politicalStatus = f["political_status"]; workplace = f["workplace"]
        cardNumber = f["card_number"]
    }

    func optional(_ s: String) -> String? { s.isEmpty ? nil : s }

    func lengths(_ errors: inout FieldErrors) {
        for (field, value, limit) in [("name", name, 50), ("ethnicity", ethnicity, 50), ("education", education, 50), ("skill_level", skillLevel, 50),
                                      ("household_type", householdType, 50), ("political_status", politicalStatus, 50), ("workplace", workplace, 200),
                                      ("card_number", cardNumber, 50)] where value.count > limit {
            errors.add(field, "不能超过 \(limit) 个字")
        }
    }

    func draft(errors: inout FieldErrors) -> MemberDraft? {
        var id: IDNumber?, ph: PhoneNumber?, joined: CivilDate?
        do { id = try IDNumber(idNumber) } catch { errors.add("id_number", idNumber.isEmpty ? "请填写身份证号" : error.message) }
        if !phone.isEmpty { do { ph = try PhoneNumber(phone) } catch { errors.add("phone", error.message) } }
        do { joined = try CivilDate(parsing: joinedOn) } catch { errors.add("joined_on", joinedOn.isEmpty ? "请填写入会日期" : error.message) }
        if name.isEmpty { errors.add("name", "姓名不能为空") }
        if orgCode.isEmpty { errors.add("org_code", "请填写所属工会代码") }
        let type = EmploymentType(rawValue: employmentType)
        if type == nil { errors.add("employment_type", "请选择用工形式") }
        lengths(&errors)
        guard let id, let joined, let type else { return nil }
        return MemberDraft(idNumber: id, name: name, phone: ph, orgCode: orgCode, joinedOn: joined, employmentType: type, isMigrant: isMigrant,
                           ethnicity: optional(ethnicity), education: optional(education), skillLevel: optional(skillLevel),
                           householdType: optional(householdType), politicalStatus: optional(politicalStatus), workplace: optional(workplace),
                           cardNumber: optional(cardNumber))
    }

    func patch(errors: inout FieldErrors) -> MemberPatch {
        var p = MemberPatch()
        if name.isEmpty { errors.add("name", "姓名不能为空") } else { p.name = name }
        if !phone.isEmpty { do { p.phone = .some(try PhoneNumber(phone)) } catch { errors.add("phone", error.message) } }
        do { p.joinedOn = try CivilDate(parsing: joinedOn) } catch { errors.add("joined_on", error.message) }
        if let t = EmploymentType(rawValue: employmentType) { p.employmentType = t } else { errors.add("employment_type", "请选择用工形式") }
        p.isMigrant = isMigrant
        p.ethnicity = .some(optional(ethnicity)); p.education = .some(optional(education)); p.skillLevel = .some(optional(skillLevel))
        p.householdType = .some(optional(householdType)); p.politicalStatus = .some(optional(politicalStatus))
        p.workplace = .some(optional(workplace)); p.cardNumber = .some(optional(cardNumber))
        lengths(&errors)
        return p
    }
}
