import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web console: labor-dispute cases")
struct DisputeWebTests {
    static func intake(_ token: String, employer: String = "江岸某物流有限公司", extra: [(String, String)] = []) -> [(String, String)] {
        [("_csrf", token), ("channel", "hotline"), ("kind", "complaint"), ("received_on", CivilDate.today().iso),
         ("worker1_name", "王师傅"), ("worker1_id", idNumber(birth: "19800505", seq: "135")), ("worker1_phone", "13700001234"), ("worker1_rep", "1"),
         ("worker2_name", "刘师傅"), ("workers_involved", "2"), ("employer_name", employer), ("type_wage_arrears", "1"),
         ("claim1_type", "wage_arrears"), ("claim1_amount", "12,000"), ("claim1_text", "两个月工资"), ("facts", "公司停工后未结清工资"),
         ("learned_on", CivilDate.today().adding(days: -20).iso)] + extra
    }

    @Test("intake with errors beside their fields, a duplicate offered, the case page's clocks and steps to a performed agreement", arguments: Engine.available)
    func intakeToAgreement(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (officer, token) = try await client.webLogin("officer.a")
            let list = try await client.get("/disputes", &officer)
            #expect(list.status == .ok && list.text.contains("href=\"/disputes\" aria-current=\"page\">维权</a>"))
            #expect(list.text.contains("href=\"/disputes/new\""))
            #expect(try await client.get("/disputes/new", &officer).status == .ok)

            // Every problem beside its field, nothing written.
            let bad = try await client.post("/disputes/new", [("_csrf", token), ("channel", "hotline"), ("kind", "complaint"), ("received_on", "2026-02-30"),
                                                               ("worker1_name", "王师傅"), ("worker1_id", "123"), ("claim1_amount", "abc"), ("claim1_type", "wage_arrears")], &officer)
            #expect(bad.status == .unprocessableContent)
            for field in ["received_on", "worker1_id", "claim1_amount"] { #expect(bad.text.contains("id=\"\(field)-error\""), "\(field)") }
            #expect(try await f.store.disputes.list(DisputeFilter(), actor: .system("t")).total == 0)

            let created = try await client.post("/disputes/new", Self.intake(token), &officer)
            #expect(created.status == .seeOther, "\(created.text)")
            let location = try #require(created.headers[.location])
            #expect(location.hasSuffix("?ok=ds_registered"))
            let path = String(location.prefix { $0 != "?" })
            let page = try await client.get(location, &officer)
            #expect(page.status == .ok)
            #expect(page.text.contains("案件已登记") && page.text.contains("待受理") && page.text.contains(CivilDate.today().adding(days: 15).iso), "\(page.text)")
            #expect(page.text.contains("王师傅") && !page.text.contains(idNumber(birth: "19800505", seq: "135")) && !page.text.contains("13700001234"))
            #expect(page.text.contains("还剩 15 天"))

            // The same employer and type again: offered as the open case, with the box to register it anyway.
            let dup = try await client.post("/disputes/new", Self.intake(token), &officer)
            #expect(dup.status == .conflict && dup.text.contains("已有在办案件") && dup.text.contains("name=\"allow_duplicate\""))

            // Steps: accept, a mediation, an agreement with an incomplete term refused beside it, then performance.
            let id = String(path.split(separator: "/").last!)
            func step(_ fields: [(String, String)]) async throws -> TestResponse {
                let current = try await client.get(path, &officer)
                return try await client.post("/disputes/\(id)/act", [("_csrf", token), ("version", versionField(in: current.text) ?? "")] + fields, &officer)
            }
            #expect(try await step([("action", "accept")]).status == .seeOther)
            let refused = try await step([("action", "refuse"), ("reason", "x")])
            #expect(refused.status == .unprocessableContent && refused.text.contains("不能进行此操作"))
            #expect(try await step([("action", "start_mediation"), ("oral", "1"), ("note", "当场记录口头申请")]).status == .seeOther)
            let incomplete = try await step([("action", "record_agreement"), ("term1_text", "支付工资"), ("term1_amount", "12000")])
            #expect(incomplete.status == .unprocessableContent && incomplete.text.contains("id=\"term1_text-error\""))
            let due = CivilDate.today().adding(days: 7).iso
            #expect(try await step([("action", "record_agreement"), ("term1_text", "支付拖欠工资"), ("term1_amount", "12000"), ("term1_due", due)]).status == .seeOther)
            let performing = try await client.get(path, &officer)
            #expect(performing.text.contains("协议履行中") && performing.text.contains("支付拖欠工资") && performing.text.contains(due))
            #expect(try await step([("action", "record_performance"), ("term", "1"), ("amount", "12000")]).status == .seeOther)
            let closed = try await client.get(path, &officer)
            #expect(closed.text.contains("已办结") && closed.text.contains("达成协议") && closed.text.contains("12,000.00 元"))
            #expect(closed.text.contains("案件已办结。"))

            // Another county's officer finds nothing; a reviewer reads without steps.
            var (other, _) = try await client.webLogin("officer.b")
            #expect(try await client.get(path, &other).status == .notFound)
            var (reviewer, _) = try await client.webLogin("reviewer.a")
            let read = try await client.get(path, &reviewer)
            #expect(read.status == .ok && read.text.contains("您的角色只能查看案件") && !read.text.contains("name=\"action\""))
        }
    }

    @Test("the figures page: the node's figures and its children, drill-down, the Excel file; the dashboard's dispute card", arguments: Engine.available)
    func figuresAndDashboard(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            var (officer, token) = try await client.webLogin("officer.a")
            #expect(try await client.post("/disputes/new", Self.intake(token), &officer).status == .seeOther)
            #expect(try await client.post("/disputes/new", Self.intake(token, employer: "江岸某餐饮公司").map { $0.0 == "workers_involved" ? ($0.0, "12") : $0 }, &officer).status == .seeOther)

            let page = try await client.get("/disputes/figures", &officer)
            #expect(page.status == .ok)
            #expect(page.text.contains("江岸区总工会 劳动争议调处统计") && page.text.contains("<span class=\"n\">2</span>受理案件"))
            #expect(page.text.contains("<span class=\"n\">14</span>涉及职工") && page.text.contains("其中集体案件 1"))
            #expect(page.text.contains("24,000.00 元") && page.text.contains("热线"))
            // The child's row leads to its own figures; the Excel file is a workbook.
            #expect(page.text.contains("/disputes/figures?org=G01&amp;from="))
            let year = CivilDate.today().startOfYear.iso
            let file = try await client.get("/disputes/figures.xlsx?org=K01&from=\(year)&to=\(CivilDate.today().iso)&depth=1", &officer)
            #expect(file.status == .ok && file.headers[.contentType]?.contains("spreadsheetml") == true && file.body.readableBytesView.starts(with: [0x50, 0x4B]))

            // A bad date is named beside its field; another county's union is not found.
            let bad = try await client.get("/disputes/figures?from=2026-13-01", &officer)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"from-error\""))
            var (other, _) = try await client.webLogin("officer.b")
            let foreign = try await client.get("/disputes/figures?org=K01", &other)
            #expect(foreign.status == .unprocessableContent && foreign.text.contains("没有找到名称包含或代码为“K01”的组织"))

            let dashboard = try await client.get("/", &officer)
            #expect(dashboard.text.contains("劳动争议调处") && dashboard.text.contains("<span class=\"n\">2</span>在办案件"))
            #expect(dashboard.text.contains("本年受理 2 件"))
        }
    }
}
