import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 帮扶项目: programs and their cycles, budgets down the tree, applications on a worker's behalf,
/// the worklist of review and approval, payment batches with the bank's file and its results,
/// and the report of a cycle. Who may do what is decided by the store; the pages offer the
/// buttons that can apply and show the store's answer beside the form that asked.
struct ProgramPages {
    let store: Store

    static let pageSize = 50

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("programs") { request, context in
            let actor = context.actor
            return try await programsPage(actor: actor, context: context, flash: PageQuery(request).string("ok"))
        }
        router.post("programs") { request, context in
            let actor = context.actor
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let kind = ProgramKind(rawValue: form["kind"])
            if kind == nil { errors.add("kind", "请选择项目类型") }
            if let kind, errors.isEmpty {
                do {
                    _ = try await store.assistance.createProgram(code: form["code"], name: form["name"], kind: kind, description: String(form["description"].prefix(2000)), actor: actor)
                    return Web.redirect("/programs?ok=pg_program")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    errors.add(e, fields: ["code", "name"])
                }
            }
            let values = ["code": form["code"], "name": form["name"], "kind": form["kind"], "description": form["description"]]
            return try await programsPage(actor: actor, context: context, programValues: values, programErrors: errors, status: .unprocessableContent)
        }
        router.post("cycles") { request, context in
            let actor = context.actor
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let program = form["program"]
            if program.isEmpty { errors.add("program", "请选择帮扶项目") }
            if form["name"].isEmpty { errors.add("name", "请填写批次名称，如“2027年春节送温暖”") }
            let starts = errors.date("starts_on", form["starts_on"])
            let ends = errors.date("ends_on", form["ends_on"])
            let budget = errors.money("budget", form["budget"], missing: "请填写预算总额（元）")
            let rules = Self.parseRules(form.raw("rules"), errors: &errors)
            if let starts, let ends, let budget, errors.isEmpty {
                do {
                    let c = try await store.assistance.openCycle(programCode: program, name: String(form["name"].prefix(100)), startsOn: starts, endsOn: ends,
                                                                 rules: rules, budget: budget, actor: actor)
                    return Web.redirect("/cycles/\(c.id)?ok=pg_cycle")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    errors.add(e, fields: ["program", "name", "ends_on", "budget", "rules"])
                }
            }
            let values = ["program": program, "name": form["name"], "starts_on": form["starts_on"], "ends_on": form["ends_on"],
                          "budget": form["budget"], "rules": form.raw("rules")]
            return try await programsPage(actor: actor, context: context, cycleValues: values, cycleErrors: errors, status: .unprocessableContent)
        }
        router.get("cycles/:id") { request, context in
            let actor = context.actor
            return try await cyclePage(id: try context.pathInt("id"), request: request, actor: actor, context: context)
        }
        router.post("cycles/:id/close") { _, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            try await store.assistance.closeCycle(id: id, actor: actor)
            return Web.redirect("/cycles/\(id)?ok=pg_closed")
        }
        router.post("cycles/:id/allocate") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let to = form["to_org_code"]
            if to.isEmpty { errors.add("to_org_code", "请选择下级工会") }
            let amount = errors.money("amount", form["amount"], missing: "请填写分配金额（元）")
            if let amount, errors.isEmpty {
                do {
                    _ = try await store.assistance.allocate(cycleID: id, toOrgCode: to, amount: amount, actor: actor)
                    return Web.redirect("/cycles/\(id)?ok=pg_allocated#h-budget")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    if case .notFound = e { errors.add("to_org_code", "组织代码 \(to) 不存在或不在您的管辖范围内") } else {
                        errors.add(e, fields: ["to_org_code", "amount"])
                    }
                }
            }
            return try await cyclePage(id: id, request: request, actor: actor, context: context,
                                       form: CycleForms(allocate: ["to_org_code": to, "amount": form["amount"]], allocateErrors: errors), status: .unprocessableContent)
        }
        router.post("cycles/:id/generate") { _, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            guard let org = actor.orgCode else { throw WebError.forbidden("系统账号没有所属工会，请指定工会后再生成") }
            let (made, skipped) = try await store.assistance.generate(cycleID: id, orgCode: org, actor: actor)
            return Web.redirect("/cycles/\(id)?ok=pg_generated&made=\(made)&skipped=\(skipped)")
        }
        router.post("cycles/:id/apply") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            let values = ["member_id": form["member_id"], "child_admission": form["child_admission"], "illness": form["illness"],
                          "out_of_pocket": form["out_of_pocket"], "outdoor_worker": form["outdoor_worker"], "bank_name": form["bank_name"],
                          "bank_account": form["bank_account"]]
            let memberID = Int64(form["member_id"])
            if memberID == nil || memberID! <= 0 { errors.add("member_id", "请填写会员编号，或先按姓名查找会员") }
            var declaration = AssistanceService.Declaration()
            declaration.childAdmission = ChildAdmission(rawValue: form["child_admission"])
            declaration.illness = form["illness"].isEmpty ? nil : String(form["illness"].prefix(40))
            declaration.outOfPocket = errors.money("out_of_pocket", form["out_of_pocket"], missing: nil)
            declaration.outdoorWorker = form["outdoor_worker"] == "1"
            declaration.bankName = form["bank_name"].isEmpty ? nil : String(form["bank_name"].prefix(100))
            if !form["bank_account"].isEmpty {
                declaration.bankAccount = errors.parse("bank_account", form["bank_account"], missing: "") { try BankAccountNumber($0) }
            }
            var decision: GrantDecision?
            if let memberID, errors.isEmpty {
                do {
                    let g = try await store.assistance.apply(cycleID: id, memberID: memberID, declaration: declaration, actor: actor)
                    return Web.redirect("/grants/\(g.id)?ok=pg_applied")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    switch e {
                    case .notFound: errors.add("member_id", "会员编号 \(memberID) 不存在或不在您的管辖范围内")
                    case .invalid(let ps) where ps.contains(where: { $0.field == "eligibility" }):
                        decision = try? await store.assistance.preview(cycleID: id, memberID: memberID, declaration: declaration, scope: actor.scope)
                        errors.general.append("不符合本期的申请条件，逐条规则的核对结果如下。")
                    default: errors.add(e, fields: ["member_id", "bank_account"])
                    }
                }
            }
            return try await cyclePage(id: id, request: request, actor: actor, context: context,
                                       form: CycleForms(apply: values, applyErrors: errors, decision: decision), status: .unprocessableContent)
        }
        router.post("cycles/:id/batches") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            do {
                let b = try await store.assistance.createBatch(cycleID: id, actor: actor)
                return Web.redirect("/batches/\(b.id)?ok=pg_batch")
            } catch let e as StoreError {
                if case .conflict = e {
                    return try await cyclePage(id: id, request: request, actor: actor, context: context, form: CycleForms(batchError: e.message), status: .unprocessableContent)
                }
                throw e
            }
        }
        router.get("cycles/:id/grants") { request, context in
            let actor = context.actor
            return try await worklistPage(cycleID: try context.pathInt("id"), request: request, actor: actor, context: context)
        }
        router.get("cycles/:id/report") { request, context in
            let actor = context.actor
            return try await reportPage(cycleID: try context.pathInt("id"), request: request, actor: actor, context: context)
        }
        router.get("cycles/:id/report/file") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let q = PageQuery(request)
            let cycle = try await store.assistance.cycle(id: id, actor: actor)
            let code = q.string("org", maxLength: 64).isEmpty ? (actor.orgCode ?? cycle.ownerOrgCode) : q.string("org", maxLength: 64)
            let format = AssistanceFiles.Format(rawValue: q.string("format", maxLength: 8)) ?? .csv
            let r = try await store.assistance.report(cycleID: id, orgCode: code, actor: actor)
            return Web.download(try AssistanceFiles.report(r, format: format), fileName: "assistance-\(id)-\(code).\(format.rawValue)", contentType: format.contentType)
        }
        router.get("grants/:id") { request, context in
            let actor = context.actor
            return try await grantPage(id: try context.pathInt("id"), actor: actor, context: context, flash: PageQuery(request).string("ok"))
        }
        router.post("grants/:id/act") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            let step = form["action"]
            let decision: AssistanceService.Decision
            switch step {
            case "review": decision = .review
            case "approve": decision = .approve
            case "reject": decision = .reject(reason: String(form["reason"].prefix(500)))
            default: throw WebError.badRequest("未知的办理步骤")
            }
            let back = form["back"]
            do {
                let g = try await store.assistance.decide(grantID: id, decision, expectedVersion: Int(form["version"]), actor: actor)
                let flash = "pg_" + (step == "review" ? "reviewed" : step == "approve" ? "approved" : "rejected")
                if back == "list" { return Web.redirect(URLText.with("/cycles/\(g.cycleID)/grants", [("state", form["state"]), ("ok", flash)])) }
                return Web.redirect("/grants/\(id)?ok=\(flash)")
            } catch let e as StoreError {
                var problem = GrantProblem(grantID: id, action: step, field: nil, message: e.message)
                let status: HTTPResponse.Status
                switch e {
                case .notFound, .forbidden: throw e
                case .staleVersion:
                    status = .conflict
                    problem.message = "该申请已被他人办理（\(e.message)）。请查看最新情况后再操作。"
                case .invalid(let ps):
                    status = .unprocessableContent
                    problem.message = ps.map(\.reason).joined(separator: "；")
                    if ps.contains(where: { $0.field == "reason" }) { problem.field = "reason" }
                case .conflict(let code, let message, _):
                    status = code == "budget_exceeded" ? .conflict : .unprocessableContent
                    problem.message = message
                default: throw e
                }
                if back == "list" {
                    let g = try await store.assistance.grant(id: id, actor: actor)
                    return try await worklistPage(cycleID: g.cycleID, request: request, actor: actor, context: context, state: form["state"], problem: problem, status: status)
                }
                return try await grantPage(id: id, actor: actor, context: context, problem: problem, status: status)
            }
        }
        router.post("grants/:id/requeue") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            var errors = FieldErrors()
            var account: BankAccountNumber?
            if !form["bank_account"].isEmpty { account = errors.parse("bank_account", form["bank_account"], missing: "") { try BankAccountNumber($0) } }
            if errors.isEmpty {
                do {
                    let g = try await store.assistance.requeue(grantID: id, bankName: form["bank_name"].isEmpty ? nil : String(form["bank_name"].prefix(100)), bankAccount: account, actor: actor)
                    return Web.redirect("/grants/\(id)?ok=\(g.proposedBy == nil ? "pg_requeued" : "pg_account_proposed")")
                } catch let e as StoreError {
                    if case .notFound = e { throw e }
                    if case .forbidden = e { throw e }
                    errors.add(e, fields: ["bank_account", "bank_name"])
                }
            }
            return try await grantPage(id: id, actor: actor, context: context, requeue: (["bank_name": form["bank_name"], "bank_account": form["bank_account"]], errors),
                                       status: .unprocessableContent)
        }
        router.post("grants/:id/account") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            let approve = form["decision"] == "approve"
            do {
                _ = try await store.assistance.decideAccountChange(grantID: id, approve: approve, reason: String(form["reason"].prefix(500)), actor: actor)
                return Web.redirect("/grants/\(id)?ok=\(approve ? "pg_account_approved" : "pg_account_refused")")
            } catch let e as StoreError {
                if case .notFound = e { throw e }
                return try await grantPage(id: id, actor: actor, context: context, problem: GrantProblem(grantID: id, action: "account", field: nil, message: e.message),
                                           status: e.code == "forbidden" ? .forbidden : .unprocessableContent)
            }
        }
        router.get("batches/:id") { request, context in
            let actor = context.actor
            return try await batchPage(id: try context.pathInt("id"), request: request, actor: actor, context: context)
        }
        router.get("batches/:id/file") { request, context in
            let actor = context.actor
            let q = PageQuery(request)
            let format = AssistanceFiles.Format(rawValue: q.string("format", maxLength: 8)) ?? .csv
            let gbk = format == .csv && q.string("encoding", maxLength: 8) == "gbk"
            let (batch, lines) = try await store.assistance.exportBatch(id: try context.pathInt("id"), actor: actor)
            let data = try AssistanceFiles.payments(batch, lines: lines, format: format, gbk: gbk)
            let contentType = gbk ? "text/csv; charset=gb18030" : format.contentType
            let name = gbk ? "payments-\(batch.batchNo)-gbk.csv" : AssistanceFiles.paymentsFileName(batch, format: format)
            return Web.download(data, fileName: name, contentType: contentType)
        }
        router.post("batches/:id/results") { request, context in
            let actor = context.actor
            let id = try context.pathInt("id")
            let form = try await WebForm.read(request)
            var problems: [FieldProblem] = []
            if let file = form.files["file"], !file.data.isEmpty {
                do {
                    let results = try AssistanceFiles.bankResults(try TableReader(data: file.data, fileName: file.fileName))
                    let s = try await store.assistance.recordBankResults(batchID: id, results, actor: actor)
                    return Web.redirect("/batches/\(id)?ok=pg_results&paid=\(s.paid)&failed=\(s.failed)&already=\(s.alreadyRecorded)")
                } catch let e as AssistanceFiles.ReadError {
                    problems = e.problems
                } catch let e as StoreError {
                    switch e {
                    case .notFound, .forbidden: throw e
                    case .invalid(let ps): problems = ps
                    default: problems = [FieldProblem(field: "", value: "", reason: e.message)]
                    }
                } catch let e as FileError {
                    problems = [FieldProblem(field: "", value: "", reason: e.message)]
                }
            } else {
                problems = [FieldProblem(field: "", value: "", reason: "请选择银行回单文件（CSV 或 XLSX）")]
            }
            return try await batchPage(id: id, request: request, actor: actor, context: context, uploadProblems: problems, status: .unprocessableContent)
        }
    }

    // MARK: Rules in words

    static func describe(_ c: GrantCondition) -> String {
        switch c.kind {
        case .member: return "工会会员"
        case .archiveFiled: return "困难职工档案在档"
        case .category: return "档案类别为" + (c.categories ?? []).map(\.title).joined(separator: "或")
        case .migrantWorker: return "农民工"
        case .childAdmitted: return "子女当年考入" + (c.admissions ?? ChildAdmission.allCases).map(\.title).joined(separator: "或")
        case .listedIllness:
            let list = c.illnesses ?? []
            return list.isEmpty ? "患省大病目录内疾病" : "患" + list.joined(separator: "、") + "之一"
        case .outOfPocketAbove: return "自付医疗费用超过 \(Money(fen: c.thresholdFen ?? 0).yuanString) 元"
        case .outdoorWorker: return "户外劳动者"
        }
    }

    static func describe(_ a: GrantAmount) -> String {
        switch a.kind {
        case .fixed: return "定额 \(Money(fen: a.fen ?? 0).yuanString) 元"
        case .shareOfCosts: return "按自付费用的 \(a.percent ?? 0)% 计，封顶 \(Money(fen: a.capFen ?? 0).yuanString) 元"
        }
    }

    static func rulesList(_ rules: GrantRules) -> HTML {
        if rules.rules.isEmpty { return "<p>没有设定规则。</p>" }
        let items = rules.rules.map { r -> HTML in
            let conditions = r.conditions.isEmpty ? "无条件" : r.conditions.map(describe).joined(separator: "，且")
            return "<li><strong>\(r.name)</strong>：\(conditions) → \(describe(r.amount))</li>"
        }
        return "<ol class=\"rules\">\(items)</ol><p class=\"muted\">按顺序核对，第一条条件全部符合的规则决定金额。</p>"
    }

    /// The rules typed as JSON: an array of rules or an object with `rules`; empty means the preset.
    static func parseRules(_ text: String, errors: inout FieldErrors) -> GrantRules? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return nil }
        let json = t.hasPrefix("[") ? "{\"rules\":" + t + "}" : t
        do {
            let rules = try JSONDecoder().decode(GrantRules.self, from: Data(json.utf8))
            let problems = rules.problems
            if !problems.isEmpty { errors.add("rules", problems.joined(separator: "；")); return nil }
            return rules
        } catch {
            errors.add("rules", "规则格式不正确：应为规则数组，每条含 name、conditions（kind 等）和 amount（kind 及 fen，或 percent 与 capFen）")
            return nil
        }
    }

    static func rulesJSON(_ rules: GrantRules) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(rules.rules)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func stateTag(_ s: GrantState) -> HTML {
        let cls = switch s {
        case .paid: "ok"
        case .failed, .rejected: "bad"
        case .submitted, .reviewed: "warn"
        case .approved, .inBatch: "info"
        case .withdrawn: "muted"
        }
        return "<span class=\"tag \(cls)\">\(s.title)</span>"
    }

    static func batchState(_ s: String) -> String {
        switch s {
        case "open": "待导出"
        case "exported": "已导出，待银行回单"
        case "reconciled": "已对账"
        default: s
        }
    }

    static func yuan(_ m: Money) -> String { m.yuanString }

    func isProvinceEditor(_ actor: Actor) async -> Bool {
        guard actor.role.mayEditRegistry else { return false }
        if actor.isSystem || actor.role == .systemAdmin { return true }
        guard let code = actor.orgCode, let org = try? await store.orgs.org(code: code, actor: actor) else { return false }
        return org.kind == .province
    }

    // MARK: Programs and cycles

    func programsPage(actor: Actor, context: OfficerPageContext, flash: String? = nil, programValues: [String: String] = [:], programErrors: FieldErrors = FieldErrors(),
                      cycleValues: [String: String] = [:], cycleErrors: FieldErrors = FieldErrors(), status: HTTPResponse.Status = .ok) async throws -> Response {
        async let programsList = store.assistance.programs()
        async let cyclesList = store.assistance.cycles(actor: actor)
        let programs = try await programsList, cycles = try await cyclesList
        let csrf = context.csrf
        let cycleRows = cycles.map { c -> HTML in
            """
            <tr><td data-label="项目">\(c.programName)</td><td data-label="批次"><a href="/cycles/\(String(c.id))">\(c.name)</a></td>
            <td data-label="受理期">\(c.startsOn.iso) 至 \(c.endsOn.iso)</td>
            <td data-label="状态">\(c.isOpen ? HTML("<span class=\"tag ok\">受理中</span>") : HTML("<span class=\"tag\">已结束</span>"))</td>
            <td data-label="所属工会">\(c.ownerOrgName)</td></tr>
            """
        }
        let programRows = programs.map { p -> HTML in
            """
            <tr><td data-label="代码">\(p.code)</td><td data-label="名称">\(p.name)</td><td data-label="类型">\(p.kind.title)</td>
            <td data-label="说明">\(p.description.isEmpty ? UI.none : p.description)</td></tr>
            """
        }
        var forms: HTML = .empty
        if await isProvinceEditor(actor) {
            let v = programValues, cv = cycleValues
            let kinds = [("", "请选择")] + ProgramKind.allCases.map { ($0.rawValue, $0.title) }
            let programOptions = [("", "请选择")] + programs.map { ($0.code, "\($0.name)（\($0.kind.title)）") }
            let presets = Set(programs.map(\.kind)).sorted { $0.rawValue < $1.rawValue }.map { k -> HTML in
                "<h3>\(k.title)</h3>\(Self.rulesList(GrantRules.preset(k)))"
            }
            forms = """
            <div class="grid two">
            <section class="card" aria-labelledby="h-new-cycle"><h2 id="h-new-cycle">开设项目批次</h2>
            \(Layout.formErrors(cycleErrors))
            <form method="post" action="/cycles">\(Layout.csrfField(csrf))
            \(Layout.select("帮扶项目", name: "program", options: programOptions, selected: cv["program"] ?? "", error: cycleErrors["program"]))
            \(Layout.field("批次名称", name: "name", value: cv["name"] ?? "", error: cycleErrors["name"], hint: "如“2027年春节送温暖”", required: true, attributes: " maxlength=\"100\""))
            \(Layout.field("受理开始日期", name: "starts_on", value: cv["starts_on"] ?? "", type: "date", error: cycleErrors["starts_on"], required: true))
            \(Layout.field("受理结束日期", name: "ends_on", value: cv["ends_on"] ?? "", type: "date", error: cycleErrors["ends_on"], required: true))
            \(Layout.field("预算总额（元）", name: "budget", value: cv["budget"] ?? "", error: cycleErrors["budget"], hint: "本级持有，再逐级分配给下级工会；精确到分", required: true, attributes: " inputmode=\"decimal\""))
            \(Layout.textarea("规则（JSON，可不填）", name: "rules", value: cv["rules"] ?? "", error: cycleErrors["rules"], hint: "不填则使用所选项目的预设规则（见下）。如需调整，按下方示例填写规则数组。"))
            <details><summary>规则的 JSON 示例（送温暖预设）</summary><pre class="json">\(Self.rulesJSON(GrantRules.preset(.warmth)))</pre></details>
            <button type="submit">开设批次</button>
            </form>
            <h3>各项目的预设规则</h3>
            \(presets.isEmpty ? HTML("<p class=\"muted\">尚未设立帮扶项目。</p>") : HTML.join(presets))
            </section>
            <section class="card" aria-labelledby="h-new-program"><h2 id="h-new-program">设立帮扶项目</h2>
            \(Layout.formErrors(programErrors))
            <form method="post" action="/programs">\(Layout.csrfField(csrf))
            \(Layout.field("项目代码", name: "code", value: v["code"] ?? "", error: programErrors["code"], hint: "字母、数字或连字符，如 SNW", required: true, attributes: " maxlength=\"32\""))
            \(Layout.field("项目名称", name: "name", value: v["name"] ?? "", error: programErrors["name"], required: true, attributes: " maxlength=\"50\""))
            \(Layout.select("项目类型", name: "kind", options: kinds, selected: v["kind"] ?? "", error: programErrors["kind"], hint: "决定开设批次时的预设规则"))
            \(Layout.textarea("说明", name: "description", value: v["description"] ?? ""))
            <button type="submit" class="secondary">设立项目</button>
            </form>
            </section>
            </div>
            """
        } else {
            forms = "<p class=\"muted\">帮扶项目和批次由省总工会设立；预算逐级分配到各级工会。</p>"
        }
        let body: HTML = """
        <section aria-labelledby="h-cycles"><h2 id="h-cycles">项目批次</h2>
        \(cycles.isEmpty ? HTML("<p>还没有开设项目批次。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">项目</th><th scope="col">批次</th><th scope="col">受理期</th><th scope="col">状态</th><th scope="col">所属工会</th></tr></thead>
        <tbody>\(cycleRows)</tbody></table></div>
        """)
        </section>
        \(forms)
        <section aria-labelledby="h-programs"><h2 id="h-programs">帮扶项目</h2>
        \(programs.isEmpty ? HTML("<p>还没有设立帮扶项目。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">代码</th><th scope="col">名称</th><th scope="col">类型</th><th scope="col">说明</th></tr></thead>
        <tbody>\(programRows)</tbody></table></div>
        """)
        </section>
        """
        return Web.page(Layout.page("帮扶项目", actor: actor, csrf: csrf, section: .programs, flash: flash, body), status: status)
    }

    /// What the forms of the cycle page come back with after a refused POST.
    struct CycleForms {
        var allocate: [String: String] = [:]
        var allocateErrors = FieldErrors()
        var apply: [String: String] = [:]
        var applyErrors = FieldErrors()
        var decision: GrantDecision?
        var batchError: String?
    }

    func cyclePage(id: Int64, request: Request, actor: Actor, context: OfficerPageContext, form: CycleForms = CycleForms(),
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let c = try await store.assistance.cycle(id: id, actor: actor)
        let q = PageQuery(request)
        let csrf = context.csrf
        async let budgetsList = store.assistance.budgets(cycleID: id, actor: actor)
        async let batchesList = store.assistance.batches(cycleID: id, actor: actor)
        let budgets = try await budgetsList, batches = try await batchesList
        var counts: [(GrantState, Int)] = []
        for s in GrantState.allCases {
            counts.append((s, try await store.assistance.grants(cycleID: id, state: s, actor: actor, limit: 1000).count))
        }

        // The budget table, indented by level below the actor's top row.
        let codes = Set(budgets.map(\.orgCode))
        func depth(_ b: CycleBudget) -> Int {
            var d = 0, parent = b.parentCode
            while let p = parent, codes.contains(p), d < 6 { d += 1; parent = budgets.first { $0.orgCode == p }?.parentCode }
            return d
        }
        let tops = budgets.filter { b in b.parentCode.map { !codes.contains($0) } ?? true }
        let budgetRows = budgets.map { b -> HTML in
            let own = b.orgCode == actor.orgCode
            return """
            <tr\(own ? HTML(raw: " class=\"row-own\"") : .empty)><th scope="row" class="lvl\(depth(b))" data-label="工会"><a href="\(URLText.with("/cycles/\(id)/report", [("org", b.orgCode)]))">\(b.orgName)</a>\(own ? HTML("（本级）") : .empty)</th>
            <td class="num" data-label="下达">\(Self.yuan(b.allocated))</td><td class="num" data-label="已分配下级">\(Self.yuan(b.suballocated))</td>
            <td class="num" data-label="已批准占用">\(Self.yuan(b.reserved))</td><td class="num" data-label="已发放">\(Self.yuan(b.paid))</td>
            <td class="num" data-label="余额"><strong>\(Self.yuan(b.left))</strong></td></tr>
            """
        }
        let totalGiven = tops.map(\.allocated).sum(), totalReserved = budgets.map(\.reserved).sum()
        let totalPaid = budgets.map(\.paid).sum(), totalLeft = budgets.map(\.left).sum()
        let budgetTable: HTML = budgets.isEmpty ? "<p>您所辖范围在本期没有预算。</p>" : """
        <div class="table-wrap"><table class="stats stack"><caption>单位：元。余额 = 下达 − 已分配下级 − 已批准占用；合计行的下达为本辖区收到的预算，余额为各级余额之和。</caption>
        <thead><tr><th scope="col">工会</th><th scope="col" class="num">下达</th><th scope="col" class="num">已分配下级</th><th scope="col" class="num">已批准占用</th><th scope="col" class="num">已发放</th><th scope="col" class="num">余额</th></tr></thead>
        <tbody>\(budgetRows)</tbody>
        <tfoot><tr><th scope="row">合计</th><td class="num" data-label="下达">\(Self.yuan(totalGiven))</td><td class="num" data-label="已分配下级">\(UI.none)</td>
        <td class="num" data-label="已批准占用">\(Self.yuan(totalReserved))</td><td class="num" data-label="已发放">\(Self.yuan(totalPaid))</td><td class="num" data-label="余额">\(Self.yuan(totalLeft))</td></tr></tfoot>
        </table></div>
        """

        // Allocation to a direct child of the actor's union.
        var allocate: HTML = .empty
        if actor.role.mayEditRegistry, let own = actor.orgCode, let mine = budgets.first(where: { $0.orgCode == own }) {
            let children = (try? await store.orgs.children(of: own, actor: actor, limit: 500)) ?? []
            if !children.isEmpty {
                let options = [("", "请选择")] + children.map { ($0.org.code, "\($0.org.name)（\($0.org.code)）") }
                let e = form.allocateErrors
                allocate = """
                <form method="post" action="/cycles/\(String(id))/allocate" class="card" id="allocate"><h3>分配预算给下级工会</h3>
                \(Layout.formErrors(e))
                \(Layout.csrfField(csrf))
                <p>本级可分配余额：<strong>\(Self.yuan(mine.left))</strong> 元。分配后由下级工会审批使用，不能超过本级余额。</p>
                \(Layout.select("下级工会", name: "to_org_code", options: options, selected: form.allocate["to_org_code"] ?? "", error: e["to_org_code"]))
                \(Layout.field("金额（元）", name: "amount", value: form.allocate["amount"] ?? "", error: e["amount"], hint: "精确到分，如 50000 或 12345.67", required: true, attributes: " inputmode=\"decimal\""))
                <button type="submit">分配</button>
                </form>
                """
            }
        }

        // Grants by state.
        let countItems = counts.map { s, n -> HTML in
            let shown = n >= 1000 ? "1000+" : Layout.number(n)
            return "<li><a href=\"/cycles/\(String(id))/grants?state=\(s.rawValue)\"><span class=\"n\">\(shown)</span>\(s.title)</a></li>"
        }

        // Applying on a worker's behalf: look up by name, then the form.
        var applyHTML: HTML = .empty
        if actor.role.mayEditRegistry && c.isOpen {
            let who = q.string("who", maxLength: 50)
            var found: HTML = .empty
            if !who.isEmpty {
                let page = try await store.members.search(name: who, orgCode: nil, status: .active, actor: actor, limit: 20)
                let rows = page.items.map { m -> HTML in
                    """
                    <tr><td data-label="会员编号">\(String(m.id))</td><td data-label="姓名">\(m.name)</td><td data-label="证件号">\(m.idNumberMasked)</td><td data-label="所属工会">\(m.orgName)</td>
                    <td data-label="操作"><a href="\(URLText.with("/cycles/\(id)", [("member", String(m.id))]))#apply">选择</a></td></tr>
                    """
                }
                found = page.items.isEmpty ? "<p role=\"status\">所辖范围内没有姓名以“\(who)”开头的在会会员。</p>" : """
                <div class="table-wrap"><table class="stack"><caption class="muted">姓名以“\(who)”开头的在会会员（最多 20 人）</caption><thead><tr><th scope="col">会员编号</th><th scope="col">姓名</th><th scope="col">证件号</th><th scope="col">所属工会</th><th scope="col">操作</th></tr></thead>
                <tbody>\(rows)</tbody></table></div>
                """
            }
            let v = form.apply, e = form.applyErrors
            let memberValue = v["member_id"] ?? q.string("member", maxLength: 20)
            let admissions = [("", "未申报")] + ChildAdmission.allCases.map { ($0.rawValue, $0.title) }
            let illnesses = [("", "未申报")] + HardshipVocab.majorIllnesses.map { ($0, $0) }
            let decisionHTML: HTML = form.decision.map { d -> HTML in
                let lines = d.explanation.map { l -> HTML in "<li>\(l)</li>" }
                return "<div class=\"alert\" role=\"alert\" id=\"decision\"><h3>规则核对结果</h3><ol class=\"arithmetic\">\(lines)</ol></div>"
            } ?? .empty
            let generalErrors = FieldErrors(byField: e.byField, general: form.decision == nil ? e.general : [])
            applyHTML = """
            <section class="card" aria-labelledby="h-apply" id="apply"><h2 id="h-apply">代为申请</h2>
            <form method="get" action="/cycles/\(String(id))#apply" class="search" role="search">
            \(Layout.field("按姓名查找会员", name: "who", value: who, type: "search", hint: "从姓氏开始输入，只查所辖范围"))
            <button type="submit" class="secondary">\(UI.search)</button>
            </form>
            \(found)
            \(Layout.formErrors(generalErrors))
            \(decisionHTML)
            <form method="post" action="/cycles/\(String(id))/apply">\(Layout.csrfField(csrf))
            \(Layout.field("会员编号", name: "member_id", value: memberValue, error: e["member_id"], hint: "可在上方按姓名查找后选择", required: true, attributes: " inputmode=\"numeric\""))
            <fieldset><legend>申报事项（有证明材料的才填写）</legend>
            \(Layout.select("子女当年考入", name: "child_admission", options: admissions, selected: v["child_admission"] ?? ""))
            \(Layout.select("所患大病", name: "illness", options: illnesses, selected: v["illness"] ?? ""))
            \(Layout.field("自付医疗费用（元）", name: "out_of_pocket", value: v["out_of_pocket"] ?? "", error: e["out_of_pocket"], hint: "医保报销后个人负担部分", attributes: " inputmode=\"decimal\""))
            \(Layout.checkbox("户外劳动者", name: "outdoor_worker", checked: v["outdoor_worker"] == "1"))
            </fieldset>
            <fieldset><legend>本人银行账户（没有在档困难职工档案时填写）</legend>
            \(Layout.field("开户行", name: "bank_name", value: v["bank_name"] ?? "", error: e["bank_name"], attributes: " maxlength=\"100\""))
            \(Layout.field("银行账号", name: "bank_account", value: v["bank_account"] ?? "", error: e["bank_account"], hint: "帮扶资金只发到本人账户，不发现金", attributes: " inputmode=\"numeric\" autocomplete=\"off\""))
            </fieldset>
            <button type="submit">提交申请</button>
            </form>
            </section>
            """
        }

        // Batches.
        let batchRows = batches.map { b -> HTML in
            """
            <tr><td data-label="批次号"><a href="/batches/\(String(b.id))">\(b.batchNo)</a></td><td data-label="状态">\(Self.batchState(b.state))</td>
            <td class="num" data-label="笔数">\(Layout.number(b.lineCount))</td><td class="num" data-label="金额（元）">\(Self.yuan(b.total))</td>
            <td data-label="生成">\(b.createdBy)，\(Layout.time(b.createdAt))</td></tr>
            """
        }
        let batchError: HTML = form.batchError.map { "<div class=\"alert\" role=\"alert\"><p>\($0)</p></div>" } ?? .empty
        let makeBatch: HTML = actor.role.mayDecideTransfers ? """
        <form method="post" action="/cycles/\(String(id))/batches" class="inline-form">\(Layout.csrfField(csrf))<button type="submit">生成发放批次</button>
        <span class="muted">把本级预算批准、待发放的申请编入一个新批次</span></form>
        """ : .empty

        var actions: [HTML] = ["<a class=\"button secondary\" href=\"/cycles/\(String(id))/grants\">申请列表</a>",
                               "<a class=\"button secondary\" href=\"/cycles/\(String(id))/report\">统计报表</a>"]
        if actor.role.mayEditRegistry && c.isOpen && actor.orgCode != nil {
            actions.append("""
            <form method="post" action="/cycles/\(String(id))/generate" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="secondary">为辖区在档困难职工生成申请</button></form>
            """)
        }
        if actor.role.mayEditRegistry && c.isOpen && (actor.orgCode == c.ownerOrgCode || actor.role == .systemAdmin) {
            actions.append("""
            <form method="post" action="/cycles/\(String(id))/close" class="inline">\(Layout.csrfField(csrf))<button type="submit" class="danger">结束受理</button></form>
            """)
        }
        var flashHTML: HTML = .empty
        if q.string("ok") == "pg_generated" {
            flashHTML = "<p class=\"flash\" role=\"status\">已生成 \(String(q.int("made", default: 0, range: 0...10_000_000))) 份申请；\(String(q.int("skipped", default: 0, range: 0...10_000_000))) 人已有申请或不符合条件，未生成。</p>"
        }
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/programs">帮扶项目</a></li><li aria-current="page">\(c.name)</li></ol></nav>
        \(flashHTML)
        <p>\(c.programName)（\(c.kind.title)）· 受理期 \(c.startsOn.iso) 至 \(c.endsOn.iso) · \(c.isOpen ? HTML("<span class=\"tag ok\">受理中</span>") : HTML("<span class=\"tag\">已结束受理</span>")) · 所属：\(c.ownerOrgName)</p>
        <div class="actions">\(actions)</div>
        <div class="grid two">
        <section class="card" aria-labelledby="h-rules"><h2 id="h-rules">申请条件和金额</h2>\(Self.rulesList(c.rules))</section>
        <section class="card" aria-labelledby="h-counts"><h2 id="h-counts">申请办理情况</h2>
        <ul class="kpis counts">\(countItems)</ul></section>
        </div>
        <section aria-labelledby="h-budget"><h2 id="h-budget">预算</h2>
        \(budgetTable)
        \(allocate)
        </section>
        \(applyHTML)
        <section aria-labelledby="h-batches"><h2 id="h-batches">发放批次</h2>
        \(batchError)
        \(makeBatch)
        \(batches.isEmpty ? HTML("<p>还没有发放批次。</p>") : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">批次号</th><th scope="col">状态</th><th scope="col" class="num">笔数</th><th scope="col" class="num">金额（元）</th><th scope="col">生成</th></tr></thead>
        <tbody>\(batchRows)</tbody></table></div>
        """)
        </section>
        """
        let flash = q.string("ok") == "pg_generated" ? nil : q.string("ok")
        return Web.page(Layout.page(c.name, actor: actor, csrf: csrf, section: .programs, flash: flash, body), status: status)
    }

    // MARK: Grants

    struct GrantProblem {
        var grantID: Int64
        var action: String
        var field: String?
        var message: String
    }

    /// The buttons for a grant in its state: review, approve, reject with a reason.
    func grantActions(_ g: Grant, actor: Actor, csrf: String?, back: String, state: String = "", problem: GrantProblem?) -> HTML {
        guard actor.role.mayDecideTransfers, g.state == .submitted || g.state == .reviewed else { return .empty }
        let hidden: HTML = """
        \(Layout.csrfField(csrf))<input type="hidden" name="version" value="\(String(g.version))"><input type="hidden" name="back" value="\(back)"><input type="hidden" name="state" value="\(state)">
        """
        let main: HTML = g.state == .submitted
            ? "<button type=\"submit\" name=\"action\" value=\"review\">审核通过</button>"
            : "<button type=\"submit\" name=\"action\" value=\"approve\">批准</button>"
        let reasonError = problem.flatMap { $0.grantID == g.id && $0.field == "reason" ? $0.message : nil }
        let rid = "reason-\(g.id)"
        let invalid: HTML = reasonError != nil ? " aria-invalid=\"true\" aria-describedby=\"\(rid)-error\"" : ""
        let errorNote: HTML = reasonError.map { "<p class=\"field-error\" id=\"\(rid)-error\">\($0)</p>" } ?? .empty
        return """
        <div class="row-actions">
        <form method="post" action="/grants/\(String(g.id))/act" class="inline">\(hidden)\(main)</form>
        <details\(reasonError != nil ? HTML(raw: " open") : .empty)><summary>不予通过</summary>
        <form method="post" action="/grants/\(String(g.id))/act">\(hidden)
        <div class="field\(reasonError != nil ? " has-error" : "")"><label for="f-\(rid)">不予通过的理由</label>
        <input id="f-\(rid)" name="reason" type="text" maxlength="500" required\(invalid)>\(errorNote)</div>
        <button type="submit" name="action" value="reject" class="danger">确认不予通过</button></form></details>
        </div>
        """
    }

    func worklistPage(cycleID: Int64, request: Request, actor: Actor, context: OfficerPageContext, state: String? = nil, problem: GrantProblem? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let c = try await store.assistance.cycle(id: cycleID, actor: actor)
        let q = PageQuery(request)
        let stateText = state ?? q.string("state", maxLength: 20)
        let filter = GrantState(rawValue: stateText)
        let offset = q.int("offset", default: 0, range: 0...10_000_000)
        let grants = try await store.assistance.grants(cycleID: cycleID, state: filter, actor: actor, limit: Self.pageSize, offset: offset)
        let csrf = context.csrf
        let tabs = ([nil] + GrantState.allCases.map { Optional($0) }).map { s -> HTML in
            let href = URLText.with("/cycles/\(cycleID)/grants", [("state", s?.rawValue)])
            let label = s?.title ?? "全部"
            return s == filter ? "<li><a href=\"\(href)\" aria-current=\"page\">\(label)</a></li>" : "<li><a href=\"\(href)\">\(label)</a></li>"
        }
        let rows = grants.map { g -> HTML in
            let bad = problem?.grantID == g.id
            let note: HTML = bad && problem?.field == nil ? "<p class=\"field-error\" role=\"alert\">\(problem!.message)</p>" : .empty
            return """
            <tr\(bad ? HTML(raw: " class=\"row-bad\"") : .empty) id="g\(String(g.id))"><td data-label="姓名"><a href="/grants/\(String(g.id))">\(g.name)</a></td>
            <td data-label="所属工会">\(g.orgName)</td><td data-label="类别">\(g.category?.title ?? "无档案")</td><td data-label="规则">\(g.ruleName)</td>
            <td class="num" data-label="金额（元）">\(Self.yuan(g.amount))</td><td data-label="状态">\(Self.stateTag(g.state))</td>
            <td data-label="申请日期">\(g.appliedOn.iso)</td>
            <td data-label="操作">\(note)\(grantActions(g, actor: actor, csrf: csrf, back: "list", state: filter?.rawValue ?? "", problem: problem))</td></tr>
            """
        }
        let alert: HTML = problem.map { p -> HTML in
            let who = grants.first { $0.id == p.grantID }?.name ?? "申请 \(p.grantID)"
            return "<div class=\"alert\" role=\"alert\"><p><strong>\(who)</strong>：\(p.field == nil ? p.message : UI.formHasErrors)</p></div>"
        } ?? .empty
        let empty: HTML = "<p>没有\(filter?.title ?? "")的申请。</p>"
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/programs">帮扶项目</a></li><li><a href="/cycles/\(String(cycleID))">\(c.name)</a></li><li aria-current="page">申请列表</li></ol></nav>
        \(alert)
        <ul class="tabs">\(tabs)</ul>
        <p class="muted">基层工会审核通过后，由持有预算的工会批准；批准即占用本级预算，余额不足时不能批准。</p>
        \(grants.isEmpty ? empty : """
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col">姓名</th><th scope="col">所属工会</th><th scope="col">类别</th><th scope="col">规则</th><th scope="col" class="num">金额（元）</th><th scope="col">状态</th><th scope="col">申请日期</th><th scope="col">操作</th></tr></thead>
        <tbody>\(rows)</tbody></table></div>
        \(Layout.pager(base: "/cycles/\(cycleID)/grants", query: [("state", filter?.rawValue)], offset: offset, limit: Self.pageSize, total: nil, shown: grants.count))
        """)
        """
        return Web.page(Layout.page("\(c.name)：申请列表", actor: actor, csrf: csrf, section: .programs, flash: q.string("ok"), body), status: status)
    }

    static func eventTitle(_ kind: String) -> String {
        switch kind {
        case "applied": "申请"
        case "reviewed": "基层审核通过"
        case "approved": "批准"
        case "rejected": "不予通过"
        case "batched": "编入发放批次"
        case "paid": "发放成功"
        case "failed": "发放失败"
        case "requeued": "更正后重新发放"
        case "account_proposed": "提出更正收款账户"
        case "account_approved": "批准更正收款账户"
        case "account_refused": "退回收款账户更正"
        default: kind
        }
    }

    func grantPage(id: Int64, actor: Actor, context: OfficerPageContext, flash: String? = nil, problem: GrantProblem? = nil,
                   requeue: ([String: String], FieldErrors)? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let g = try await store.assistance.grant(id: id, actor: actor)
        let c = try await store.assistance.cycle(id: g.cycleID, actor: actor)
        let events = try await store.assistance.grantHistory(id: id, actor: actor)
        let csrf = context.csrf
        func row(_ label: String, _ value: String?) -> HTML { "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? UI.none)</dd>" }
        let lines = g.explanation.map { l -> HTML in "<li>\(l)</li>" }
        let timeline = events.map { e -> HTML in
            """
            <li class="\(e.kind == "rejected" || e.kind == "failed" ? "sent-back" : "event")"><p><strong>\(Self.eventTitle(e.kind))</strong></p><p>\(e.detail)</p>
            <p class="muted">经办：\(e.actor)，记录于 \(Layout.time(e.at))</p></li>
            """
        }
        let alert: HTML = problem.map { p -> HTML in "<div class=\"alert\" role=\"alert\"><p>\(p.field == nil ? p.message : UI.formHasErrors)</p></div>" } ?? .empty
        var requeueHTML: HTML = .empty
        if g.state == .failed, let proposer = g.proposedBy {
            // A second person decides where the money goes (双人复核).
            let mayDecide = (actor.role == .orgAdmin || actor.role == .systemAdmin) && actor.username != proposer
                && (actor.orgCode == g.budgetOrgCode || actor.role == .systemAdmin)
            let buttons: HTML = mayDecide ? """
                <form method="post" action="/grants/\(String(g.id))/account" class="inline">\(Layout.csrfField(csrf))<input type="hidden" name="decision" value="approve"><button type="submit">批准更正</button></form>
                <form method="post" action="/grants/\(String(g.id))/account">\(Layout.csrfField(csrf))<input type="hidden" name="decision" value="refuse">
                \(Layout.field("退回理由", name: "reason", value: "", error: nil, attributes: " maxlength=\"500\" required"))
                <button type="submit" class="secondary">退回</button></form>
                """ : "<p class=\"muted\">须由付款工会（\(g.budgetOrgCode ?? UI.none)）的组织管理员批准，提出更正的人不能自己批准。</p>"
            requeueHTML = """
            <section class="card" aria-labelledby="h-requeue" id="requeue"><h2 id="h-requeue">收款账户更正待批准</h2>
            <p>\(proposer) 提出更正收款账户：<strong>\(g.proposedBankName ?? g.bankName) \(g.proposedAccountMasked ?? g.bankAccountMasked)</strong>（原账户 \(g.bankName) \(g.bankAccountMasked)）。批准后编入下一个发放批次；批准前这笔资金不发往任何账户。</p>
            \(buttons)
            </section>
            """
        } else if g.state == .failed && actor.role.mayDecideTransfers {
            let (v, e) = requeue ?? ([:], FieldErrors())
            requeueHTML = """
            <section class="card" aria-labelledby="h-requeue" id="requeue"><h2 id="h-requeue">更正后重新发放</h2>
            <p>银行退回原因：<strong>\(g.failureReason ?? UI.none)</strong>。账户无误时直接重新发放，申请回到“已批准待发放”，编入下一个发放批次；预算仍保留。更正账户须经付款工会的组织管理员批准后才生效。</p>
            \(Layout.formErrors(e))
            <form method="post" action="/grants/\(String(g.id))/requeue">\(Layout.csrfField(csrf))
            \(Layout.field("开户行（不改可不填）", name: "bank_name", value: v["bank_name"] ?? "", error: e["bank_name"], attributes: " maxlength=\"100\""))
            \(Layout.field("更正后的本人银行账号（不改可不填）", name: "bank_account", value: v["bank_account"] ?? "", error: e["bank_account"], hint: "现账号 \(g.bankAccountMasked)", attributes: " inputmode=\"numeric\" autocomplete=\"off\""))
            <button type="submit">重新发放</button>
            </form></section>
            """
        }
        let f = g.facts
        let batch: HTML = g.batchID.map { "<dt>发放批次</dt><dd><a href=\"/batches/\(String($0))\">查看批次</a></dd>" } ?? .empty
        let actions = grantActions(g, actor: actor, csrf: csrf, back: "grant", problem: problem)
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/programs">帮扶项目</a></li><li><a href="/cycles/\(String(c.id))">\(c.name)</a></li><li><a href="/cycles/\(String(c.id))/grants">申请列表</a></li><li aria-current="page">\(g.name)</li></ol></nav>
        \(alert)
        <section class="card" aria-labelledby="h-decision"><h2 id="h-decision">适用规则：\(g.ruleName)，\(Self.yuan(g.amount)) 元</h2>
        <p>当前状态：\(Self.stateTag(g.state))\(g.reason.map { "　不予通过的理由：\($0)" } ?? "")\(g.failureReason.map { "　发放失败原因：\($0)" } ?? "")</p>
        <h3>为什么是这条规则</h3>
        <ol class="arithmetic">\(lines)</ol>
        \(actions)
        </section>
        \(requeueHTML)
        <div class="grid two">
        <section class="card" aria-labelledby="h-person"><h2 id="h-person">申请人</h2>
        <dl class="fields">
        \(row("姓名", g.name))\(row("身份证号", g.idNumberMasked))\(row("所属工会", g.orgName))\(row("困难类别", g.category?.title ?? "无在档档案"))
        \(row("申请方式", g.channel == "portal" ? "本人在线申请" : "工会代为申请"))\(row("申请日期", g.appliedOn.iso))
        \(row("开户行", g.bankName))\(row("银行账号", g.bankAccountMasked))\(batch)\(row("发放次数", String(g.attempts)))\(row("发放日期", g.paidOn?.iso))
        </dl></section>
        <section class="card" aria-labelledby="h-facts"><h2 id="h-facts">核对的情况</h2>
        <dl class="fields">
        \(row("工会会员", f.isMember ? UI.yes : UI.no))\(row("档案在档", f.archiveFiled ? UI.yes : UI.no))\(row("农民工", f.isMigrantWorker ? UI.yes : UI.no))
        \(row("子女当年考入", f.childAdmission?.title))\(row("所患大病", f.illness))\(row("自付医疗费用", f.outOfPocket.map { $0.yuanString + " 元" }))
        \(row("户外劳动者", f.outdoorWorker ? UI.yes : UI.no))
        </dl></section>
        </div>
        <section aria-labelledby="h-history"><h2 id="h-history">办理记录</h2><ol class="timeline">\(timeline)</ol></section>
        """
        return Web.page(Layout.page("帮扶申请：\(g.name)", actor: actor, csrf: csrf, section: .programs, flash: flash, body), status: status)
    }

    // MARK: Batches

    func batchPage(id: Int64, request: Request, actor: Actor, context: OfficerPageContext, uploadProblems: [FieldProblem] = [],
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let b = try await store.assistance.batch(id: id, actor: actor)
        let c = try await store.assistance.cycle(id: b.cycleID, actor: actor)
        let lines = try await store.assistance.batchLines(id: id, actor: actor)
        let q = PageQuery(request)
        let csrf = context.csrf
        func result(_ l: PaymentLineView) -> HTML {
            switch l.result {
            case "paid": "<span class=\"tag ok\">成功</span>"
            case "failed": "<span class=\"tag bad\">失败</span>"
            default: "<span class=\"tag warn\">待回单</span>"
            }
        }
        let rows = lines.enumerated().map { i, l -> HTML in
            """
            <tr><td class="num" data-label="序号">\(i + 1)</td><td data-label="姓名"><a href="/grants/\(String(l.grantID))">\(l.name)</a></td><td data-label="开户行">\(l.bankName)</td>
            <td data-label="账号">\(l.accountMasked)</td><td class="num" data-label="金额（元）">\(Self.yuan(l.amount))</td><td data-label="参考号"><code>\(l.reference)</code></td>
            <td data-label="结果">\(result(l))</td><td data-label="失败原因">\(l.failureReason ?? "")</td></tr>
            """
        }
        let paid = lines.filter { $0.result == "paid" }, failed = lines.filter { $0.result == "failed" }
        var summary: HTML = .empty
        if q.string("ok") == "pg_results" {
            let p = q.int("paid", default: 0, range: 0...10_000_000), f = q.int("failed", default: 0, range: 0...10_000_000), a = q.int("already", default: 0, range: 0...10_000_000)
            summary = "<p class=\"flash\" role=\"status\">银行回单已登记：成功 \(String(p)) 笔，失败 \(String(f)) 笔，已登记过 \(String(a)) 笔（未重复登记）。</p>"
        }
        let mayPay = actor.role.mayDecideTransfers
        let downloads: HTML = mayPay ? """
        <section class="card" aria-labelledby="h-file"><h2 id="h-file">银行代发文件</h2>
        <p>文件含完整账号，仅用于报送银行；每次下载都记入审计日志。</p>
        <div class="actions"><a class="button" href="/batches/\(String(id))/file?format=csv" download>下载 CSV</a>
        <a class="button secondary" href="/batches/\(String(id))/file?format=xlsx" download>下载 Excel（XLSX）</a>
        <a class="button secondary" href="/batches/\(String(id))/file?format=csv&amp;encoding=gbk" download>下载 CSV（GBK 编码）</a></div>
        </section>
        """ : .empty
        var upload: HTML = .empty
        if mayPay && b.state != "reconciled" {
            let problemRows = uploadProblems.map { p -> HTML in
                "<tr><td data-label=\"位置\">\(p.field.isEmpty ? UI.none : p.field)</td><td data-label=\"内容\">\(p.value.isEmpty ? UI.none : p.value)</td><td data-label=\"问题\">\(p.reason)</td></tr>"
            }
            let problems: HTML = uploadProblems.isEmpty ? .empty : """
            <div class="alert" role="alert"><p>回单文件有 \(String(uploadProblems.count)) 处问题，<strong>尚未登记任何一笔</strong>。请改正后重新上传。</p></div>
            <div class="table-wrap"><table class="stack narrow" id="upload-problems"><thead><tr><th scope="col">位置</th><th scope="col">内容</th><th scope="col">问题</th></tr></thead><tbody>\(problemRows)</tbody></table></div>
            """
            upload = """
            <section class="card" aria-labelledby="h-results"><h2 id="h-results">登记银行回单</h2>
            <p>上传银行返回的结果文件（CSV 或 XLSX），须有“参考号”“结果”（成功/失败）两列，失败的写明“失败原因”。文件中任何一行有误时整份不登记。</p>
            \(problems)
            <form method="post" action="/batches/\(String(id))/results" enctype="multipart/form-data">\(Layout.csrfField(csrf))
            \(Layout.field("回单文件", name: "file", type: "file", error: uploadProblems.isEmpty ? nil : "文件有误，见上表", attributes: " accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\""))
            <button type="submit">上传并登记</button>
            </form></section>
            """
        }
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/programs">帮扶项目</a></li><li><a href="/cycles/\(String(c.id))">\(c.name)</a></li><li aria-current="page">\(b.batchNo)</li></ol></nav>
        \(summary)
        <ul class="kpis">
        <li><span class="n">\(Layout.number(b.lineCount))</span>笔，合计 \(Self.yuan(b.total)) 元</li>
        <li><span class="n">\(Layout.number(paid.count))</span>成功 \(Self.yuan(paid.map(\.amount).sum())) 元</li>
        <li><span class="n">\(Layout.number(failed.count))</span>失败 \(Self.yuan(failed.map(\.amount).sum())) 元</li>
        <li><span class="n">\(Self.batchState(b.state))</span>生成：\(b.createdBy)，\(Layout.time(b.createdAt))</li>
        </ul>
        \(failed.isEmpty ? HTML.empty : HTML("<p class=\"notice\">发放失败的，请打开该申请核实并更正本人账户后重新发放，将编入下一个批次。</p>"))
        \(downloads)
        \(upload)
        <section aria-labelledby="h-lines"><h2 id="h-lines">发放明细</h2>
        <div class="table-wrap"><table class="stack"><thead><tr><th scope="col" class="num">序号</th><th scope="col">姓名</th><th scope="col">开户行</th><th scope="col">账号</th><th scope="col" class="num">金额（元）</th><th scope="col">参考号</th><th scope="col">结果</th><th scope="col">失败原因</th></tr></thead>
        <tbody>\(rows)</tbody>
        <tfoot><tr><th scope="row" colspan="4">合计 \(Layout.number(lines.count)) 笔</th><td class="num">\(Self.yuan(lines.map(\.amount).sum()))</td><td colspan="3"></td></tr></tfoot></table></div>
        </section>
        """
        let flash = q.string("ok") == "pg_results" ? nil : q.string("ok")
        return Web.page(Layout.page("发放批次 \(b.batchNo)", actor: actor, csrf: csrf, section: .programs, flash: flash, body), status: status)
    }

    // MARK: Report

    func reportPage(cycleID: Int64, request: Request, actor: Actor, context: OfficerPageContext) async throws -> Response {
        let c = try await store.assistance.cycle(id: cycleID, actor: actor)
        let q = PageQuery(request)
        let asked = q.string("org", maxLength: 64)
        let code = asked.isEmpty ? (actor.orgCode ?? c.ownerOrgCode) : asked
        let r = try await store.assistance.report(cycleID: cycleID, orgCode: code, actor: actor)
        let crumbs = (try? await store.orgs.breadcrumbs(code: code, actor: actor)) ?? []
        let base = "/cycles/\(cycleID)/report"
        let orgCrumbs = crumbs.map { o -> HTML in
            o.code == r.orgCode ? "<li aria-current=\"page\">\(o.name)</li>" : "<li><a href=\"\(URLText.with(base, [("org", o.code)]))\">\(o.name)</a></li>"
        }
        func cells(_ row: AssistanceReport.Row) -> HTML {
            """
            <td class="num" data-label="批准人数">\(Layout.number(row.approvedPeople))</td><td class="num" data-label="批准金额（元）">\(Self.yuan(row.approved))</td>
            <td class="num" data-label="已发放人数">\(Layout.number(row.paidPeople))</td><td class="num" data-label="已发放金额（元）">\(Self.yuan(row.paid))</td>
            """
        }
        let childRows = r.byChild.map { row -> HTML in
            let label: HTML = row.key == r.orgCode ? "\(row.label)" : "<a href=\"\(URLText.with(base, [("org", row.key)]))\">\(row.label)</a>"
            return "<tr><th scope=\"row\" data-label=\"单位\">\(label)</th>\(cells(row))</tr>"
        }
        let categoryRows = r.byCategory.map { row -> HTML in "<tr><th scope=\"row\" data-label=\"类别\">\(row.label)</th>\(cells(row))</tr>" }
        let head: HTML = "<th scope=\"col\" class=\"num\">批准人数</th><th scope=\"col\" class=\"num\">批准金额（元）</th><th scope=\"col\" class=\"num\">已发放人数</th><th scope=\"col\" class=\"num\">已发放金额（元）</th>"
        let total: HTML = "<tfoot><tr><th scope=\"row\">合计</th>\(cells(r.total))</tr></tfoot>"
        let shown = r.byChild.filter { $0.approvedPeople > 0 }.sorted { $0.approved > $1.approved }.prefix(15)
        let chart: HTML = shown.isEmpty ? "<p class=\"muted\">还没有批准的申请。</p>" : Charts.bars(shown.map { ($0.label, Int($0.approved.fen)) }, title: "各单位批准金额（元）",
                                                                                            horizontal: true, format: { Money(fen: Int64($0)).yuanString })
        let categoryChart: HTML = r.total.approvedPeople == 0 ? .empty : Charts.bars(r.byCategory.filter { $0.approvedPeople > 0 }.map { ($0.label, $0.approvedPeople) },
                                                                                      title: "各类别批准人数", horizontal: true)
        let fileQuery: [(String, String?)] = [("org", r.orgCode)]
        let body: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><ol><li><a href="/programs">帮扶项目</a></li><li><a href="/cycles/\(String(cycleID))">\(c.name)</a></li><li>统计报表</li>\(orgCrumbs)</ol></nav>
        <p class="headline" id="headline">\(AssistanceFiles.headline(r))</p>
        <p class="muted">批准含已批准待发放、发放中、已发放和发放失败待重发的申请；金额精确到分，各行相加等于合计。</p>
        <div class="actions"><a class="button secondary" href="\(URLText.with(base + "/file", fileQuery + [("format", "csv")]))" download>下载 CSV</a>
        <a class="button secondary" href="\(URLText.with(base + "/file", fileQuery + [("format", "xlsx")]))" download>下载 Excel（XLSX）</a></div>
        <section class="card" aria-labelledby="h-by-child"><h2 id="h-by-child">按单位（点击下级单位逐级查看）</h2>
        <div class="chart-table">
        <div>\(chart)</div>
        <div class="table-wrap"><table class="stats stack"><thead><tr><th scope="col">单位</th>\(head)</tr></thead><tbody>\(childRows)</tbody>\(total)</table></div>
        </div></section>
        <section class="card" aria-labelledby="h-by-category"><h2 id="h-by-category">按困难类别</h2>
        <div class="chart-table">
        <div>\(categoryChart)</div>
        <div class="table-wrap"><table class="stats stack"><thead><tr><th scope="col">类别</th>\(head)</tr></thead><tbody>\(categoryRows)</tbody>\(total)</table></div>
        </div></section>
        """
        return Web.page(Layout.page("\(c.name)：\(r.orgName)", actor: actor, csrf: context.csrf, section: .programs, body))
    }
}
