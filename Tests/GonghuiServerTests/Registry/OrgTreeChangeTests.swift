import Foundation
import GonghuiServer
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Organization tree changes over the API")
struct OrgTreeChangeTests {
    @Test("move a union to another county: the subtree and its members follow the scope", arguments: Engine.available)
    func move(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let admin = try await client.login("admin").bearer
            let b = try await client.login("officer.b").bearer
            try await client.call(.get, "/api/v1/members/\(f.memberA.id)", headers: b).problem(.notFound)
            // Action
            let moved = try await client.call(.post, "/api/v1/orgs/G01/move", json: ["parentCode": "K02", "date": "2024-05-01"], headers: admin)
            // Check
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(try moved.object()["parentCode"] as? String == "K02")
            #expect(try await client.call(.get, "/api/v1/members/\(f.memberA.id)", headers: b).status == .ok)
            try await client.call(.post, "/api/v1/orgs/G01/move", json: ["parentCode": "G01"], headers: admin).problem(.conflict)
        }
    }

    @Test("merge a union into another: members move, the old one is kept as merged", arguments: Engine.available)
    func merge(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let admin = try await client.login("admin").bearer
            let merged = try await client.call(.post, "/api/v1/orgs/G01/merge", json: ["intoCode": "G02", "date": "2024-05-01"], headers: admin)
            let o = try merged.object()
            #expect(o["status"] as? String == "merged", "\(merged.text)")
            #expect(o["mergedIntoCode"] as? String == "G02")
            #expect(try await client.call(.get, "/api/v1/members/\(f.memberA.id)", headers: admin).object()["orgCode"] as? String == "G02")
            try await client.call(.post, "/api/v1/orgs/G01/merge", json: ["intoCode": "G02"], headers: admin).problem(.conflict, code: "org_not_active")
        }
    }
}
