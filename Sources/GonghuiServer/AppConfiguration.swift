import Configuration
import Foundation
import GonghuiDomain

/// The server's settings, read through swift-configuration from (highest priority first) the
/// command line, the environment (`GONGHUI_…`), and an optional JSON file named by
/// `GONGHUI_CONFIG_FILE`.
///
/// | key | environment | default |
/// | --- | --- | --- |
/// | `http.host` | `GONGHUI_HTTP_HOST` | 127.0.0.1 |
/// | `http.port` | `GONGHUI_HTTP_PORT` | 8080 |
/// | `http.secureCookies` | `GONGHUI_HTTP_SECURE_COOKIES` | false |
/// | `database` | `GONGHUI_DATABASE` | gonghui.sqlite |
/// | `encryption.key` | `GONGHUI_ENCRYPTION_KEY` | none |
/// | `encryption.keyFile` | `GONGHUI_ENCRYPTION_KEY_FILE` | none |
/// | `log.level` | `GONGHUI_LOG_LEVEL` | info |
/// | `demo.enabled` | `GONGHUI_DEMO_ENABLED` | false |
/// | `demo.members` | `GONGHUI_DEMO_MEMBERS` | 200000 |
public struct AppConfiguration: Sendable, Equatable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var database: String = "gonghui.sqlite"
    public var encryptionKey: String?
    public var encryptionKeyFile: String?
    public var secureCookies: Bool = false
    public var logLevel: String = "info"
    public var demo: Bool = false
    public var demoMembers: Int = 200_000

    public init(host: String = "127.0.0.1", port: Int = 8080, database: String = "gonghui.sqlite", encryptionKey: String? = nil,
                encryptionKeyFile: String? = nil, secureCookies: Bool = false, logLevel: String = "info", demo: Bool = false,
                demoMembers: Int = 200_000) {
        self.host = host; self.port = port; self.database = database; self.encryptionKey = encryptionKey
        self.encryptionKeyFile = encryptionKeyFile; self.secureCookies = secureCookies; self.logLevel = logLevel
        self.demo = demo; self.demoMembers = demoMembers
    }

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Loads the settings. `arguments` are the options given explicitly on the command line,
    /// by key (`"http.port": "9000"`); `environment` defaults to the process environment.
    /// Every malformed value is reported, by name, in one ``ConfigurationError``.
    public static func load(arguments: [String: String] = [:], environment: [String: String]? = nil) async throws -> AppConfiguration {
        let env = environment ?? ProcessInfo.processInfo.environment
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in arguments {
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = ConfigValue(.string(value), isSecret: key.hasPrefix("encryption."))
        }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "command line", values: values),
            // `gonghui.encryption.keyFile` ↔ GONGHUI_ENCRYPTION_KEY_FILE.
            EnvironmentVariablesProvider(environmentVariables: env, secretsSpecifier: .specific(["GONGHUI_ENCRYPTION_KEY"]))
                .prefixKeys(with: ConfigKey(["gonghui"])),
        ]
        var problems: [ConfigurationError.Problem] = []
        if let file = env["GONGHUI_CONFIG_FILE"], !file.isEmpty {
            do {
                let locator = ConfigReader(provider: InMemoryProvider(values: ["filePath": ConfigValue(.string(file), isSecret: false)]))
                providers.append(try await FileProvider<JSONSnapshot>(config: locator))
            } catch {
                problems.append(.init(key: "GONGHUI_CONFIG_FILE", value: file, reason: "无法读取或解析配置文件（应为 JSON）"))
            }
        }
        let reader = ConfigReader(providers: providers)
        var c = AppConfiguration()

        func text(_ key: String, secret: Bool = false) -> String? {
            do {
                return try reader.requiredString(forKey: ConfigKey(key.split(separator: ".").map(String.init)), isSecret: secret)
            } catch {
                // A number or boolean given in the JSON file where text is expected.
                if let n = try? reader.requiredInt(forKey: ConfigKey(key.split(separator: ".").map(String.init))) { return String(n) }
                if let b = try? reader.requiredBool(forKey: ConfigKey(key.split(separator: ".").map(String.init))) { return String(b) }
                return nil
            }
        }
        func int(_ key: String, range: ClosedRange<Int>, what: String) -> Int? {
            guard let s = text(key) else { return nil }
            guard let n = Int(s.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
                problems.append(.init(key: key, value: s, reason: "应为 \(range.lowerBound)–\(range.upperBound) 之间的整数（\(what)）"))
                return nil
            }
            return n
        }
        func bool(_ key: String) -> Bool? {
            guard let s = text(key) else { return nil }
            switch s.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default:
                problems.append(.init(key: key, value: s, reason: "应为 true 或 false"))
                return nil
            }
        }

        if let h = text("http.host") {
            if h.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.init(key: "http.host", value: h, reason: "不能为空")) } else { c.host = h }
        }
        if let p = int("http.port", range: 1...65535, what: "端口号") { c.port = p }
        if let s = bool("http.secureCookies") { c.secureCookies = s }
        if let d = text("database") {
            if d.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.init(key: "database", value: d, reason: "不能为空")) } else { c.database = d }
        }
        if let k = text("encryption.key", secret: true), !k.isEmpty { c.encryptionKey = k }
        if let f = text("encryption.keyFile"), !f.isEmpty { c.encryptionKeyFile = f }
        if let l = text("log.level") {
            let level = l.trimmingCharacters(in: .whitespaces).lowercased()
            if logLevels.contains(level) { c.logLevel = level } else {
                problems.append(.init(key: "log.level", value: l, reason: "应为 \(logLevels.joined(separator: "、")) 之一"))
            }
        }
        if let d = bool("demo.enabled") { c.demo = d }
        if let n = int("demo.members", range: 0...50_000_000, what: "演示会员人数") { c.demoMembers = n }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return c
    }
}

/// Settings that are missing or malformed, all of them at once.
public struct ConfigurationError: Error, UserFacingError, Equatable {
    public struct Problem: Sendable, Equatable {
        public var key: String
        public var value: String
        public var reason: String
    }
    public var problems: [Problem]

    public var message: String {
        "配置有误（共 \(problems.count) 项）：\n" + problems.map { p in
            let env = p.key.hasPrefix("GONGHUI_") ? p.key : ConfigurationError.environmentName(p.key)
            let shown = p.key.hasPrefix("encryption.key") && p.key != "encryption.keyFile" ? "***" : p.value
            return "  - \(p.key)（环境变量 \(env)）= “\(shown)”：\(p.reason)"
        }.joined(separator: "\n")
    }

    static func environmentName(_ key: String) -> String {
        var out = "GONGHUI"
        for part in key.split(separator: ".") {
            out += "_"
            var prevLower = false
            for ch in part {
                if ch.isUppercase && prevLower { out += "_" }
                out += ch.uppercased()
                prevLower = ch.isLowercase || ch.isNumber
            }
        }
        return out
    }
}
