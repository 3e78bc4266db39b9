import Configuration
import Foundation
import GonghuiDomain

/// One setting: its key (command line and JSON file), its environment variable, and what the
/// README's configuration table says of it.
public struct ConfigurationKey: Sendable, Equatable {
    /// Dotted key, as in the JSON file (`http.secureCookies`).
    public var key: String
    /// The environment variable: the key in upper snake case (`GONGHUI_HTTP_SECURE_COOKIES`).
    public var environment: String
    /// Older spellings of the variable that are still read, so no deployment changes silently.
    public var aliases: [String]
    /// The default as the README shows it; "—" when there is none.
    public var defaultValue: String
    /// What it does, for the README (Chinese, as users read it).
    public var summary: String
    /// Kept out of logs and error messages.
    public var isSecret: Bool

    init(_ key: String, _ environment: String, aliases: [String] = [], default defaultValue: String, _ summary: String,
         secret: Bool = false) {
        self.key = key; self.environment = environment; self.aliases = aliases
        self.defaultValue = defaultValue; self.summary = summary; self.isSecret = secret
    }

    /// Every name the environment may give this setting, canonical first.
    public var environmentNames: [String] { [environment] + aliases }
}

/// The server's settings, read through swift-configuration from (highest priority first) the
/// command line, the environment (`GONGHUI_…`), and an optional JSON file named by
/// `GONGHUI_CONFIG_FILE`. The settings, their environment variables and defaults are listed
/// once, in ``keys``; an unknown `GONGHUI_…` variable stops the start (see ``load(arguments:environment:)``).
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
    /// `logfmt` or `json` (``LogFormat``).
    public var logFormat: String = "logfmt"
    /// The bearer token `/metrics` asks for; without one, `/metrics` answers 404.
    public var metricsToken: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, database: String = "gonghui.sqlite", encryptionKey: String? = nil,
                encryptionKeyFile: String? = nil, secureCookies: Bool = false, logLevel: String = "info", demo: Bool = false,
                demoMembers: Int = 200_000, logFormat: String = "logfmt", metricsToken: String? = nil) {
        self.host = host; self.port = port; self.database = database; self.encryptionKey = encryptionKey
        self.encryptionKeyFile = encryptionKeyFile; self.secureCookies = secureCookies; self.logLevel = logLevel
        self.demo = demo; self.demoMembers = demoMembers
        self.logFormat = logFormat; self.metricsToken = metricsToken
    }

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Every setting, in the order of the README's table (section "Configuration"), which a test
    /// keeps equal to this list. The loader reads the environment through it.
    public static let keys: [ConfigurationKey] = [
        ConfigurationKey("database", "GONGHUI_DATABASE", default: "gonghui.sqlite",
                         "数据库：SQLite 文件路径或 postgres:// 地址"),
        ConfigurationKey("http.host", "GONGHUI_HTTP_HOST", default: "127.0.0.1", "监听地址"),
        ConfigurationKey("http.port", "GONGHUI_HTTP_PORT", default: "8080", "监听端口"),
        ConfigurationKey("http.secureCookies", "GONGHUI_HTTP_SECURE_COOKIES", aliases: ["GONGHUI_HTTP_SECURECOOKIES"],
                         default: "false", "登录 Cookie 加 Secure 标记，经 HTTPS 访问时设为 true"),
        ConfigurationKey("encryption.key", "GONGHUI_ENCRYPTION_KEY", default: "—",
                         "字段加密密钥：32 个随机字节的 base64", secret: true),
        ConfigurationKey("encryption.keyFile", "GONGHUI_ENCRYPTION_KEY_FILE", aliases: ["GONGHUI_ENCRYPTION_KEYFILE"],
                         default: "—", "存放加密密钥的文件（内容为 32 个随机字节的 base64）"),
        ConfigurationKey("log.level", "GONGHUI_LOG_LEVEL", default: "info",
                         "日志级别：trace、debug、info、notice、warning、error、critical"),
        ConfigurationKey("log.format", "GONGHUI_LOG_FORMAT", default: "logfmt",
                         "日志格式：logfmt（每行 key=value）或 json（每行一个 JSON 对象）"),
        ConfigurationKey("metrics.token", "GONGHUI_METRICS_TOKEN", default: "—",
                         "访问 /metrics（Prometheus 监控指标）所需的 Bearer 令牌，至少 16 个字符；不设置则 /metrics 不开放（404）",
                         secret: true),
        ConfigurationKey("demo.enabled", "GONGHUI_DEMO_ENABLED", default: "false",
                         "数据库为空时生成演示数据（同 gonghui serve --demo）"),
        ConfigurationKey("demo.members", "GONGHUI_DEMO_MEMBERS", default: "200000",
                         "演示数据的会员人数（同 gonghui serve --demo-members）"),
    ]

    /// `GONGHUI_…` variables that are not settings, yet are set in the environment the program
    /// runs in by the project's own scripts and tests; the check for misspelt settings lets them
    /// pass. A test keeps this list in step with the names the repository uses.
    public static let otherEnvironmentVariables: Set<String> = [
        "GONGHUI_CONFIG_FILE",           // names the JSON file; read by `load` itself
        "GONGHUI_TEST_POSTGRES_URL",     // the PostgreSQL server the tests run on (scripts/pg-start.sh, scripts/test.sh)
        "GONGHUI_PG_DIR",                // exported by scripts/pg-start.sh for scripts/pg-stop.sh
        "GONGHUI_PG_PORT",               // scripts/pg-start.sh: first port to try
        "GONGHUI_PG_BIN",                // exported by scripts/pg-start.sh for scripts/pg-stop.sh
        "GONGHUI_BIN",                   // scripts/browser-tests.sh, scripts/schemathesis.sh: the binary under test
        "GONGHUI_API_PORT",              // scripts/schemathesis.sh: first port to try
        "GONGHUI_SKIP_DEPS",             // scripts/test.sh: install nothing
    ]

    /// Loads the settings. `arguments` are the options given explicitly on the command line,
    /// by key (`"http.port": "9000"`); `environment` defaults to the process environment.
    /// Every malformed value, and every `GONGHUI_…` variable that names no setting, is reported,
    /// by name, in one ``ConfigurationError``.
    public static func load(arguments: [String: String] = [:], environment: [String: String]? = nil) async throws -> AppConfiguration {
        let env = environment ?? ProcessInfo.processInfo.environment
        var problems = unknownEnvironmentVariables(in: env)
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in arguments {
            let secret = key.hasPrefix("encryption.") || keys.contains { $0.key == key && $0.isSecret }
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = ConfigValue(.string(value), isSecret: secret)
        }
        // The environment, read through the list: the canonical name or one of its older spellings.
        var environmentValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for setting in keys {
            var found: (name: String, value: String)?
            for name in setting.environmentNames {
                guard let value = env[name] else { continue }
                if let first = found {
                    if first.value != value {
                        problems.append(.init(key: name, value: "",
                                              reason: "与 \(first.name) 同时设置且取值不同，请只保留 \(setting.environment)"))
                    }
                } else {
                    found = (name, value)
                }
            }
            if let found {
                environmentValues[AbsoluteConfigKey(setting.key.split(separator: ".").map(String.init))] =
                    ConfigValue(.string(found.value), isSecret: setting.isSecret)
            }
        }
        var providers: [any ConfigProvider] = [
            InMemoryProvider(name: "command line", values: values),
            InMemoryProvider(name: "environment", values: environmentValues),
        ]
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
        if let f = text("log.format") {
            let format = f.trimmingCharacters(in: .whitespaces).lowercased()
            if LogFormat(rawValue: format) != nil { c.logFormat = format } else {
                problems.append(.init(key: "log.format", value: f, reason: "应为 \(LogFormat.allCases.map(\.rawValue).joined(separator: " 或 "))"))
            }
        }
        if let t = text("metrics.token", secret: true), !t.isEmpty {
            // A token that could be guessed would open the figures to anyone who can reach the port.
            if t.count >= 16 { c.metricsToken = t } else {
                problems.append(.init(key: "metrics.token", value: t, reason: "太短：至少 16 个字符（例如 openssl rand -hex 16 的输出）"))
            }
        }
        if let d = bool("demo.enabled") { c.demo = d }
        if let n = int("demo.members", range: 0...50_000_000, what: "演示会员人数") { c.demoMembers = n }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return c
    }

    /// A `GONGHUI_…` variable that is neither a setting (nor an older spelling of one) nor one of
    /// ``otherEnvironmentVariables`` is most likely a misspelt setting, which would otherwise be
    /// ignored without a word: one problem each, by name, with the closest setting when there is
    /// one. Values are not shown (a misspelt key may hold a secret).
    static func unknownEnvironmentVariables(in env: [String: String]) -> [ConfigurationError.Problem] {
        let known = Set(keys.flatMap(\.environmentNames)).union(otherEnvironmentVariables)
        return env.keys.filter { $0.hasPrefix("GONGHUI_") && !known.contains($0) }.sorted().map { name in
            var reason = "未知的配置项 \(name)，是否拼写错误？"
            if let close = closestSetting(to: name) { reason += "最接近的是 \(close)" } else {
                reason += "可用的环境变量：" + keys.map(\.environment).joined(separator: "、")
            }
            return .init(key: name, value: "", reason: reason)
        }
    }

    /// The canonical variable closest to `name` (its older spellings count too), compared without
    /// underscores; nil when none is close.
    static func closestSetting(to name: String) -> String? {
        func letters(_ s: String) -> [Character] { Array(s.dropFirst("GONGHUI_".count).filter { $0 != "_" }) }
        let typed = letters(name.uppercased())
        guard !typed.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for setting in keys {
            for candidate in setting.environmentNames {
                let target = letters(candidate)
                var distance = editDistance(typed, target)
                // A name that drops the front words: "…_PORT" for the HTTP port, "…_KEY" for the encryption key.
                if typed.count >= 3 && target.count > typed.count && target.suffix(typed.count).elementsEqual(typed) {
                    distance = min(distance, 1)
                }
                let limit = max(2, target.count / 4)
                if distance <= limit && distance < (best?.distance ?? .max) { best = (setting.environment, distance) }
            }
        }
        return best?.name
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1..<(b.count + 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
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
            // A problem with an environment variable itself (unknown, or set twice) names only it.
            if p.key.hasPrefix("GONGHUI_") {
                return "  - 环境变量 \(p.key)" + (p.value.isEmpty ? "" : " = “\(p.value)”") + "：\(p.reason)"
            }
            let setting = AppConfiguration.keys.first { $0.key == p.key }
            let env = setting?.environment ?? ConfigurationError.environmentName(p.key)
            let shown = (setting?.isSecret ?? p.key.hasPrefix("encryption.")) ? "***" : p.value
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
