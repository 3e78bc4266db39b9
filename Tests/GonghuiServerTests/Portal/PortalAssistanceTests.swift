import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

/// The worker's side of assistance in the portal: applying with a confirmation of what the
/// rules give, one application per cycle, and the progress of one's own applications only.
@Suite("Portal: assistance for the worker")
struct PortalAssistanceTests {
    static let sys = Actor.system("test")

    /// The province's 低保 line and a 送温暖 cycle owned by the province.
    static func warmthCycle(_ store: Store) async throws -> ProgramCycle {
        try await store.hardship.setSubsistenceLine(SubsistenceLine(regionCode: "420000", effectiveFrom: try CivilDate(parsing: "2020-01-01"), monthly: Money(yuan: 800)), actor: sys)
        _ = try await store.assistance.createProgram(code: "SNW", name: "送温暖", kind: .warmth, actor: sys)
        return try await store.assistance.openCycle(programCode: "SNW", name: "2027年春节送温暖", startsOn: CivilDate.today().adding(days: -5),
                                                    endsOn: CivilDate.today().adding(days: 60), rules: nil, budget: Money(yuan: 10_000), ownerOrgCode: "P42", actor: sys)
    }

    /// A filed archive for the member: built, noticed, re-checked and approved on past dates.
    /// 20,000 yuan a year for three is 深度困难; 40,000 is 相对困难.
    @discardableResult
    static func filedArchive(_ store: Store, member: Member, income: Int64, account: String) async throws -> HardshipArchive {
        let applied = CivilDate.today().adding(days: -40)
        let details = HardshipDetails(regionCode: "420102", finances: HouseholdFinances(annualIncome: Money(yuan: income), rigidExpenses: .zero, householdSize: 3),
                                      ownMonthlyIncome: Money(yuan: 1500), causes: HardshipCauses(main: .majorIllness), health: "患大病", majorIllness: "恶性肿瘤",
                                      bankName: "中国工商银行武汉江岸支行", note: "内部备注：邻居反映情况属实")
        var a = try await store.hardship.build(HardshipArchiveDraft(person: .member(id: member.id), appliedOn: applied, details: details,
                                                                    bankAccount: try BankAccountNumber(account)), actor: sys, today: applied)
        for (i, step) in [HardshipArchiveAction.submitForNotice, .endNotice, .passRecheck, .approve].enumerated() {
            a = try await store.hardship.act(id: a.id, step, actor: sys, today: applied.adding(days: [1, 7, 8, 9][i]))
        }
        return a
    }

    /// The worker's browser after activating with a code the union issued.
    static func signIn(_ f: Fixture, member: Member, idNumber: String, phone: String) async throws -> Browser {
        let code = try await f.store.portal.issueActivationCode(memberID: member.id, actor: sys)
        let credential = try await f.store.portal.activate(idNumber: try IDNumber(idNumber), phone: try PhoneNumber(phone), code: code.code, password: "Worker-2026!")
        var b = Browser()
        b.cookies["gonghui_worker"] = credential.token
        return b
    }

