import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web console, portal and API: following loans up")
struct LoanFollowUpWebTests {
    /// 张三's 50,000 lent 120 days ago over 24 months at 4.35%, all interest subsidised.
    static func lentLoan(_ f: Fixture) async throws -> Loan {
        let s = f.store.loans
        let today = CivilDate.today()
        let draft = LoanDraft(basis: .registeredUnemployed, isGraduate: false, partnershipNo: nil, projectKind: .shop, projectName: "社区便利店",
                              operatingSince: today.adding(months: -30), jobsCreated: 3, amount: Money(yuan: 50_000),
                              guarantors: [LoanGuarantor(name: "钱担保", idNumber: try IDNumber(idNumber(birth: "19750101", seq: "321")), idMasked: "",
                                                         employer: "江岸区教育局", relation: "同事", amount: Money(yuan: 50_000))])
        let sys = Actor.system("t")
        let loan = try await s.apply(memberID: f.memberA.id, draft, actor: sys, today: today.adding(days: -150))
        _ = try await s.assess(loanID: loan.id, badCredit: false, feasibility: LoanFeasibility(answers: [true, true, true, true, true], feasible: true, note: "", officer: "王"),
                               officerName: "李跟踪", actor: sys, today: today.adding(days: -140))
        _ = try await s.approve(loanID: loan.id, actor: sys, today: today.adding(days: -130))
        _ = try await s.recordLending(loanID: loan.id, amount: Money(yuan: 50_000), lentOn: today.adding(days: -120), rateBasisPoints: 435, months: 24,
                                      method: .equalInstalments, subsidyBasisPoints: 10_000, bankName: "邮储银行", actor: sys, today: today)
        return try await s.loan(id: loan.id, actor: sys)
    }

