import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Labor-dispute cases API")
struct DisputeAPITests {
    static func intake(workers: Int = 1, type: String = "wage_arrears", receivedOn: String = CivilDate.today().iso, extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = [
            "channel": "hotline", "kind": "complaint", "receivedOn": receivedOn,
            "workers": (0..<workers).map { i in ["name": "工人\(i + 1)", "idNumber": idNumber(birth: "19880808", seq: String(format: "%03d", 300 + i)), "phone": "13900001111"] },
            "employer": ["name": "江岸某建筑劳务有限公司", "regionCode": "420102", "industry": "建筑业"],
            "types": [type], "claims": [["type": type, "description": "拖欠三个月工资", "amountFen": 1_800_000]],
            "facts": "2026 年以来工资未按时发放", "learnedOn": CivilDate.today().adding(days: -40).iso,
        ]
        for (k, v) in extra { body[k] = v }
        return body
    }

    @Test("a case over the API: intake with every problem named, clocks, the steps to an agreement, scope and the timeline", arguments: Engine.available)
    func wholePath(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let county = try await client.login("officer.a").bearer
            let reviewer = try await client.login("reviewer.a").bearer
            let other = try await client.login("officer.b").bearer
            // Everything wrong at once, nothing written.
            let bad = try await client.call(.post, "/api/v1/disputes", json: [
                "channel": "fax", "kind": "complaint", "workers": [["name": "", "idNumber": "123"]], "employer": ["name": "某厂", "creditCode": "91420100MA4K0000XX"],
                "types": ["wage_arrears", "parking"], "facts": "x",
            ], headers: county).problem(.unprocessableContent, code: "validation_failed")
            let fields = Set((bad["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["channel", "workers[1].name", "workers[1].idNumber", "types"], "\(fields)")
            #expect(try await client.call(.get, "/api/v1/disputes", headers: county).object()["total"] as? Int == 0)
            let badCode = try await client.call(.post, "/api/v1/disputes", json: Self.intake(extra: [
                "employer": ["name": "某厂", "creditCode": "91420100MA4K0000XX"]]), headers: county).problem(.unprocessableContent)
            #expect((badCode["problems"] as? [[String: Any]])?.first?["field"] as? String == "employer.creditCode")
            // A reviewer reads; only officers register.
            try await client.call(.post, "/api/v1/disputes", json: Self.intake(), headers: reviewer).problem(.forbidden)

            let created = try await client.call(.post, "/api/v1/disputes", json: Self.intake(workers: 10), headers: county)
            #expect(created.status == .created, "\(created.text)")
            let c = try created.object()
            let id = try #require(c["id"] as? Int64)
            #expect(c["state"] as? String == "received" && c["collective"] as? Bool == true && c["handlingOrgCode"] as? String == "K01")
            #expect(c["dueOn"] as? String == CivilDate.today().adding(days: 15).iso && c["daysLeft"] as? Int == 15)
            #expect((c["workers"] as? [[String: Any]])?.first?["idNumberMasked"] as? String == String(idNumber(birth: "19880808", seq: "300").prefix(6)) + "********" + String(idNumber(birth: "19880808", seq: "300").suffix(4)))
            #expect(!created.text.contains(idNumber(birth: "19880808", seq: "300")) && !created.text.contains("13900001111"))
            // A second complaint against the same employer about wages is offered as this case.
            let dup = try await client.call(.post, "/api/v1/disputes", json: Self.intake(), headers: county).problem(.conflict, code: "duplicate")
            #expect((dup["detail"] as? String)?.contains(c["caseNo"] as? String ?? "?") == true)
            #expect(try await client.call(.post, "/api/v1/disputes", json: Self.intake(extra: ["allowDuplicate": true]), headers: county).status == .created)

            // Another county's officer finds nothing; the reviewer reads it.
            try await client.call(.get, "/api/v1/disputes/\(id)", headers: other).problem(.notFound)
            try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: ["action": "accept"], headers: other).problem(.notFound)
            #expect(try await client.call(.get, "/api/v1/disputes/\(id)", headers: reviewer).status == .ok)

            // Accept, mediate, agree, perform.
            let accepted = try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: ["action": "accept", "version": 1], headers: county).object()
            #expect(accepted["state"] as? String == "accepted" && accepted["dueOn"] as? String == CivilDate.today().adding(days: 60).iso)
            try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: ["action": "accept", "version": 1], headers: county).problem(.conflict, code: "stale_version")
            let mediating = try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: ["action": "start_mediation", "oral": true, "note": "当场记录"],
                                                  headers: county).object()
            #expect(mediating["state"] as? String == "mediating" && mediating["dueOn"] as? String == CivilDate.today().adding(days: 15).iso)
            let missing = try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: ["action": "record_agreement", "terms": [["description": "支付工资"]]],
                                                headers: county).problem(.unprocessableContent)
            #expect(Set((missing["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["terms[1].amountFen", "terms[1].dueOn"])
            let due = CivilDate.today().adding(days: 10).iso
            let signed = try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: [
                "action": "record_agreement", "terms": [["description": "支付拖欠工资", "amountFen": 1_800_000, "dueOn": due]],
            ], headers: county).object()
            #expect(signed["state"] as? String == "performing" && signed["dueOn"] as? String == due)
            let closed = try await client.call(.post, "/api/v1/disputes/\(id)/actions", json: ["action": "record_performance", "term": 1, "amountFen": 1_800_000],
                                               headers: county).object()
            #expect(closed["state"] as? String == "closed" && closed["outcome"] as? String == "agreement" && closed["recoveredFen"] as? Int == 1_800_000)
            let history = try await client.call(.get, "/api/v1/disputes/\(id)/history", headers: reviewer).items()
            #expect(history.compactMap { $0["kind"] as? String } == ["registered", "accepted", "mediation_started", "agreement", "performed"])
            #expect(history.allSatisfy { ($0["actor"] as? String) == "officer.a" })
            // Closed cases come after open ones in the worklist.
            let list = try await client.call(.get, "/api/v1/disputes?org=K01", headers: county).items()
            #expect(list.last?["id"] as? Int64 == id && list.count == 2)
            _ = f
        }
    }

    @Test("policy numbers: every rule with its source; only the province records its own", arguments: Engine.available)
    func policyRules(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let admin = try await client.login("admin").bearer
            let county = try await client.login("officer.a").bearer
            let rules = try await client.call(.get, "/api/v1/disputes/policy", headers: county).items()
            let mediation = try #require(rules.first { $0["key"] as? String == "disputes.mediation_days" })
            #expect(mediation["value"] as? Int == 15 && (mediation["source"] as? String)?.contains("第十四条") == true)
            let rule: [String: Any] = ["key": "disputes.collective_workers", "value": 5, "effectiveFrom": "2026-01-01", "source": "本省集体劳动争议处理规定"]
            try await client.call(.post, "/api/v1/disputes/policy", json: rule, headers: county).problem(.forbidden)
            #expect(try await client.call(.post, "/api/v1/disputes/policy", json: rule, headers: admin).status == .ok)
            let after = try await client.call(.get, "/api/v1/disputes/policy", headers: county).items()
            #expect(after.contains { $0["key"] as? String == "disputes.collective_workers" && $0["value"] as? Int == 5 })
            // The duty-separation switch is listed with its source, and takes 1 or 0 only.
            #expect(after.contains { $0["key"] as? String == "duties.separate_approval" && $0["value"] as? Int == 1
                                     && ($0["source"] as? String)?.contains("不相容岗位相互分离") == true })
            let badSwitch = try await client.call(.post, "/api/v1/disputes/policy", json: ["key": "duties.separate_approval", "value": 2, "effectiveFrom": "2027-01-01",
                                                                                          "source": "本省规定"], headers: admin).problem(.unprocessableContent)
            #expect((badSwitch["problems"] as? [[String: Any]])?.first?["field"] as? String == "value")
            let five = try await client.call(.post, "/api/v1/disputes", json: Self.intake(workers: 5), headers: county).object()
            #expect(five["collective"] as? Bool == true)
            // No minimum wage recorded yet: whether an award would be final is not known.
            #expect((five["claims"] as? [[String: Any]])?.first?["finalAward"] == nil)

            // The province records its minimum wage; 12 × 1,500 yuan = the claim's 18,000: final; one fen more is not.
            let wage: [String: Any] = ["regionCode": "420000", "effectiveFrom": "2021-09-01", "monthlyFen": 150_000, "source": "省政府关于调整最低工资标准的通知"]
            try await client.call(.post, "/api/v1/disputes/minimum-wages", json: wage, headers: county).problem(.forbidden)
            let bad = try await client.call(.post, "/api/v1/disputes/minimum-wages", json: ["regionCode": "42", "effectiveFrom": "2021-09-01", "monthlyFen": 150_000, "source": "通知"],
                                            headers: admin).problem(.unprocessableContent)
            #expect(Set((bad["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["regionCode"])
            let unsourced = try await client.call(.post, "/api/v1/disputes/minimum-wages", json: ["regionCode": "420000", "effectiveFrom": "2021-09-01", "monthlyFen": 150_000],
                                                  headers: admin).problem(.unprocessableContent)
            #expect(Set((unsourced["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["source"])
            // 150 letters with a combining accent each are 300 code points: beyond the document's maxLength of 200.
            let marked = try await client.call(.post, "/api/v1/disputes/minimum-wages",
                                               json: ["regionCode": "420000", "effectiveFrom": "2021-09-01", "monthlyFen": 150_000, "source": String(repeating: "e\u{301}", count: 150)],
                                               headers: admin).problem(.unprocessableContent)
            #expect(Set((marked["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["source"])
            #expect(try await client.call(.get, "/api/v1/disputes/minimum-wages", headers: county).items().isEmpty)
            #expect(try await client.call(.post, "/api/v1/disputes/minimum-wages", json: wage, headers: admin).status == .ok)
            #expect(try await client.call(.get, "/api/v1/disputes/minimum-wages", headers: county).items().first?["monthlyFen"] as? Int == 150_000)
            let id = try #require(five["id"] as? Int64)
            let measured = try await client.call(.get, "/api/v1/disputes/\(id)", headers: county).object()
            #expect((measured["claims"] as? [[String: Any]])?.first?["finalAward"] as? Bool == true)
            var more = Self.intake(type: "compensation")
            more["claims"] = [["type": "compensation", "amountFen": 1_800_001]]
            let larger = try await client.call(.post, "/api/v1/disputes", json: more, headers: county).object()
            #expect((larger["claims"] as? [[String: Any]])?.first?["finalAward"] as? Bool == false)
        }
    }

    @Test("the holiday calendar: the shipped notice by year; the province's own day and a rule in working days move a deadline", arguments: Engine.available)
    func holidayCalendar(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let admin = try await client.login("admin").bearer
            let county = try await client.login("officer.a").bearer
            let days = try await client.call(.get, "/api/v1/disputes/calendar?year=2026", headers: county).items()
            #expect(days.first?["date"] as? String == "2026-01-01" && days.allSatisfy { ($0["date"] as? String)?.hasPrefix("2026-") == true })
            #expect(days.contains { $0["date"] as? String == "2026-10-10" && $0["kind"] as? String == "workday" && $0["name"] as? String == "国庆节" })
            try await client.call(.get, "/api/v1/disputes/calendar?year=1999", headers: county).problem(.unprocessableContent)
            let day: [String: Any] = ["date": "2026-09-16", "kind": "holiday", "name": "地方假日", "source": "本省通知"]
            try await client.call(.post, "/api/v1/disputes/calendar", json: day, headers: county).problem(.forbidden)
            let weekday = try await client.call(.post, "/api/v1/disputes/calendar", json: ["date": "2026-09-17", "kind": "workday", "name": "调休", "source": "本省通知"],
                                                headers: admin).problem(.unprocessableContent)
            #expect((weekday["problems"] as? [[String: Any]])?.first?["field"] as? String == "kind")
            #expect(try await client.call(.post, "/api/v1/disputes/calendar", json: day, headers: admin).status == .ok)
            let after = try await client.call(.get, "/api/v1/disputes/calendar?year=2026", headers: county).items()
            #expect(after.contains { $0["date"] as? String == "2026-09-16" && $0["kind"] as? String == "holiday" })

            // The acceptance period in working days from 2026-09-01: received on 15 September, 15 working days past the
            // local day off, 中秋 and 国庆, with the make-up Sunday and Saturday counted, end on 13 October.
            let rule: [String: Any] = ["key": "disputes.acceptance_days", "value": 15, "effectiveFrom": "2026-09-01", "source": "本省信访工作规定", "workingDays": true]
            #expect(try await client.call(.post, "/api/v1/disputes/policy", json: rule, headers: admin).status == .ok)
            let rules = try await client.call(.get, "/api/v1/disputes/policy", headers: county).items()
            #expect(rules.contains { $0["effectiveFrom"] as? String == "2026-09-01" && $0["workingDays"] as? Bool == true })
            var intake = Self.intake(receivedOn: "2026-09-15")
            intake["learnedOn"] = "2026-09-01"
            let c = try await client.call(.post, "/api/v1/disputes", json: intake, headers: county).object()
            #expect(c["dueOn"] as? String == "2026-10-13")
        }
    }
}