    @Test("The worker applies for 送温暖 with a filed archive, confirms, and sees it waiting for review; a second application is refused", arguments: Engine.available)
    func applyOnce(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let cycle = try await Self.warmthCycle(f.store)
            try await Self.filedArchive(f.store, member: f.memberA, income: 20_000, account: "6222021234567890123")
            var w = try await Self.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let home = try await client.get("/my/", &w)
            #expect(home.text.contains("申请帮扶") && home.text.contains("/my/assistance/grants"))
            let csrf = try #require(csrfToken(in: home.text))
            // The open cycle, what it gives in words, and the household's archive.
            let list = try await client.get("/my/assistance", &w)
            #expect(list.status == .ok)
            for text in ["2027年春节送温暖", "困难职工档案在档", "深度困难", "2,000.00 元", "档案类别为相对困难", "/my/assistance/\(cycle.id)/apply"] {
                #expect(list.text.contains(text), "\(text) on the list")
            }
            #expect(!list.text.contains("内部备注"), "officers' notes are not shown")
            // The form: nothing to declare for 送温暖, the archive's account shown masked.
            let form = try await client.get("/my/assistance/\(cycle.id)/apply", &w)
            #expect(form.status == .ok)
            #expect(form.text.contains("**** **** 0123") && !form.text.contains("6222021234567890123"))
            #expect(!form.text.contains("name=\"bank_account\""))
            // The confirmation says what the rules give and why; nothing is saved yet.
            let check = try await client.post("/my/assistance/\(cycle.id)/apply", [("_csrf", csrf), ("step", "check")], &w)
            #expect(check.status == .ok, "\(check.text)")
            for text in ["核对申请", "2,000.00 元", "深度困难职工", "困难职工档案在档：是", "确认提交申请"] {
                #expect(check.text.contains(text), "\(text) in the confirmation")
            }
            #expect(try await f.store.assistance.grants(memberID: f.memberA.id).isEmpty)
            let back = try await client.post("/my/assistance/\(cycle.id)/apply", [("_csrf", csrf), ("step", "edit")], &w)
            #expect(back.status == .ok && back.text.contains("下一步：核对"))
            // Submitted: waiting for the grassroots review, applied by the worker.
            let sent = try await client.post("/my/assistance/\(cycle.id)/apply", [("_csrf", csrf), ("step", "submit")], &w)
            #expect(sent.status == .seeOther, "\(sent.text)")
            #expect(sent.headers[.location] == "/my/assistance/grants?ok=applied")
            let mine = try await client.get("/my/assistance/grants?ok=applied", &w)
            for text in ["申请已提交", "2027年春节送温暖", "待基层审核", "2,000.00 元", "本人在线申请", CivilDate.today().iso] {
                #expect(mine.text.contains(text), "\(text) in 我的申请")
            }
            let stored = try await f.store.assistance.grants(memberID: f.memberA.id)
            #expect(stored.count == 1 && stored.first?.0.channel == "portal" && stored.first?.0.name == "张三")
            // Once per cycle: the form and the submit both say so.
            let again = try await client.get("/my/assistance/\(cycle.id)/apply", &w)
            #expect(again.status == .conflict && again.text.contains("本期您已申请过"))
            let twice = try await client.post("/my/assistance/\(cycle.id)/apply", [("_csrf", csrf), ("step", "submit")], &w)
            #expect(twice.status == .conflict && twice.text.contains("本期您已申请过"))
            #expect(try await f.store.assistance.grants(memberID: f.memberA.id).count == 1)
            let listed = try await client.get("/my/assistance", &w)
            #expect(listed.text.contains("本期已申请：待基层审核"))
            // Taken back before approval, then applied for again.
            let grantID = try #require(stored.first?.0.id)
            #expect(try await client.get("/my/assistance/grants", &w).text.contains("/my/assistance/grants/\(grantID)/withdraw"))
            let withdrawn = try await client.post("/my/assistance/grants/\(grantID)/withdraw", [("_csrf", csrf)], &w)
            #expect(withdrawn.status == .seeOther)
            let afterWithdrawal = try await client.get("/my/assistance/grants?ok=withdrawn", &w).text
            #expect(afterWithdrawal.contains("申请已撤回") && afterWithdrawal.contains("已撤回"))
            #expect(try await f.store.assistance.grants(memberID: f.memberA.id).first?.0.state == .withdrawn)
            #expect(try await client.post("/my/assistance/\(cycle.id)/apply", [("_csrf", csrf), ("step", "submit")], &w).status == .seeOther)
            #expect(try await f.store.assistance.grants(memberID: f.memberA.id).count == 2)
            // Without the session's token, nothing is applied.
            var stranger = Browser()
            let anonymous = try await client.get("/my/assistance/grants", &stranger)
            #expect(anonymous.status == .seeOther)
        }
    }

    @Test("Only one's own applications show, and each step appears: review, approval, batch, a failed payment, then paid with date and account",
          arguments: Engine.available)
    func followTheSteps(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let cycle = try await Self.warmthCycle(f.store)
            try await Self.filedArchive(f.store, member: f.memberA, income: 20_000, account: "6222021234567890123")
            try await Self.filedArchive(f.store, member: f.memberB, income: 40_000, account: "6228480000000004567")
            // The union applies for 李四; 张三 applies in the portal.
            let other = try await f.store.assistance.apply(cycleID: cycle.id, memberID: f.memberB.id, declaration: .init(), actor: Self.sys)
            var w = try await Self.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let csrf = try #require(csrfToken(in: try await client.get("/my/", &w).text))
            #expect(try await client.post("/my/assistance/\(cycle.id)/apply", [("_csrf", csrf), ("step", "submit")], &w).status == .seeOther)
            let grant = try #require(try await f.store.assistance.grants(memberID: f.memberA.id).first?.0)
            func page() async throws -> String {
                let r = try await client.get("/my/assistance/grants", &w)
                #expect(r.status == .ok)
                return r.text
            }
            var text = try await page()
            #expect(text.components(separatedBy: "class=\"card grant\"").count == 2, "exactly one application")
            #expect(!text.contains("1,000.00 元") && !text.contains("**** **** 4567") && !text.contains("工会代为申请"), "李四's grant never shows")
            await #expect(throws: StoreError.self) { _ = try await f.store.assistance.portalGrantHistory(grantID: other.id, memberID: f.memberA.id) }
            // The officers' steps, each seen by the worker.
            _ = try await f.store.assistance.decide(grantID: grant.id, .review, actor: Self.sys)
            text = try await page()
            #expect(text.contains("待审批") && text.contains("所在工会已审核通过"))
            _ = try await f.store.assistance.decide(grantID: other.id, .review, actor: Self.sys)
            _ = try await f.store.assistance.decide(grantID: grant.id, .approve, actor: Self.sys)
            _ = try await f.store.assistance.decide(grantID: other.id, .approve, actor: Self.sys)
            text = try await page()
            #expect(text.contains("已批准待发放") && text.contains("**** **** 0123"))
            let batch = try await f.store.assistance.createBatch(cycleID: cycle.id, actor: Self.sys)
            text = try await page()
            #expect(text.contains("发放中") && text.contains("已交银行发放"))
            #expect(!text.contains(batch.batchNo), "the batch number is the union's business")
            // The bank could not pay 张三: the union will put it right.
            let (_, lines) = try await f.store.assistance.exportBatch(id: batch.id, actor: Self.sys)
            let mineLine = try #require(lines.first { $0.name == "张三" })
            let otherLine = try #require(lines.first { $0.name == "李四" })
            _ = try await f.store.assistance.recordBankResults(batchID: batch.id, [
                BankResult(row: 2, reference: mineLine.reference, paid: false, reason: "户名与账号不符"),
                BankResult(row: 3, reference: otherLine.reference, paid: true),
            ], actor: Self.sys)
            text = try await page()
            #expect(text.contains("发放失败") && text.contains("户名与账号不符") && text.contains("工会将核实更正后重新发放"))
            #expect(!text.contains("已于"), "李四's payment is not 张三's")
            // Corrected and paid in the next batch: the date, the amount and the account.
            _ = try await f.store.assistance.requeue(grantID: grant.id, bankName: "中国银行武汉分行", bankAccount: try BankAccountNumber("6013820000012345678"), actor: Self.sys)
            _ = try await f.store.assistance.decideAccountChange(grantID: grant.id, approve: true, actor: .system("checker"))
            let second = try await f.store.assistance.createBatch(cycleID: cycle.id, actor: Self.sys)
            let (_, lines2) = try await f.store.assistance.exportBatch(id: second.id, actor: Self.sys)
            _ = try await f.store.assistance.recordBankResults(batchID: second.id, [BankResult(row: 2, reference: lines2[0].reference, paid: true)], actor: Self.sys)
            text = try await page()
            #expect(text.contains("已发放") && text.contains("已于 <strong>\(CivilDate.today().iso)</strong> 发放 <strong>2,000.00 元</strong>"), "\(text)")
            #expect(text.contains("中国银行武汉分行 <span class=\"acct\">**** **** 5678</span>") && !text.contains("6013820000012345678"))
            #expect(!text.contains("发放失败"))
        }
    }

    @Test("Refusals say why: no archive, a missing account, another city's cycle, a closed cycle; the form asks what the program needs",
          arguments: [Engine.sqlite])
    func refusals(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let warmth = try await Self.warmthCycle(f.store)
            _ = try await f.store.portal.updatePhone(memberID: f.memberB.id, phone: try PhoneNumber("13700137000"))
            var w = try await Self.signIn(f, member: f.memberB, idNumber: f.idB, phone: "13700137000")
            let csrf = try #require(csrfToken(in: try await client.get("/my/", &w).text))
            // No archive: the page says how to get one, and 送温暖 (which needs a filed archive) is
            // not offered: what it needs and where to file is said before any form.
            let list = try await client.get("/my/assistance", &w)
            #expect(list.text.contains("您家目前没有困难职工档案") && list.text.contains("江汉纺织厂工会"))
            #expect(!list.text.contains("/my/assistance/\(warmth.id)/apply"), "not offered")
            #expect(list.text.contains("本项目需要") && list.text.contains("困难职工档案在档，类别为深度困难、相对困难或意外致困") && list.text.contains("请先向 江汉纺织厂工会 申请建立困难职工档案"))
            let refusedForm = try await client.get("/my/assistance/\(warmth.id)/apply", &w)
            #expect(refusedForm.status == .conflict && !refusedForm.text.contains("name=\"bank_account\""))
            #expect(refusedForm.text.contains("申请建立困难职工档案"))
            let refused = try await client.post("/my/assistance/\(warmth.id)/apply", [("_csrf", csrf), ("step", "check"), ("bank_name", "农行"), ("bank_account", "6228480000000004567")], &w)
            #expect(refused.status == .conflict && refused.text.contains("困难职工档案在档"))
            // 夏送清凉 for outdoor workers: no archive needed, the own account is.
            _ = try await f.store.assistance.createProgram(code: "XSQL", name: "夏送清凉", kind: .summerCool, actor: Self.sys)
            let summer = try await f.store.assistance.openCycle(programCode: "XSQL", name: "2027年夏送清凉", startsOn: CivilDate.today().adding(days: -1),
                                                                endsOn: CivilDate.today().adding(days: 30), rules: nil, budget: Money(yuan: 5_000), ownerOrgCode: "P42", actor: Self.sys)
            let form = try await client.get("/my/assistance/\(summer.id)/apply", &w)
            #expect(form.text.contains("name=\"outdoor_worker\"") && form.text.contains("name=\"bank_account\""))
            let noAccount = try await client.post("/my/assistance/\(summer.id)/apply", [("_csrf", csrf), ("step", "check"), ("outdoor_worker", "1"), ("bank_account", "12ab")], &w)
            #expect(noAccount.status == .unprocessableContent)
            #expect(noAccount.text.contains("请填写开户银行") && noAccount.text.contains("银行账号应为 12 至 30 位数字"))
            let fields = [("_csrf", csrf), ("outdoor_worker", "1"), ("bank_name", "中国农业银行江汉支行"), ("bank_account", "6228 4800 0000 0004 567")]
            let check = try await client.post("/my/assistance/\(summer.id)/apply", fields + [("step", "check")], &w)
            #expect(check.status == .ok && check.text.contains("200.00 元") && check.text.contains("中国农业银行江汉支行 <span class=\"acct\">**** **** 4567</span>"))
            let sent = try await client.post("/my/assistance/\(summer.id)/apply", fields + [("step", "submit")], &w)
            #expect(sent.status == .seeOther, "\(sent.text)")
            let g = try #require(try await f.store.assistance.grants(memberID: f.memberB.id).first?.0)
            #expect(g.amount == Money(yuan: 200) && g.bankAccountMasked == "**** **** 4567" && g.facts.outdoorWorker)
            // 金秋助学 needs a filed archive; once the household has one, it asks where the child was admitted.
            _ = try await f.store.assistance.createProgram(code: "JQZX", name: "金秋助学", kind: .schoolAid, actor: Self.sys)
            let school = try await f.store.assistance.openCycle(programCode: "JQZX", name: "2027年金秋助学", startsOn: CivilDate.today().adding(days: -1),
                                                                endsOn: CivilDate.today().adding(days: 30), rules: nil, budget: Money(yuan: 5_000), ownerOrgCode: "P42", actor: Self.sys)
            #expect(try await client.get("/my/assistance/\(school.id)/apply", &w).status == .conflict)
            try await Self.filedArchive(f.store, member: f.memberB, income: 20_000, account: "6228480000000009876")
            #expect(try await client.get("/my/assistance/\(school.id)/apply", &w).status == .ok)
            let unchosen = try await client.post("/my/assistance/\(school.id)/apply", [("_csrf", csrf), ("step", "check")], &w)
            #expect(unchosen.status == .unprocessableContent && unchosen.text.contains("请选择子女今年考入的学校类别") && unchosen.text.contains("高职高专"))
            // 大病救助 asks the illness and the costs.
            _ = try await f.store.assistance.createProgram(code: "DBJZ", name: "大病救助", kind: .seriousIllness, actor: Self.sys)
            let illness = try await f.store.assistance.openCycle(programCode: "DBJZ", name: "2027年大病救助", startsOn: CivilDate.today().adding(days: -1),
                                                                 endsOn: CivilDate.today().adding(days: 30), rules: nil, budget: Money(yuan: 50_000), ownerOrgCode: "P42", actor: Self.sys)
            let costs = try await client.post("/my/assistance/\(illness.id)/apply", [("_csrf", csrf), ("step", "check"), ("illness", "尿毒症"), ("out_of_pocket", "三万"),
                                                                                    ("bank_name", "农行"), ("bank_account", "6228480000000004567")], &w)
            #expect(costs.status == .unprocessableContent && costs.text.contains("name=\"out_of_pocket\"") && costs.text.contains("恶性肿瘤"))
            let share = try await client.post("/my/assistance/\(illness.id)/apply", [("_csrf", csrf), ("step", "check"), ("illness", "尿毒症"), ("out_of_pocket", "30000"),
                                                                                    ("bank_name", "农行"), ("bank_account", "6228480000000004567")], &w)
            #expect(share.status == .ok && share.text.contains("9,000.00 元"), "30% of 30,000")
            // A county's own cycle is not for another county's workers.
            let k01 = try await f.store.assistance.openCycle(programCode: "XSQL", name: "江岸区夏送清凉", startsOn: CivilDate.today().adding(days: -1),
                                                             endsOn: CivilDate.today().adding(days: 30), rules: nil, budget: Money(yuan: 1_000), ownerOrgCode: "K01", actor: Self.sys)
            #expect(!(try await client.get("/my/assistance", &w).text.contains("江岸区夏送清凉")))
            #expect(try await client.get("/my/assistance/\(k01.id)/apply", &w).status == .notFound)
            #expect(try await client.get("/my/assistance/999999/apply", &w).status == .notFound)
            // Closed: said plainly.
            try await f.store.assistance.closeCycle(id: warmth.id, actor: Self.sys)
            let closed = try await client.get("/my/assistance/\(warmth.id)/apply", &w)
            #expect(closed.status == .conflict && closed.text.contains("已结束受理"))
            let closedPost = try await client.post("/my/assistance/\(warmth.id)/apply", [("_csrf", csrf), ("step", "submit")], &w)
            #expect(closedPost.status == .conflict)
        }
    }
}
