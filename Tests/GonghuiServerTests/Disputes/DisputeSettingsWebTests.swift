import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Web console: the dispute clocks' numbers (期限与标准)")
struct DisputeSettingsWebTests {
    @Test("every officer reads the rules, wages and calendar with their sources; only the province keeps them, with errors beside the fields",
          arguments: Engine.available)
    func settingsPage(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (county, countyToken) = try await client.webLogin("officer.a")
            let read = try await client.get("/disputes/settings?year=2026", &county)
            #expect(read.status == .ok)
            // The law's numbers with their articles, and the shipped 2026 notice.
            #expect(read.text.contains("受理告知期限") && read.text.contains("15 日") && read.text.contains("《信访工作条例》第二十二条"))
            #expect(read.text.contains("终局裁决标准") && read.text.contains("12 个月最低工资") && read.text.contains("10 人及以上"))
            #expect(read.text.contains("10月1日至10月7日，共 7 天") && read.text.contains("9月20日（周日）；10月10日（周六）")
                    && read.text.contains("国办发明电〔2025〕7号"))
            #expect(read.text.contains("这些参数由省总工会维护") && !read.text.contains("action=\"/disputes/settings/policy\""))
            let refused = try await client.post("/disputes/settings/policy", [("_csrf", countyToken), ("key", DisputePolicy.acceptanceDays), ("value", "10"),
                                                                                ("effective_from", "2027-01-01"), ("source", "本县")], &county)
            #expect(refused.status == .forbidden)

            var (admin, token) = try await client.webLogin("admin")
            let page = try await client.get("/disputes/settings", &admin)
            #expect(page.text.contains("action=\"/disputes/settings/policy\"") && page.text.contains("action=\"/disputes/settings/minimum-wage\"")
                    && page.text.contains("action=\"/disputes/settings/calendar\""))
            // Every problem beside its field; nothing written.
            let bad = try await client.post("/disputes/settings/policy", [("_csrf", token), ("key", DisputePolicy.acceptanceDays), ("value", "abc"),
                                                                           ("effective_from", "2027-02-30"), ("source", "")], &admin)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"value-error\"") && bad.text.contains("id=\"effective_from-error\""))
            let noSource = try await client.post("/disputes/settings/policy", [("_csrf", token), ("key", DisputePolicy.acceptanceDays), ("value", "10"),
                                                                                ("effective_from", "2027-01-01"), ("source", " ")], &admin)
            #expect(noSource.status == .unprocessableContent && noSource.text.contains("id=\"source-error\""))
            #expect(try await f.store.disputes.policy().rules.count == DisputePolicy.defaults.rules.count + WarningPolicy.defaults.rules.count + LegalAidPolicy.defaults.rules.count
                + SupervisionPolicy.defaults.rules.count + LoanPolicy.defaults.rules.count + CardPolicy.defaults.rules.count)

            // A province rule from a later date: listed as not yet in force, in working days.
            let from = CivilDate.today().adding(days: 30)
            let saved = try await client.post("/disputes/settings/policy", [("_csrf", token), ("key", DisputePolicy.acceptanceDays), ("value", "10"),
                                                                             ("working_days", "1"), ("effective_from", from.iso), ("source", "本省信访工作规定第十条")], &admin)
            #expect(saved.status == .seeOther && saved.headers[.location]?.contains("ok=ds_policy") == true)
            let rule = try #require(try await f.store.disputes.policy().rule(DisputePolicy.acceptanceDays, on: from))
            #expect(rule.value == 10 && rule.workingDays && rule.source == "本省信访工作规定第十条")
            let after = try await client.get("/disputes/settings", &admin)
            #expect(after.text.contains("10 个工作日") && after.text.contains("尚未生效"))

            // A city's minimum wage; a code that is no region refused beside its field.
            let badWage = try await client.post("/disputes/settings/minimum-wage", [("_csrf", token), ("region_code", "99999"), ("effective_from", "2025-01-01"),
                                                                                     ("monthly", "2,210"), ("source", "省政府通知")], &admin)
            #expect(badWage.status == .unprocessableContent && badWage.text.contains("id=\"region_code-error\""))
            #expect(try await client.post("/disputes/settings/minimum-wage", [("_csrf", token), ("region_code", "420100"), ("effective_from", "2025-01-01"),
                                                                               ("monthly", "2,210"), ("source", "省人民政府关于调整全省最低工资标准的通知")], &admin).status == .seeOther)
            #expect(try await f.store.disputes.minimumWages().wage(for: "420102", on: CivilDate.today())?.monthly == Money(yuan: 2_210))
            #expect(try await client.get("/disputes/settings", &admin).text.contains("2,210.00"))

            // A local day off; a make-up workday on a weekday refused beside its field.
            let weekday = try await client.post("/disputes/settings/calendar", [("_csrf", token), ("date", "2026-09-16"), ("kind", "workday"), ("name", "调休"),
                                                                                 ("source", "本省通知")], &admin)
            #expect(weekday.status == .unprocessableContent && weekday.text.contains("id=\"kind-error\"") && weekday.text.contains("调休上班日应为周六或周日"))
            let day = try await client.post("/disputes/settings/calendar", [("_csrf", token), ("date", "2026-09-16"), ("kind", "holiday"), ("name", "地方假日"),
                                                                             ("source", "本省通知")], &admin)
            #expect(day.status == .seeOther && day.headers[.location]?.contains("year=2026") == true)
            #expect(try await f.store.disputes.calendar().isWorkingDay(try CivilDate(parsing: "2026-09-16")) == false)
            let calendar = try await client.get("/disputes/settings?year=2026", &admin)
            #expect(calendar.text.contains("<th scope=\"row\" data-label=\"节日\">地方假日</th><td data-label=\"放假\">9月16日（周三）</td>"), "\(calendar.text)")
            // A year with no notice says so.
            #expect(try await client.get("/disputes/settings?year=2030", &admin).text.contains("2030 年没有节假日安排"))
        }
    }
}
