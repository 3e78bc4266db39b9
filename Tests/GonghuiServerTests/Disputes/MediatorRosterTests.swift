import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("The mediator roster (调解员名册) in the console and the API")
struct MediatorRosterTests {
    static func mediator(_ token: String, name: String, role: String = "full_time", phone: String = "13912345678", extra: [(String, String)] = []) -> [(String, String)] {
        [("_csrf", token), ("name", name), ("role", role), ("phone", phone), ("type_wage_arrears", "1"), ("type_termination", "1"),
         ("note", "区总工会调解委员会")] + extra
    }

    static func roster(_ store: Store, org: String) async throws -> [Mediator] {
        try await store.disputes.mediators(orgCode: org, actor: .system("t")).mediators
    }

    @Test("kept by its union's officers with errors beside the fields, read from below, refused to another county, offered on the case page and counted",
          arguments: Engine.available)
    func rosterInTheConsole(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            var (officer, token) = try await client.webLogin("officer.a")
            let empty = try await client.get("/disputes/mediators", &officer)
            #expect(empty.status == .ok && empty.text.contains("江岸区总工会的调解员") && empty.text.contains("名册中还没有调解员"))
            #expect(empty.text.contains("method=\"post\" action=\"/disputes/mediators\""))

            // Every problem beside its field; nothing written.
            let bad = try await client.post("/disputes/mediators", Self.mediator(token, name: "", phone: "12345"), &officer)
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"name-error\"") && bad.text.contains("id=\"phone-error\""), "\(bad.text)")
            #expect(try await Self.roster(f.store, org: "K01").isEmpty)

            let added = try await client.post("/disputes/mediators", Self.mediator(token, name: "李明"), &officer)
            #expect(added.status == .seeOther && added.headers[.location]?.contains("ok=ds_mediator") == true)
            #expect(try await client.post("/disputes/mediators", Self.mediator(token, name: "王芳", role: "lawyer", phone: ""), &officer).status == .seeOther)
            let page = try await client.get("/disputes/mediators", &officer)
            #expect(page.text.contains("李明") && page.text.contains("专职调解员") && page.text.contains("欠薪、解除/终止劳动合同") && page.text.contains("13912345678"))
            let dup = try await client.post("/disputes/mediators", Self.mediator(token, name: "李明"), &officer)
            #expect(dup.status == .unprocessableContent && dup.text.contains("名册中已有调解员 李明"))
            let roster = try await Self.roster(f.store, org: "K01")
            #expect(roster.map(\.name).sorted() == ["李明", "王芳"])
            let li = try #require(roster.first { $0.name == "李明" })
            // The phone is sealed in the table, never stored as typed.
            let stored = try await f.store.database.read { db in
                try await db.raw("SELECT phone_enc FROM dispute_mediators WHERE id = \(bind: li.id)").first()!.decode(column: "phone_enc", as: String.self)
            }
            #expect(!stored.contains("13912345678"))

            // Another county's officer: neither reads nor writes K01's roster, nor edits its mediators.
            var (other, otherToken) = try await client.webLogin("officer.b")
            #expect(try await client.get("/disputes/mediators?org=K01", &other).status == .notFound)
            #expect(try await client.post("/disputes/mediators", Self.mediator(otherToken, name: "赵六", extra: [("org_code", "K01")]), &other).status == .notFound)
            #expect(try await client.get("/disputes/mediators/\(li.id)", &other).status == .notFound)
            #expect(try await client.post("/disputes/mediators/\(li.id)", Self.mediator(otherToken, name: "改名", extra: [("version", "1")]), &other).status == .notFound)
            #expect(try await Self.roster(f.store, org: "K01").map(\.name).sorted() == ["李明", "王芳"])
            // The city's roster is above K02: read, without the form.
            let above = try await client.get("/disputes/mediators?org=C01", &other)
            #expect(above.status == .ok && above.text.contains("这是上级工会的名册") && !above.text.contains("method=\"post\" action=\"/disputes/mediators\""))
            // A reviewer reads its own union's roster without the form.
            var (reviewer, _) = try await client.webLogin("reviewer.a")
            let read = try await client.get("/disputes/mediators", &reviewer)
            #expect(read.status == .ok && read.text.contains("李明") && !read.text.contains("method=\"post\" action=\"/disputes/mediators\""))

            // Taken off the roster (a stale form refused first); still listed, no longer offered.
            let stale = try await client.post("/disputes/mediators/\(li.id)", Self.mediator(token, name: "李明", extra: [("version", "7")]), &officer)
            #expect(stale.status == .unprocessableContent)
            let edit = try await client.get("/disputes/mediators/\(li.id)", &officer)
            #expect(edit.status == .ok && edit.text.contains("name=\"active\" value=\"1\" checked"))
            #expect(try await client.post("/disputes/mediators/\(li.id)", Self.mediator(token, name: "李明", extra: [("version", "1")]), &officer).status == .seeOther)
            #expect(try await client.get("/disputes/mediators", &officer).text.contains("已移出"))

            // The case page offers the active ones; a mediation naming 王芳 counts for her.
            let registered = try await client.post("/disputes/new", DisputeWebTests.intake(token), &officer)
            let path = String(try #require(registered.headers[.location]).prefix { $0 != "?" })
            let accepted = try await client.post("\(path)/act", [("_csrf", token), ("version", versionField(in: try await client.get(path, &officer).text) ?? ""),
                                                                ("action", "accept")], &officer)
            #expect(accepted.status == .seeOther)
            let casePage = try await client.get(path, &officer)
            #expect(casePage.text.contains("<datalist id=\"mediator-choices\"><option value=\"王芳\">律师 · 江岸区总工会</option></datalist>"), "\(casePage.text)")
            #expect(casePage.text.contains("list=\"mediator-choices\""))
            let started = try await client.post("\(path)/act", [("_csrf", token), ("version", versionField(in: casePage.text) ?? ""),
                                                                          ("action", "start_mediation"), ("mediator", "王芳、张干事")], &officer)
            #expect(started.status == .seeOther, "\(started.text)")
            let counted = try await Self.roster(f.store, org: "K01")
            #expect(counted.first { $0.name == "王芳" }?.mediating == 1 && counted.first { $0.name == "李明" }?.mediating == 0)
            let audited = try await f.store.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'mediator.%'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(audited == 3)
        }
    }

    @Test("over the API: the roster, an addition with every problem named, scope, a correction with its version", arguments: Engine.available)
    func rosterOverTheAPI(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let county = try await client.login("officer.a").bearer
            let other = try await client.login("officer.b").bearer
            let bad = try await client.call(.post, "/api/v1/disputes/mediators", json: ["name": "", "role": "judge", "phone": "123", "specialties": ["parking"]],
                                            headers: county).problem(.unprocessableContent)
            let fields = Set((bad["problems"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["name", "role", "phone", "specialties"], "\(fields)")
            let created = try await client.call(.post, "/api/v1/disputes/mediators", json: ["name": "陈刚", "role": "part_time", "specialties": ["working_hours"]],
                                                headers: county)
            #expect(created.status == .created, "\(created.text)")
            let m = try created.object()
            let id = try #require(m["id"] as? Int64)
            #expect(m["orgCode"] as? String == "K01" && m["active"] as? Bool == true && m["version"] as? Int == 1 && m["phone"] == nil)
            try await client.call(.post, "/api/v1/disputes/mediators", json: ["name": "赵六", "role": "officer", "orgCode": "K01"], headers: other).problem(.notFound)
            try await client.call(.patch, "/api/v1/disputes/mediators/\(id)", json: ["name": "陈刚", "role": "officer"], headers: other).problem(.notFound)
            let list = try await client.call(.get, "/api/v1/disputes/mediators", headers: county).object()
            #expect(list["orgCode"] as? String == "K01" && (list["items"] as? [[String: Any]])?.count == 1)
            let patched = try await client.call(.patch, "/api/v1/disputes/mediators/\(id)", json: ["name": "陈刚", "role": "part_time", "active": false, "version": 1],
                                                headers: county).object()
            #expect(patched["active"] as? Bool == false && patched["version"] as? Int == 2)
            try await client.call(.patch, "/api/v1/disputes/mediators/\(id)", json: ["name": "陈刚", "role": "part_time", "version": 1], headers: county)
                .problem(.conflict, code: "stale_version")
            #expect(try await f.store.disputes.mediatorChoices(handlingOrgCode: "G01").isEmpty)
        }
    }
}