    @Test("a visit, the bank's file refused row by row then recorded, the figures and their Excel, the write-off by someone else; the worker's schedule; another county refused",
          arguments: Engine.available)
    func followUp(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let loan = try await Self.lentLoan(f)
            let schedule = try await f.store.loans.details(loanID: loan.id, actor: .system("t")).schedule
            var (county, token) = try await client.webLogin("officer.a")
            let page = try await client.get("/loans/\(loan.id)", &county)
            #expect(page.text.contains("跟踪回访") && page.text.contains("代偿核销") && page.text.contains("已逾期"))
            // A visit without notes: the field named; then recorded.
            let empty = try await client.post("/loans/\(loan.id)/visit", [("_csrf", token), ("visited_on", CivilDate.today().iso), ("officer", "李跟踪"), ("note", "")], &county)
            #expect(empty.status == .unprocessableContent && empty.text.contains("id=\"note-error\""))
            #expect(try await client.post("/loans/\(loan.id)/visit", [("_csrf", token), ("visited_on", CivilDate.today().iso), ("officer", "李跟踪"),
                                                                       ("note", "店面正常营业")], &county).status == .seeOther)
            #expect(try await client.get("/loans/\(loan.id)", &county).text.contains("李跟踪：店面正常营业"))

            // The bank's file: the second row's loan unknown, the third's reference repeated — nothing recorded.
            let i1 = schedule[0], i2 = schedule[1]
            let bad = "贷款编号,借款人,还款日期,还款本金,还款利息,流水号\n\(loan.loanNo),张三,\(i1.dueOn.iso),\(i1.principal.yuanString),0,B1\nXD-1999-000001,张三,\(i2.dueOn.iso),1,0,B2\n\(loan.loanNo),张三,\(i2.dueOn.iso),\(i2.principal.yuanString),0,B1\n"
            let refused = try await client.postMultipart("/loans/repayments", fields: [("_csrf", token)], file: ("file", "还款明细.csv", bad), &county)
            #expect(refused.status == .unprocessableContent && refused.text.contains("第 3 行 贷款编号") && refused.text.contains("第 4 行 流水号"))
            #expect(try await f.store.loans.loan(id: loan.id, actor: .system("t")).repaidPrincipal == .zero)
            let good = "贷款编号,借款人,还款日期,还款本金,还款利息,流水号\n\(loan.loanNo),张三,\(i1.dueOn.iso),\(i1.principal.yuanString),0,B1\n\(loan.loanNo),张三,\(i2.dueOn.iso),\(i2.principal.yuanString),0,B2\n"
            let recorded = try await client.postMultipart("/loans/repayments", fields: [("_csrf", token)], file: ("file", "还款明细.csv", good), &county)
            #expect(recorded.status == .ok && recorded.text.contains("已登记 2 笔还款"))
            #expect(try await f.store.loans.loan(id: loan.id, actor: .system("t")).repaidPrincipal == i1.principal + i2.principal)

            // The figures: granted this year or not, the outstanding principal is the loan's.
            let figures = try await client.get("/loans/figures", &county)
            let owed = (Money(yuan: 50_000) - i1.principal - i2.principal).groupedYuan
            #expect(figures.status == .ok && figures.text.contains("担保基金风险敞口") && figures.text.contains(owed))
            let xlsx = try await client.get("/loans/figures?format=xlsx", &county)
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let csv = try await client.get("/loans/figures?format=csv", &county).text
            let fen = String((Money(yuan: 50_000) - i1.principal - i2.principal).fen)
            #expect(csv.contains("org_code,org_name,granted_loans") && csv.contains(",1,\(fen),"))

            // Another county: the loan is not found, its forms refused, its file rows unknown.
            var (other, otherToken) = try await client.webLogin("officer.b")
            #expect(try await client.post("/loans/\(loan.id)/visit", [("_csrf", otherToken), ("visited_on", CivilDate.today().iso), ("officer", "x"), ("note", "x")], &other).status == .notFound)
            let theirs = try await client.postMultipart("/loans/repayments", fields: [("_csrf", otherToken)],
                                                        file: ("file", "x.csv", "贷款编号,还款日期,还款本金,流水号\n\(loan.loanNo),\(CivilDate.today().iso),1,Z1\n"), &other)
            #expect(theirs.status == .unprocessableContent && theirs.text.contains("找不到这笔贷款"))

            // The API: the loan with its schedule, the figures, a repayment refused by its index.
            let bearer = try await client.login("officer.a").bearer
            let one = try await client.call(.get, "/api/v1/loans/\(loan.id)", headers: bearer).object()
            #expect((one["schedule"] as? [Any])?.count == 24 && (one["repayments"] as? [Any])?.count == 2)
            let api = try await client.call(.get, "/api/v1/loans/figures", headers: bearer).object()
            #expect((api["rows"] as? [[String: Any]])?.first?["outstandingFen"] as? Int == Int((Money(yuan: 50_000) - i1.principal - i2.principal).fen))
            let dup = try await client.call(.post, "/api/v1/loans/repayments", json: ["rows": [["loanNo": loan.loanNo, "paidOn": CivilDate.today().iso, "principalFen": 100,
                                                                                                 "reference": "B1"]]], headers: bearer)
            #expect(dup.status == .unprocessableContent && dup.text.contains("rows[1]"))
            let otherBearer = try await client.login("officer.b").bearer
            #expect(try await client.call(.get, "/api/v1/loans/\(loan.id)", headers: otherBearer).status == .notFound)

            // The worker sees the loan, what is due next and the schedule.
            var w = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let mine = try await client.get("/my/loans", &w)
            #expect(mine.status == .ok && mine.text.contains(loan.loanNo) && mine.text.contains("下一期") && mine.text.contains("还款计划（共 24 期）"))

            // The write-off: with two instalments repaid the third fell due about 30 days ago, short
            // of the 90 days — refused beside the date.
            let early = try await client.post("/loans/\(loan.id)/write-off", [("_csrf", token), ("written_off_on", CivilDate.today().iso), ("write_off_reason", "失联")], &county)
            #expect(early.status == .unprocessableContent && early.text.contains("id=\"written_off_on-error\"") && early.text.contains("不足 90 天"))
        }
    }
}
