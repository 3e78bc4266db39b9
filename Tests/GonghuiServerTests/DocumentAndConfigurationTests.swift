import Foundation
import GonghuiDomain
import GonghuiServer
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("OpenAPI document and configuration")
struct DocumentAndConfigurationTests {
    /// The repository root, from this file's path (Tests/GonghuiServerTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the embedded document equals openapi.yaml (regenerate with scripts/gen-openapi-swift.sh)")
    func embedded() throws {
        let file = try String(contentsOf: Self.root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(OpenAPIDocument.yaml + "\n" == file)
    }

    @Test("the document lists every route the server has")
    func everyRoute() throws {
        let doc = OpenAPIDocument.yaml
        for path in ["/healthz:", "/api/v1/auth/login:", "/api/v1/auth/logout:", "/api/v1/me:", "/api/v1/me/password:",
                     "/api/v1/orgs:", "/api/v1/orgs/root:", "/api/v1/orgs/{code}:", "/api/v1/orgs/{code}/children:",
                     "/api/v1/orgs/{code}/history:", "/api/v1/orgs/{code}/breadcrumbs:", "/api/v1/orgs/{code}/members:",
                     "/api/v1/orgs/{code}/move:", "/api/v1/orgs/{code}/merge:", "/api/v1/orgs/{code}/dissolve:",
                     "/api/v1/members:", "/api/v1/members/lookup:", "/api/v1/members/{id}:", "/api/v1/members/{id}/history:",
                     "/api/v1/members/{id}/identifiers:", "/api/v1/members/{id}/status:", "/api/v1/transfers:",
                     "/api/v1/transfers/{id}:", "/api/v1/transfers/{id}/approve:", "/api/v1/transfers/{id}/reject:",
                     "/api/v1/transfers/{id}/cancel:", "/api/v1/users:", "/api/v1/audit:", "/api/v1/audit/verify:"] {
            #expect(doc.contains("\n  \(path)\n"), "missing \(path)")
        }
        #expect(doc.contains("bearerAuth:"))
    }

    @Test("the server serves the document and /healthz without a login", arguments: [Engine.sqlite])
    func served(engine: Engine) async throws {
        try await withApp(engine) { _, client in
            let r = try await client.call(.get, "/api/v1/openapi.yaml")
            #expect(r.status == .ok)
            #expect(r.text == OpenAPIDocument.yaml)
            let h = try await client.call(.get, "/healthz")
            #expect(h.status == .ok)
            #expect(try h.object()["status"] as? String == "ok")
        }
    }

    @Test("defaults, then environment, then command line")
    func layering() async throws {
        let d = try await AppConfiguration.load(arguments: [:], environment: [:])
        #expect(d == AppConfiguration())
        let env = ["GONGHUI_HTTP_PORT": "9000", "GONGHUI_DATABASE": "/tmp/x.sqlite", "GONGHUI_ENCRYPTION_KEY": "k3y",
                   "GONGHUI_ENCRYPTION_KEY_FILE": "/etc/k", "GONGHUI_HTTP_SECURE_COOKIES": "true", "GONGHUI_LOG_LEVEL": "debug"]
        let e = try await AppConfiguration.load(arguments: [:], environment: env)
        #expect(e.port == 9000)
        #expect(e.database == "/tmp/x.sqlite")
        #expect(e.encryptionKey == "k3y")
        #expect(e.encryptionKeyFile == "/etc/k")
        #expect(e.secureCookies)
        #expect(e.logLevel == "debug")
        let a = try await AppConfiguration.load(arguments: ["http.port": "9100", "database": "cli.sqlite"], environment: env)
        #expect(a.port == 9100)
        #expect(a.database == "cli.sqlite")
    }

    @Test("a JSON file named by GONGHUI_CONFIG_FILE is the lowest layer")
    func file() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-\(UUID().uuidString).json")
        try Data(#"{"http": {"port": 7000, "host": "0.0.0.0"}, "database": "file.sqlite"}"#.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let c = try await AppConfiguration.load(arguments: [:], environment: ["GONGHUI_CONFIG_FILE": path.path, "GONGHUI_DATABASE": "env.sqlite"])
        #expect(c.port == 7000)
        #expect(c.host == "0.0.0.0")
        #expect(c.database == "env.sqlite")
    }

    @Test("every malformed setting is reported by name, all at once")
    func malformed() async throws {
        let env = ["GONGHUI_HTTP_PORT": "80a", "GONGHUI_HTTP_SECURE_COOKIES": "maybe", "GONGHUI_LOG_LEVEL": "loud"]
        do {
            _ = try await AppConfiguration.load(arguments: ["http.port": "70000"], environment: env)
            Issue.record("no error")
        } catch let e as ConfigurationError {
            #expect(e.problems.map(\.key) == ["http.port", "http.secureCookies", "log.level"])
            #expect(e.message.contains("GONGHUI_HTTP_SECURE_COOKIES"))
            #expect(e.message.contains("70000"))
        }
    }
}
