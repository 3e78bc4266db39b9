import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Hardship archives API")
struct HardshipAPITests {
    static func details(incomeFen: Int, size: Int = 3) -> [String: Any] {
        ["regionCode": "420102", "annualIncomeFen": incomeFen, "householdSize": size, "mainCause": 6, "secondaryCauses": [9],
         "health": "患大病", "majorIllness": "尿毒症", "bankName": "中国建设银行武汉江岸支行"]
    }

    static func daysAgo(_ n: Int) -> String { CivilDate.today().adding(days: -n).iso }

    @Test("an archive from application to filing over the API, with its arithmetic, scoping and one archive per household", arguments: Engine.available)
    func wholePath(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let admin = try await client.login("admin").bearer
            let county = try await client.login("officer.a").bearer
            let reviewer = try await client.login("reviewer.a").bearer
            let other = try await client.login("officer.b").bearer
            // The province keeps the 低保 table: 800 yuan a month from 2020.
            let line: [String: Any] = ["regionCode": "420000", "effectiveFrom": "2020-01-01", "monthlyFen": 80_000]
            try await client.call(.post, "/api/v1/hardship/lines", json: line, headers: county).problem(.forbidden)
            #expect(try await client.call(.post, "/api/v1/hardship/lines", json: line, headers: admin).status == .ok)
            #expect(try await client.call(.get, "/api/v1/hardship/lines", headers: county).items().first?["monthlyFen"] as? Int == 80_000)

            // Everything wrong is reported at once, and nothing is written.
            let bad = try await client.call(.post, "/api/v1/hardship/archives", json: [
                "memberId": f.memberA.id, "bankAccount": "12-34",
                "details": ["regionCode": "420102", "annualIncomeFen": -5, "householdSize": 3, "mainCause": 11, "bankName": "建行"],
                "family": [["name": "刘丽", "relation": "表亲"]],
            ], headers: county).problem(.unprocessableContent, code: "validation_failed")
            let fields = Set((bad["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["bankAccount", "details.annualIncomeFen", "details.mainCause"], "\(fields)")
            let relation = try await client.call(.post, "/api/v1/hardship/archives", json: [
                "memberId": f.memberA.id, "bankAccount": "6217 0028 7001 2345 678", "details": Self.details(incomeFen: 2_879_999),
                "family": [["name": "刘丽", "relation": "表亲"]],
            ], headers: county).problem(.unprocessableContent)
            #expect((relation["problems"] as? [[String: Any]])?.first?["field"] as? String == "family[1].relation")
            #expect(try await client.call(.get, "/api/v1/hardship/archives", headers: admin).object()["total"] as? Int == 0)

            // 28,799.99 yuan for three people is just below the line: 深度困难.
            let spouse = idNumber(birth: "19920303", seq: "222")
            let created = try await client.call(.post, "/api/v1/hardship/archives", json: [
                "memberId": f.memberA.id, "appliedOn": Self.daysAgo(30), "bankAccount": "6217 0028 7001 2345 678",
                "details": Self.details(incomeFen: 2_879_999),
                "family": [["name": "刘丽", "relation": "配偶", "idNumber": spouse, "monthlyIncomeFen": 90_000], ["name": "张小明", "relation": "子女", "schoolOrWork": "初二"]],
            ], headers: county)
            #expect(created.status == .created, "\(created.text)")
            let a = try created.object()
            let id = try #require(a["id"] as? Int64)
            #expect(a["category"] as? String == "deep")
            let assessment = try #require(a["assessment"] as? [String: Any])
            #expect(assessment["perCapitaMonthlyFen"] as? Int == 79_999)
            #expect((assessment["steps"] as? [String])?.last?.contains("深度困难") == true)
            #expect(a["bankAccountMasked"] as? String == "**** **** 5678")
            // No full identifier comes back.
            #expect(!created.text.contains("62170028700123") && !created.text.contains(spouse) && !created.text.contains(f.idA))
            #expect(created.headers[.location] == "/api/v1/hardship/archives/\(id)")

            // Another county does not see it; the same household cannot open a second archive.
            try await client.call(.get, "/api/v1/hardship/archives/\(id)", headers: other).problem(.notFound, code: "not_found")
            #expect(try await client.call(.get, "/api/v1/hardship/archives", headers: other).object()["total"] as? Int == 0)
            try await client.call(.post, "/api/v1/hardship/archives", json: [
                "memberId": f.memberB.id, "bankAccount": "6217002870019999000", "details": Self.details(incomeFen: 2_000_000),
                "family": [["name": "张三", "relation": "配偶", "idNumber": f.idA]],
            ], headers: admin).problem(.conflict, code: "household_has_archive")

            // The workflow, with the dates of steps taken on paper.
            func act(_ body: [String: Any], as who: HTTPFields) async throws -> TestResponse {
                try await client.call(.post, "/api/v1/hardship/archives/\(id)/actions", json: body, headers: who)
            }
            #expect(try await act(["action": "submit_for_notice", "date": Self.daysAgo(27)], as: county).object()["stage"] as? String == "public_notice")
            try await act(["action": "end_notice", "date": Self.daysAgo(25)], as: county).problem(.conflict, code: "workflow")
            try await act(["action": "end_notice", "date": CivilDate.today().adding(days: 3).iso], as: county).problem(.unprocessableContent)
            #expect(try await act(["action": "end_notice", "date": Self.daysAgo(22)], as: county).object()["stage"] as? String == "recheck")
            try await act(["action": "pass_recheck", "date": Self.daysAgo(30)], as: reviewer).problem(.unprocessableContent)
            try await act(["action": "send_back"], as: reviewer).problem(.unprocessableContent)
            #expect(try await act(["action": "pass_recheck", "date": Self.daysAgo(20)], as: reviewer).object()["stage"] as? String == "approval")
            let current = try await client.call(.get, "/api/v1/hardship/archives/\(id)", headers: reviewer).object()
            let version = try #require(current["version"] as? Int)
            try await act(["action": "approve", "version": version - 1], as: reviewer).problem(.conflict, code: "stale_version")
            let filed = try await act(["action": "approve", "version": version, "date": Self.daysAgo(18)], as: reviewer).object()
            #expect(filed["stage"] as? String == "filed")
            #expect(filed["dueOn"] as? String == CivilDate.today().adding(days: -18).adding(years: 1).iso)
            #expect(filed["overdue"] as? Bool == false)

            // Revised once filed: the income went down, the category is computed again.
            let revised = try await client.call(.put, "/api/v1/hardship/archives/\(id)", json: [
                "details": Self.details(incomeFen: 4_000_000), "family": [["name": "刘丽", "relation": "配偶"], ["name": "张小明", "relation": "子女"]],
            ], headers: county)
            #expect(revised.status == .ok, "\(revised.text)")
            #expect(try revised.object()["category"] as? String == "relative")
            #expect((try revised.object()["family"] as? [[String: Any]])?.first?["idNumberMasked"] as? String == String(spouse.prefix(6)) + "********" + spouse.suffix(4))

            // A paper kept with it, downloaded byte for byte.
            let pdf = "%PDF-1.4\n帮扶申请书\n%%EOF\n"
            let up = try await client.execute(uri: "/api/v1/hardship/archives/\(id)/attachments?kind=application&filename=%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf",
                                              method: .post, headers: county.merging([.contentType: "application/pdf"]), body: ByteBuffer(string: pdf))
            #expect(up.status == .created, "\(up.text)")
            let aid = try #require(try up.object()["id"] as? Int64)
            let down = try await client.call(.get, "/api/v1/hardship/archives/\(id)/attachments/\(aid)", headers: county)
            #expect(down.status == .ok && String(buffer: down.body) == pdf)
            #expect(down.headers[.contentType] == "application/pdf")
            #expect(down.headers[.contentDisposition]?.contains("filename*=UTF-8''%E7%94%B3%E8%AF%B7%E4%B9%A6.pdf") == true)
            let junk = try await client.execute(uri: "/api/v1/hardship/archives/\(id)/attachments?kind=other&filename=x.pdf", method: .post,
                                                headers: county.merging([.contentType: "application/pdf"]), body: ByteBuffer(string: "<html>"))
            try junk.problem(.unprocessableContent)

            // Empty or null where a choice is required: 422, never a crash.
            let emptyKind = try await client.execute(uri: "/api/v1/hardship/archives/\(id)/attachments?kind=&filename=x.pdf", method: .post,
                                                     headers: county.merging([.contentType: "application/pdf"]), body: ByteBuffer(string: pdf))
            try emptyKind.problem(.unprocessableContent)
            try await act(["action": "close", "closingReason": NSNull()], as: reviewer).problem(.unprocessableContent)
            let history = try await client.call(.get, "/api/v1/hardship/archives/\(id)/history", headers: county).items().compactMap { $0["kind"] as? String }
            #expect(history == ["built", "notice_started", "notice_ended", "rechecked", "approved", "revised", "attachment"] ||
                    history == ["built", "notice_started", "notice_ended", "rechecked", "approved", "recategorized", "attachment"])
            #expect(history.contains("recategorized"))
            let list = try await client.call(.get, "/api/v1/hardship/archives?stage=filed&category=relative&cause=9", headers: county).items()
            #expect(list.compactMap { $0["id"] as? Int64 } == [id])
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var out = self
        for field in other { out[field.name] = field.value }
        return out
    }
}
