import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("API and console: mutual-aid enrollment from a list, claims, figures")
struct MutualAidAPITests {
    @Test("a list of ID numbers is enrolled all or nothing, each refusal named by its entry; the claims and the figures of the caller's subtree",
          arguments: Engine.available)
    func enrollFromAList(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let r = try await MutualAidClaimWebTests.round(f)
            let b = try await client.login("officer.b").bearer
            let stranger = idNumber(birth: "19880808", seq: "157")
            let bad = try await client.call(.post, "/api/v1/mutual-aid/rounds/\(r.id)/enrollments", json: ["unitCode": "G02", "idNumbers": [f.idB, stranger, f.idA]], headers: b)
            #expect(bad.status == .unprocessableContent)
            let fields = (try bad.object()["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["idNumbers[1]", "idNumbers[2]"], "\(bad.text)")
            #expect(bad.text.contains("系统中没有这名会员") && bad.text.contains("的在会会员"))
            #expect(try await f.store.mutualAid.enrollment(memberID: f.memberB.id, roundID: r.id) == nil)
            let malformed = try await client.call(.post, "/api/v1/mutual-aid/rounds/\(r.id)/enrollments", json: ["unitCode": "G02", "idNumbers": ["12345"]], headers: b)
            #expect(malformed.status == .unprocessableContent && malformed.text.contains("idNumbers[0]"))
            let good = try await client.call(.post, "/api/v1/mutual-aid/rounds/\(r.id)/enrollments", json: ["unitCode": "G02", "idNumbers": [f.idB]], headers: b)
            #expect(good.status == .created, "\(good.text)")
            let o = try good.object()
            #expect(o["enrolled"] as? Int == 1 && o["unitEnrolled"] as? Int == 1 && o["dueFen"] as? Int == 7_000)
            // Another county's unit: refused, nothing written.
            let a = try await client.login("officer.a").bearer
            let intrude = try await client.call(.post, "/api/v1/mutual-aid/rounds/\(r.id)/enrollments", json: ["unitCode": "G02"], headers: a)
            #expect(intrude.status == .unprocessableContent && intrude.text.contains("unitCode"))
            // Figures and claims of the caller's subtree.
            let figures = try await client.call(.get, "/api/v1/mutual-aid/rounds/\(r.id)/figures", headers: b).object()
            let rows = figures["rows"] as? [[String: Any]] ?? []
            #expect(rows.first?["orgCode"] as? String == "K02" && rows.first?["enrolled"] as? Int == 1 && rows.first?["contributionsDueFen"] as? Int == 7_000)
            #expect(rows.first?["payoutRatio"] is NSNull || rows.first?["payoutRatio"] == nil)
            #expect(try await client.call(.get, "/api/v1/mutual-aid/rounds/\(r.id)/figures?org=K01", headers: b).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/mutual-aid/claims?state=nonsense", headers: b).status == .unprocessableContent)
            let items = try await client.call(.get, "/api/v1/mutual-aid/claims", headers: b).object()["items"] as? [Any]
            #expect(items?.isEmpty == true)

            // The console's list: a bad line named by its number, then the list enrolled.
            _ = try await f.store.members.register(MemberDraft(idNumber: try IDNumber(stranger), name: "王五", phone: nil, orgCode: "G01", joinedOn: CivilDate.today(),
                                                               employmentType: .fixedTerm, isMigrant: false), actor: .system("t"))
            var (county, token) = try await client.webLogin("officer.a")
            let lines = try await client.post("/mutual-aid/rounds/\(r.id)/enroll", [("_csrf", token), ("unit_code", "G01"), ("id_numbers", "\(stranger)\n12345")], &county)
            #expect(lines.status == .unprocessableContent && lines.text.contains("第 2 行 12345"))
            let dup = try await client.post("/mutual-aid/rounds/\(r.id)/enroll", [("_csrf", token), ("unit_code", "G01"), ("id_numbers", "\(stranger)\n\(f.idA)")], &county)
            #expect(dup.status == .unprocessableContent && dup.text.contains("第 2 行") && dup.text.contains("本轮已参保"))
            let listed = try await client.post("/mutual-aid/rounds/\(r.id)/enroll", [("_csrf", token), ("unit_code", "G01"), ("id_numbers", stranger)], &county)
            #expect(listed.status == .seeOther)
            #expect(try await f.store.mutualAid.standings(roundID: r.id, actor: .system("t")).first { $0.unitCode == "G01" }?.enrolled == 2)
        }
    }
}
