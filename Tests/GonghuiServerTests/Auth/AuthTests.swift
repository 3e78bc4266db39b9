import Foundation
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Authentication and sessions")
struct AuthTests {
    @Test("login returns a token and a session cookie; /me needs it", arguments: Engine.available)
    func login(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            // Setup: none beyond the fixture.
            // Action
            let r = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.a", "password": testPassword])
            // Check
            #expect(r.status == .ok)
            let j = try r.object()
            let user = try #require(j["user"] as? [String: Any])
            #expect(user["username"] as? String == "officer.a")
            #expect(user["role"] as? String == "org_admin")
            #expect(user["orgCode"] as? String == "K01")
            #expect((j["csrfToken"] as? String)?.isEmpty == false)
            let cookie = try #require(r.headers[.setCookie])
            #expect(cookie.hasPrefix("gonghui_session=\(j["token"] as! String)"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))

            try await client.call(.get, "/api/v1/me").problem(.unauthorized, code: "unauthenticated")
            let me = try await client.call(.get, "/api/v1/me", headers: [.authorization: "Bearer \(j["token"] as! String)"])
            #expect(me.status == .ok)
            #expect((try me.object()["user"] as? [String: Any])?["username"] as? String == "officer.a")
            try await client.call(.get, "/api/v1/me", headers: [.authorization: "Bearer not-a-token"]).problem(.unauthorized)
        }
    }

    @Test("secure cookies when configured", arguments: [Engine.sqlite])
    func secureCookie(engine: Engine) async throws {
        try await withApp(engine, configuration: AppConfiguration(secureCookies: true)) { _, client in
            let r = try await client.call(.post, "/api/v1/auth/login", json: ["username": "admin", "password": testPassword])
            #expect(r.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test("wrong password is 401 problem+json; ten in a row lock the account (423)", arguments: Engine.available)
    func lockout(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let first = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.b", "password": "wrong-Passw0rd"])
            try first.problem(.unauthorized, code: "unauthenticated")
            for _ in 2...9 {
                _ = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.b", "password": "wrong-Passw0rd"])
            }
            let tenth = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.b", "password": "wrong-Passw0rd"])
            try tenth.problem(HTTPResponse.Status(code: 423), code: "account_locked")
            // Even the right password is refused while locked.
            let right = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.b", "password": testPassword])
            try right.problem(HTTPResponse.Status(code: 423), code: "account_locked")
        }
    }

    @Test("cookie sessions need the CSRF token on unsafe methods; bearer clients do not", arguments: Engine.available)
    func csrf(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            let login = try await client.login("officer.a")
            let cookie: HTTPFields = [.cookie: login.cookie]
            // A safe method with the cookie alone works.
            #expect(try await client.call(.get, "/api/v1/me", headers: cookie).status == .ok)
            // An unsafe one without the header is refused.
            let refused = try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idA], headers: cookie)
            try refused.problem(.forbidden, code: "csrf_failed")
            var wrong = cookie
            wrong[HTTPField.Name("X-CSRF-Token")!] = "nope"
            try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idA], headers: wrong).problem(.forbidden, code: "csrf_failed")
            var right = cookie
            right[HTTPField.Name("X-CSRF-Token")!] = login.csrf
            #expect(try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idA], headers: right).status == .ok)
            #expect(try await client.call(.post, "/api/v1/members/lookup", json: ["idNumber": f.idA], headers: login.bearer).status == .ok)
            // Signing in again from a browser that still has the old cookie needs no token.
            let again = try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.a", "password": testPassword], headers: cookie)
            #expect(again.status == .ok)
        }
    }

    @Test("Without a login an officer's page goes to /login, an API route is a 401 problem and a worker's page goes to /my/login; signed in, each answers; the sign-in pages need no one",
          arguments: Engine.available)
    func signedInRoutes(engine: Engine) async throws {
        try await withApp(engine) { f, client in
            // Setup: an officer's session and a worker's.
            let officer = try await client.login("officer.a")
            let worker = try await PortalAssistanceTests.signIn(f, member: f.memberA, idNumber: f.idA, phone: "13800138000")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

            // Action and check: nobody signed in, or a session the server does not know.
            let page = try await client.call(.get, "/members")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=%2Fmembers")
            let posted = try await client.execute(uri: "/members/new", method: .post, headers: form, body: ByteBuffer(string: "_csrf=x&name=x"))
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/login")
            try await client.call(.get, "/api/v1/members").problem(.unauthorized, code: "unauthenticated")
            try await client.call(.post, "/api/v1/orgs", json: ["name": "x"]).problem(.unauthorized, code: "unauthenticated")
            try await client.call(.get, "/api/v1/me", headers: [.cookie: "gonghui_session=stale"]).problem(.unauthorized, code: "unauthenticated")
            for headers: HTTPFields in [[:], [.cookie: "gonghui_worker=stale"]] {
                let portal = try await client.call(.get, "/my/assistance", headers: headers)
                #expect(portal.status == .seeOther)
                #expect(portal.headers[.location] == "/my/login")
            }
            var portalForm = form
            portalForm[.cookie] = "gonghui_worker=stale"
            let portalPost = try await client.execute(uri: "/my/phone", method: .post, headers: portalForm, body: ByteBuffer(string: "_csrf=x&phone=13900139000"))
            #expect(portalPost.status == .seeOther)
            #expect(portalPost.headers[.location] == "/my/login")

            // Signed in, the same routes answer.
            #expect(try await client.call(.get, "/members", headers: [.cookie: officer.cookie]).status == .ok)
            #expect(try await client.call(.get, "/api/v1/members", headers: officer.bearer).status == .ok)
            #expect(try await client.call(.get, "/my/assistance", headers: worker.header).status == .ok)

            // What comes before signing in needs no one.
            for path in ["/login", "/my/", "/my/login", "/my/activate", "/healthz", "/api/v1/openapi.yaml"] {
                #expect(try await client.call(.get, path).status == .ok, "\(path)")
            }
        }
    }

    @Test("logout revokes the token at once", arguments: Engine.available)
    func logout(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let login = try await client.login("officer.a")
            #expect(try await client.call(.get, "/api/v1/me", headers: login.bearer).status == .ok)
            let out = try await client.call(.post, "/api/v1/auth/logout", headers: login.bearer)
            #expect(out.status == .noContent)
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            try await client.call(.get, "/api/v1/me", headers: login.bearer).problem(.unauthorized)
        }
    }

    @Test("changing one's password needs the current one and ends the old sessions", arguments: [Engine.sqlite])
    func password(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let login = try await client.login("officer.a")
            let wrong = try await client.call(.post, "/api/v1/me/password", json: ["currentPassword": "nope", "newPassword": "N3w-password"], headers: login.bearer)
            #expect(try wrong.problem(.unprocessableContent)["field"] as? String == "currentPassword")
            let weak = try await client.call(.post, "/api/v1/me/password", json: ["currentPassword": testPassword, "newPassword": "short"], headers: login.bearer)
            #expect(try weak.problem(.unprocessableContent)["field"] as? String == "newPassword")
            let ok = try await client.call(.post, "/api/v1/me/password", json: ["currentPassword": testPassword, "newPassword": "N3w-password"], headers: login.bearer)
            #expect(ok.status == .noContent, "\(ok.text)")
            // The session used (cached a moment ago) is over at once.
            try await client.call(.get, "/api/v1/me", headers: login.bearer).problem(.unauthorized)
            try await client.call(.post, "/api/v1/auth/login", json: ["username": "officer.a", "password": testPassword]).problem(.unauthorized)
            _ = try await client.login("officer.a", password: "N3w-password")
        }
    }
}
