import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The worker's side of assistance in the portal: the cycles open to them and their household's
/// archive, a short application form with a confirmation of what the rules give and why, and
/// the progress of each application down to the day it was paid.
extension PortalPages {
    /// Flash messages of the portal's own pages.
    static let assistanceFlash: [String: String] = [
        "applied": "申请已提交，等待所在工会审核。审核和发放的进度会显示在这里。",
        "withdrawn": "申请已撤回。",
    ]

    func registerAssistance(on router: RouterGroup<WorkerPageContext>) {
        router.get("my/assistance") { request, context in
            let s = context.worker
            let m = try await store.portal.membership(memberID: s.session.memberID).member
            let archive = try await store.hardship.openArchive(memberID: s.session.memberID, actor: .system("portal"))
            let cycles = try await store.assistance.portalCycles(memberID: s.session.memberID)
            let mine = try await store.assistance.grants(memberID: s.session.memberID).map(\.0)
            return Web.page(page("申请帮扶", member: m, csrf: s.session.csrf, assistanceHome(m, archive: archive, cycles: cycles, grants: mine)))
        }
        router.get("my/assistance/grants") { request, context in
            let s = context.worker
            let m = try await store.portal.membership(memberID: s.session.memberID).member
            var items: [(Grant, ProgramCycle, [PortalGrantEvent])] = []
            for (g, c) in try await store.assistance.grants(memberID: s.session.memberID) {
                items.append((g, c, try await store.assistance.portalGrantHistory(grantID: g.id, memberID: s.session.memberID)))
            }
            return Web.page(page("我的申请", member: m, csrf: s.session.csrf, flash: PageQuery(request).string("ok"), grantsPage(items, csrf: s.session.csrf)))
        }
        router.post("my/assistance/grants/:id/withdraw") { request, context in
            let s = context.worker
            _ = try await WebForm.read(request)
            let m = try await store.portal.membership(memberID: s.session.memberID).member
            do {
                _ = try await store.assistance.withdraw(grantID: try context.pathInt("id"), memberID: s.session.memberID, worker: m.name)
            } catch let e as StoreError where e.code == "grant_state" {
                return Web.page(page("我的申请", member: m, csrf: s.session.csrf, "<div class=\"alert\" role=\"alert\"><p>\(e.message)</p></div><p><a href=\"/my/assistance/grants\">返回我的申请</a></p>"), status: .conflict)
            }
            return Web.redirect("/my/assistance/grants?ok=withdrawn")
        }
        router.get("my/assistance/:cycleId/apply") { request, context in
            let s = context.worker
            let (m, cycle) = try await applicable(context, memberID: s.session.memberID)
            if let refusal = try await refusal(cycle, memberID: s.session.memberID) {
                return Web.page(page("申请\(cycle.name)", member: m, csrf: s.session.csrf, refusal.body), status: refusal.status)
            }
            let applicant = try await store.assistance.portalFacts(memberID: s.session.memberID, declaration: .init())
            return Web.page(page("申请\(cycle.name)", member: m, csrf: s.session.csrf,
                                 applyForm(cycle, applicant: applicant, values: [:], errors: FieldErrors(), refused: nil, csrf: s.session.csrf)))
        }
        router.post("my/assistance/:cycleId/apply") { request, context in
            let s = context.worker
            let memberID = s.session.memberID
            let (m, cycle) = try await applicable(context, memberID: memberID)
            let title = "申请\(cycle.name)"
            func show(_ body: HTML, _ status: HTTPResponse.Status) -> Response {
                Web.page(page(title, member: m, csrf: s.session.csrf, body), status: status)
            }
            if let refusal = try await refusal(cycle, memberID: memberID) { return show(refusal.body, refusal.status) }
            let form = try await WebForm.read(request)
            let values = Self.applyFields.reduce(into: [String: String]()) { $0[$1] = String(form[$1].prefix(100)) }
            var (declaration, errors) = Self.declaration(form, cycle: cycle)
            let applicant = try await store.assistance.portalFacts(memberID: memberID, declaration: declaration)
            func again(_ errors: FieldErrors, refused: GrantDecision? = nil, _ status: HTTPResponse.Status = .unprocessableContent) -> Response {
                show(applyForm(cycle, applicant: applicant, values: values, errors: errors, refused: refused, csrf: s.session.csrf), status)
            }
            if form["step"] == "edit" { return again(FieldErrors(), .ok) }
            if !errors.isEmpty { return again(errors) }
            let decision = try await store.assistance.preview(cycleID: cycle.id, memberID: memberID, declaration: declaration, scope: .everything)
            if !decision.isEligible || decision.amount.fen <= 0 { return again(errors, refused: decision) }
            if applicant.archiveAccountMasked == nil {
                let bankName = form["bank_name"]
                if bankName.isEmpty { errors.add("bank_name", "请填写开户银行") }
                let account = errors.parse("bank_account", form["bank_account"], missing: "请填写本人银行账号") { try BankAccountNumber($0) }
                if !errors.isEmpty { return again(errors) }
                declaration.bankName = String(bankName.prefix(60))
                declaration.bankAccount = account
            }
            guard form["step"] == "submit" else {
                return show(confirmation(cycle, decision: decision, applicant: applicant, declaration: declaration, values: values, csrf: s.session.csrf), .ok)
            }
            do {
                _ = try await store.assistance.apply(cycleID: cycle.id, memberID: memberID, declaration: declaration, actor: nil, worker: m.name)
                return Web.redirect("/my/assistance/grants?ok=applied")
            } catch let e as StoreError {
                switch e.code {
                case "duplicate_grant":
                    return show(Self.alreadyApplied(cycle), .conflict)
                case "cycle_not_open":
                    return show(Self.closed(cycle, message: e.message), .conflict)
                default:
                    // What the store refuses beyond the form (e.g. the account), beside the fields.
                    if case .notFound = e { throw e }
                    errors.add(e, fields: ["bank_name", "bank_account"])
                    let recheck = try await store.assistance.preview(cycleID: cycle.id, memberID: memberID, declaration: declaration, scope: .everything)
                    return again(errors, refused: recheck.isEligible ? nil : recheck)
                }
            }
        }
    }

