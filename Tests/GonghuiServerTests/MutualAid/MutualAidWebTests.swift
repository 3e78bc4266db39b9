import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Web console: mutual aid plans, rounds, enrollment")
struct MutualAidWebTests {
    @Test("the province sets a plan and a round with errors beside their fields; a county enrolls a unit and records its contribution; another county sees none of it",
          arguments: Engine.available)
    func planRoundEnrollPay(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let today = CivilDate.today()
            var (admin, adminToken) = try await client.webLogin("admin")
            let page = try await client.get("/mutual-aid", &admin)
            #expect(page.status == .ok && page.text.contains("设立互助计划"))
            let badPlan = try await client.post("/mutual-aid/plans", [("_csrf", adminToken), ("code", "省 计划"), ("name", "全省职工住院医疗互助"), ("kind", "hospitalization")], &admin)
            #expect(badPlan.status == .unprocessableContent && badPlan.text.contains("id=\"code-error\""))
            #expect(try await client.post("/mutual-aid/plans", [("_csrf", adminToken), ("code", "HB-ZY"), ("name", "全省职工住院医疗互助"), ("kind", "hospitalization")],
                                          &admin).status == .seeOther)
            let round: [(String, String)] = [("plan", "HB-ZY"), ("name", "\(today.year) 年度"), ("contribution", "70"), ("starts_on", today.startOfYear.iso),
                                             ("ends_on", CivilDate.endOfYear(today.year).iso), ("waiting_days", "90"), ("enrollment_opens", today.adding(days: -10).iso),
                                             ("enrollment_closes", CivilDate.endOfYear(today.year).iso), ("claim_limit_days", "90"), ("owner_approval_above", "10000"),
                                             ("source", "省总工会职工医疗互助办法")]
            let badRound = try await client.post("/mutual-aid/rounds", [("_csrf", adminToken)] + round.map { $0.0 == "ends_on" ? ($0.0, "\(today.year - 1)-01-01") : $0 }, &admin)
            #expect(badRound.status == .unprocessableContent && badRound.text.contains("id=\"ends_on-error\""))
            #expect(try await client.post("/mutual-aid/rounds", [("_csrf", adminToken)] + round, &admin).status == .seeOther)
            let r = try #require(try await f.store.mutualAid.rounds(planCode: "HB-ZY", actor: .system("t")).first)
            #expect(r.terms.contribution == Money(yuan: 70) && r.terms.benefits.count == 5 && r.terms.source == "省总工会职工医疗互助办法")

            // The county: no owner forms; the round page with its terms; a unit enrolled and paid for.
            var (county, token) = try await client.webLogin("officer.a")
            let list = try await client.get("/mutual-aid", &county)
            #expect(list.text.contains("/mutual-aid/rounds/\(r.id)") && !list.text.contains("设立互助计划"))
            let roundPage = try await client.get("/mutual-aid/rounds/\(r.id)", &county)
            #expect(roundPage.text.contains("个人负担超过 1,000.00 元部分的 50%，每次最多 5,000.00 元") && roundPage.text.contains("还没有单位参保"))
            let unknown = try await client.post("/mutual-aid/rounds/\(r.id)/enroll", [("_csrf", token), ("unit_code", "G02")], &county)
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("id=\"unit_code-error\""))
            #expect(try await client.post("/mutual-aid/rounds/\(r.id)/enroll", [("_csrf", token), ("unit_code", "G01")], &county).status == .seeOther)
            let enrolled = try await client.get("/mutual-aid/rounds/\(r.id)?ok=ma_enrolled", &county)
            #expect(enrolled.text.contains("参保已办理") && enrolled.text.contains("70.00"))
            let wrong = try await client.post("/mutual-aid/rounds/\(r.id)/payment", [("_csrf", token), ("unit_code", "G01"), ("amount", "700"), ("received_on", today.iso),
                                                                                   ("receipt_no", "HZ-001")], &county)
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("应缴 70.00 元（1 人 × 70.00 元），与到账金额不符"))
            #expect(try await client.post("/mutual-aid/rounds/\(r.id)/payment", [("_csrf", token), ("unit_code", "G01"), ("amount", "70"), ("received_on", today.iso),
                                                                                ("receipt_no", "HZ-001")], &county).status == .seeOther)
            let standing = try #require(try await f.store.mutualAid.standings(roundID: r.id, actor: .system("t")).first)
            #expect(standing.unitCode == "G01" && standing.enrolled == 1 && standing.paid == 1 && standing.received == Money(yuan: 70))
            #expect(try await f.store.mutualAid.enrollment(memberID: f.memberA.id, roundID: r.id)?.paidOn == today)

            // Another county sees the plan (it is above it) but not G01's enrollment, and cannot enroll G01.
            var (other, otherToken) = try await client.webLogin("officer.b")
            let theirs = try await client.get("/mutual-aid/rounds/\(r.id)", &other)
            #expect(theirs.status == .ok && !theirs.text.contains("G01"))
            let intrude = try await client.post("/mutual-aid/rounds/\(r.id)/enroll", [("_csrf", otherToken), ("unit_code", "G01")], &other)
            #expect(intrude.status == .unprocessableContent)
            #expect(try await f.store.mutualAid.standings(roundID: r.id, actor: .system("t")).map(\.enrolled) == [1])
            var (reader, _) = try await client.webLogin("reviewer.a")
            #expect(try await client.get("/mutual-aid/rounds/\(r.id)", &reader).text.contains("当前角色只能查看互助参保情况"))
        }
    }
}
