import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A filed 深度困难 archive for 张三 (K01), built and approved over the API, and a 送温暖 cycle of
/// 10,000 yuan opened by the province through the console page. Returns the cycle's id.
func warmthCycle(_ f: Fixture, _ client: any TestClientProtocol) async throws -> Int64 {
    let admin = try await client.login("admin").bearer
    let county = try await client.login("officer.a").bearer
    let reviewer = try await client.login("reviewer.a").bearer
    _ = try await client.call(.post, "/api/v1/hardship/lines", json: ["regionCode": "420000", "effectiveFrom": "2020-01-01", "monthlyFen": 80_000], headers: admin)
    let created = try await client.call(.post, "/api/v1/hardship/archives", json: [
        "memberId": f.memberA.id, "appliedOn": CivilDate.today().adding(days: -30).iso, "bankAccount": "6217002870012345678",
        "details": HardshipAPITests.details(incomeFen: 2_000_000),
    ], headers: county)
    let archive = try #require(try created.object()["id"] as? Int64, "\(created.text)")
    for (action, days, who) in [("submit_for_notice", 28, county), ("end_notice", 20, county), ("pass_recheck", 19, reviewer), ("approve", 18, reviewer)] {
        let r = try await client.call(.post, "/api/v1/hardship/archives/\(archive)/actions", json: ["action": action, "date": CivilDate.today().adding(days: -days).iso], headers: who)
        #expect(r.status == .ok, "\(action): \(r.text)")
    }
    var (web, token) = try await client.webLogin("admin")
    let program = try await client.post("/programs", [("_csrf", token), ("code", "SNW"), ("name", "送温暖"), ("kind", "warmth"), ("description", "")], &web)
    #expect(program.status == .seeOther, "\(program.text)")
    let cycle = try await client.post("/cycles", [("_csrf", token), ("program", "SNW"), ("name", "2027年春节送温暖"), ("starts_on", CivilDate.today().adding(days: -5).iso),
                                                  ("ends_on", CivilDate.today().adding(days: 60).iso), ("budget", "10000"), ("rules", "")], &web)
    #expect(cycle.status == .seeOther, "\(cycle.text)")
    let location = try #require(cycle.headers[.location])
    return try #require(Int64(location.dropFirst("/cycles/".count).prefix { $0.isNumber }))
}

