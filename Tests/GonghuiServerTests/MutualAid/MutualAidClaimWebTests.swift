import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web console and portal: mutual-aid claims")
struct MutualAidClaimWebTests {
    static let pdf = "%PDF-1.4\n出院小结\n%%EOF\n"

    /// The city's plan with this year's round (no waiting period), G01 enrolled and paid today.
    static func round(_ f: Fixture) async throws -> MutualAidRound {
        let today = CivilDate.today()
        let sys = Actor.system("t")
        _ = try await f.store.mutualAid.createPlan(code: "WH-ZY", name: "武汉市职工医疗互助", kind: .hospitalization, ownerCode: "C01", actor: sys)
        var terms = MutualAidRound.exampleTerms(source: "武汉市总工会职工医疗互助办法")
        terms.waitingDays = 0
        let r = try await f.store.mutualAid.addRound(planCode: "WH-ZY", name: "\(today.year) 年度", startsOn: today.startOfYear, endsOn: CivilDate.endOfYear(today.year),
                                                     enrollmentOpens: today.startOfYear, enrollmentCloses: CivilDate.endOfYear(today.year), terms: terms, actor: sys)
        _ = try await f.store.mutualAid.enroll(roundID: r.id, unitCode: "G01", actor: sys)
        _ = try await f.store.mutualAid.recordPayment(roundID: r.id, unitCode: "G01", amount: Money(yuan: 70), receivedOn: today, receiptNo: "HZ-1", actor: sys)
        return r
    }

    static func claimFields(_ token: String, idNumber: String?, benefit: String = "stay", diagnosis: String = "") -> [(String, String)] {
        let today = CivilDate.today().iso
        return [("_csrf", token), ("benefit", benefit), ("event_on", today), ("discharged_on", today), ("total_cost", "5000"), ("insurance_paid", "2000"),
                ("diagnosis", diagnosis), ("bank_name", "中国工商银行武汉江岸支行"), ("bank_account", "6222020200001234567")]
            + (idNumber.map { [("id_number", $0)] } ?? [])
    }

