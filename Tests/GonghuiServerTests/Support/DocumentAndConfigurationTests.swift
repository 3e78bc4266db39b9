import Foundation
import GonghuiConfiguration
import GonghuiDomain
import GonghuiServer
import GonghuiStore
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("OpenAPI document and configuration")
struct DocumentAndConfigurationTests {
    /// The repository root, from this file's path (Tests/GonghuiServerTests/Support/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the embedded document equals openapi.yaml (regenerate with scripts/gen-openapi-swift.sh)")
    func embedded() throws {
        let file = try String(contentsOf: Self.root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        #expect(OpenAPIDocument.yaml + "\n" == file)
    }

    @Test("the document lists every route the server has")
    func everyRoute() throws {
        let doc = OpenAPIDocument.yaml
        for path in ["/healthz:", "/readyz:", "/metrics:", "/api/v1/auth/login:", "/api/v1/auth/logout:", "/api/v1/me:", "/api/v1/me/password:",
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

    // MARK: The settings' names

    @Test("the README's older names set secure cookies and the key file, and the key file reaches the store as serve opens it")
    func olderReadmeNames() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyFile = dir.appendingPathComponent("ext.key")
        try Data((FieldCipher.generateEncodedKey() + "\n").utf8).write(to: keyFile)
        let database = dir.appendingPathComponent("g.sqlite").path
        let c = try await AppConfiguration.load(environment: [
            "GONGHUI_HTTP_SECURECOOKIES": "true", "GONGHUI_ENCRYPTION_KEYFILE": keyFile.path, "GONGHUI_DATABASE": database,
        ])
        #expect(c.secureCookies)
        #expect(c.encryptionKeyFile == keyFile.path)
        // As `gonghui serve` opens the store (StoreOptions.open): the key file is used, none is made beside the database.
        let (store, warnings) = try await Store.open(configuration: StoreConfiguration(database: c.database, encryptionKey: c.encryptionKey, encryptionKeyFile: c.encryptionKeyFile))
        await store.close()
        #expect(warnings.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: database + ".key"))
        try await withApp(.sqlite, configuration: c) { _, client in
            let r = try await client.call(.post, "/api/v1/auth/login", json: ["username": "admin", "password": testPassword])
            #expect(r.status == .ok)
            #expect(r.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test("every setting is read from its environment variable and from each older spelling; defaults agree with the code")
    func everyEnvironmentName() async throws {
        typealias Sample = (value: String, read: @Sendable (AppConfiguration) -> String?)
        let samples: [String: Sample] = [
            "database": ("/srv/gonghui.sqlite", { $0.database }),
            "http.host": ("0.0.0.0", { $0.host }),
            "http.port": ("9443", { String($0.port) }),
            "http.secureCookies": ("true", { String($0.secureCookies) }),
            "encryption.key": ("a2V5", { $0.encryptionKey }),
            "encryption.keyFile": ("/etc/gonghui/ext.key", { $0.encryptionKeyFile }),
            "log.level": ("debug", { $0.logLevel }),
            "log.format": ("json", { $0.logFormat }),
            "metrics.token": ("0123456789abcdef0123", { $0.metricsToken }),
            "backup.directory": ("/var/backups/gonghui", { $0.backupDirectory }),
            "backup.time": ("03:15", { String(format: "%02d:%02d", $0.backupMinute / 60, $0.backupMinute % 60) }),
            "backup.keep": ("30", { String($0.backupKeep) }),
            "retention.daily": ("true", { String($0.retentionDaily) }),
            "demo.enabled": ("true", { String($0.demo) }),
            "demo.members": ("1000", { String($0.demoMembers) }),
        ]
        #expect(Set(samples.keys) == Set(AppConfiguration.keys.map(\.key)), "a setting without a sample here, or a sample without a setting")
        let defaults = AppConfiguration()
        for setting in AppConfiguration.keys {
            guard let sample = samples[setting.key] else { continue }
            #expect((sample.read(defaults) ?? "—") == setting.defaultValue, "the README's default of \(setting.key)")
            #expect(setting.environment == Self.upperSnakeCase(setting.key))
            for name in setting.environmentNames {
                let c = try await AppConfiguration.load(environment: [name: sample.value])
                #expect(sample.read(c) == sample.value, "\(name) does not set \(setting.key)")
            }
        }
    }

    /// `http.secureCookies` → `GONGHUI_HTTP_SECURE_COOKIES`, swift-configuration's convention.
    static func upperSnakeCase(_ key: String) -> String {
        "GONGHUI_" + key.split(separator: ".").map { part in
            var out = ""
            for ch in part {
                if ch.isUppercase && !out.isEmpty { out += "_" }
                out += ch.uppercased()
            }
            return out
        }.joined(separator: "_")
    }

    @Test("both spellings of one setting with different values stop the start")
    func bothSpellings() async throws {
        let same = try await AppConfiguration.load(environment: ["GONGHUI_HTTP_SECURE_COOKIES": "true", "GONGHUI_HTTP_SECURECOOKIES": "true"])
        #expect(same.secureCookies)
        do {
            _ = try await AppConfiguration.load(environment: ["GONGHUI_ENCRYPTION_KEY_FILE": "/a.key", "GONGHUI_ENCRYPTION_KEYFILE": "/b.key"])
            Issue.record("no error")
        } catch let e as ConfigurationError {
            #expect(e.problems.map(\.key) == ["GONGHUI_ENCRYPTION_KEYFILE"])
            #expect(e.message.contains("GONGHUI_ENCRYPTION_KEY_FILE"))
        }
    }

    @Test("a misspelt GONGHUI_ variable stops the start, by name, with the closest setting; its value is not shown")
    func misspeltVariable() async throws {
        let env = ["GONGHUI_HTTP_SECURECOKIES": "true", "GONGHUI_ENCRYPTON_KEY": "c2VjcmV0LXZhbHVl", "GONGHUI_FROBNICATE": "1",
                   "GONGHUI_HTTP_PORT": "9000", "GONGHUIX": "1", "PATH": "/usr/bin"]
        do {
            _ = try await AppConfiguration.load(environment: env)
            Issue.record("no error")
        } catch let e as ConfigurationError {
            #expect(e.problems.map(\.key) == ["GONGHUI_ENCRYPTON_KEY", "GONGHUI_FROBNICATE", "GONGHUI_HTTP_SECURECOKIES"])
            let reasons = Dictionary(uniqueKeysWithValues: e.problems.map { ($0.key, $0.reason) })
            #expect(reasons["GONGHUI_HTTP_SECURECOKIES"] == "未知的配置项 GONGHUI_HTTP_SECURECOKIES，是否拼写错误？最接近的是 GONGHUI_HTTP_SECURE_COOKIES")
            #expect(reasons["GONGHUI_ENCRYPTON_KEY"] == "未知的配置项 GONGHUI_ENCRYPTON_KEY，是否拼写错误？最接近的是 GONGHUI_ENCRYPTION_KEY")
            #expect(reasons["GONGHUI_FROBNICATE"]?.hasPrefix("未知的配置项 GONGHUI_FROBNICATE，是否拼写错误？可用的环境变量：GONGHUI_DATABASE、") == true)
            #expect(e.message.contains("环境变量 GONGHUI_HTTP_SECURECOKIES："))
            #expect(!e.message.contains("c2VjcmV0LXZhbHVl"))
        }
    }

    @Test("the README's configuration table lists exactly the settings in the code")
    func readmeTable() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n### Configuration\n").dropFirst().first)
        let body = try #require(section.components(separatedBy: "\n#").first)
        struct Row: Equatable, CustomStringConvertible {
            var key: String, names: [String], defaultValue: String, summary: String
            var description: String { "\(key) \(names) \(defaultValue) \(summary)" }
        }
        func code(_ cell: Substring) -> [String] {
            cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        let rows = body.split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line -> Row in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces)[...] }
            guard cells.count == 6 else { return Row(key: String(line), names: [], defaultValue: "", summary: "") }
            return Row(key: code(cells[1]).joined(separator: " "), names: code(cells[2]),
                       defaultValue: code(cells[3]).first ?? String(cells[3]), summary: String(cells[4]))
        }
        let expected = AppConfiguration.keys.map { Row(key: $0.key, names: $0.environmentNames, defaultValue: $0.defaultValue, summary: $0.summary) }
        #expect(rows == expected)
    }

    @Test("every GONGHUI_ variable the project's scripts and tests use is let through at start-up")
    func projectVariables() async throws {
        let pattern = try Regex("GONGHUI_[A-Z0-9_]+")
        var used = Set<String>()
        for folder in ["scripts", "Sources", "Tests", "Benchmarks", "BrowserTests"] {
            let base = Self.root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in files {
                // C header guards are not variables; this file spells names wrong on purpose.
                if url.pathExtension == "h" || url.lastPathComponent == "DocumentAndConfigurationTests.swift" { continue }
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                for match in text.matches(of: pattern) { used.insert(String(text[match.range])) }
            }
        }
        #expect(used.contains("GONGHUI_TEST_POSTGRES_URL") && used.contains("GONGHUI_BIN"), "the scan found nothing")
        let known = Set(AppConfiguration.keys.flatMap(\.environmentNames)).union(AppConfiguration.otherEnvironmentVariables)
        #expect(used.subtracting(known).sorted() == [])
        // And the allowed ones really pass (GONGHUI_CONFIG_FILE would name a file to read).
        var env: [String: String] = [:]
        for name in AppConfiguration.otherEnvironmentVariables where name != "GONGHUI_CONFIG_FILE" { env[name] = "1" }
        _ = try await AppConfiguration.load(environment: env)
    }
}