    // MARK: Looking up

    /// The cycle of the path, if the worker may apply to it at all: another city's cycle is
    /// "not found"; a closed one is shown as closed by ``refusal(_:memberID:)``.
    func applicable(_ context: WorkerPageContext, memberID: Int64) async throws -> (Member, ProgramCycle) {
        let id = try context.pathInt("cycleId")
        let m = try await store.portal.membership(memberID: memberID).member
        let cycle = try await store.assistance.portalCycle(id: id, memberID: memberID)
        let open = try await store.assistance.portalCycles(memberID: memberID)
        if open.contains(where: { $0.id == id }) { return (m, cycle) }
        // Closed or past its end: shown as closed.
        if !cycle.isOpen || cycle.endsOn < .today() { return (m, cycle) }
        throw WebError.notFound
    }

    /// Why the worker cannot apply to the cycle now, if so: closed, not started, or already applied.
    func refusal(_ cycle: ProgramCycle, memberID: Int64, today: CivilDate = .today()) async throws -> (body: HTML, status: HTTPResponse.Status)? {
        if !cycle.isOpen || today > cycle.endsOn {
            return (Self.closed(cycle, message: "\(cycle.name) 已结束受理（受理时间 \(cycle.startsOn.iso) 至 \(cycle.endsOn.iso)）。"), .conflict)
        }
        if today < cycle.startsOn {
            return (Self.closed(cycle, message: "\(cycle.name) 将于 \(cycle.startsOn.iso) 开始受理，请到时再来申请。"), .conflict)
        }
        let mine = try await store.assistance.grants(memberID: memberID).map(\.0)
        if mine.contains(where: { $0.cycleID == cycle.id && $0.state.holdsTheCycle }) { return (Self.alreadyApplied(cycle), .conflict) }
        return nil
    }

