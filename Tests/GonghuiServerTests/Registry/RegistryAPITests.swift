import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Registry API")
struct RegistryAPITests {
    @Test("a county officer sees their own county and nothing of another (404, not 403)", arguments: Engine.available)
    func scope(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let a = try await client.login("officer.a").bearer
            // Own member and org.
            let own = try await client.call(.get, "/api/v1/members/\(f.memberA.id)", headers: a)
            #expect(own.status == .ok)
            #expect(try own.object()["idNumberMasked"] as? String == String(f.idA.prefix(6)) + "********" + f.idA.suffix(4))
            #expect(try own.object()["idNumber"] == nil)
            #expect(try await client.call(.get, "/api/v1/orgs/G01", headers: a).status == .ok)
            // Another county's member and org: not found.
            try await client.call(.get, "/api/v1/members/\(f.memberB.id)", headers: a).problem(.notFound, code: "not_found")
            try await client.call(.get, "/api/v1/members/\(f.memberB.id)/history", headers: a).problem(.notFound)
            try await client.call(.get, "/api/v1/orgs/G02", headers: a).problem(.notFound, code: "not_found")
            try await client.call(.get, "/api/v1/orgs/K02/children", headers: a).problem(.notFound)
            try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idB], headers: a).problem(.notFound)
            try await client.call(.patch, "/api/v1/members/\(f.memberB.id)", json: ["name": "王五"], headers: a).problem(.notFound)
            try await client.call(.patch, "/api/v1/orgs/G02", json: ["name": "改名"], headers: a).problem(.notFound)
            // Search only finds the own subtree.
            let names = try await client.call(.get, "/api/v1/members?limit=50", headers: a).items().compactMap { $0["name"] as? String }
            #expect(names == ["张三"])
            let orgs = try await client.call(.get, "/api/v1/orgs?q=%E5%B7%A5%E4%BC%9A", headers: a).items().compactMap { $0["code"] as? String }
            #expect(Set(orgs) == ["K01", "G01"])
            // Own lookup and edit work.
            let found = try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idA], headers: a)
            #expect(try found.object()["id"] as? Int64 == f.memberA.id)
            let edited = try await client.call(.patch, "/api/v1/members/\(f.memberA.id)", json: ["workplace": "一车间", "version": f.memberA.version], headers: a)
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(try edited.object()["workplace"] as? String == "一车间")
            // The same version again is stale.
            let stale = try await client.call(.patch, "/api/v1/members/\(f.memberA.id)", json: ["workplace": "二车间", "version": f.memberA.version], headers: a)
            try stale.problem(.conflict, code: "stale_version")
        }
    }

    @Test("errors are problem documents with a request id; garbage never makes a 5xx", arguments: [Engine.sqlite])
    func problems(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let a = try await client.login("officer.a").bearer
            let unknown = try await client.call(.get, "/nowhere", headers: a)
            try unknown.problem(.notFound, code: "not_found")
            #expect(unknown.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            #expect(try await client.call(.get, "/healthz").headers[HTTPField.Name("X-Request-Id")!] != nil)
            try await client.call(.get, "/api/v1/members/abc", headers: a).problem(.notFound)
            try await client.call(.get, "/api/v1/members/99999999999999999999999", headers: a).problem(.notFound)
            try await client.call(.get, "/api/v1/transfers/-1", headers: a).problem(.notFound)
            try await client.call(.post, "/api/v1/members", raw: "{not json", headers: a).problem(.badRequest, code: "invalid_json")
            try await client.call(.post, "/api/v1/members", raw: "[1,2]", headers: a).problem(.badRequest, code: "invalid_json")
            let types = try await client.call(.post, "/api/v1/orgs", json: ["code": 5, "name": ["x"], "kind": "planet", "employees": 1e300, "parentCode": "K01"], headers: a)
            let p = try types.problem(.unprocessableContent, code: "validation_failed")
            let fields = Set((p["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["code", "name", "kind", "employees"])
            try await client.call(.get, "/api/v1/members?limit=abc", headers: a).problem(.unprocessableContent)
            try await client.call(.get, "/api/v1/members?limit=99999999999999999999999", headers: a).problem(.unprocessableContent)
            try await client.call(.get, "/api/v1/orgs/G01/members?asOf=2024-02-30", headers: a).problem(.unprocessableContent)
            let weird = try await client.call(.get, "/api/v1/orgs?q=%F0%9F%98%80%00x", headers: a)
            #expect(weird.status.code < 500)
            let huge = try await client.call(.post, "/api/v1/transfers", json: ["memberId": Int64.max, "toOrgCode": "G02"], headers: a)
            #expect(huge.status == .notFound)
        }
    }

    @Test("registering with a bad ID check character is 422 naming idNumber, with every problem", arguments: Engine.available)
    func registerValidation(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let a = try await client.login("officer.a").bearer
            let good = idNumber(birth: "19920304", seq: "555")
            let last = good.last!
            let bad = String(good.dropLast()) + (last == "1" ? "2" : "1")
            let r = try await client.call(.post, "/api/v1/members", json: [
                "idNumber": bad, "name": "王五", "phone": "2345", "orgCode": "G01", "joinedOn": "2016-05-01", "employmentType": "dispatched",
            ], headers: a)
            let p = try r.problem(.unprocessableContent, code: "validation_failed")
            #expect(p["field"] as? String == "idNumber")
            let problems = try #require(p["problems"] as? [[String: Any]])
            #expect(problems.compactMap { $0["field"] as? String } == ["idNumber", "phone"])
            #expect((problems[0]["reason"] as? String)?.contains("校验位") == true)
            // The same with the right check character lands.
            let ok = try await client.call(.post, "/api/v1/members", json: [
                "idNumber": good, "name": "王五", "phone": "13912345678", "orgCode": "G01", "joinedOn": "2016-05-01", "employmentType": "dispatched",
            ], headers: a)
            #expect(ok.status == .created, "\(ok.text)")
            #expect(try ok.object()["phoneMasked"] as? String == "139****5678")
            // One person, one membership.
            let again = try await client.call(.post, "/api/v1/members", json: [
                "idNumber": good, "name": "王五", "orgCode": "G01", "joinedOn": "2016-05-01", "employmentType": "dispatched",
            ], headers: a)
            try again.problem(.conflict, code: "already_member")
            // Store-side problems come back in camelCase.
            let young = try await client.call(.post, "/api/v1/members", json: [
                "idNumber": idNumber(birth: "20000101", seq: "777"), "name": "赵六", "orgCode": "G01", "joinedOn": "2010-01-01", "employmentType": "flexible",
            ], headers: a)
            #expect(try young.problem(.unprocessableContent)["field"] as? String == "joinedOn")
        }
    }

    @Test("a transfer across two counties goes through both approvals; as-of lists follow it", arguments: Engine.available)
    func transfer(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let a = try await client.login("officer.a").bearer
            let b = try await client.login("officer.b").bearer
            // Action: request, B cannot decide first, A releases, B receives.
            let req = try await client.call(.post, "/api/v1/transfers", json: ["memberId": f.memberA.id, "toOrgCode": "G02", "date": "2024-03-01", "reason": "工作调动"], headers: a)
            #expect(req.status == .created, "\(req.text)")
            let id = try #require(try req.object()["id"] as? Int64)
            #expect(try req.object()["state"] as? String == "processing")
            let incoming = try await client.call(.get, "/api/v1/transfers?box=incoming", headers: b).items()
            #expect(incoming.compactMap { $0["id"] as? Int64 } == [id])
            try await client.call(.post, "/api/v1/transfers/\(id)/approve", json: ["date": "2024-03-01"], headers: b).problem(.conflict, code: "awaiting_outgoing")
            let out = try await client.call(.post, "/api/v1/transfers/\(id)/approve", json: ["date": "2024-03-01"], headers: a)
            #expect(try out.object()["outgoing"] as? String == "approved", "\(out.text)")
            let done = try await client.call(.post, "/api/v1/transfers/\(id)/approve", json: ["date": "2024-03-10"], headers: b)
            let t = try done.object()
            #expect(t["state"] as? String == "approved", "\(done.text)")
            #expect(t["effectiveOn"] as? String == "2024-03-10")
            // Check: the member is now B's and no longer visible to A.
            try await client.call(.get, "/api/v1/members/\(f.memberA.id)", headers: a).problem(.notFound)
            let now = try await client.call(.get, "/api/v1/members/\(f.memberA.id)", headers: b)
            #expect(try now.object()["orgCode"] as? String == "G02")
            // As-of lists: before the transfer in G01, after it in G02.
            func names(_ org: String, _ date: String, _ h: HTTPFields) async throws -> [String] {
                try await client.call(.get, "/api/v1/orgs/\(org)/members?asOf=\(date)", headers: h).items()
                    .compactMap { ($0["member"] as? [String: Any])?["name"] as? String }
            }
            #expect(try await names("G01", "2024-02-01", a) == ["张三"])
            #expect(try await names("G01", "2024-04-01", a) == [])
            #expect(try await names("G02", "2024-02-01", b) == ["李四"])
            #expect(try await names("G02", "2024-04-01", b).sorted() == ["张三", "李四"].sorted())
            let history = try await client.call(.get, "/api/v1/members/\(f.memberA.id)/history", headers: b).items().compactMap { $0["kind"] as? String }
            #expect(history.contains("transferred_out") && history.contains("transferred_in"))
        }
    }

    @Test("full identifiers are audited and refused to auditors", arguments: Engine.available)
    func identifiers(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let a = try await client.login("officer.a").bearer
            let admin = try await client.login("admin").bearer
            let auditor = try await client.login("auditor").bearer
            func reveals() async throws -> Int {
                try await client.call(.get, "/api/v1/audit?action=member.reveal", headers: admin).items().count
            }
            #expect(try await reveals() == 0)
            let r = try await client.call(.post, "/api/v1/members/\(f.memberA.id)/identifiers", headers: a)
            #expect(r.status == .ok)
            #expect(try r.object()["idNumber"] as? String == f.idA)
            #expect(try r.object()["phone"] as? String == "13800138000")
            #expect(try await reveals() == 1)
            try await client.call(.post, "/api/v1/members/\(f.memberA.id)/identifiers", headers: auditor).problem(.forbidden, code: "forbidden")
            #expect(try await reveals() == 1)
            // The auditor reads the log, whose chain verifies.
            let entries = try await client.call(.get, "/api/v1/audit?action=member.reveal", headers: auditor).items()
            #expect(entries.first?["actor"] as? String == "officer.a")
            #expect(try await client.call(.get, "/api/v1/audit/verify", headers: auditor).object()["ok"] as? Bool == true)
            try await client.call(.get, "/api/v1/audit", headers: a).problem(.forbidden)
        }
    }

    @Test("organizations: create with validation, patch keeps what is left out, navigate", arguments: Engine.available)
    func orgs(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let a = try await client.login("officer.a").bearer
            let bad = try await client.call(.post, "/api/v1/orgs", json: [
                "code": "G03", "name": "新厂工会", "parentCode": "K01", "kind": "grassroots", "creditCode": "91420100MA4K0000O0",
                "regionCode": "999999", "chairPhone": "12", "employees": 10, "womenEmployees": 20,
            ], headers: a)
            let p = try bad.problem(.unprocessableContent)
            let fields = Set((p["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["creditCode", "regionCode", "chairPhone"])
            let created = try await client.call(.post, "/api/v1/orgs", json: [
                "code": "G03", "name": "新厂工会", "parentCode": "K01", "kind": "grassroots", "chairPhone": "13700001111",
                "employees": 50, "womenEmployees": 20, "foundedOn": "2020-06-01", "flags": ["womenCommittee": true],
            ], headers: a)
            #expect(created.status == .created, "\(created.text)")
            let version = try #require(try created.object()["version"] as? Int)
            let patched = try await client.call(.patch, "/api/v1/orgs/G03", json: ["name": "新厂工会委员会", "version": version], headers: a)
            let o = try patched.object()
            #expect(o["name"] as? String == "新厂工会委员会", "\(patched.text)")
            #expect(o["chairPhoneMasked"] as? String == "137****1111")
            #expect(o["employees"] as? Int == 50)
            #expect((o["flags"] as? [String: Any])?["womenCommittee"] as? Bool == true)
            try await client.call(.patch, "/api/v1/orgs/G03", json: ["parentCode": "K02"], headers: a).problem(.unprocessableContent)
            let kids = try await client.call(.get, "/api/v1/orgs/K01/children", headers: a).items()
            #expect(kids.compactMap { ($0["org"] as? [String: Any])?["code"] as? String } == ["G01", "G03"])
            #expect(kids.first?["members"] as? Int == 1)
            let crumbs = try await client.call(.get, "/api/v1/orgs/G03/breadcrumbs", headers: a).items().compactMap { $0["code"] as? String }
            #expect(crumbs == ["K01", "G03"])
            let root = try await client.call(.get, "/api/v1/orgs/root", headers: a).items().compactMap { $0["code"] as? String }
            #expect(root == ["K01"])
            let dissolved = try await client.call(.post, "/api/v1/orgs/G03/dissolve", json: ["reason": "企业关闭", "date": "2024-01-01"], headers: a)
            #expect(try dissolved.object()["status"] as? String == "dissolved", "\(dissolved.text)")
            try await client.call(.post, "/api/v1/orgs/G01/dissolve", json: ["reason": "试试"], headers: a).problem(.conflict, code: "has_members")
            let history = try await client.call(.get, "/api/v1/orgs/G03/history", headers: a).items().compactMap { $0["kind"] as? String }
            #expect(history == ["created", "edited", "dissolved"])
        }
    }

    @Test("users: only system administrators manage them", arguments: [Engine.sqlite])
    func users(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let admin = try await client.login("admin").bearer
            let a = try await client.login("officer.a").bearer
            try await client.call(.get, "/api/v1/users", headers: a).problem(.forbidden)
            let made = try await client.call(.post, "/api/v1/users", json: ["username": "officer.c", "password": "Secr3t-pass", "role": "reviewer", "orgCode": "K02"], headers: admin)
            #expect(made.status == .created, "\(made.text)")
            let weak = try await client.call(.post, "/api/v1/users", json: ["username": "x y", "password": "short", "role": "boss", "orgCode": "K02"], headers: admin)
            let p = try weak.problem(.unprocessableContent)
            #expect(Set((p["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["role"])
            let names = try await client.call(.get, "/api/v1/users", headers: admin).items().compactMap { $0["username"] as? String }
            #expect(names.contains("officer.c"))
            _ = try await client.login("officer.c", password: "Secr3t-pass")
        }
    }
}
