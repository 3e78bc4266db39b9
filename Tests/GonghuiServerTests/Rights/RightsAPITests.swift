import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("API: rights figures, alerts, legal aid and supervision")
struct RightsAPITests {
    @Test("the figures of a node and a period count what its subtree did; the lists are scoped; bad periods and states are named", arguments: Engine.available)
    func figuresAndLists(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let today = CivilDate.today()
            let county = try await client.login("officer.a").bearer
            let other = try await client.login("officer.b").bearer
            let sys = Actor.system("t")
            // K01: a supervision through an opinion, corrected; a legal-aid application approved; a collective case alerted.
            let draft = SupervisionDraft(employerName: "江岸某物流公司", employerCreditCode: nil, caseID: nil, violation: "拖欠工资", legalBasis: "《劳动法》第五十条",
                                         correction: "足额支付", laborDepartment: "江岸区人力资源和社会保障局", firstLetter: .reminder, issuedOn: today)
            let m = try await f.store.supervision.open(draft, orgCode: "K01", actor: sys, today: today)
            _ = try await f.store.supervision.issue(.opinion, matterID: m.id, issuedOn: today, actor: sys, today: today)
            _ = try await f.store.supervision.answer(matterID: m.id, answeredOn: today, result: .corrected, text: "已支付", actor: sys, today: today)
            let a = try await f.store.legalAid.apply(LegalAidDraft(name: "张三", idNumber: try IDNumber(f.idA), phone: nil, matter: .arbitration, request: "代理仲裁",
                                                                   caseID: nil, orgCode: "K01", appliedOn: today), actor: sys, today: today)
            _ = try await f.store.legalAid.decide(id: a.id, approve: true, note: "", actor: sys, today: today)

            let figures = try await client.call(.get, "/api/v1/rights/figures?org=K01&from=\(today.year)-01-01&to=\(today.iso)", headers: county).object()
            #expect(figures["orgCode"] as? String == "K01" && figures["to"] as? String == today.iso)
            let sup = try #require(figures["supervision"] as? [String: Any])
            let letters = try #require(sup["letters"] as? [[String: Any]])
            #expect(letters.map { $0["kind"] as? String } == ["reminder", "opinion", "proposal"] && letters.map { $0["count"] as? Int } == [1, 1, 0])
            #expect(sup["corrected"] as? Int == 1 && sup["referred"] as? Int == 0)
            let legal = try #require(figures["legalAid"] as? [String: Any])
            #expect(legal["applications"] as? Int == 1 && legal["approved"] as? Int == 1)
            #expect((figures["alerts"] as? [[String: Any]])?.count == WarningRule.allCases.count)
            // The sibling county counts nothing of it and cannot read K01's figures.
            let theirs = try await client.call(.get, "/api/v1/rights/figures", headers: other).object()
            #expect(theirs["orgCode"] as? String == "K02" && ((theirs["supervision"] as? [String: Any])?["corrected"] as? Int) == 0)
            try await client.call(.get, "/api/v1/rights/figures?org=K01", headers: other).problem(.notFound)
            let badPeriod = try await client.call(.get, "/api/v1/rights/figures?from=2026-12-31&to=2026-01-01", headers: county).problem(.unprocessableContent)
            #expect(String(describing: badPeriod).contains("from"))
            try await client.call(.get, "/api/v1/rights/figures?from=2026-13-01", headers: county).problem(.unprocessableContent)

            let mine = try await client.call(.get, "/api/v1/rights/supervision", headers: county).object()
            let item = try #require((mine["items"] as? [[String: Any]])?.first)
            #expect(mine["total"] as? Int == 1 && item["state"] as? String == "corrected" && (item["letters"] as? [[String: Any]])?.count == 2)
            #expect(try await client.call(.get, "/api/v1/rights/supervision", headers: other).object()["total"] as? Int == 0)
            let aid = try await client.call(.get, "/api/v1/rights/legal-aid?state=approved", headers: county).object()
            let application = try #require((aid["items"] as? [[String: Any]])?.first)
            #expect(application["applicationNo"] as? String == a.applicationNo && application["eligible"] as? Bool == true)
            #expect((application["idMasked"] as? String)?.contains("*") == true && !String(describing: application).contains(f.idA))
            #expect(try await client.call(.get, "/api/v1/rights/legal-aid", headers: other).object()["total"] as? Int == 0)
            try await client.call(.get, "/api/v1/rights/legal-aid?state=won", headers: county).problem(.unprocessableContent)
            #expect(try await client.call(.get, "/api/v1/rights/alerts?state=open", headers: other).object()["total"] as? Int == 0)
        }
    }

    @Test("the city's figures page maps its counties by cases per 10,000 members with the numbers beside", arguments: Engine.available)
    func incidenceMap(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let today = CivilDate.today()
            _ = try await f.store.disputes.register(DisputeIntake(channel: .hotline, kind: .complaint, receivedOn: today,
                workers: [DisputeWorkerDraft(name: "张三", idNumber: try IDNumber(f.idA), phone: nil, isRepresentative: true)],
                employer: DisputeEmployer(name: "江岸某物流公司", creditCode: nil, regionCode: nil, industry: nil, unionCode: nil), types: [.wageArrears], claims: [],
                facts: "拖欠工资两个月", learnedOn: today, employmentEndedOn: nil, confidential: false, handlingOrgCode: "K01"), allowDuplicate: true, actor: .system("t"))
            var (admin, _) = try await client.webLogin("admin")
            let page = try await client.get("/disputes/figures?org=C01&from=\(today.year)-01-01&to=\(today.iso)", &admin)
            #expect(page.status == .ok && page.text.contains("各地区案件发生率（每万名会员）") && page.text.contains("<svg"))
            // K01 has one case and one member (张三 at G01): 10,000 per 10,000, the darkest; K02 none.
            let k01 = try #require(try await f.store.orgs.org(code: "K01", actor: .system("t")))
            #expect(page.text.contains("\(k01.name)：受理 1 件，期末会员 1 人，每万名会员 10000.0 件") && page.text.contains("fill=\"#9e1b1b\""))
            #expect(page.text.contains("每万名会员 0.0 件"))
            // A node with a single child has no map.
            let province = try await client.get("/disputes/figures?org=P42&from=\(today.year)-01-01&to=\(today.iso)", &admin)
            #expect(province.status == .ok && !province.text.contains("各地区案件发生率"))
        }
    }
}