    static func alreadyApplied(_ cycle: ProgramCycle) -> HTML {
        """
        <div class="alert" role="alert"><p>本期您已申请过。每人每期只能申请一次。</p></div>
        <p>您在 \(cycle.name) 的申请进度可以在“我的申请”里查看。</p>
        <div class="actions"><a class="button" href="/my/assistance/grants">查看我的申请</a><a href="/my/assistance">返回帮扶项目</a></div>
        """
    }

    static func closed(_ cycle: ProgramCycle, message: String) -> HTML {
        """
        <div class="alert" role="alert"><p>\(message)</p></div>
        <div class="actions"><a class="button secondary" href="/my/assistance">查看其他帮扶项目</a></div>
        """
    }

    // MARK: The form

    static let applyFields = ["child_admission", "illness", "out_of_pocket", "outdoor_worker", "bank_name", "bank_account"]

    /// What the form asks for a cycle: the facts its program's rules look at.
    struct Asks {
        var admissions: [ChildAdmission]?
        var illnesses: [String]?
        var costs = false
        var outdoor = false
    }

    static func asks(_ cycle: ProgramCycle) -> Asks {
        let conditions = cycle.rules.rules.flatMap(\.conditions)
        var a = Asks()
        if cycle.kind == .schoolAid || conditions.contains(where: { $0.kind == .childAdmitted }) {
            let listed = conditions.filter { $0.kind == .childAdmitted }.flatMap { $0.admissions ?? ChildAdmission.allCases }
            a.admissions = ChildAdmission.allCases.filter { listed.isEmpty || listed.contains($0) }
        }
        if cycle.kind == .seriousIllness || conditions.contains(where: { $0.kind == .listedIllness }) {
            let listed = conditions.filter { $0.kind == .listedIllness }.flatMap { $0.illnesses ?? [] }
            a.illnesses = listed.isEmpty ? HardshipVocab.majorIllnesses : listed
        }
        a.costs = cycle.kind == .seriousIllness || conditions.contains { $0.kind == .outOfPocketAbove }
            || cycle.rules.rules.contains { $0.amount.kind == .shareOfCosts }
        a.outdoor = cycle.kind == .summerCool || conditions.contains { $0.kind == .outdoorWorker }
        return a
    }

    /// The declaration from the form, with the problems of its fields (not the bank's).
    static func declaration(_ form: WebForm, cycle: ProgramCycle) -> (AssistanceService.Declaration, FieldErrors) {
        let asks = asks(cycle)
        var errors = FieldErrors()
        var d = AssistanceService.Declaration()
        if let admissions = asks.admissions {
            if let a = ChildAdmission(rawValue: form["child_admission"]), admissions.contains(a) { d.childAdmission = a } else {
                errors.add("child_admission", "请选择子女今年考入的学校类别")
            }
        }
        if let illnesses = asks.illnesses {
            if illnesses.contains(form["illness"]) { d.illness = form["illness"] } else { errors.add("illness", "请选择所患疾病") }
        }
        if asks.costs {
            if let cost = errors.money("out_of_pocket", form["out_of_pocket"], missing: "请填写今年自付的医疗费用") {
                if cost.isNegative { errors.add("out_of_pocket", "金额不能为负数") } else { d.outOfPocket = cost }
            }
        }
        if asks.outdoor { d.outdoorWorker = form["outdoor_worker"] == "1" }
        return (d, errors)
    }

