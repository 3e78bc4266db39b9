import Foundation
@testable import GonghuiConfiguration
import Testing

/// The settings the commands that do not serve read (`gonghui import`, `export`, `migrate` …),
/// loaded without the server module. The server's own reading of the same list is tested in
/// GonghuiServerTests (DocumentAndConfigurationTests).
@Suite("Settings every command reads")
struct CommandSettingsTests {
    @Test("defaults, then environment, then command line")
    func layering() async throws {
        // Setup: an environment that names every command setting.
        let env = ["GONGHUI_DATABASE": "/srv/env.sqlite", "GONGHUI_ENCRYPTION_KEY": "a2V5", "GONGHUI_ENCRYPTION_KEY_FILE": "/etc/k",
                   "GONGHUI_LOG_LEVEL": "Debug", "GONGHUI_LOG_FORMAT": "json"]
        // Action.
        let none = try await CommandSettings.load(arguments: [:], environment: [:])
        let fromEnvironment = try await CommandSettings.load(arguments: [:], environment: env)
        let fromArguments = try await CommandSettings.load(arguments: ["database": "cli.sqlite", "encryption.keyFile": "/cli.key"], environment: env)
        // Check.
        #expect(none == CommandSettings())
        #expect(none.database == "gonghui.sqlite" && none.logLevel == "info" && none.logFormat == "logfmt")
        #expect(fromEnvironment == CommandSettings(database: "/srv/env.sqlite", encryptionKey: "a2V5", encryptionKeyFile: "/etc/k",
                                                   logLevel: "debug", logFormat: "json"))
        #expect(fromArguments.database == "cli.sqlite")
        #expect(fromArguments.encryptionKeyFile == "/cli.key")
        #expect(fromArguments.encryptionKey == "a2V5")
    }

    @Test("the older spelling of the key file's variable is read as well")
    func olderSpelling() async throws {
        let s = try await CommandSettings.load(environment: ["GONGHUI_ENCRYPTION_KEYFILE": "/old.key"])
        #expect(s.encryptionKeyFile == "/old.key")
    }

    @Test("a JSON file named by GONGHUI_CONFIG_FILE is the lowest layer")
    func file() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gonghui-\(UUID().uuidString).json")
        try Data(#"{"database": "file.sqlite", "log": {"level": "warning"}, "http": {"port": 7000}}"#.utf8).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let s = try await CommandSettings.load(environment: ["GONGHUI_CONFIG_FILE": path.path, "GONGHUI_LOG_LEVEL": "error"])
        #expect(s.database == "file.sqlite")
        #expect(s.logLevel == "error")
    }

    @Test("every malformed setting a command reads is reported by name, all at once, a secret never shown")
    func malformed() async throws {
        do {
            _ = try await CommandSettings.load(arguments: ["database": "  "],
                                               environment: ["GONGHUI_LOG_LEVEL": "loud", "GONGHUI_LOG_FORMAT": "xml"])
            Issue.record("no error")
        } catch let e as ConfigurationError {
            #expect(e.problems.map(\.key) == ["database", "log.level", "log.format"])
            #expect(e.problems.map(\.reason) == ["不能为空", "应为 trace、debug、info、notice、warning、error、critical 之一", "应为 logfmt 或 json"])
            #expect(e.message.contains("GONGHUI_LOG_FORMAT"))
        }
        do {
            _ = try await CommandSettings.load(environment: ["GONGHUI_ENCRYPTION_KEY_FILE": "/a.key", "GONGHUI_ENCRYPTION_KEYFILE": "/b.key",
                                                             "GONGHUI_ENCRYPTION_KEY": "c2VjcmV0LXZhbHVl"])
            Issue.record("no error")
        } catch let e as ConfigurationError {
            #expect(e.problems.map(\.key) == ["GONGHUI_ENCRYPTION_KEYFILE"])
            #expect(!e.message.contains("c2VjcmV0LXZhbHVl"))
        }
    }

    @Test("a misspelt variable stops a command that does not serve too, naming the closest setting")
    func misspelt() async throws {
        // Built here rather than written out: the repository's scripts and sources are scanned
        // for GONGHUI_ names, and this one is wrong on purpose.
        let misspelt = "GONGHUI" + "_DATABSE"
        do {
            _ = try await CommandSettings.load(environment: [misspelt: "/srv/x.sqlite"])
            Issue.record("no error")
        } catch let e as ConfigurationError {
            #expect(e.problems.map(\.key) == [misspelt])
            #expect(e.problems.first?.reason == "未知的配置项 \(misspelt)，是否拼写错误？最接近的是 GONGHUI_DATABASE")
        }
    }

    @Test("the server's settings are known to every command, and only serve reads their values")
    func serverSettings() async throws {
        // A deployment's environment carries the server's settings; `gonghui import` run in it
        // neither calls them unknown nor needs them to be valid.
        let s = try await CommandSettings.load(environment: ["GONGHUI_HTTP_PORT": "not a port", "GONGHUI_METRICS_TOKEN": "short",
                                                             "GONGHUI_DATABASE": "/srv/g.sqlite"])
        #expect(s.database == "/srv/g.sqlite")
    }

    @Test("every setting has its canonical variable and is listed once")
    func list() {
        let keys = Settings.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        for name in ["database", "encryption.key", "encryption.keyFile", "log.level", "log.format"] {
            #expect(keys.contains(name), "\(name) is read by every command but not listed")
        }
        #expect(Settings.all.filter(\.isSecret).map(\.key).sorted() == ["encryption.key", "metrics.token"])
    }
}
