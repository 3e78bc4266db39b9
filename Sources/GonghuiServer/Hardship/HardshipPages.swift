import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 帮扶: hardship archives (困难职工档案, 一户一档): the worklist by stage, building and revising
/// an archive, the archive page with its arithmetic, papers, history and workflow steps, and the
/// province's 低保 table. Who may take which step is decided by the store; the pages only offer
/// the buttons that can apply and show the store's answer.
struct HardshipPages {
    let store: Store

    static let pageSize = 30
    /// Family rows shown on a new form; an archive with more members shows one empty row more.
    static let familyRows = 6

    enum Tab: String, CaseIterable {
        case all, building, publicNotice = "public_notice", recheck, approval, filed, due, closed

        var title: String {
            switch self {
            case .all: "全部"
            case .due: "待年度复核"
            default: HardshipArchiveStage(rawValue: rawValue)?.title ?? rawValue
            }
        }
        var stage: HardshipArchiveStage? { HardshipArchiveStage(rawValue: rawValue) }
    }

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("hardship") { request, context in
            let actor = context.actor
            return try await listPage(request, actor: actor, context: context)
        }
        router.get("hardship/lines") { request, context in
            let actor = context.actor
            return try await linesPage(actor: actor, context: context, flash: PageQuery(request).string("ok"))
        }
        router.post("hardship/lines") { request, context in
            let actor = context.actor
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let region = form["region_code"]
            if region.isEmpty { errors.add("region_code", "请填写 6 位行政区划代码") } else {
                do { _ = try RegionCatalog.builtIn.validate(region) } catch { errors.add("region_code", (error as? any UserFacingError)?.message ?? "地区代码不正确") }
            }
            let from = errors.date("effective_from", form["effective_from"])
            let monthly = errors.money("monthly", form["monthly"], missing: "请填写每人每月的金额（元）")
            if let from, let monthly, errors.isEmpty {
                do {
                    try await store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: region, effectiveFrom: from, monthly: monthly), actor: actor)
                    return Web.redirect("/hardship/lines?ok=hs_line")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    errors.add(e, fields: ["region_code", "effective_from", "monthly"])
                }
            }
            let values = ["region_code": region, "effective_from": form["effective_from"], "monthly": form["monthly"]]
            return try await linesPage(actor: actor, context: context, values: values, errors: errors, status: .unprocessableContent)
        }
        router.post("hardship/notice-days") { request, context in
            let actor = context.actor
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            if let days = Int(form["notice_days"]) {
                do {
                    try await store.hardship.setNoticeDays(days, actor: actor)
                    return Web.redirect("/hardship/lines?ok=hs_notice_days")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    errors.add(e, fields: ["notice_days"])
                }
            } else {
                errors.add("notice_days", "请填写 1 至 30 之间的天数")
            }
            return try await linesPage(actor: actor, context: context, values: ["notice_days": form["notice_days"]], errors: errors, status: .unprocessableContent)
        }
        router.get("hardship/new") { request, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权建立困难职工档案") }
            var values = HardshipForm()
            values.appliedOn = CivilDate.today().iso
            var member: Member?
            if let id = Int64(PageQuery(request).string("member", maxLength: 20)), id > 0 {
                let m = try await store.members.member(id: id, actor: actor)
                if let open = try await store.hardship.openArchive(memberID: id, actor: actor) {
                    let body: HTML = """
                    <div class="notice" role="status"><p>\(m.name)（\(m.idNumberMasked)）的家庭已有未销档的困难职工档案 <a href="/hardship/\(String(open.id))">\(open.archiveNo)</a>（\(open.stage.title)）。一户只建一档，请在该档案中修改或办理。</p></div>
                    <p><a href="/members/\(String(m.id))">返回会员页</a></p>
                    """
                    return Web.page(Layout.page("建立困难职工档案", actor: actor, csrf: context.csrf, section: .hardship, body))
                }
                member = m
                values.memberID = String(id)
                values.isMigrant = m.isMigrant
                values.regionCode = (try? await store.orgs.org(code: m.orgCode, actor: actor))?.regionCode ?? ""
            } else {
                values.orgCode = actor.orgCode ?? ""
            }
            return Web.page(Layout.page("建立困难职工档案", actor: actor, csrf: context.csrf, section: .hardship,
                                        archiveForm(nil, member: member, values, FieldErrors(), csrf: context.csrf)))
        }
        router.post("hardship/new") { request, context in
            let actor = context.actor
            let values = HardshipForm(try await WebForm.read(request))
            var errors = FieldErrors()
            var member: Member?
            if let id = Int64(values.memberID), id > 0 {
                member = try await store.members.member(id: id, actor: actor)
            }
            if let parsed = values.parse(errors: &errors, isNew: true), errors.isEmpty, let person = parsed.person, let appliedOn = parsed.appliedOn,
               let account = parsed.bankAccount {
                let draft = HardshipArchiveDraft(person: person, appliedOn: appliedOn, details: parsed.details, bankAccount: account, family: parsed.family,
                                                 categoryOverride: parsed.override, overrideReason: values.overrideReason)
                do {
                    let archive = try await store.hardship.build(draft, actor: actor)
                    return Web.redirect("/hardship/\(archive.id)?ok=hs_built")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    values.file(e, rows: parsed.rows, into: &errors, isMember: member != nil)
                }
            }
            return Web.page(Layout.page("建立困难职工档案", actor: actor, csrf: context.csrf, section: .hardship,
                                        archiveForm(nil, member: member, values, errors, csrf: context.csrf)), status: .unprocessableContent)
        }
        router.get("hardship/:id") { request, context in
            let actor = context.actor
            return try await archivePage(id: try context.pathInt("id"), actor: actor, context: context, flash: PageQuery(request).string("ok"))
        }
        router.get("hardship/:id/edit") { _, context in
            let actor = context.actor
            guard actor.role.mayEditRegistry else { throw WebError.forbidden("当前角色无权修改困难职工档案") }
            let a = try await store.hardship.archive(id: try context.pathInt("id"), actor: actor)
            return Web.page(Layout.page("修改困难职工档案：\(a.name)", actor: actor, csrf: context.csrf, section: .hardship,
                                        archiveForm(a, member: nil, HardshipForm(a), FieldErrors(), csrf: context.csrf)))
        }
        router.post("hardship/:id/edit") { request, context in
            let actor = context.actor
            let a = try await store.hardship.archive(id: try context.pathInt("id"), actor: actor)
            let form = try await WebForm.read(request)
            var values = HardshipForm(form)
            values.appliedOn = a.workflow.appliedOn.iso
            // The hints of the ID numbers on file, for the rows still naming the same person.
            for i in values.family.indices {
                values.family[i].maskedOnFile = a.family.first(where: { $0.name == values.family[i].name })?.idNumberMasked
            }
            var errors = FieldErrors()
            if let parsed = values.parse(errors: &errors, isNew: false), errors.isEmpty {
                let revision = HardshipRevision(details: parsed.details, bankAccount: parsed.bankAccount, family: parsed.family,
                                                categoryOverride: parsed.override, overrideReason: values.overrideReason, expectedVersion: Int(form["version"]))
                do {
                    _ = try await store.hardship.revise(id: a.id, revision, actor: actor)
                    return Web.redirect("/hardship/\(a.id)?ok=saved")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    values.file(e, rows: parsed.rows, into: &errors, isMember: true)
                    if case .staleVersion = e {
                        return Web.page(Layout.page("修改困难职工档案：\(a.name)", actor: actor, csrf: context.csrf, section: .hardship,
                                                    archiveForm(a, member: nil, values, errors, csrf: context.csrf)), status: .conflict)
                    }
                }
            }
            return Web.page(Layout.page("修改困难职工档案：\(a.name)", actor: actor, csrf: context.csrf, section: .hardship,
                                        archiveForm(a, member: nil, values, errors, csrf: context.csrf)), status: .unprocessableContent)
        }
        router.post("hardship/:id/act") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            let step = form["action"]
            let action: HardshipArchiveAction
            switch step {
            case "submit": action = .submitForNotice
            case "end_notice": action = .endNotice
            case "recheck": action = .passRecheck
            case "approve": action = .approve
            case "send_back": action = .sendBack(reason: String(form["reason"].prefix(500)))
            case "reverify": action = .reverify
            case "close":
                guard let reason = HardshipClosingReason(rawValue: form["closing_reason"]) else {
                    return try await archivePage(id: id, actor: actor, context: context, problem: ActionProblem(action: step, field: "closing_reason", message: "请选择销档原因"),
                                                 status: .unprocessableContent)
                }
                action = .close(reason, note: String(form["note"].prefix(500)))
            default:
                throw WebError.badRequest("未知的办理步骤")
            }
            do {
                _ = try await store.hardship.act(id: id, action, expectedVersion: Int(form["version"]), actor: actor)
                return Web.redirect("/hardship/\(id)?ok=hs_\(step)")
            } catch let e as StoreError {
                let status: HTTPResponse.Status
                var problem = ActionProblem(action: step, field: nil, message: e.message)
                switch e {
                case .notFound: throw e
                case .forbidden: status = .forbidden
                case .staleVersion:
                    status = .conflict
                    problem.message = "档案已被他人办理或修改（\(e.message)）。请查看最新情况后再操作。"
                case .conflict(let code, let message, _):
                    status = .unprocessableContent
                    if code == "reason_required" {
                        problem.field = step == "close" ? "note" : "reason"
                        problem.message = step == "close" ? "以“精准识别退出”销档时必须说明情况" : "退回时必须填写退回原因"
                    } else { problem.message = message }
                case .invalid(let ps):
                    status = .unprocessableContent
                    problem.message = ps.map(\.reason).joined(separator: "；")
                default: throw e
                }
                return try await archivePage(id: id, actor: actor, context: context, problem: problem, status: status)
            }
        }
        router.post("hardship/:id/attachments") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            var message: String?
            if let kind = HardshipAttachmentKind(rawValue: form["kind"]) {
                if let file = form.files["file"], !file.data.isEmpty {
                    do {
                        _ = try await store.hardship.addAttachment(archiveID: id, kind: kind, filename: file.fileName, data: [UInt8](file.data), actor: actor)
                        return Web.redirect("/hardship/\(id)?ok=hs_uploaded#h-papers")
                    } catch let e as StoreError {
                        if case .notFound = e { throw e }
                        if case .invalid(let ps) = e { message = ps.map(\.reason).joined(separator: "；") } else { message = e.message }
                    }
                } else {
                    message = "请选择要上传的文件（PDF、JPEG 或 PNG，不超过 10 MB）"
                }
            } else {
                message = "请选择材料类别"
            }
            return try await archivePage(id: id, actor: actor, context: context, problem: ActionProblem(action: "upload", field: "file", message: message ?? ""),
                                         status: .unprocessableContent)
        }
        router.get("hardship/:id/attachments/:aid") { _, context in
            let actor = context.actor
            let (meta, bytes) = try await store.hardship.attachmentData(archiveID: try context.pathInt("id"), attachmentID: try context.pathInt("aid"), actor: actor)
            return Web.download(Data(bytes), fileName: meta.filename, contentType: meta.contentType)
        }
    }

    // MARK: The worklist

    func listPage(_ request: Request, actor: Actor, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let tab = Tab(rawValue: q.string("tab", maxLength: 20)) ?? .all
        let name = q.string("name", maxLength: 50), org = q.string("org", maxLength: 64)
        let category = q.string("category", maxLength: 20), cause = q.string("cause", maxLength: 4)
        let overdue = q.string("overdue", maxLength: 2) == "1"
        let offset = q.int("offset", default: 0, range: 0...1_000_000)
        let today = CivilDate.today()
        var filter = HardshipFilter()
        filter.today = today
        filter.name = name.isEmpty ? nil : name
        filter.orgCode = org.isEmpty ? nil : org
        filter.category = HardshipCategory(rawValue: category)
        filter.cause = Int(cause).flatMap(HardshipCause.init(rawValue:))
        filter.overdueOnly = overdue
        if let stage = tab.stage { filter.stages = [stage] }
        if tab == .due { filter.dueForReverification = true }
        var orgError: String?
        var found: HardshipPage?
        do {
            found = try await store.hardship.list(filter, actor: actor, limit: Self.pageSize, offset: offset)
        } catch StoreError.notFound {
            orgError = "组织代码 \(org) 不存在或不在您的管辖范围内"
        }
        let items = found?.items ?? [], total = found?.total ?? 0
        let counts = try await store.hardship.stageCounts(actor: actor, today: today)
        var dueFilter = HardshipFilter()
        dueFilter.today = today
        dueFilter.dueForReverification = true
        let dueCount = try await store.hardship.list(dueFilter, actor: actor, limit: 1).total

        let query: [(String, String?)] = [("name", name), ("org", org), ("category", category), ("cause", cause), ("overdue", overdue ? "1" : nil)]
        let tabs = Tab.allCases.map { t -> HTML in
            let n: Int
            var late = 0
            switch t {
            case .all: n = counts.values.reduce(0) { $0 + $1.total }
            case .due: n = dueCount
            default:
                n = t.stage.flatMap { counts[$0]?.total } ?? 0
                late = t.stage.flatMap { counts[$0]?.overdue } ?? 0
            }
            let href = URLText.with("/hardship", [("tab", t == .all ? nil : t.rawValue)] + query)
            let lateHTML: HTML = late > 0 ? "<span class=\"late-count\">（逾期 \(late)）</span>" : .empty
            let label: HTML = "\(t.title) <span class=\"count\">\(Layout.number(n))</span>\(lateHTML)"
            return t == tab ? "<li><a href=\"\(href)\" aria-current=\"page\">\(label)</a></li>" : "<li><a href=\"\(href)\">\(label)</a></li>"
        }
        let categories = [("", "全部类别")] + HardshipCategory.allCases.map { ($0.rawValue, $0.title) }
        let causes = [("", "全部原因")] + HardshipCause.allCases.map { (String($0.rawValue), $0.title) }
        let rows = items.map { s -> HTML in
            let late = s.isOverdue(on: today)
            let overridden: HTML = s.categoryOverridden ? " <span class=\"tag warn\">人工认定</span>" : .empty
            return """
            <tr\(late ? HTML(raw: " class=\"row-late\"") : .empty)><td data-label="档案编号"><a href="/hardship/\(String(s.id))">\(s.archiveNo)</a></td>
            <td data-label="姓名">\(s.name)</td><td data-label="证件号">\(s.idNumberMasked)</td>
            <td data-label="所属工会"><a href="/orgs/\(URLText.component(s.orgCode))">\(s.orgName)</a></td>
            <td data-label="类别">\(s.category?.title ?? "不符合")\(overridden)</td><td data-label="主要致困原因">\(s.mainCause.title)</td>
            <td data-label="阶段">\(Self.stageTag(s.stage))\(s.returnReason != nil && s.stage == .building ? HTML(" <span class=\"tag bad\">被退回</span>") : .empty)</td>
            <td data-label="期限">\(Self.due(s.stage, dueOn: s.dueOn, late: late, today: today))</td></tr>
            """
        }
        let add: HTML = actor.role.mayEditRegistry ? "<a class=\"button\" href=\"/hardship/new\">新建档案</a>" : .empty
        let body: HTML = """
        <div class="actions">\(add)<a class="button secondary" href="/hardship/lines">低保标准</a></div>
        <ul class="tabs">\(tabs)</ul>
        <form method="get" action="/hardship" class="search card" role="search">
        \(tab == .all ? HTML.empty : "<input type=\"hidden\" name=\"tab\" value=\"\(tab.rawValue)\">")
        \(Layout.field("姓名（从姓氏开始输入）", name: "name", value: name, type: "search"))
        \(Layout.field("所属组织代码（含下级）", name: "org", value: org, error: orgError))
        \(Layout.select("类别", name: "category", options: categories, selected: category))
        \(Layout.select("致困原因（主要或次要）", name: "cause", options: causes, selected: cause))
        \(Layout.checkbox("只看已逾期", name: "overdue", checked: overdue))
        <button type="submit">\(UI.search)</button>
        </form>
        <p class="muted">建档须在申请后 \(String(HardshipWorkflow.buildingDays)) 天内完成；在档档案每年至少复核一次。逾期的档案以红色标出并注明“已逾期”。</p>
        \(items.isEmpty ? HTML("<p>没有符合条件的困难职工档案。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">档案编号</th><th scope="col">姓名</th><th scope="col">证件号</th><th scope="col">所属工会</th><th scope="col">类别</th><th scope="col">主要致困原因</th><th scope="col">阶段</th><th scope="col">期限</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/hardship", query: [("tab", tab == .all ? nil : tab.rawValue)] + query, offset: offset, limit: Self.pageSize, total: total, shown: items.count))
        """)
        """
        return Web.page(Layout.page("困难职工档案", actor: actor, csrf: context.csrf, section: .hardship, flash: q.string("ok"), body),
                        status: orgError == nil ? .ok : .unprocessableContent)
    }

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
        if stage == .publicNotice { return "公示至 \(dueOn.iso)" }
        let what = stage == .filed ? "年度复核" : "建档"
        if late {
            return "<span class=\"late\">\(what) \(dueOn.iso)<br><strong>已逾期 \(String(dueOn.days(until: today))) 天</strong></span>"
        }
        let left = today.days(until: dueOn)
        let soon: HTML = stage == .filed && left <= 30 ? "<br><span class=\"tag warn\">\(String(left)) 天后到期</span>" : .empty
        return "\(what) \(dueOn.iso)\(soon)"
    }

    // MARK: The archive page

    struct ActionProblem {
        var action: String
        var field: String?
        var message: String
    }

    static func eventTitle(_ kind: String) -> String {
        switch kind {
        case "built": "申请建档"
        case "revised": "修改档案"
        case "recategorized": "调整类别"
        case "notice_started": "提交公示"
        case "notice_ended": "结束公示"
        case "rechecked": "上级复核通过"
        case "approved": "审批建档"
        case "sent_back": "退回"
        case "reverified": "年度复核"
        case "closed": "销档"
        case "attachment": "上传材料"
        default: kind
        }
    }

    func archivePage(id: Int64, actor: Actor, context: OfficerPageContext, flash: String? = nil, problem: ActionProblem? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        async let archive = store.hardship.archive(id: id, actor: actor)
        async let history = store.hardship.history(id: id, actor: actor)
        async let papers = store.hardship.attachments(archiveID: id, actor: actor)
        let a = try await archive
        let events = try await history
        let files = try await papers
        let today = CivilDate.today()
        let csrf = context.csrf
        // The actor's level decides whether the center's steps are offered; the store decides.
        var isCenter = actor.isSystem
        if !isCenter, let code = actor.orgCode, let kind = (try? await store.orgs.org(code: code, actor: actor))?.kind {
            isCenter = kind == .province || kind == .city || kind == .county
        }
        let d = a.details, w = a.workflow
        func row(_ label: String, _ value: String?) -> HTML { "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? UI.none)</dd>" }
        func yesNo(_ b: Bool) -> String { b ? UI.yes : UI.no }

        // Workflow steps.
        let mayEdit = actor.role.mayEditRegistry, mayReview = actor.role.mayDecideTransfers
        let isUpper = actor.isSystem || actor.orgCode != a.orgCode
        func problemFor(_ action: String, field: String) -> String? {
            guard let problem, problem.action == action, problem.field == field else { return nil }
            return problem.message
        }
        func simple(_ action: String, _ label: String, secondary: Bool = false, hint: String? = nil) -> HTML {
            """
            <form method="post" action="/hardship/\(String(a.id))/act" class="step">\(Layout.csrfField(csrf))<input type="hidden" name="version" value="\(String(a.version))">
            <button type="submit" name="action" value="\(action)"\(secondary ? HTML(raw: " class=\"secondary\"") : .empty)>\(label)</button>\(hint.map { "<span class=\"muted\">\($0)</span>" } ?? .empty)</form>
            """
        }
        func sendBack() -> HTML {
            let err = problemFor("send_back", field: "reason")
            return """
            <form method="post" action="/hardship/\(String(a.id))/act" class="step card">\(Layout.csrfField(csrf))<input type="hidden" name="version" value="\(String(a.version))">
            \(Layout.field("退回原因", name: "reason", error: err, hint: "退回建档工会重新入户核实、修改，原因会显示给建档工会", attributes: " maxlength=\"500\""))
            <button type="submit" name="action" value="send_back" class="danger">退回</button></form>
            """
        }
        func close() -> HTML {
            let reasons = [("", "请选择")] + HardshipClosingReason.allCases.map { ($0.rawValue, $0.title) }
            // Tucked away (a disclosure works without scripts) unless it is being filled in.
            let open = problem?.action == "close"
            return """
            <details class="step card"\(open ? HTML(raw: " open") : .empty)><summary>销档</summary>
            <form method="post" action="/hardship/\(String(a.id))/act">\(Layout.csrfField(csrf))<input type="hidden" name="version" value="\(String(a.version))">
            \(Layout.select("销档原因", name: "closing_reason", options: reasons, selected: "", error: problemFor("close", field: "closing_reason")))
            \(Layout.field("说明", name: "note", error: problemFor("close", field: "note"), hint: "以“精准识别退出”销档时必须说明情况", attributes: " maxlength=\"500\""))
            <button type="submit" name="action" value="close" class="danger">确认销档</button></form></details>
            """
        }
        var steps: [HTML] = []
        var waitingFor = ""
        switch w.stage {
        case .building:
            waitingFor = "建档工会入户核实、填写档案后提交公示"
            if mayEdit {
                steps.append(simple("submit", "提交公示", hint: "公示 \(w.noticeDays) 天"))
                steps.append("<a class=\"button secondary\" href=\"/hardship/\(String(a.id))/edit\">修改</a>")
                steps.append(close())
            }
        case .publicNotice:
            waitingFor = "公示期满后由建档工会结束公示，报上级工会复核；公示期间异议成立的，由建档工会退回重新核实"
            if mayEdit {
                steps.append(simple("end_notice", "结束公示", hint: w.dueOn.map { "公示期至 \($0.iso)" }))
                steps.append(sendBack())
            }
        case .recheck:
            waitingFor = "建档工会的上级工会复核"
            if mayReview && isUpper {
                steps.append(simple("recheck", "复核通过"))
                steps.append(sendBack())
            }
        case .approval:
            waitingFor = "县级以上工会帮扶中心审批"
            if mayReview && isCenter {
                steps.append(simple("approve", "审批建档"))
                steps.append(sendBack())
            }
        case .filed:
            waitingFor = "建档工会每年至少复核一次；家庭情况变化时修改档案，类别随之调整"
            if mayEdit {
                steps.append(simple("reverify", "年度复核", hint: w.dueOn.map { "复核期限 \($0.iso)" }))
                steps.append("<a class=\"button secondary\" href=\"/hardship/\(String(a.id))/edit\">修改</a>")
            }
            if mayReview && isCenter { steps.append(close()) }
        case .closed:
            waitingFor = "档案已销档，不再办理"
        }
        let generalProblem: HTML = problem.map { p -> HTML in
            p.field == nil ? "<div class=\"alert\" role=\"alert\"><p>\(p.message)</p></div>" : "<div class=\"alert\" role=\"alert\"><p>\(UI.formHasErrors)</p></div>"
        } ?? .empty
        let returned: HTML = (w.stage == .building ? w.returnReason : nil).map { reason -> HTML in
            """
            <div class="alert returned" role="alert"><h2>档案被退回</h2><p><strong>退回原因：</strong>\(reason)</p><p>请按意见重新入户核实、修改后再次提交公示。</p></div>
            """
        } ?? .empty
        let late: HTML = w.isOverdue(on: today) ? (w.dueOn.map { due -> HTML in
            "<p class=\"late\" role=\"status\"><strong>已逾期 \(String(due.days(until: today))) 天</strong>：\(w.stage == .filed ? "年度复核" : "建档")期限为 \(due.iso)。</p>"
        } ?? .empty) : .empty

        // Category and its arithmetic.
        let steps_: [HTML] = a.assessment.steps.map { "<li>\($0)</li>" }
        func regionName(_ code: String) -> String {
            guard let name = (try? RegionCode(code)).flatMap({ RegionCatalog.builtIn.fullName(of: $0) }) else { return "" }
            return "（" + name + "）"
        }
        let lineName = regionName(a.line.regionCode), familyRegion = d.regionCode + regionName(d.regionCode)
        let overrideHTML: HTML = a.overrideReason.map { reason -> HTML in
            """
            <p><span class="tag warn">人工认定</span> 认定为<strong>\(a.category?.title ?? "")</strong>，计算结果为\(a.computedCategory?.title ?? "不符合认定条件")。理由：\(reason)</p>
            """
        } ?? .empty
        let familyRows = a.family.map { f -> HTML in
            """
            <tr><td data-label="姓名">\(f.name)</td><td data-label="与本人关系">\(f.relation)</td><td data-label="身份证号">\(f.idNumberMasked ?? UI.none)</td>
            <td data-label="健康状况">\(f.health)</td><td data-label="月收入（元）" class="num">\(f.monthlyIncome.yuanString)</td><td data-label="就学或就业">\(f.schoolOrWork.isEmpty ? UI.none : f.schoolOrWork)</td></tr>
            """
        }
        let paperRows = files.map { p -> HTML in
            """
            <tr><td data-label="类别">\(p.kind.title)</td><td data-label="文件"><a href="/hardship/\(String(a.id))/attachments/\(String(p.id))" download>\(p.filename)</a></td>
            <td data-label="大小" class="num">\(Self.size(p.size))</td><td data-label="上传">\(p.uploadedBy)，\(Layout.time(p.uploadedAt))</td></tr>
            """
        }
        let uploadError = problemFor("upload", field: "file")
        let upload: HTML = mayEdit && w.stage != .closed ? """
        <form method="post" action="/hardship/\(String(a.id))/attachments" enctype="multipart/form-data" class="card">
        \(Layout.csrfField(csrf))
        \(Layout.select("材料类别", name: "kind", options: HardshipAttachmentKind.allCases.map { ($0.rawValue, $0.title) }, selected: HardshipAttachmentKind.application.rawValue))
        \(Layout.field("文件", name: "file", type: "file", error: uploadError, hint: "PDF、JPEG 或 PNG，不超过 10 MB；签字的申请书、授权委托书请扫描后上传", attributes: " accept=\"application/pdf,image/jpeg,image/png\""))
        <button type="submit" class="secondary">上传</button>
        </form>
        """ : .empty
        let timeline = events.map { e -> HTML in
            let cls = e.kind == "sent_back" ? "sent-back" : "event"
            return """
            <li class="\(cls)"><p><time datetime="\(e.onDate.iso)">\(e.onDate.iso)</time> <strong>\(Self.eventTitle(e.kind))</strong> <span class="muted">（\(e.stage.title)）</span></p>
            <p>\(e.detail)</p><p class="muted">经办：\(e.actor)，记录于 \(Layout.time(e.recordedAt))</p></li>
            """
        }
        let secondary = d.causes.secondary.map(\.title).joined(separator: "、")
        let closing: HTML = a.closingReason.map { r -> HTML in
            "<p class=\"notice\">已于 \(w.closedOn?.iso ?? "") 销档，原因：\(r.title)\(a.closingNote.map { "；\($0)" } ?? "")</p>"
        } ?? .empty
        let member: HTML = a.memberID.map { id -> HTML in "<dt>会员</dt><dd><a href=\"/members/\(String(id))\">查看会员信息</a></dd>" } ?? "<dt>会员</dt><dd>非会员（失业或灵活就业人员）</dd>"
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/hardship">困难职工档案</a></li><li aria-current="page">\(a.archiveNo)</li></ol></nav>
        \(generalProblem)
        \(returned)
        \(late)
        \(closing)
        <section class="card" aria-labelledby="h-steps"><h2 id="h-steps">办理</h2>
        <p>当前阶段：\(Self.stageTag(w.stage))　\(waitingFor)。</p>
        \(steps.isEmpty ? HTML("<p class=\"muted\">当前环节不由您办理。</p>") : "<div class=\"steps\">\(steps)</div>")
        </section>
        <div class="grid two">
        <section class="card" aria-labelledby="h-basic"><h2 id="h-basic">基本信息</h2>
        <dl class="fields">
        \(row("档案编号", a.archiveNo))\(row("姓名", a.name))\(row("身份证号", a.idNumberMasked))\(row("手机号", a.phoneMasked))
        <dt>所属工会</dt><dd><a href="/orgs/\(URLText.component(a.orgCode))">\(a.orgName)</a></dd>\(member)
        \(row("申请日期", w.appliedOn.iso))\(row("阶段", w.stage.title))\(row("期限", w.dueOn.map { $0.iso }))
        \(row("建档人", a.builtBy))\(row("开户行", d.bankName))\(row("银行账号", a.bankAccountMasked))
        </dl></section>
        <section class="card" aria-labelledby="h-category"><h2 id="h-category">困难类别</h2>
        <p class="category">\(a.category?.title ?? "不符合认定条件")\(a.isHardshipMigrant(on: today) ? HTML("（困难农民工）") : .empty)</p>
        \(overrideHTML)
        <p>适用的低保标准：\(a.line.regionCode)\(lineName)，\(a.line.effectiveFrom.iso) 起执行，每人每月 \(a.line.monthly.yuanString) 元。</p>
        <h3>计算过程</h3>
        <ol class="arithmetic">\(steps_)</ol>
        </section>
        </div>
        <section class="card" aria-labelledby="h-family-facts"><h2 id="h-family-facts">家庭情况</h2>
        <dl class="fields wide">
        \(row("家庭所在地区", familyRegion))
        \(row("家庭人口", "\(d.finances.householdSize) 人"))\(row("家庭年可支配收入", d.finances.annualIncome.yuanString + " 元"))
        \(row("刚性支出（年）", d.finances.rigidExpenses.yuanString + " 元"))\(row("突发支出（年）", d.finances.suddenCosts.yuanString + " 元"))
        \(row("本人月收入", d.ownMonthlyIncome.yuanString + " 元"))\(row("家庭人均月收入", a.assessment.perCapitaMonthly.yuanString + " 元"))
        \(row("主要致困原因", d.causes.main.title))\(row("次要致困原因", secondary))
        \(row("健康状况", d.health + (d.majorIllness.map { "（\($0)）" } ?? "")))\(row("残疾等级", d.disabilityGrade))
        \(row("住房状况", d.housing))\(row("婚姻状况", d.maritalStatus))\(row("单亲家庭", yesNo(d.singleParent)))
        \(row("户籍类型", d.householdRegistration))\(row("医疗保险", d.medicalInsurance))\(row("有一定自救能力", yesNo(d.canSelfHelp)))
        \(row("零就业家庭", yesNo(d.zeroEmployment)))\(row("农民工", yesNo(d.isMigrantWorker)))\(row("长期在城镇居住", yesNo(d.livesInCity)))
        \(row("劳动关系起始日期", d.laborRelationSince?.iso))\(row("备注", d.note))
        </dl></section>
        <section aria-labelledby="h-family"><h2 id="h-family">家庭成员</h2>
        \(a.family.isEmpty ? HTML("<p>未登记家庭成员（本人独居）。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">姓名</th><th scope="col">与本人关系</th><th scope="col">身份证号</th><th scope="col">健康状况</th><th scope="col" class="num">月收入（元）</th><th scope="col">就学或就业</th></tr></thead>
        <tbody>\(familyRows)</tbody></table></div>
        """)
        </section>
        <section aria-labelledby="h-papers"><h2 id="h-papers">档案材料</h2>
        \(files.isEmpty ? HTML("<p>尚未上传材料。帮扶申请书、家庭经济状况核对授权委托书须本人签字后扫描上传。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">类别</th><th scope="col">文件</th><th scope="col" class="num">大小</th><th scope="col">上传</th></tr></thead>
        <tbody>\(paperRows)</tbody></table></div>
        """)
        \(upload)
        </section>
        <section aria-labelledby="h-history"><h2 id="h-history">办理记录</h2>
        <ol class="timeline">\(timeline)</ol>
        </section>
        """
        return Web.page(Layout.page("困难职工档案：\(a.name)", actor: actor, csrf: csrf, section: .hardship, flash: flash, body), status: status)
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1024 { return String(format: "%.0f KB", Double(bytes) / 1024) }
        return "\(bytes) 字节"
    }

    // MARK: The archive form

    func archiveForm(_ a: HardshipArchive?, member: Member?, _ v: HardshipForm, _ errors: FieldErrors, csrf: String?) -> HTML {
        let action = a.map { "/hardship/\($0.id)/edit" } ?? "/hardship/new"
        let cancel = a.map { "/hardship/\($0.id)" } ?? member.map { "/members/\($0.id)" } ?? "/hardship"
        func options(_ list: [String], empty: String? = nil) -> [(String, String)] {
            (empty.map { [("", $0)] } ?? []) + list.map { ($0, $0) }
        }
        let person: HTML
        if let a {
            person = """
            <p>\(a.name)（\(a.idNumberMasked)），\(a.orgName)；档案编号 \(a.archiveNo)，申请日期 \(a.workflow.appliedOn.iso)。</p>
            <input type="hidden" name="version" value="\(String(a.version))">
            \(a.workflow.stage == .filed ? HTML("<p class=\"notice\">档案在档期间修改，类别按今天执行的低保标准重新计算（动态管理）。</p>") : .empty)
            """
        } else if let member {
            person = """
            <p>会员 <a href="/members/\(String(member.id))">\(member.name)</a>（\(member.idNumberMasked)），\(member.orgName)。档案由会员所在工会持有。</p>
            <input type="hidden" name="member_id" value="\(String(member.id))">
            \(Layout.field("申请日期", name: "applied_on", value: v.appliedOn, type: "date", error: errors["applied_on"], hint: "须在申请后 5 天内完成入户核实和建档", required: true))
            """
        } else {
            person = """
            <p class="hint">为会员建档，请在会员页点击“建立困难职工档案”。以下为失业或灵活就业、由街道（社区）工会建档的非会员职工。</p>
            \(Layout.field("姓名", name: "name", value: v.name, error: errors["name"], required: true))
            \(Layout.field("身份证号", name: "id_number", value: v.idNumber, error: errors["id_number"], hint: "18 位居民身份证号码", required: true, autocomplete: "off"))
            \(Layout.field("手机号", name: "phone", value: v.phone, type: "tel", error: errors["phone"], autocomplete: "off"))
            \(Layout.field("建档工会代码", name: "org_code", value: v.orgCode, error: errors["org_code"], hint: "街道、社区工会或联合会的组织代码", required: true))
            \(Layout.field("申请日期", name: "applied_on", value: v.appliedOn, type: "date", error: errors["applied_on"], hint: "须在申请后 5 天内完成入户核实和建档", required: true))
            """
        }
        let causes = [("", "请选择")] + HardshipCause.allCases.map { (String($0.rawValue), "\($0.rawValue). \($0.title)") }
        let secondaryError = errors["secondary_causes"]
        let secondaryClass = secondaryError != nil ? "has-error" : "secondary"
        let described: HTML = secondaryError != nil ? " aria-describedby=\"secondary_causes-error\" aria-invalid=\"true\"" : .empty
        let secondary = HardshipCause.allCases.map { c -> HTML in
            let id = "f-secondary-\(c.rawValue)"
            return """
            <div class="check"><input type="checkbox" id="\(id)" name="secondary_causes" value="\(String(c.rawValue))"\(v.secondaryCauses.contains(c.rawValue) ? HTML(raw: " checked") : .empty)\(described)><label for="\(id)">\(c.title)</label></div>
            """
        }
        let categories = [("", "按计算结果")] + HardshipCategory.allCases.map { ($0.rawValue, $0.title) }
        let family = v.family.enumerated().map { i, f -> HTML in
            let n = i + 1, p = "family\(n)_"
            let idHint: String? = f.maskedOnFile.map { "现为 \($0)；留空则保持不变" }
            return """
            <fieldset class="family-row"><legend>家庭成员 \(String(n))</legend>
            \(Layout.field("姓名", name: p + "name", value: f.name, error: errors[p + "name"]))
            \(Layout.select("与本人关系", name: p + "relation", options: options(HardshipVocab.relations, empty: "请选择"), selected: f.relation, error: errors[p + "relation"]))
            \(Layout.field("身份证号", name: p + "id_number", value: f.idNumber, error: errors[p + "id_number"], hint: idHint, autocomplete: "off"))
            \(Layout.select("健康状况", name: p + "health", options: options(HardshipVocab.health), selected: f.health, error: errors[p + "health"]))
            \(Layout.field("月收入（元）", name: p + "monthly_income", value: f.monthlyIncome, error: errors[p + "monthly_income"], attributes: " inputmode=\"decimal\""))
            \(Layout.field("就学或就业情况", name: p + "school_or_work", value: f.schoolOrWork, error: errors[p + "school_or_work"]))
            </fieldset>
            """
        }
        let money = " inputmode=\"decimal\""
        return """
        \(Layout.formErrors(errors))
        <form method="post" action="\(action)" class="card hardship-form">
        \(Layout.csrfField(csrf))
        <input type="hidden" name="family_rows" value="\(String(v.family.count))">
        <fieldset><legend>申请人</legend>
        \(person)
        </fieldset>
        <fieldset><legend>家庭收支（按年计算）</legend>
        \(Layout.field("家庭所在地区代码", name: "region_code", value: v.regionCode, error: errors["region_code"], hint: "6 位行政区划代码，决定适用的低保标准（区县的，无则市的，再无则省的）", required: true, attributes: " inputmode=\"numeric\" maxlength=\"6\""))
        \(Layout.field("家庭年可支配收入（元）", name: "annual_income", value: v.annualIncome, error: errors["annual_income"], required: true, attributes: money))
        \(Layout.field("刚性支出（元/年）", name: "rigid_expenses", value: v.rigidExpenses, error: errors["rigid_expenses"], hint: "医疗、教育等必需支出", required: true, attributes: money))
        \(Layout.field("家庭人口（人）", name: "household_size", value: v.householdSize, type: "number", error: errors["household_size"], hint: "含本人", required: true, attributes: " min=\"1\" max=\"21\""))
        \(Layout.field("突发支出（元/年）", name: "sudden_costs", value: v.suddenCosts, error: errors["sudden_costs"], hint: "灾害、事故、疫情等当年的突发支出；没有可不填", attributes: money))
        \(Layout.field("本人月收入（元）", name: "own_monthly_income", value: v.ownMonthlyIncome, error: errors["own_monthly_income"], attributes: money))
        </fieldset>
        <fieldset><legend>致困原因</legend>
        \(Layout.select("主要致困原因", name: "main_cause", options: causes, selected: v.mainCause, error: errors["main_cause"]))
        <fieldset class="\(secondaryClass)"><legend>次要致困原因（最多 3 项）</legend>
        \(secondary)
        \(Layout.errorNote("secondary_causes", secondaryError))
        </fieldset>
        </fieldset>
        <fieldset><legend>本人及家庭状况</legend>
        \(Layout.select("健康状况", name: "health", options: options(HardshipVocab.health), selected: v.health, error: errors["health"]))
        \(Layout.select("大病名称", name: "major_illness", options: options(HardshipVocab.majorIllnesses, empty: "无"), selected: v.majorIllness, error: errors["major_illness"], hint: "健康状况为“患大病”时必选"))
        \(Layout.select("残疾等级", name: "disability_grade", options: options(HardshipVocab.disabilityGrades, empty: "无"), selected: v.disabilityGrade, error: errors["disability_grade"]))
        \(Layout.select("住房状况", name: "housing", options: options(HardshipVocab.housing), selected: v.housing, error: errors["housing"]))
        \(Layout.select("婚姻状况", name: "marital_status", options: options(HardshipVocab.marital), selected: v.maritalStatus, error: errors["marital_status"]))
        \(Layout.select("户籍类型", name: "household_registration", options: options(HardshipVocab.householdRegistration), selected: v.householdRegistration, error: errors["household_registration"]))
        \(Layout.select("医疗保险", name: "medical_insurance", options: options(HardshipVocab.medicalInsurance), selected: v.medicalInsurance, error: errors["medical_insurance"]))
        \(Layout.checkbox("单亲家庭", name: "single_parent", checked: v.singleParent))
        \(Layout.checkbox("有一定自救能力", name: "can_self_help", checked: v.canSelfHelp))
        \(Layout.checkbox("零就业家庭", name: "zero_employment", checked: v.zeroEmployment))
        \(Layout.checkbox("农民工", name: "is_migrant", checked: v.isMigrant))
        \(Layout.checkbox("长期在城镇居住", name: "lives_in_city", checked: v.livesInCity))
        \(Layout.field("与用人单位建立劳动关系的日期", name: "labor_relation_since", value: v.laborRelationSince, type: "date", error: errors["labor_relation_since"], hint: "农民工须填写：劳动关系满 1 年的可认定为困难农民工"))
        </fieldset>
        <fieldset><legend>本人银行账户（帮扶资金实名发放，不发现金）</legend>
        \(Layout.field("开户行", name: "bank_name", value: v.bankName, error: errors["bank_name"], required: true))
        \(Layout.field("银行账号", name: "bank_account", value: v.bankAccount, error: errors["bank_account"], hint: a.map { "现为 \($0.bankAccountMasked)；留空则保持不变" } ?? "12 至 30 位数字", required: a == nil, autocomplete: "off", attributes: " inputmode=\"numeric\""))
        </fieldset>
        <fieldset><legend>家庭成员（不含本人）</legend>
        <p class="hint">空行不保存。家庭人口应不少于本人加登记的家庭成员。</p>
        \(errors["family"].map { "<p class=\"field-error\">\($0)</p>" } ?? .empty)
        <div class="family">\(family)</div>
        </fieldset>
        <fieldset><legend>类别认定</legend>
        <p class="hint">类别按家庭收支和当地低保标准自动计算，保存后在档案页显示计算过程。只有实际情况与计算结果不同时才选择认定类别，并须填写理由。</p>
        \(Layout.select("认定类别", name: "category_override", options: categories, selected: v.categoryOverride, error: errors["category_override"]))
        \(Layout.textarea("认定理由", name: "override_reason", value: v.overrideReason, error: errors["override_reason"]))
        </fieldset>
        \(Layout.textarea("备注", name: "note", value: v.note, error: errors["note"]))
        <div class="actions"><button type="submit">\(UI.save)</button><a href="\(cancel)">\(UI.cancel)</a></div>
        </form>
        """
    }

    // MARK: 低保标准

    func linesPage(actor: Actor, context: OfficerPageContext, flash: String? = nil, values: [String: String] = [:], errors: FieldErrors = FieldErrors(),
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        async let lines = store.hardship.subsistenceLines()
        async let days = store.hardship.noticeDays()
        let all = try await lines
        let noticeDays = try await days
        var editor = actor.role == .systemAdmin
        if !editor && actor.role.mayEditRegistry, let code = actor.orgCode {
            editor = (try? await store.orgs.org(code: code, actor: actor))?.kind == .province
        }
        let today = CivilDate.today()
        let rows = all.sorted { ($0.regionCode, $1.effectiveFrom) < ($1.regionCode, $0.effectiveFrom) }.map { l -> HTML in
            let name = (try? RegionCode(l.regionCode)).flatMap { RegionCatalog.builtIn.fullName(of: $0) }
            let inForce = SubsistenceTable(all).line(for: l.regionCode, on: today) == l
            return """
            <tr><td data-label="地区代码">\(l.regionCode)</td><td data-label="地区">\(name ?? UI.none)</td><td data-label="起始日期">\(l.effectiveFrom.iso)</td>
            <td data-label="元/人·月" class="num">\(l.monthly.yuanString)</td><td data-label="状态">\(inForce ? HTML("<span class=\"tag ok\">执行中</span>") : l.effectiveFrom > today ? HTML("<span class=\"tag warn\">未生效</span>") : HTML("<span class=\"tag\">已调整</span>"))</td></tr>
            """
        }
        let forms: HTML = editor ? """
        <div class="grid two">
        <form method="post" action="/hardship/lines" class="card">
        <h2>新增或更正低保标准</h2>
        \(Layout.csrfField(context.csrf))
        \(Layout.field("地区代码", name: "region_code", value: values["region_code"] ?? "", error: errors["region_code"], hint: "省（如 420000）、市或区县的 6 位行政区划代码", required: true, attributes: " inputmode=\"numeric\" maxlength=\"6\""))
        \(Layout.field("起始日期", name: "effective_from", value: values["effective_from"] ?? today.iso, type: "date", error: errors["effective_from"], hint: "同一地区、同一起始日期已有标准的，保存即更正", required: true))
        \(Layout.field("低保标准（元/人·月）", name: "monthly", value: values["monthly"] ?? "", error: errors["monthly"], required: true, attributes: " inputmode=\"decimal\""))
        <button type="submit">\(UI.save)</button>
        </form>
        <form method="post" action="/hardship/notice-days" class="card">
        <h2>建档公示天数</h2>
        \(Layout.csrfField(context.csrf))
        \(Layout.field("公示天数", name: "notice_days", value: values["notice_days"] ?? String(noticeDays), type: "number", error: errors["notice_days"], hint: "1 至 30 天，对此后提交公示的档案生效", required: true, attributes: " min=\"1\" max=\"30\""))
        <button type="submit">\(UI.save)</button>
        </form>
        </div>
        """ : "<p class=\"muted\">低保标准由省总工会维护。</p>"
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/hardship">困难职工档案</a></li><li aria-current="page">低保标准</li></ol></nav>
        \(Layout.formErrors(errors))
        <p>家庭适用所在区县的低保标准，区县没有的用所在市的，再没有的用全省的；同一地区取已生效的最新一条。新建档案公示 \(String(noticeDays)) 天。</p>
        \(all.isEmpty ? HTML("<p>尚未维护低保标准，暂时无法建档。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">地区代码</th><th scope="col">地区</th><th scope="col">起始日期</th><th scope="col" class="num">元/人·月</th><th scope="col">状态</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        """)
        \(forms)
        """
        return Web.page(Layout.page("低保标准", actor: actor, csrf: context.csrf, section: .hardship, flash: flash, body), status: status)
    }
}

/// The archive form's values as typed.
struct HardshipForm {
    struct FamilyRow {
        var name = "", relation = "", idNumber = "", health = "健康", monthlyIncome = "", schoolOrWork = ""
        /// The masked ID number on file, when revising.
        var maskedOnFile: String?
        var isEmpty: Bool { name.isEmpty && relation.isEmpty && idNumber.isEmpty && monthlyIncome.isEmpty && schoolOrWork.isEmpty }
    }

    var memberID = "", name = "", idNumber = "", phone = "", orgCode = "", appliedOn = ""
    var regionCode = "", annualIncome = "", rigidExpenses = "", householdSize = "1", suddenCosts = "", ownMonthlyIncome = ""
    var mainCause = "", secondaryCauses: Set<Int> = []
    var health = "健康", majorIllness = "", disabilityGrade = "", housing = "自有住房", maritalStatus = "已婚", householdRegistration = "城镇"
    var medicalInsurance = "职工医保"
    var singleParent = false, canSelfHelp = false, zeroEmployment = false, isMigrant = false, livesInCity = true
    var laborRelationSince = "", bankName = "", bankAccount = "", note = ""
    var categoryOverride = "", overrideReason = ""
    var family = Array(repeating: FamilyRow(), count: HardshipPages.familyRows)

    init() {}

    init(_ a: HardshipArchive) {
        let d = a.details
        appliedOn = a.workflow.appliedOn.iso
        regionCode = d.regionCode
        annualIncome = d.finances.annualIncome.yuanString; rigidExpenses = d.finances.rigidExpenses.yuanString
        householdSize = String(d.finances.householdSize); suddenCosts = d.finances.suddenCosts.yuanString
        ownMonthlyIncome = d.ownMonthlyIncome.yuanString
        mainCause = String(d.causes.main.rawValue); secondaryCauses = Set(d.causes.secondary.map(\.rawValue))
        health = d.health; majorIllness = d.majorIllness ?? ""; disabilityGrade = d.disabilityGrade ?? ""; housing = d.housing
        maritalStatus = d.maritalStatus; householdRegistration = d.householdRegistration; medicalInsurance = d.medicalInsurance
        singleParent = d.singleParent; canSelfHelp = d.canSelfHelp; zeroEmployment = d.zeroEmployment; isMigrant = d.isMigrantWorker
        livesInCity = d.livesInCity; laborRelationSince = d.laborRelationSince?.iso ?? ""; bankName = d.bankName; note = d.note
        categoryOverride = a.overrideReason != nil ? (a.category?.rawValue ?? "") : ""
        overrideReason = a.overrideReason ?? ""
        family = a.family.map { f in
            FamilyRow(name: f.name, relation: f.relation, idNumber: "", health: f.health, monthlyIncome: f.monthlyIncome.yuanString,
                      schoolOrWork: f.schoolOrWork, maskedOnFile: f.idNumberMasked)
        }
        let shown = min(HardshipArchiveDraft.maxFamily, max(HardshipPages.familyRows, family.count + 1))
        family += Array(repeating: FamilyRow(), count: max(0, shown - family.count))
    }

    init(_ f: WebForm) {
        memberID = f["member_id"]; name = f["name"]; idNumber = f["id_number"]; phone = f["phone"]; orgCode = f["org_code"]; appliedOn = f["applied_on"]
        regionCode = f["region_code"]; annualIncome = f["annual_income"]; rigidExpenses = f["rigid_expenses"]; householdSize = f["household_size"]
        suddenCosts = f["sudden_costs"]; ownMonthlyIncome = f["own_monthly_income"]
        mainCause = f["main_cause"]
        secondaryCauses = Set(f.raw("secondary_causes").split(separator: ",").compactMap { Int($0) })
        health = f["health"]; majorIllness = f["major_illness"]; disabilityGrade = f["disability_grade"]; housing = f["housing"]
        maritalStatus = f["marital_status"]; householdRegistration = f["household_registration"]; medicalInsurance = f["medical_insurance"]
        singleParent = f.has("single_parent"); canSelfHelp = f.has("can_self_help"); zeroEmployment = f.has("zero_employment")
        isMigrant = f.has("is_migrant"); livesInCity = f.has("lives_in_city")
        laborRelationSince = f["labor_relation_since"]; bankName = f["bank_name"]; bankAccount = f["bank_account"]; note = f["note"]
        categoryOverride = f["category_override"]; overrideReason = f["override_reason"]
        let count = min(HardshipArchiveDraft.maxFamily, max(HardshipPages.familyRows, Int(f["family_rows"]) ?? 0))
        family = (1...count).map { n in
            let p = "family\(n)_"
            return FamilyRow(name: f[p + "name"], relation: f[p + "relation"], idNumber: f[p + "id_number"], health: f.has(p + "health") ? f[p + "health"] : "健康",
                             monthlyIncome: f[p + "monthly_income"], schoolOrWork: f[p + "school_or_work"])
        }
    }

    struct Parsed {
        var person: HardshipArchiveDraft.Person?
        var appliedOn: CivilDate?
        var details: HardshipDetails
        var bankAccount: BankAccountNumber?
        var family: [HardshipFamilyMemberDraft]
        /// The form row (1-based) of each family member sent, for the store's `family[k]` fields.
        var rows: [Int]
        var override: HardshipCategory?
    }

    func optional(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// The values as the store's types; every problem found is filed under its field.
    func parse(errors: inout FieldErrors, isNew: Bool) -> Parsed? {
        var person: HardshipArchiveDraft.Person?
        var applied: CivilDate?
        if isNew {
            if let id = Int64(memberID), id > 0 {
                person = .member(id: id)
            } else {
                var id: IDNumber?, ph: PhoneNumber?
                if name.isEmpty { errors.add("name", "请填写姓名") } else if name.count > 50 { errors.add("name", "姓名不能超过 50 个字") }
                do { id = try IDNumber(idNumber) } catch { errors.add("id_number", idNumber.isEmpty ? "请填写身份证号" : error.message) }
                if !phone.isEmpty { do { ph = try PhoneNumber(phone) } catch { errors.add("phone", error.message) } }
                if orgCode.isEmpty { errors.add("org_code", "请填写建档工会的组织代码") }
                if let id { person = .nonMember(name: name, idNumber: id, phone: ph, orgCode: orgCode) }
            }
            applied = errors.date("applied_on", appliedOn)
        }
        if regionCode.isEmpty { errors.add("region_code", "请填写家庭所在地区的 6 位行政区划代码") }
        let income = errors.money("annual_income", annualIncome, missing: "请填写金额（元）")
        let rigid = errors.money("rigid_expenses", rigidExpenses, missing: "请填写金额（元）")
        let sudden = errors.money("sudden_costs", suddenCosts, missing: nil)
        let own = errors.money("own_monthly_income", ownMonthlyIncome, missing: nil)
        let size = Int(householdSize)
        if size == nil { errors.add("household_size", householdSize.isEmpty ? "请填写家庭人口" : "家庭人口应为整数") }
        let main = Int(mainCause).flatMap(HardshipCause.init(rawValue:))
        if main == nil { errors.add("main_cause", "请选择主要致困原因") }
        let secondary = HardshipCause.allCases.filter { secondaryCauses.contains($0.rawValue) }
        var since: CivilDate?
        if !laborRelationSince.isEmpty { since = errors.date("labor_relation_since", laborRelationSince) }
        var account: BankAccountNumber?
        if bankAccount.isEmpty {
            if isNew { errors.add("bank_account", "请填写本人银行账号（帮扶资金只发到本人账户）") }
        } else {
            do { account = try BankAccountNumber(bankAccount) } catch { errors.add("bank_account", error.message) }
        }
        var override: HardshipCategory?
        if !categoryOverride.isEmpty {
            override = HardshipCategory(rawValue: categoryOverride)
            if override == nil { errors.add("category_override", "请选择认定类别") }
        }
        if overrideReason.count > 500 { errors.add("override_reason", "理由不能超过 500 字") }
        var drafts: [HardshipFamilyMemberDraft] = [], rows: [Int] = []
        for (i, f) in family.enumerated() where !f.isEmpty {
            let p = "family\(i + 1)_"
            var id: IDNumber?
            if !f.idNumber.isEmpty { do { id = try IDNumber(f.idNumber) } catch { errors.add(p + "id_number", error.message) } }
            let income = errors.money(p + "monthly_income", f.monthlyIncome, missing: nil)
            if f.name.count > 50 { errors.add(p + "name", "姓名不能超过 50 个字") }
            if f.schoolOrWork.count > 200 { errors.add(p + "school_or_work", "不能超过 200 字") }
            drafts.append(HardshipFamilyMemberDraft(name: f.name, relation: f.relation, idNumber: id, health: f.health, monthlyIncome: income ?? .zero,
                                                    schoolOrWork: f.schoolOrWork))
            rows.append(i + 1)
        }
        guard let income, let rigid, let size, let main else { return nil }
        let details = HardshipDetails(
            regionCode: regionCode, finances: HouseholdFinances(annualIncome: income, rigidExpenses: rigid, householdSize: size, suddenCosts: sudden ?? .zero),
            ownMonthlyIncome: own ?? .zero, causes: HardshipCauses(main: main, secondary: secondary), health: health, majorIllness: optional(majorIllness),
            disabilityGrade: optional(disabilityGrade), housing: housing, maritalStatus: maritalStatus, singleParent: singleParent,
            householdRegistration: householdRegistration, medicalInsurance: medicalInsurance, canSelfHelp: canSelfHelp, zeroEmployment: zeroEmployment,
            isMigrantWorker: isMigrant, livesInCity: livesInCity, laborRelationSince: since, bankName: bankName, note: note)
        return Parsed(person: person, appliedOn: applied, details: details, bankAccount: account, family: drafts, rows: rows, override: override)
    }

    /// Fields of the form that the store's problems can name directly.
    static let fieldNames: Set<String> = [
        "name", "id_number", "phone", "org_code", "applied_on", "region_code", "annual_income", "rigid_expenses", "household_size", "sudden_costs",
        "own_monthly_income", "main_cause", "secondary_causes", "health", "major_illness", "disability_grade", "housing", "marital_status",
        "household_registration", "medical_insurance", "labor_relation_since", "bank_name", "bank_account", "note", "category_override", "override_reason",
    ]

    /// The store names family members `family[k].field` by their place among the rows sent, the
    /// override `category`; the form names them by row (`family3_relation`) and `category_override`.
    func formField(_ field: String, rows: [Int], isMember: Bool) -> String? {
        if field.hasPrefix("family["), let close = field.firstIndex(of: "]"),
           let k = Int(field[field.index(field.startIndex, offsetBy: 7)..<close]), k >= 1, k <= rows.count {
            let rest = field[field.index(after: close)...].drop(while: { $0 == "." })
            return "family\(rows[k - 1])_" + rest
        }
        if field == "category" { return "category_override" }
        if field == "monthly_income" { return nil }
        if isMember && ["name", "id_number", "phone", "org_code"].contains(field) { return nil }
        return Self.fieldNames.contains(field) ? field : nil
    }

    func file(_ error: StoreError, rows: [Int], into errors: inout FieldErrors, isMember: Bool) {
        switch error {
        case .invalid(let problems):
            for p in problems {
                if let f = formField(p.field, rows: rows, isMember: isMember) { errors.add(f, p.reason) } else { errors.general.append(p.reason) }
            }
        case .conflict(_, let message, let field):
            if let field, let f = formField(field, rows: rows, isMember: isMember) { errors.add(f, message) } else { errors.general.append(message) }
        default:
            errors.general.append(error.message)
        }
    }
}