    func applyForm(_ cycle: ProgramCycle, applicant: PortalApplicantFacts, values: [String: String], errors: FieldErrors, refused: GrantDecision?,
                   csrf: String) -> HTML {
        let asks = Self.asks(cycle)
        var fields: [HTML] = []
        if let admissions = asks.admissions {
            fields.append(Layout.select("子女今年考入", name: "child_admission", options: [("", "请选择")] + admissions.map { ($0.rawValue, $0.title) },
                                        selected: values["child_admission"] ?? "", error: errors["child_admission"], hint: "须有录取通知书，工会审核时核对"))
        }
        if let illnesses = asks.illnesses {
            fields.append(Layout.select("所患疾病", name: "illness", options: [("", "请选择")] + illnesses.map { ($0, $0) },
                                        selected: values["illness"] ?? "", error: errors["illness"], hint: "本人或家人所患的大病"))
        }
        if asks.costs {
            fields.append(Layout.field("今年自付的医疗费用（元）", name: "out_of_pocket", value: values["out_of_pocket"] ?? "", error: errors["out_of_pocket"],
                                       hint: "医保报销以后自己付的部分，以票据为准", required: true, attributes: "inputmode=\"decimal\""))
        }
        if asks.outdoor {
            fields.append(Layout.checkbox("我在高温下从事户外工作（如环卫、建筑、快递外卖等）", name: "outdoor_worker", checked: values["outdoor_worker"] == "1"))
        }
        let payee: HTML
        if let masked = applicant.archiveAccountMasked {
            payee = "<p>帮扶资金将发到您困难职工档案中登记的本人账户：\(applicant.archiveBankName ?? "") <span class=\"acct\">\(masked)</span>。账户如有变化，请联系所在工会更新档案。</p>"
        } else {
            payee = """
            <fieldset><legend>收款账户</legend>
            <p class="hint">帮扶资金只发到本人银行账户，不发现金。</p>
            \(Layout.field("开户银行", name: "bank_name", value: values["bank_name"] ?? "", error: errors["bank_name"], hint: "例如：中国工商银行武汉江岸支行", required: true))
            \(Layout.field("本人银行账号", name: "bank_account", value: values["bank_account"] ?? "", error: errors["bank_account"], required: true,
                           autocomplete: "off", attributes: "inputmode=\"numeric\""))
            </fieldset>
            """
        }
        let refusedHTML: HTML = refused.map { d in
            """
            <div class="alert" role="alert"><p>按您现在的情况，不符合\(cycle.name)的条件：</p></div>
            <section class="card" aria-labelledby="h-why"><h2 id="h-why">各项标准的条件</h2>\(Self.checks(cycle, facts: applicant.facts, decision: d))
            <p class="muted">如果情况填写有误，可以修改后重新提交；如有疑问，请联系所在工会。</p></section>
            """
        } ?? .empty
        return """
        \(refusedHTML)
        \(Layout.formErrors(errors))
        \(Self.cycleFacts(cycle))
        <form method="post" action="/my/assistance/\(cycle.id)/apply" class="card">
        \(Layout.csrfField(csrf))
        <input type="hidden" name="step" value="check">
        \(fields.isEmpty ? HTML("<p>本项目按您的困难职工档案审核，不需要另外填写情况。</p>") : HTML.join(fields))
        \(payee)
        <button type="submit">下一步：核对</button>
        </form>
        <p><a href="/my/assistance">返回帮扶项目</a></p>
        """
    }

    func confirmation(_ cycle: ProgramCycle, decision: GrantDecision, applicant: PortalApplicantFacts, declaration: AssistanceService.Declaration,
                      values: [String: String], csrf: String) -> HTML {
        let hidden = Self.applyFields.compactMap { name -> HTML? in
            guard let v = values[name], !v.isEmpty else { return nil }
            return "<input type=\"hidden\" name=\"\(name)\" value=\"\(v)\">"
        }
        var declared: [HTML] = []
        if let a = declaration.childAdmission { declared.append("<dt>子女今年考入</dt><dd>\(a.title)</dd>") }
        if let i = declaration.illness { declared.append("<dt>所患疾病</dt><dd>\(i)</dd>") }
        if let c = declaration.outOfPocket { declared.append("<dt>自付医疗费用</dt><dd>\(c.yuanString) 元</dd>") }
        if Self.asks(cycle).outdoor { declared.append("<dt>户外工作</dt><dd>\(declaration.outdoorWorker ? "是" : "否")</dd>") }
        let account: HTML = applicant.archiveAccountMasked.map { "\(applicant.archiveBankName ?? "") <span class=\"acct\">\($0)</span>（困难职工档案中的账户）" }
            ?? "\(declaration.bankName ?? "") <span class=\"acct\">\(declaration.bankAccount?.masked ?? "")</span>"
        let rule = cycle.rules.rules.first { $0.name == decision.ruleName }
        let how = rule.map { $0.amount.amount(for: applicant.facts).1 } ?? ""
        return """
        <section class="card" aria-labelledby="h-give"><h2 id="h-give">核对申请</h2>
        <p class="amount">按“\(decision.ruleName ?? "")”标准，本期可得帮扶资金 <strong>\(decision.amount.yuanString) 元</strong></p>
        <dl class="fields">
        <dt>帮扶项目</dt><dd>\(cycle.name)</dd>
        \(declared)
        <dt>收款账户</dt><dd>\(account)</dd>
        </dl>
        <h3>为什么</h3>
        \(Self.checks(cycle, facts: applicant.facts, decision: decision, onlyMatching: true))
        <p>金额：\(how)</p>
        <p class="muted">提交后由所在工会审核、上级工会审批，再由银行发到您的账户。最终金额以审批结果为准。</p>
        </section>
        <form method="post" action="/my/assistance/\(cycle.id)/apply" class="card">
        \(Layout.csrfField(csrf))
        \(hidden)
        <div class="actions"><button type="submit" name="step" value="submit">确认提交申请</button>
        <button type="submit" name="step" value="edit" class="secondary" formnovalidate>返回修改</button></div>
        </form>
        """
    }