@Suite("Web console: assistance programs")
struct ProgramWebTests {
    @Test("The pages render per role; bad rules are shown beside their field and open nothing", arguments: Engine.available)
    func pagesPerRole(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (admin, token) = try await client.webLogin("admin")
            _ = try await client.post("/programs", [("_csrf", token), ("code", "SNW"), ("name", "送温暖"), ("kind", "warmth")], &admin)
            let dup = try await client.post("/programs", [("_csrf", token), ("code", "SNW"), ("name", "送温暖"), ("kind", "warmth")], &admin)
            #expect(dup.status == .unprocessableContent)
            #expect(dup.text.contains("id=\"code-error\""))
            let list = try await client.get("/programs", &admin)
            #expect(list.text.contains("href=\"/programs\" aria-current=\"page\">帮扶项目</a>"))
            #expect(list.text.contains("开设项目批次") && list.text.contains("深度困难职工"))
            #expect(list.text.contains("困难职工档案在档，且档案类别为深度困难 → 定额 2,000.00 元"), "the preset rules in words")
            var fields = [("_csrf", token), ("program", "SNW"), ("name", "2027年春节送温暖"), ("starts_on", "2027-01-01"), ("ends_on", "2027-02-01"), ("budget", "10000")]
            let badJSON = try await client.post("/cycles", fields + [("rules", "[{")], &admin)
            #expect(badJSON.status == .unprocessableContent)
            #expect(badJSON.text.contains("id=\"rules-error\"") && badJSON.text.contains("规则格式不正确"))
            let badRules = try await client.post("/cycles", fields + [("rules", #"[{"name":"","conditions":[],"amount":{"kind":"fixed","fen":0}}]"#)], &admin)
            #expect(badRules.status == .unprocessableContent)
            #expect(badRules.text.contains("第 1 条规则缺少名称") && badRules.text.contains("定额金额应大于 0"))
            fields[5] = ("budget", "12,34")
            let badBudget = try await client.post("/cycles", fields + [("rules", "")], &admin)
            #expect(badBudget.text.contains("id=\"budget-error\""))
            #expect(try await f.store.assistance.cycles(actor: .system("test")).isEmpty)
            let rules = #"[{"name":"在档职工","conditions":[{"kind":"archive_filed"}],"amount":{"kind":"fixed","fen":88800}}]"#
            fields[5] = ("budget", "10000")
            let ok = try await client.post("/cycles", fields + [("rules", rules)], &admin)
            #expect(ok.status == .seeOther)
            let id = try #require(try await f.store.assistance.cycles(actor: .system("test")).first?.id)
            let page = try await client.get("/cycles/\(id)", &admin)
            #expect(page.text.contains("<strong>在档职工</strong>：困难职工档案在档 → 定额 888.00 元"))
            #expect(page.text.contains("10,000.00"))

            // A county officer: no programme forms; the cycle page with the apply form.
            var (officer, _) = try await client.webLogin("officer.a")
            let officerList = try await client.get("/programs", &officer)
            #expect(officerList.status == .ok && !officerList.text.contains("action=\"/cycles\""))
            #expect(officerList.text.contains("2027年春节送温暖"))
            let officerCycle = try await client.get("/cycles/\(id)", &officer)
            #expect(officerCycle.status == .ok)
            #expect(officerCycle.text.contains("代为申请") && officerCycle.text.contains("为辖区在档困难职工生成申请"))
            #expect(officerCycle.text.contains("您所辖范围在本期没有预算"))
            // Looking up a member by name within the scope.
            let who = try await client.get("/cycles/\(id)?who=%E5%BC%A0", &officer)
            #expect(who.text.contains("张三") && who.text.contains("member=\(f.memberA.id)"))
            // A reviewer: no applying, but batches; an auditor only reads.
            var (reviewer, _) = try await client.webLogin("reviewer.a")
            let rc = try await client.get("/cycles/\(id)", &reviewer)
            #expect(rc.status == .ok && !rc.text.contains("action=\"/cycles/\(id)/apply\"") && rc.text.contains("生成发放批次"))
            var (auditor, _) = try await client.webLogin("auditor")
            let ac = try await client.get("/cycles/\(id)", &auditor)
            #expect(ac.status == .ok && !ac.text.contains("method=\"post\" action=\"/cycles/\(id)"))
            #expect(try await client.get("/cycles/\(id)/grants", &auditor).status == .ok)
            #expect(try await client.get("/cycles/\(id)/report?org=P42", &auditor).status == .ok)
            #expect(try await client.get("/cycles/999999", &auditor).status == .notFound)
        }
    }

    @Test("Allocating more than is left shows the error beside the amount and changes nothing", arguments: Engine.available)
    func allocationBeyondWhatIsLeft(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let id = try await warmthCycle(f, client)
            var (admin, token) = try await client.webLogin("admin")
            let page = try await client.get("/cycles/\(id)", &admin)
            #expect(page.text.contains("<option value=\"C01\">"), "the province's children to allocate to")
            let ok = try await client.post("/cycles/\(id)/allocate", [("_csrf", token), ("to_org_code", "C01"), ("amount", "6000")], &admin)
            #expect(ok.status == .seeOther)
            let before = try await f.store.assistance.budgets(cycleID: id, actor: .system("test"))
            let over = try await client.post("/cycles/\(id)/allocate", [("_csrf", token), ("to_org_code", "C01"), ("amount", "4000.01")], &admin)
            #expect(over.status == .unprocessableContent)
            #expect(over.text.contains("id=\"amount-error\"") && over.text.contains("预算不足") && over.text.contains("4000.00"))
            #expect(over.text.contains("value=\"4000.01\""), "the amount typed stays in the form")
            #expect(try await f.store.assistance.budgets(cycleID: id, actor: .system("test")) == before)
            let empty = try await client.post("/cycles/\(id)/allocate", [("_csrf", token), ("to_org_code", ""), ("amount", "")], &admin)
            #expect(empty.text.contains("id=\"to_org_code-error\"") && empty.text.contains("id=\"amount-error\""))
            // A county officer cannot allocate its parent's money: its page offers only its own children.
            var (officer, otoken) = try await client.webLogin("officer.a")
            let refused = try await client.post("/cycles/\(id)/allocate", [("_csrf", otoken), ("to_org_code", "K02"), ("amount", "1")], &officer)
            #expect(refused.status == .unprocessableContent)
            #expect(try await f.store.assistance.budgets(cycleID: id, actor: .system("test")) == before)
        }
    }

    @Test("Apply, review, approve within the budget, batch, the bank's file, its results, and the report adding up", arguments: Engine.available)
    func wholePath(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let id = try await warmthCycle(f, client)
            var (admin, atoken) = try await client.webLogin("admin")
            _ = try await client.post("/cycles/\(id)/allocate", [("_csrf", atoken), ("to_org_code", "C01"), ("amount", "6000")], &admin)
            _ = try await client.post("/cycles/\(id)/allocate", [("_csrf", atoken), ("to_org_code", "K01"), ("amount", "1000")], &admin)

            // Someone without an archive: refused, with every rule's check shown.
            var (other, btoken) = try await client.webLogin("officer.b")
            let no = try await client.post("/cycles/\(id)/apply", [("_csrf", btoken), ("member_id", String(f.memberB.id))], &other)
            #expect(no.status == .unprocessableContent)
            #expect(no.text.contains("规则核对结果") && no.text.contains("困难职工档案在档：否") && no.text.contains("规则“深度困难职工”不适用"))
            // Out of scope: not found, beside the member field.
            let out = try await client.post("/cycles/\(id)/apply", [("_csrf", btoken), ("member_id", String(f.memberA.id))], &other)
            #expect(out.text.contains("id=\"member_id-error\""))

            var (officer, token) = try await client.webLogin("officer.a")
            let applied = try await client.post("/cycles/\(id)/apply", [("_csrf", token), ("member_id", String(f.memberA.id)), ("bank_account", "")], &officer)
            #expect(applied.status == .seeOther, "\(applied.text)")
            let location = try #require(applied.headers[.location])
            let grant = try #require(Int64(location.dropFirst("/grants/".count).prefix { $0.isNumber }))
            let gp = try await client.get(location, &officer)
            #expect(gp.text.contains("适用规则：深度困难职工，2,000.00 元"))
            #expect(gp.text.contains("规则“深度困难职工”适用：✓ 困难职工档案在档：是"))
            #expect(!gp.text.contains("6217002870012345678"))
            // Another county does not see it.
            #expect(try await client.get("/grants/\(grant)", &other).status == .notFound)

            var (reviewer, rtoken) = try await client.webLogin("reviewer.a")
            let list = try await client.get("/cycles/\(id)/grants?state=submitted", &reviewer)
            #expect(list.text.contains("张三") && list.text.contains("审核通过"))
            let noReason = try await client.post("/grants/\(grant)/act", [("_csrf", rtoken), ("action", "reject"), ("reason", " "), ("back", "list"), ("state", "submitted")], &reviewer)
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.text.contains("id=\"reason-\(grant)-error\"") && noReason.text.contains("请填写不予通过的理由"))
            let reviewed = try await client.post("/grants/\(grant)/act", [("_csrf", rtoken), ("action", "review"), ("back", "list"), ("state", "submitted")], &reviewer)
            #expect(reviewed.status == .seeOther)
            #expect(reviewed.headers[.location] == "/cycles/\(id)/grants?state=submitted&ok=pg_reviewed")
            // The reviewer is not offered the approval, and is refused it (职责分离): another officer approves.
            let reviewedList = try await client.get("/cycles/\(id)/grants?state=reviewed", &reviewer)
            #expect(reviewedList.text.contains("您审核了这笔帮扶申请") && !reviewedList.text.contains("value=\"approve\""))
            let own = try await client.post("/grants/\(grant)/act", [("_csrf", rtoken), ("action", "approve"), ("back", "list"), ("state", "reviewed")], &reviewer)
            #expect(own.status == .conflict && own.text.contains("不能再由您批准"))
            // Nor does the officer who recorded it approve it.
            let recorder = try await client.post("/grants/\(grant)/act", [("_csrf", token), ("action", "approve"), ("back", "grant")], &officer)
            #expect(recorder.status == .conflict && recorder.text.contains("您登记了这笔帮扶申请"))
            _ = try await f.store.users.add(username: "head.a", displayName: "江岸区总工会负责人", password: testPassword, role: .orgAdmin, orgCode: "K01", actor: .system("t"))
            var (head, htoken) = try await client.webLogin("head.a")
            #expect(try await client.get("/cycles/\(id)/grants?state=reviewed", &head).text.contains("value=\"approve\""))
            // 2,000 yuan from a county budget of 1,000: refused, saying so, and nothing reserved.
            let short = try await client.post("/grants/\(grant)/act", [("_csrf", htoken), ("action", "approve"), ("back", "list"), ("state", "reviewed")], &head)
            #expect(short.status == .conflict)
            #expect(short.text.contains("预算不足") && short.text.contains("row-bad"))
            #expect(try await f.store.assistance.grant(id: grant, actor: .system("t")).state == .reviewed)
            _ = try await client.post("/cycles/\(id)/allocate", [("_csrf", atoken), ("to_org_code", "K01"), ("amount", "2000")], &admin)
            let approved = try await client.post("/grants/\(grant)/act", [("_csrf", htoken), ("action", "approve"), ("back", "grant")], &head)
            #expect(approved.status == .seeOther && approved.headers[.location] == "/grants/\(grant)?ok=pg_approved")
            let cyclePage = try await client.get("/cycles/\(id)", &officer)
            #expect(cyclePage.text.contains("2,000.00") && cyclePage.text.contains("1,000.00"), "reserved 2,000, 1,000 left")

            let batch = try await client.post("/cycles/\(id)/batches", [("_csrf", rtoken)], &reviewer)
            #expect(batch.status == .seeOther)
            let batchLocation = try #require(batch.headers[.location])
            let batchID = try #require(Int64(batchLocation.dropFirst("/batches/".count).prefix { $0.isNumber }))
            let nothing = try await client.post("/cycles/\(id)/batches", [("_csrf", rtoken)], &reviewer)
            #expect(nothing.status == .unprocessableContent && nothing.text.contains("没有已批准待发放的申请"))
            // The batch waits for someone other than its maker: no file before, no approval for the maker.
            let bp = try await client.get("/batches/\(batchID)", &reviewer)
            #expect(bp.text.contains("张三") && bp.text.contains("待批准") && !bp.text.contains("6217002870012345678"))
            #expect(bp.text.contains("本批次由您生成") && !bp.text.contains("/file?format=") && !bp.text.contains("action=\"/batches/\(batchID)/approve\""))
            let ownApproval = try await client.post("/batches/\(batchID)/approve", [("_csrf", rtoken)], &reviewer)
            #expect(ownApproval.status == .conflict && ownApproval.text.contains("您生成了这笔发放批次"))
            #expect(try await client.get("/batches/\(batchID)", &head).text.contains("action=\"/batches/\(batchID)/approve\""))
            let batchApproved = try await client.post("/batches/\(batchID)/approve", [("_csrf", htoken)], &head)
            #expect(batchApproved.headers[.location] == "/batches/\(batchID)?ok=pg_batch_approved")
            #expect(try await client.get("/batches/\(batchID)", &reviewer).text.contains("批准：江岸区总工会负责人"))
            let file = try await client.get("/batches/\(batchID)/file?format=csv", &reviewer)
            #expect(file.status == .ok)
            let text = String(decoding: Data(file.body.readableBytesView), as: UTF8.self)
            let rows = text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(rows.count == 2 && rows[1].contains("6217002870012345678") && rows[1].contains("2000.00"))
            let reference = try #require(rows[1].split(separator: ",").last.map(String.init))
            let xlsx = try await client.get("/batches/\(batchID)/file?format=xlsx", &reviewer)
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let gbk = try await client.get("/batches/\(batchID)/file?format=csv&encoding=gbk", &reviewer)
            #expect(gbk.status == .ok && gbk.headers[.contentType]?.contains("gb18030") == true)

            // A bad result file: its row named, nothing recorded.
            let bad = try await client.postMultipart("/batches/\(batchID)/results", fields: [("_csrf", rtoken)],
                                                      file: ("file", "results.csv", "参考号,结果,失败原因\n\(reference),成功,\nGH-X,成功,\n"), &reviewer)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("第 3 行") && bad.text.contains("GH-X") && bad.text.contains("尚未登记任何一笔"))
            let unreadable = try await client.postMultipart("/batches/\(batchID)/results", fields: [("_csrf", rtoken)],
                                                             file: ("file", "results.csv", "参考号,结果\n\(reference),也许\n"), &reviewer)
            #expect(unreadable.status == .unprocessableContent && unreadable.text.contains("第 2 行 结果"))
            #expect(try await f.store.assistance.grant(id: grant, actor: .system("t")).state == .inBatch)
            let good = try await client.postMultipart("/batches/\(batchID)/results", fields: [("_csrf", rtoken)],
                                                       file: ("file", "results.csv", "参考号,结果,失败原因\n\(reference),成功,\n"), &reviewer)
            #expect(good.status == .seeOther, "\(good.text)")
            // Recorded, not applied: the recorder waits; another officer confirms.
            #expect(good.headers[.location] == "/batches/\(batchID)?ok=pg_results_pending")
            let waiting = try await client.get("/batches/\(batchID)", &reviewer)
            #expect(waiting.text.contains("待复核的银行回单") && waiting.text.contains("这份回单由您登记") && !waiting.text.contains("value=\"confirm\""))
            #expect(try await f.store.assistance.grant(id: grant, actor: .system("t")).state == .inBatch)
            let ownConfirm = try await client.post("/batches/\(batchID)/results/confirm", [("_csrf", rtoken), ("decision", "confirm")], &reviewer)
            #expect(ownConfirm.status == .conflict && ownConfirm.text.contains("您登记了这笔银行回单"))
            let confirmed = try await client.post("/batches/\(batchID)/results/confirm", [("_csrf", htoken), ("decision", "confirm")], &head)
            #expect(confirmed.status == .seeOther, "\(confirmed.text)")
            let summary = try await client.get(try #require(confirmed.headers[.location]), &head)
            #expect(summary.text.contains("成功 1 笔，失败 0 笔，已登记过 0 笔") && summary.text.contains("已对账"))
            #expect(!summary.text.contains("action=\"/batches/\(batchID)/results\""), "a reconciled batch takes no more results")

            let report = try await client.get("/cycles/\(id)/report", &officer)
            #expect(report.status == .ok)
            #expect(report.text.contains("帮扶 1 人、发放帮扶资金 0.20 万元"))
            #expect(report.text.contains("<svg class=\"chart\""))
            #expect(report.text.contains("href=\"/cycles/\(id)/report?org=G01\""), "drills down to the child")
            let province = try await client.get("/cycles/\(id)/report?org=P42", &admin)
            #expect(province.text.contains("href=\"/cycles/\(id)/report?org=C01\"") && province.text.contains("2,000.00"))
            let csv = try await client.get("/cycles/\(id)/report/file?org=K01&format=csv", &officer)
            #expect(csv.status == .ok && String(decoding: Data(csv.body.readableBytesView), as: UTF8.self).contains("2000.00"))
            #expect(try await client.get("/cycles/\(id)/report?org=K02", &officer).status == .notFound)
        }
    }

    @Test("A failed payment is corrected and requeued from the grant page", arguments: Engine.available)
    func failedPaymentRequeued(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let id = try await warmthCycle(f, client)
            let sys = Actor.system("test")
            _ = try await f.store.assistance.allocate(cycleID: id, toOrgCode: "C01", amount: Money(yuan: 5000), actor: sys)
            _ = try await f.store.assistance.allocate(cycleID: id, toOrgCode: "K01", amount: Money(yuan: 5000), actor: sys)
            let g = try await f.store.assistance.apply(cycleID: id, memberID: f.memberA.id, declaration: .init(), actor: sys)
            _ = try await f.store.assistance.decide(grantID: g.id, .review, actor: sys)
            _ = try await f.store.assistance.decide(grantID: g.id, .approve, actor: sys)
            let b = try await f.store.assistance.createBatch(cycleID: id, actor: sys)
            let (_, lines) = try await f.store.assistance.exportBatch(id: b.id, actor: sys)
            _ = try await f.store.assistance.recordBankResults(batchID: b.id, [BankResult(row: 2, reference: lines[0].reference, paid: false, reason: "户名与账号不符")], actor: sys)
            // The reviewer proposes a corrected account; the county's administrator approves it.
            var (reviewer, rtoken) = try await client.webLogin("reviewer.a")
            let page = try await client.get("/grants/\(g.id)", &reviewer)
            #expect(page.text.contains("户名与账号不符") && page.text.contains("更正后重新发放"))
            let bad = try await client.post("/grants/\(g.id)/requeue", [("_csrf", rtoken), ("bank_name", ""), ("bank_account", "12")], &reviewer)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"bank_account-error\""))
            let ok = try await client.post("/grants/\(g.id)/requeue", [("_csrf", rtoken), ("bank_name", "中国银行武汉分行"), ("bank_account", "6216 6100 0001 2345 678")], &reviewer)
            #expect(ok.status == .seeOther)
            #expect(try await f.store.assistance.grant(id: g.id, actor: sys).state == .failed, "a proposed account pays nowhere yet")
            let pending = try await client.get("/grants/\(g.id)", &reviewer)
            #expect(pending.text.contains("收款账户更正待批准") && !pending.text.contains("批准更正</button>"))
            let selfApproval = try await client.post("/grants/\(g.id)/account", [("_csrf", rtoken), ("decision", "approve")], &reviewer)
            #expect(selfApproval.status == .forbidden)
            var (officer, token) = try await client.webLogin("officer.a")
            let checkerPage = try await client.get("/grants/\(g.id)", &officer)
            #expect(checkerPage.text.contains("批准更正</button>") && checkerPage.text.contains("**** 5678"))
            let approved = try await client.post("/grants/\(g.id)/account", [("_csrf", token), ("decision", "approve")], &officer)
            #expect(approved.status == .seeOther)
            #expect(try await f.store.assistance.grant(id: g.id, actor: sys).state == .approved)
        }
    }
}
