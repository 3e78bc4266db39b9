import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web console: small guaranteed loans")
struct LoanWebTests {
    static func application(_ token: String, id: String, amount: String) -> [(String, String)] {
        [("_csrf", token), ("id_number", id), ("basis", "registered_unemployed"), ("project_kind", "shop"), ("project_name", "社区便利店"),
         ("operating_since", "2024-03-01"), ("jobs_created", "2"), ("amount", amount), ("g_name", "钱担保"), ("g_id_number", idNumber(birth: "19750101", seq: "321")),
         ("g_employer", "江岸区教育局"), ("g_relation", "同事"), ("g_amount", amount)]
    }

    @Test("an application above the cap named beside its field; recorded, assessed, approved by someone else against the quota, lent with its schedule, repaid; another county sees none of it",
          arguments: Engine.available)
    func applyToRepay(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (county, token) = try await client.webLogin("officer.a")
            #expect(try await client.get("/loans", &county).text.contains("本县担保额度"))
            // 张三 is a man: 50,000 at most.
            let over = try await client.post("/loans/new", Self.application(token, id: f.idA, amount: "50000.01"), &county)
            #expect(over.status == .unprocessableContent && over.text.contains("id=\"amount-error\"") && over.text.contains("超过最高额度 50,000.00 元"))
            let filed = try await client.post("/loans/new", Self.application(token, id: f.idA, amount: "50000"), &county)
            #expect(filed.status == .seeOther)
            let loan = try #require(try await f.store.loans.loans(actor: .system("t")).first)
            #expect(loan.state == .applied && loan.countyCode == "K01")
            // Another county: not found, nothing changes.
            var (other, otherToken) = try await client.webLogin("officer.b")
            #expect(try await client.get("/loans/\(loan.id)", &other).status == .notFound)
            #expect(try await client.post("/loans/\(loan.id)/assess", [("_csrf", otherToken), ("feasible", "1"), ("officer_name", "x")], &other).status == .notFound)
            // The county assesses; the one who recorded and assessed it may not approve it; the reviewer does.
            let checks = LoanFeasibility.checklist.indices.map { ("check_\($0)", "1") }
            #expect(try await client.post("/loans/\(loan.id)/assess", [("_csrf", token), ("feasible", "1"), ("officer_name", "李跟踪")] + checks, &county).status == .seeOther)
            let own = try await client.post("/loans/\(loan.id)/approve", [("_csrf", token)], &county)
            #expect(own.status == .unprocessableContent && own.text.contains("职责分离"))
            var (reviewer, rtoken) = try await client.webLogin("reviewer.a")
            #expect(try await client.post("/loans/\(loan.id)/approve", [("_csrf", rtoken)], &reviewer).status == .seeOther)
            #expect(try await f.store.loans.quota(countyCode: "K01", actor: .system("t")).used == Money(yuan: 50_000))
            // Lent with a bad rate: beside its field; then lent, the schedule shown.
            let lendBase: [(String, String)] = [("_csrf", token), ("amount", "50000"), ("lent_on", CivilDate.today().iso), ("bank_name", "邮政储蓄银行"), ("months", "24"),
                                                ("subsidy", "100"), ("method", "equal_instalments")]
            let badRate = try await client.post("/loans/\(loan.id)/lend", lendBase + [("rate", "4.355")], &county)
            #expect(badRate.status == .unprocessableContent && badRate.text.contains("id=\"rate-error\""))
            #expect(try await client.post("/loans/\(loan.id)/lend", lendBase + [("rate", "4.35")], &county).status == .seeOther)
            let page = try await client.get("/loans/\(loan.id)", &county)
            // The first instalment of 2,179.04: 1,997.79 principal and 181.25 interest, all of it subsidised.
            #expect(page.text.contains("还款计划") && page.text.contains("1,997.79") && page.text.contains("181.25") && page.text.contains("未逾期"))
            #expect(try await client.post("/loans/\(loan.id)/repay", [("_csrf", token), ("paid_on", CivilDate.today().iso), ("principal", "50000"), ("interest", "0"),
                                                                       ("reference", "PSBC-1")], &county).status == .seeOther)
            #expect(try await f.store.loans.loan(id: loan.id, actor: .system("t")).state == .closed)
            #expect(try await f.store.loans.quota(countyCode: "K01", actor: .system("t")).used == .zero)
        }
    }
}