    /// The conditions of each rule checked against the worker's facts, in the rules' own words:
    /// which hold and which do not (only the rule that applies, when `onlyMatching`).
    static func checks(_ cycle: ProgramCycle, facts: GrantFacts, decision: GrantDecision, onlyMatching: Bool = false) -> HTML {
        let rules = cycle.rules.rules.filter { !onlyMatching || $0.name == decision.ruleName }
        let items = rules.map { rule -> HTML in
            let lines = rule.conditions.map { c -> HTML in
                let (met, text) = c.check(facts)
                return met ? "<li><span class=\"tag ok\">符合</span> \(text)</li>" : "<li><span class=\"tag bad\">不符合</span> \(text)</li>"
            }
            return "<li><strong>\(rule.name)</strong>（\(describeAmount(rule.amount))）<ul class=\"checks\">\(lines)</ul></li>"
        }
        return "<ul class=\"rules\">\(items)</ul>"
    }

    // MARK: Words for the rules

    static func describeCondition(_ c: GrantCondition) -> String {
        switch c.kind {
        case .member: "工会会员"
        case .archiveFiled: "困难职工档案在档"
        case .category: "档案类别为" + (c.categories ?? []).map(\.title).joined(separator: "或")
        case .migrantWorker: "农民工"
        case .childAdmitted: "子女当年考入" + (c.admissions ?? ChildAdmission.allCases).map(\.title).joined(separator: "或")
        case .listedIllness: "本人或家人患大病目录内的疾病"
        case .outOfPocketAbove: "自付医疗费用超过 \(Money(fen: c.thresholdFen ?? 0).yuanString) 元"
        case .outdoorWorker: "高温下从事户外工作"
        }
    }

    static func describeAmount(_ a: GrantAmount) -> String {
        switch a.kind {
        case .fixed: "\(Money(fen: a.fen ?? 0).yuanString) 元"
        case .shareOfCosts: "自付费用的 \(a.percent ?? 0)%，最多 \(Money(fen: a.capFen ?? 0).yuanString) 元"
        }
    }

    /// The cycle's dates and what it gives, rule by rule.
    static func cycleFacts(_ cycle: ProgramCycle) -> HTML {
        let rules = cycle.rules.rules.map { r -> HTML in
            "<li><strong>\(describeAmount(r.amount))</strong>：\(r.conditions.map(describeCondition).joined(separator: "，"))</li>"
        }
        return """
        <dl class="fields">
        <dt>帮扶项目</dt><dd>\(cycle.programName)</dd>
        <dt>受理时间</dt><dd>\(cycle.startsOn.iso) 至 \(cycle.endsOn.iso)</dd>
        <dt>主办工会</dt><dd>\(cycle.ownerOrgName)</dd>
        </dl>
        <h3>发放标准</h3>
        <ul class="rules">\(rules)</ul>
        """
    }

