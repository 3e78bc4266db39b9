import Foundation
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A browser's cookies, kept by hand between test requests.
struct Browser: Sendable {
    var cookies: [String: String] = [:]

    var header: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
    }

    mutating func take(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), v = pair.count > 1 ? String(pair[1]) : ""
            if v.isEmpty || value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = v }
        }
    }
}

func formBody(_ fields: [(String, String)]) -> String {
    fields.map { "\(URLText_encode($0.0))=\(URLText_encode($0.1))" }.joined(separator: "&")
}

func URLText_encode(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
}

/// The value of the first hidden CSRF field of a page.
func csrfToken(in html: String) -> String? {
    guard let r = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
    let rest = html[r.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

extension TestClientProtocol {
    func get(_ uri: String, _ browser: inout Browser) async throws -> TestResponse {
        let r = try await execute(uri: uri, method: .get, headers: browser.header, body: nil)
        browser.take(r)
        return r
    }

    func post(_ uri: String, _ fields: [(String, String)], _ browser: inout Browser) async throws -> TestResponse {
        var headers = browser.header
        headers[.contentType] = "application/x-www-form-urlencoded"
        let r = try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: formBody(fields)))
        browser.take(r)
        return r
    }

    /// Signs in through the login form; returns the browser and a CSRF token of a signed-in page.
    func webLogin(_ username: String, password: String = testPassword) async throws -> (Browser, String) {
        var b = Browser()
        let page = try await get("/login", &b)
        let token = try #require(csrfToken(in: page.text))
        let r = try await post("/login", [("_csrf", token), ("username", username), ("password", password)], &b)
        #expect(r.status == .seeOther, "login \(username): \(r.text)")
        let home = try await get("/account/password", &b)
        return (b, try #require(csrfToken(in: home.text)))
    }
}

@Suite("Web console: login, CSRF, escaping, error pages")
struct WebConsoleTests {
    @Test("Login form signs in with a fresh session token; logout ends it", arguments: Engine.available)
    func loginAndLogout(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            // Setup: a browser that already carries a (planted) session cookie.
            var b = Browser()
            b.cookies["gonghui_session"] = "planted-by-someone-else"
            let page = try await client.get("/login", &b)
            #expect(page.status == .ok)
            #expect(page.text.contains("<label for=\"f-username\">用户名"))
            let token = try #require(csrfToken(in: page.text))
            // Action: wrong password, then the right one.
            let bad = try await client.post("/login", [("_csrf", token), ("username", "officer.a"), ("password", "wrong")], &b)
            #expect(bad.status == .unauthorized)
            #expect(bad.text.contains("用户名或密码不正确"))
            #expect(bad.text.contains("value=\"officer.a\""), "the username stays in the form")
            let ok = try await client.post("/login", [("_csrf", token), ("username", "officer.a"), ("password", testPassword)], &b)
            // Check: a new token, not the planted one; the header names the user and the union.
            #expect(ok.status == .seeOther)
            let session = try #require(b.cookies["gonghui_session"])
            #expect(session != "planted-by-someone-else")
            let home = try await client.get("/", &b)
            #expect(home.status == .ok)
            #expect(home.text.contains("officer.a（组织管理员）"))
            #expect(home.text.contains("所属组织：江岸区总工会"))
            let csrf = try #require(csrfToken(in: home.text))
            let out = try await client.post("/logout", [("_csrf", csrf)], &b)
            #expect(out.status == .seeOther)
            var old = Browser()
            old.cookies["gonghui_session"] = session
            let after = try await client.get("/members", &old)
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/login") == true)
        }
    }

    @Test("A page asked for before signing in is where the login leads; never to another site", arguments: [Engine.sqlite])
    func loginNext(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            var b = Browser()
            let asked = try await client.get("/transfers", &b)
            #expect(asked.status == .seeOther)
            let login = try #require(asked.headers[.location])
            #expect(login == "/login?next=%2Ftransfers")
            let page = try await client.get(login, &b)
            let token = try #require(csrfToken(in: page.text))
            let r = try await client.post("/login", [("_csrf", token), ("username", "officer.a"), ("password", testPassword), ("next", "/transfers")], &b)
            #expect(r.headers[.location] == "/transfers")
            var c = Browser()
            let p2 = try await client.get("/login", &c)
            let away = try await client.post("/login", [("_csrf", try #require(csrfToken(in: p2.text))), ("username", "officer.a"), ("password", testPassword),
                                                        ("next", "//evil.example/x")], &c)
            #expect(away.headers[.location] == "/")
        }
    }

    @Test("Secure cookies when configured for HTTPS", arguments: Engine.available)
    func secureCookie(engine: Engine) async throws {
        try await withApp(engine, configuration: AppConfiguration(secureCookies: true)) { _, client in
            var b = Browser()
            let page = try await client.get("/login", &b)
            #expect(page.headers[.setCookie]?.contains("Secure") == true)
            let r = try await client.post("/login", [("_csrf", try #require(csrfToken(in: page.text))), ("username", "admin"), ("password", testPassword)], &b)
            let cookies = r.headers[values: .setCookie]
            #expect(cookies.contains { $0.hasPrefix("gonghui_session=") && $0.contains("Secure") && $0.contains("HttpOnly") })
        }
    }

    @Test("A form without the session's CSRF token is refused with a friendly page", arguments: Engine.available)
    func csrfRefused(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            var (b, _) = try await client.webLogin("officer.a")
            let r = try await client.post("/members/\(fixture.memberA.id)/status", [("status", "retained"), ("date", "2020-01-01")], &b)
            #expect(r.status == .forbidden)
            #expect(r.text.contains("表单已过期"))
            let wrong = try await client.post("/members/\(fixture.memberA.id)/status", [("_csrf", "guess"), ("status", "retained"), ("date", "2020-01-01")], &b)
            #expect(wrong.status == .forbidden)
            let m = try await fixture.store.members.member(id: fixture.memberA.id, actor: .system("test"))
            #expect(m.status == .active, "nothing changed")
            // A login form posted without the pre-login cookie is refused too.
            var stranger = Browser()
            let login = try await client.post("/login", [("_csrf", "x"), ("username", "admin"), ("password", testPassword)], &stranger)
            #expect(login.status == .forbidden)
            #expect(stranger.cookies["gonghui_session"] == nil)
        }
    }

    @Test("Pages carry a Content-Security-Policy and no-store; the API does not get HTML", arguments: Engine.available)
    func headers(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            var b = Browser()
            let page = try await client.get("/login", &b)
            let csp = try #require(page.headers[.contentSecurityPolicy])
            #expect(csp.contains("default-src 'none'"))
            #expect(csp.contains("style-src 'self'"))
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            let css = try await client.get("/assets/gonghui.css", &b)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains(":focus-visible"))
            let api = try await client.get("/api/v1/nope", &b)
            #expect(api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("404 and 403 are friendly Chinese pages with the request id", arguments: Engine.available)
    func errorPages(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            var (b, _) = try await client.webLogin("officer.a")
            let missing = try await client.get("/no/such/page", &b)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(missing.text.contains("页面不存在"))
            let id = try #require(missing.headers[HTTPField.Name("X-Request-Id")!])
            #expect(missing.text.contains(id))
            // Another county's member is "not found", not "forbidden".
            let other = try await client.get("/members/\(fixture.memberB.id)", &b)
            #expect(other.status == .notFound)
            // An auditor may not see identifiers in full.
            var (auditor, token) = try await client.webLogin("auditor")
            let reveal = try await client.post("/members/\(fixture.memberA.id)/reveal", [("_csrf", token)], &auditor)
            #expect(reveal.status == .forbidden)
            #expect(reveal.text.contains("无权"))
            #expect(!reveal.text.contains(fixture.idA))
        }
    }

    @Test("An internal failure is a friendly 500 page with the request id and no internal detail", arguments: [Engine.sqlite])
    func internalError(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            // Setup: a stored ID number that no longer opens (as after a wrong key or a damaged row).
            try await fixture.store.database.write { db in
                try await db.raw("UPDATE members SET id_enc = 'damaged' WHERE id = \(bind: fixture.memberA.id)").run()
            }
            var (b, token) = try await client.webLogin("admin")
            // Action.
            let r = try await client.post("/members/\(fixture.memberA.id)/reveal", [("_csrf", token)], &b)
            // Check.
            #expect(r.status == .internalServerError)
            #expect(r.headers[.contentType] == "text/html; charset=utf-8")
            #expect(r.text.contains("服务器出错了"))
            let id = try #require(r.headers[HTTPField.Name("X-Request-Id")!])
            #expect(r.text.contains(id))
            for leak in ["Error", ".swift", "FieldCipher", "damaged", "SQL"] { #expect(!r.text.contains(leak), "\(leak) leaked") }
        }
    }

    @Test("Names with markup are shown as text everywhere", arguments: Engine.available)
    func escaping(engine: Engine) async throws {
        try await withApp(engine) { fixture, client in
            // Setup: two members whose names are attacks.
            let evil = ["<script>alert(1)</script>", "'\"><img src=x onerror=alert(1)>"]
            var ids: [Int64] = []
            for (i, name) in evil.enumerated() {
                let m = try await fixture.store.members.register(MemberDraft(
                    idNumber: try IDNumber(idNumber(birth: "19920101", seq: "31\(i)")), name: name, phone: nil, orgCode: "G01",
                    joinedOn: try CivilDate(parsing: "2016-01-01"), employmentType: .flexible, isMigrant: false), actor: .system("test"))
                ids.append(m.id)
            }
            var (b, _) = try await client.webLogin("officer.a")
            // Action: the pages that show the names.
            var pages = [try await client.get("/members?org=G01", &b)]
            for id in ids { pages.append(try await client.get("/members/\(id)", &b)) }
            pages.append(try await client.get("/members?name=%3Cscript%3E", &b))
            // Check: never as markup, always as escaped text.
            for p in pages {
                #expect(p.status == .ok)
                #expect(!p.text.contains("<script>alert(1)"))
                #expect(!p.text.contains("<img src=x"))
            }
            #expect(pages[0].text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(pages[0].text.contains("&#39;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(pages[3].text.contains("value=\"&lt;script&gt;\""), "the search text is kept, escaped")
            // Text typed into a search that finds nothing is echoed escaped too.
            let orgSearch = try await client.get("/orgs?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &b)
            #expect(orgSearch.text.contains("代码为“&lt;script&gt;alert(1)&lt;/script&gt;”"))
            #expect(!orgSearch.text.contains("<script>"))
        }
    }
}