    @Test("the county files a claim for its member with papers, another officer approves it, it goes into a batch; the worker sees it and files one from the portal; another county sees none of it",
          arguments: Engine.available)
    func fileDecidePay(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let r = try await Self.round(f)
            var (county, token) = try await client.webLogin("officer.a")
            let form = try await client.get("/mutual-aid/rounds/\(r.id)/claims/new", &county)
            #expect(form.status == .ok && form.text.contains("enctype=\"multipart/form-data\"") && form.text.contains("name=\"paper_invoice\""))
            // Without a paper: the error beside the papers, nothing written.
            let bare = try await client.post("/mutual-aid/rounds/\(r.id)/claims", Self.claimFields(token, idNumber: f.idA), &county)
            #expect(bare.status == .unprocessableContent && bare.text.contains("id=\"papers-error\""))
            #expect(try await f.store.mutualAid.claims(actor: .system("t")).isEmpty)
            let filed = try await client.postMultipart("/mutual-aid/rounds/\(r.id)/claims", fields: Self.claimFields(token, idNumber: f.idA),
                                                       file: ("paper_discharge_summary", "出院小结.pdf", Self.pdf), &county)
            #expect(filed.status == .seeOther)
            // (Not `#require`: destroying its result of this large struct crashes the 6.3 compiler's code.)
            let claims = try await f.store.mutualAid.claims(actor: .system("t"))
            guard let claim = claims.first else { Issue.record("no claim was filed"); return }
            #expect(filed.headers[.location] == "/mutual-aid/claims/\(claim.id)?ok=ma_claim_filed")
            // (5,000 − 2,000 − 1,000) × 50% = 1,000, shown with its arithmetic.
            let page = try await client.get("/mutual-aid/claims/\(claim.id)", &county)
            #expect(page.text.contains("核定给付 1,000.00 元") && page.text.contains("出院小结：出院小结.pdf") && page.text.contains("批准给付 1,000.00 元"))
            // Who recorded it may not approve it.
            let own = try await client.post("/mutual-aid/claims/\(claim.id)/review", [("_csrf", token), ("decision", "approve")], &county)
            #expect(own.status == .conflict && own.text.contains("职责分离"))
            // Another county: not found, and no decision lands.
            var (other, otherToken) = try await client.webLogin("officer.b")
            #expect(try await client.get("/mutual-aid/claims/\(claim.id)", &other).status == .notFound)
            #expect(try await client.post("/mutual-aid/claims/\(claim.id)/review", [("_csrf", otherToken), ("decision", "approve")], &other).status == .notFound)
            #expect(try await f.store.mutualAid.claim(id: claim.id, actor: .system("t")).state == .filed)
            var (reviewer, rtoken) = try await client.webLogin("reviewer.a")
            let worklist = try await client.get("/mutual-aid/claims", &reviewer)
            #expect(worklist.text.contains(claim.claimNo))
            #expect(try await client.post("/mutual-aid/claims/\(claim.id)/review", [("_csrf", rtoken), ("decision", "approve")], &reviewer).status == .seeOther)
            #expect(try await f.store.mutualAid.claim(id: claim.id, actor: .system("t")).state == .approved)
            let roundPage = try await client.get("/mutual-aid/rounds/\(r.id)", &county)
            #expect(roundPage.text.contains("为 1 笔待发放理赔生成发放批次"))
            let batch = try await client.post("/mutual-aid/rounds/\(r.id)/batches", [("_csrf", token)], &county)
            #expect(batch.status == .seeOther && batch.headers[.location]?.hasPrefix("/batches/") == true)
            let batchPage = try await client.get(batch.headers[.location]!.replacingOccurrences(of: "?ok=pg_batch", with: ""), &county)
            #expect(batchPage.text.contains("/mutual-aid/claims/\(claim.id)") && batchPage.text.contains("/mutual-aid/rounds/\(r.id)"))

            // The worker: the cover, the claim in batch, and a claim of their own from the phone.
            var w = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let mine = try await client.get("/my/mutual-aid", &w)
            #expect(mine.text.contains("武汉市职工医疗互助") && mine.text.contains(claim.claimNo) && mine.text.contains("发放中") && mine.text.contains("19,000.00"))
            let csrf = try #require(csrfToken(in: mine.text))
            let again = try await client.postMultipart("/my/mutual-aid/rounds/\(r.id)/claim", fields: Self.claimFields(csrf, idNumber: nil),
                                                       file: ("paper_invoice", "发票.pdf", Self.pdf), &w)
            #expect(again.status == .unprocessableContent && again.text.contains("同一次住院不能重复申请"))
            let illness = try await client.postMultipart("/my/mutual-aid/rounds/\(r.id)/claim", fields: Self.claimFields(csrf, idNumber: nil, benefit: "illness", diagnosis: "恶性肿瘤"),
                                                         file: ("paper_diagnosis", "诊断证明.pdf", Self.pdf), &w)
            #expect(illness.status == .seeOther)
            let portalClaims = try await f.store.mutualAid.portalClaims(memberID: f.memberA.id)
            #expect(portalClaims.count == 2 && portalClaims[0].channel == "portal" && portalClaims[0].amount == Money(yuan: 20_000))
            let shown = try await client.get(illness.headers[.location] ?? "", &w)
            #expect(shown.text.contains("理赔申请已提交") && shown.text.contains("工会正在审核您的申请") && shown.text.contains("重大疾病互助金：定额 20,000.00 元（恶性肿瘤）"))
            // Above 10,000: the county reviews, the province (above the city that owns the plan) approves.
            _ = try await client.post("/mutual-aid/claims/\(portalClaims[0].id)/review", [("_csrf", rtoken), ("decision", "approve")], &reviewer)
            #expect(try await f.store.mutualAid.claim(id: portalClaims[0].id, actor: .system("t")).state == .awaitingOwner)
            var (admin, atoken) = try await client.webLogin("admin")
            #expect(try await client.get("/mutual-aid/claims", &admin).text.contains(portalClaims[0].claimNo))
            let refusal = try await client.post("/mutual-aid/claims/\(portalClaims[0].id)/owner", [("_csrf", atoken), ("decision", "refuse"), ("reason", "")], &admin)
            #expect(refusal.status == .conflict && refusal.text.contains("请填写不予给付的理由"))
            #expect(try await client.post("/mutual-aid/claims/\(portalClaims[0].id)/owner", [("_csrf", atoken), ("decision", "refuse"), ("reason", "确诊日期早于参保日期")],
                                          &admin).status == .seeOther)
            let refused = try await client.get("/my/mutual-aid/claims/\(portalClaims[0].id)", &w)
            #expect(refused.text.contains("不予给付") && refused.text.contains("确诊日期早于参保日期"))
            // The figures: the county's page with its tiles and the child's row; Excel and CSV.
            let figures = try await client.get("/mutual-aid/rounds/\(r.id)/figures", &county)
            #expect(figures.status == .ok && figures.text.contains("赔付率") && figures.text.contains("江岸区总工会") && figures.text.contains("?org=G01"))
            let xlsx = try await client.get("/mutual-aid/rounds/\(r.id)/figures?org=K01&format=xlsx", &county)
            #expect(xlsx.status == .ok && Array(xlsx.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            let csv = try await client.get("/mutual-aid/rounds/\(r.id)/figures?org=K01&format=csv", &county).text
            #expect(csv.contains("org_code,org_name,enrolled") && csv.contains("K01,江岸区总工会,1,1,7000,7000,2,1,1,0,0,0.0000,"))
            #expect(try await client.get("/mutual-aid/rounds/\(r.id)/figures?org=K02", &county).status == .notFound)
            // Another member's claim is not the worker's to read.
            await #expect(throws: StoreError.notFound(entity: "理赔申请", key: String(claim.id))) {
                _ = try await f.store.mutualAid.portalClaim(id: claim.id, memberID: f.memberB.id)
            }
        }
    }
}
