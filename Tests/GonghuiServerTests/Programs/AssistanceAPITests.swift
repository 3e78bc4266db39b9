import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Assistance programs API")
struct AssistanceAPITests {
    @Test("送温暖 from application to the reconciled bank payment over the API", arguments: Engine.available)
    func applicationToReconciledPayment(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let admin = try await client.login("admin").bearer
            let county = try await client.login("officer.a").bearer
            let reviewer = try await client.login("reviewer.a").bearer
            let other = try await client.login("officer.b").bearer
            _ = try await client.call(.post, "/api/v1/hardship/lines", json: ["regionCode": "420000", "effectiveFrom": "2020-01-01", "monthlyFen": 80_000], headers: admin)
            // A filed archive for 张三: 深度困难.
            let created = try await client.call(.post, "/api/v1/hardship/archives", json: [
                "memberId": f.memberA.id, "appliedOn": CivilDate.today().adding(days: -30).iso, "bankAccount": "6217002870012345678",
                "details": HardshipAPITests.details(incomeFen: 2_000_000),
            ], headers: county)
            let archive = try #require(try created.object()["id"] as? Int64)
            for (action, days, who) in [("submit_for_notice", 28, county), ("end_notice", 20, county), ("pass_recheck", 19, reviewer), ("approve", 18, reviewer)] {
                let r = try await client.call(.post, "/api/v1/hardship/archives/\(archive)/actions", json: ["action": action, "date": CivilDate.today().adding(days: -days).iso], headers: who)
                #expect(r.status == .ok, "\(action): \(r.text)")
            }
            // The province sets up 送温暖 and gives the county its budget through the city.
            #expect(try await client.call(.post, "/api/v1/programs", json: ["code": "SNW", "name": "送温暖", "kind": "warmth"], headers: admin).status == .created)
            let cycle = try await client.call(.post, "/api/v1/cycles", json: [
                "programCode": "SNW", "name": "2027年春节送温暖", "startsOn": CivilDate.today().adding(days: -5).iso, "endsOn": CivilDate.today().adding(days: 60).iso,
                "budgetFen": 1_000_000, "ownerOrgCode": "P42",
            ], headers: admin)
            #expect(cycle.status == .created, "\(cycle.text)")
            let cycleID = try #require(try cycle.object()["id"] as? Int64)
            #expect((try cycle.object()["rules"] as? [[String: Any]])?.count == 3)
            _ = try await client.call(.post, "/api/v1/cycles/\(cycleID)/allocations", json: ["toOrgCode": "C01", "amountFen": 600_000], headers: admin)
            try await client.call(.post, "/api/v1/cycles/\(cycleID)/allocations", json: ["toOrgCode": "K01", "amountFen": 700_000], headers: admin).problem(.conflict, code: "budget_exceeded")
            let alloc = try await client.call(.post, "/api/v1/cycles/\(cycleID)/allocations", json: ["toOrgCode": "K01", "amountFen": 300_000], headers: admin)
            #expect(try alloc.items().first { $0["orgCode"] as? String == "K01" }?["leftFen"] as? Int == 300_000)

            // The union applies for 张三; the rules give 2,000 yuan and say why.
            let applied = try await client.call(.post, "/api/v1/cycles/\(cycleID)/grants", json: ["memberId": f.memberA.id], headers: county)
            #expect(applied.status == .created, "\(applied.text)")
            let g = try applied.object()
            let grant = try #require(g["id"] as? Int64)
            #expect(g["amountFen"] as? Int == 200_000 && g["ruleName"] as? String == "深度困难职工")
            try await client.call(.post, "/api/v1/cycles/\(cycleID)/grants", json: ["memberId": f.memberA.id], headers: county).problem(.conflict, code: "duplicate_grant")
            // Another county does not see it.
            try await client.call(.get, "/api/v1/grants/\(grant)", headers: other).problem(.notFound)
            // Review, then approval by the county that holds the budget.
            try await client.call(.post, "/api/v1/grants/\(grant)/approve", headers: reviewer).problem(.conflict, code: "grant_state")
            #expect(try await client.call(.post, "/api/v1/grants/\(grant)/review", headers: reviewer).object()["state"] as? String == "reviewed")
            // Neither who reviewed it nor who recorded it approves it (职责分离); a third officer does.
            try await client.call(.post, "/api/v1/grants/\(grant)/approve", headers: reviewer).problem(.conflict, code: "duties_separated")
            try await client.call(.post, "/api/v1/grants/\(grant)/approve", headers: county).problem(.conflict, code: "duties_separated")
            _ = try await f.store.users.add(username: "head.a", displayName: "江岸区总工会负责人", password: testPassword, role: .orgAdmin, orgCode: "K01", actor: .system("t"))
            let head = try await client.login("head.a").bearer
            #expect(try await client.call(.post, "/api/v1/grants/\(grant)/approve", headers: head).object()["state"] as? String == "approved")

            // Into a batch, out as the bank's file, back with the bank's result.
            let batch = try await client.call(.post, "/api/v1/cycles/\(cycleID)/batches", headers: reviewer)
            #expect(batch.status == .created, "\(batch.text)")
            let batchID = try #require(try batch.object()["id"] as? Int64)
            #expect(try batch.object()["totalFen"] as? Int == 200_000 && (try batch.object()["state"] as? String) == "open")
            // Its file leaves once someone other than its maker approves it.
            try await client.call(.get, "/api/v1/batches/\(batchID)/file?format=csv", headers: reviewer).problem(.conflict, code: "batch_not_approved")
            try await client.call(.post, "/api/v1/batches/\(batchID)/approve", headers: reviewer).problem(.conflict, code: "duties_separated")
            #expect(try await client.call(.post, "/api/v1/batches/\(batchID)/approve", headers: head).object()["state"] as? String == "approved")
            let file = try await client.call(.get, "/api/v1/batches/\(batchID)/file?format=csv", headers: reviewer)
            #expect(file.status == .ok)
            let text = String(decoding: Data(file.body.readableBytesView), as: UTF8.self)
            let lines = text.split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.count == 2 && lines[0].contains("参考号"))
            #expect(lines[1].contains("张三") && lines[1].contains("6217002870012345678") && lines[1].contains("2000.00"))
            let reference = try #require(lines[1].split(separator: ",").last.map(String.init))
            try await client.call(.post, "/api/v1/batches/\(batchID)/results", json: ["results": [["reference": "GH-X", "paid": true]]], headers: reviewer)
                .problem(.unprocessableContent)
            let recorded = try await client.call(.post, "/api/v1/batches/\(batchID)/results", json: ["results": [["reference": reference, "paid": true]]], headers: reviewer)
            #expect(try recorded.object()["awaitingConfirmation"] as? Bool == true, "\(recorded.text)")
            #expect(try await client.call(.get, "/api/v1/batches/\(batchID)", headers: head).object()["resultsAwaitingConfirmation"] as? Bool == true)
            try await client.call(.post, "/api/v1/batches/\(batchID)/results/confirm", json: ["approve": true], headers: reviewer).problem(.conflict, code: "duties_separated")
            let result = try await client.call(.post, "/api/v1/batches/\(batchID)/results/confirm", json: ["approve": true], headers: head)
            #expect(try result.object()["paid"] as? Int == 1 && (try result.object()["batchReconciled"] as? Bool) == true, "\(result.text)")
            let again = try await client.call(.post, "/api/v1/batches/\(batchID)/results", json: ["results": [["reference": reference, "paid": true]]], headers: reviewer)
            #expect(try again.object()["alreadyRecorded"] as? Int == 1 && (try again.object()["paid"] as? Int) == 0)
            let paid = try await client.call(.get, "/api/v1/grants/\(grant)", headers: county).object()
            #expect(paid["state"] as? String == "paid" && paid["paidOn"] as? String == CivilDate.today().iso)
            let report = try await client.call(.get, "/api/v1/cycles/\(cycleID)/report?org=K01", headers: county).object()
            #expect((report["total"] as? [String: Any])?["paidFen"] as? Int == 200_000)
            #expect((report["headline"] as? String)?.contains("帮扶 1 人、发放帮扶资金 0.20 万元") == true)
            let budgets = try await client.call(.get, "/api/v1/cycles/\(cycleID)/budgets", headers: county).items()
            #expect(budgets.count == 1 && budgets[0]["paidFen"] as? Int == 200_000 && budgets[0]["leftFen"] as? Int == 100_000)
        }
    }
}
