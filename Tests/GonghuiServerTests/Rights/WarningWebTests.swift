import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web console: risk warning")
struct WarningWebTests {
    @Test("a collective case alerts the city at once: its inbox, the dashboards above, the alert acknowledged and closed by the city; a sibling county finds nothing",
          arguments: Engine.available)
    func collectiveCaseToClosedAlert(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            _ = try await f.store.users.add(username: "city", displayName: "市总值班", password: testPassword, role: .orgAdmin, orgCode: "C01", actor: .system("t"))
            var (officer, token) = try await client.webLogin("officer.a")
            // Nine workers: no alert; ten: the city is told.
            let nine = try await client.post("/disputes/new", Self.intake(token, "江岸九人公司", workers: 9), &officer)
            #expect(nine.status == .seeOther)
            #expect(try await f.store.warnings.list(actor: .system("t")).total == 0)
            let ten = try await client.post("/disputes/new", Self.intake(token, "江岸十人公司", workers: 10), &officer)
            #expect(ten.status == .seeOther)
            let alert = try #require(try await f.store.warnings.list(actor: .system("t")).alerts.first { $0.rule == .collectiveCase })
            #expect(alert.rule == .collectiveCase && alert.orgCode == "K01")
            let casePath = String(try #require(ten.headers[.location]).prefix { $0 != "?" })
            let casePage = try await client.get(casePath, &officer)
            #expect(casePage.text.contains("href=\"/warnings/\(alert.id)\">集体劳动争议</a>") && casePage.text.contains("action=\"\(casePath)/risk-mark\""))

            // The mark on the nine-worker case: the kind is required, then the alert is raised at once.
            let ninePath = String(try #require(nine.headers[.location]).prefix { $0 != "?" })
            let noKind = try await client.post("\(ninePath)/risk-mark", [("_csrf", token), ("risk_mark", ""), ("risk_note", "拟聚集")], &officer)
            #expect(noKind.status == .unprocessableContent && noKind.text.contains("请选择群体性事件或极端行为") && noKind.text.contains("<details open>"))
            let marked = try await client.post("\(ninePath)/risk-mark", [("_csrf", token), ("risk_mark", "extreme_act"), ("risk_note", "一名职工扬言跳楼")], &officer)
            #expect(marked.status == .seeOther && marked.headers[.location]?.hasSuffix("?ok=ds_risk") == true)
            let markedPage = try await client.get(try #require(marked.headers[.location]), &officer)
            #expect(markedPage.text.contains("已向上级工会发出风险预警") && markedPage.text.contains(">群体性/极端事件</a>") && !markedPage.text.contains("/risk-mark\""))
            let markAlert = try #require(try await f.store.warnings.list(actor: .system("t")).alerts.first { $0.rule == .markedCase })
            #expect(markAlert.summary.hasSuffix("被标记为极端行为"))
            _ = try await f.store.warnings.close(id: markAlert.id, note: "已稳控", actor: .system("t"))

            var (city, cityToken) = try await client.webLogin("city")
            // The city's officer on duty: a wrong phone beside its field, then listed masked.
            let badDuty = try await client.post("/warnings/duty", [("_csrf", cityToken), ("name", "市总值班"), ("phone", "123")], &city)
            #expect(badDuty.status == .unprocessableContent && badDuty.text.contains("id=\"phone-error\""))
            let duty = try await client.post("/warnings/duty", [("_csrf", cityToken), ("name", "市总值班"), ("phone", "13900002001"), ("email", "zhiban@whgh.org.cn")], &city)
            #expect(duty.status == .seeOther)
            let dutyPage = try await client.get("/warnings/duty", &city)
            #expect(dutyPage.text.contains("139****2001") && dutyPage.text.contains("z***@whgh.org.cn") && !dutyPage.text.contains("13900002001"))
            let dashboard = try await client.get("/", &city)
            #expect(dashboard.text.contains("风险预警：待处理 1 条，已知悉未办结 0 条，最早的已过 0 天"))
            let inbox = try await f.store.notifications.inbox(userID: try await Self.userID(f.store, "city")).items
            #expect(inbox.contains { $0.title == "风险预警：集体劳动争议（江岸十人公司）" && $0.link == "/warnings/\(alert.id)" })
            let list = try await client.get("/warnings", &city)
            #expect(list.status == .ok && list.text.contains("href=\"/warnings/\(alert.id)\"") && list.text.contains("江岸十人公司"))

            // A sibling county: no alert in its list, and the alert's page is not found.
            var (sibling, siblingToken) = try await client.webLogin("officer.b")
            #expect(!(try await client.get("/warnings", &sibling)).text.contains("/warnings/\(alert.id)"))
            #expect(try await client.get("/warnings/\(alert.id)", &sibling).status == .notFound)
            #expect(try await client.post("/warnings/\(alert.id)/acknowledge", [("_csrf", siblingToken), ("acknowledge_note", "x")], &sibling).status == .notFound)
            // A reviewer of the county reads it, without the forms.
            var (reviewer, _) = try await client.webLogin("reviewer.a")
            let read = try await client.get("/warnings/\(alert.id)", &reviewer)
            #expect(read.status == .ok && read.text.contains("当前角色只能查看预警") && !read.text.contains("/acknowledge\""))

            // The city: an empty note is refused beside the field; then acknowledged, then closed.
            let page = try await client.get("/warnings/\(alert.id)", &city)
            #expect(page.text.contains("涉及 10 名职工，达到即时预警人数 10 人"))
            let version = try #require(versionField(in: page.text))
            let empty = try await client.post("/warnings/\(alert.id)/acknowledge", [("_csrf", cityToken), ("version", version), ("acknowledge_note", "")], &city)
            #expect(empty.status == .unprocessableContent && empty.text.contains("请写明知悉情况和下一步安排"))
            let ack = try await client.post("/warnings/\(alert.id)/acknowledge", [("_csrf", cityToken), ("version", version), ("acknowledge_note", "已电话联系江岸区总工会")], &city)
            #expect(ack.status == .seeOther)
            let acknowledged = try await client.get(try #require(ack.headers[.location]), &city)
            #expect(acknowledged.text.contains("已确认知悉该预警") && acknowledged.text.contains("已电话联系江岸区总工会"))
            let stale = try await client.post("/warnings/\(alert.id)/close", [("_csrf", cityToken), ("version", version), ("close_note", "x")], &city)
            #expect(stale.status == .conflict)
            let closed = try await client.post("/warnings/\(alert.id)/close", [("_csrf", cityToken), ("version", try #require(versionField(in: acknowledged.text))),
                                                                               ("close_note", "企业已补发工资")], &city)
            #expect(closed.status == .seeOther)
            #expect(try await f.store.warnings.find(id: alert.id, actor: .system("t")).state == .closed)
            #expect(!(try await client.get("/", &city)).text.contains("风险预警：待处理"))
            // The figures page counts the period's alerts by rule: both closed, the collective one acknowledged within the day.
            let figures = try await client.get("/disputes/figures", &city)
            #expect(figures.status == .ok && figures.text.contains("风险预警（本期发出）") && figures.text.contains("法律援助（本期申请）"))
            let rights = try await f.store.rightsFigures(code: "C01", from: CivilDate.today().startOfYear, to: .today(), actor: .system("t"))
            #expect(rights.alerts[.collectiveCase]?.acknowledgedWithinDay == 1 && rights.alertTotal.closed == 2)
            _ = token
        }
    }

    /// The dispute intake form with the number of workers involved.
    static func intake(_ token: String, _ employer: String, workers: Int) -> [(String, String)] {
        DisputeWebTests.intake(token, employer: employer).filter { $0.0 != "workers_involved" } + [("workers_involved", String(workers))]
    }

    static func userID(_ store: Store, _ name: String) async throws -> Int64 {
        try await store.users.list(actor: .system("t")).first { $0.username == name }!.id
    }
}