    // MARK: The list of cycles

    static func archiveWords(_ stage: HardshipArchiveStage) -> String {
        switch stage {
        case .building: "工会正在为您家建立困难职工档案"
        case .publicNotice: "困难职工档案正在公示"
        case .recheck: "困难职工档案正在由上级工会复核"
        case .approval: "困难职工档案正在由帮扶中心审批"
        case .filed: "困难职工档案在档"
        case .closed: "困难职工档案已销档"
        }
    }

    func assistanceHome(_ m: Member, archive: HardshipArchiveSummary?, cycles: [ProgramCycle], grants: [Grant], today: CivilDate = .today()) -> HTML {
        let archiveHTML: HTML
        if let a = archive {
            let category: HTML = a.stage == .filed ? HTML("<dt>困难类别</dt><dd>\(a.category?.title ?? UI.none)</dd>") : .empty
            let note: HTML = a.stage == .filed
                ? "<p>可以申请需要困难职工档案在档的帮扶项目。档案每年复核一次，家庭情况有变化请告诉所在工会。</p>"
                : "<p>档案在档以后，才能申请送温暖、金秋助学等需要档案在档的帮扶项目。</p>"
            archiveHTML = """
            <dl class="fields"><dt>档案状态</dt><dd>\(Self.archiveWords(a.stage))</dd>\(category)<dt>建档工会</dt><dd>\(a.orgName)</dd></dl>
            \(note)
            """
        } else {
            archiveHTML = "<p>您家目前没有困难职工档案。送温暖、金秋助学等帮扶需要档案在档；家庭生活困难的，可以向 \(m.orgName) 申请建档。</p>"
        }
        let cards = cycles.map { c -> HTML in
            let existing = grants.first { $0.cycleID == c.id && $0.state.holdsTheCycle }
            let action: HTML
            if let g = existing {
                action = "<p><span class=\"tag info\">本期已申请：\(g.state.title)</span> <a href=\"/my/assistance/grants\">查看进度</a></p>"
            } else if today < c.startsOn {
                action = "<p class=\"muted\">\(c.startsOn.iso) 开始受理</p>"
            } else {
                action = "<div class=\"actions\"><a class=\"button\" href=\"/my/assistance/\(c.id)/apply\">申请\(c.programName)</a></div>"
            }
            return """
            <section class="card" aria-labelledby="h-c\(c.id)"><h2 id="h-c\(c.id)">\(c.name)</h2>
            \(Self.cycleFacts(c))
            \(action)
            </section>
            """
        }
        let cyclesHTML: HTML = cycles.isEmpty ? "<p>目前没有正在受理的帮扶项目。</p>" : HTML.join(cards)
        return """
        <p><a href="/my/assistance/grants">我的申请</a>：查看已提交申请的办理进度和发放情况。</p>
        <section class="card" aria-labelledby="h-ar"><h2 id="h-ar">我家的困难职工档案</h2>\(archiveHTML)</section>
        <h2>正在受理的帮扶项目</h2>
        \(cyclesHTML)
        """
    }

    // MARK: The worker's applications

    static let stepNames = ["申请", "基层审核", "审批", "发放"]

    /// How far each of the four steps has got: done, the current one, or where it stopped.
    static func progress(_ g: Grant, events: [PortalGrantEvent]) -> HTML {
        func date(_ kind: String) -> String? { events.last { $0.kind == kind }.map { String(Layout.time($0.at).prefix(10)) } }
        let done: Int
        var stoppedAt: Int?
        switch g.state {
        case .submitted: done = 1
        case .reviewed: done = 2
        case .approved, .inBatch, .failed: done = 3
        case .paid: done = 4
        case .rejected, .withdrawn:
            // Refused (or taken back) at the grassroots review, or at approval after it was reviewed.
            let reviewed = events.contains { $0.kind == "reviewed" }
            done = reviewed ? 2 : 1
            stoppedAt = done
        }
        let dates: [String?] = [g.appliedOn.iso, date("reviewed"), date("approved"), g.paidOn?.iso]
        let items = stepNames.enumerated().map { i, name -> HTML in
            let when: HTML = i < done ? (dates[i].map { HTML("<span class=\"when\">\($0)</span>") } ?? .empty) : .empty
            if i == stoppedAt { return "<li class=\"stopped\" aria-current=\"step\">\(name)<span class=\"when\">\(g.state == .withdrawn ? "已撤回" : "未通过")</span></li>" }
            if i < done { return "<li class=\"done\">\(name)\(when)</li>" }
            if i == done && stoppedAt == nil {
                let extra: HTML = g.state == .failed ? "<span class=\"when\">未到账</span>" : g.state == .inBatch ? "<span class=\"when\">发放中</span>" : .empty
                let cls = g.state == .failed ? "current stopped" : "current"
                return "<li class=\"\(cls)\" aria-current=\"step\">\(name)\(extra)</li>"
            }
            return "<li>\(name)</li>"
        }
        return "<ol class=\"progress\" aria-label=\"办理进度\">\(items)</ol>"
    }

    static func stateTag(_ s: GrantState) -> HTML { ProgramPages.stateTag(s) }

    func grantsPage(_ items: [(Grant, ProgramCycle, [PortalGrantEvent])], csrf: String?) -> HTML {
        if items.isEmpty {
            return """
            <p>您还没有帮扶申请。</p>
            <div class="actions"><a class="button" href="/my/assistance">申请帮扶</a></div>
            """
        }
        let cards = items.map { g, c, events -> HTML in
            let account: HTML = "\(g.bankName) <span class=\"acct\">\(g.bankAccountMasked)</span>"
            let what: HTML = switch g.state {
            case .submitted: "<p>所在工会正在审核您的申请。</p>"
            case .reviewed: "<p>所在工会已审核通过，等待上级工会审批。</p>"
            case .approved: "<p>已批准，等待发放。资金将发到您的账户 \(account)。</p>"
            case .inBatch: "<p>已交银行发放，到账后这里会显示发放日期。收款账户：\(account)。</p>"
            case .paid:
                "<div class=\"flash\"><p>已于 <strong>\(g.paidOn?.iso ?? "")</strong> 发放 <strong>\(g.amount.yuanString) 元</strong>，转入您的账户 \(account)。</p></div>"
            case .failed:
                "<div class=\"notice\"><p>银行没能把钱转到您的账户 \(account)\(g.failureReason.map { "（原因：\($0)）" } ?? "" as String)。工会将核实更正后重新发放，不需要重新申请。账户如有变化，请联系所在工会。</p></div>"
            case .rejected:
                "<div class=\"alert\"><p>申请未通过。原因：\(g.reason ?? UI.none)</p><p>情况有变化的，可以在受理时间内重新申请。</p></div>"
            case .withdrawn: "<p>您已撤回这份申请。在受理时间内可以重新申请。</p>"
            }
            // Taken back by the worker while the unions have not approved it yet.
            let withdraw: HTML = g.state == .submitted || g.state == .reviewed ? """
                <form method="post" action="/my/assistance/grants/\(String(g.id))/withdraw" class="actions">\(Layout.csrfField(csrf))\
                <button type="submit" class="secondary">撤回申请</button></form>
                """ : .empty
            return """
            <section class="card grant" aria-labelledby="h-g\(g.id)"><h2 id="h-g\(g.id)">\(c.name)</h2>
            \(Self.progress(g, events: events))
            <dl class="fields">
            <dt>状态</dt><dd>\(Self.stateTag(g.state))</dd>
            <dt>帮扶金额</dt><dd>\(g.amount.yuanString) 元（\(g.ruleName)）</dd>
            <dt>申请日期</dt><dd>\(g.appliedOn.iso)</dd>
            <dt>申请方式</dt><dd>\(g.channel == "portal" ? "本人在线申请" : "工会代为申请")</dd>
            </dl>
            \(what)
            \(withdraw)
            </section>
            """
        }
        return """
        \(HTML.join(cards))
        <p><a href="/my/assistance">申请其他帮扶项目</a></p>
        """
    }
}
