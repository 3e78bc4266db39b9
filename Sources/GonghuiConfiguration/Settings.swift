import Foundation

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

/// The program's settings, listed once. Every command reads the environment through this list
/// (``SettingsReader``), so a `GONGHUI_…` variable it does not name stops any command, not only
/// `serve`; the server's `AppConfiguration.keys` is this list.
public enum Settings {
    /// Every setting, in the order of the README's table (section "Configuration"), which a test
    /// keeps equal to this list.
    public static let all: [ConfigurationKey] = [
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
        ConfigurationKey("backup.directory", "GONGHUI_BACKUP_DIRECTORY", default: "—",
                         "定时备份的存放目录：设置后服务器每天在 backup.time 备份一次，每次一个子目录；不设置则不定时备份"),
        ConfigurationKey("backup.time", "GONGHUI_BACKUP_TIME", default: "02:30", "定时备份的时刻（北京时间，HH:MM）"),
        ConfigurationKey("backup.keep", "GONGHUI_BACKUP_KEEP", default: "7", "定时备份保留的份数：超出的最旧备份会被删除"),
        ConfigurationKey("retention.daily", "GONGHUI_RETENTION_DAILY", default: "false",
                         "每天在 backup.time 之后按保存期限清理到期数据（同 gonghui retention）"),
        ConfigurationKey("demo.enabled", "GONGHUI_DEMO_ENABLED", default: "false",
                         "数据库为空时生成演示数据（同 gonghui serve --demo）"),
        ConfigurationKey("demo.members", "GONGHUI_DEMO_MEMBERS", default: "200000",
                         "演示数据的会员人数（同 gonghui serve --demo-members）"),
    ]

    /// `GONGHUI_…` variables that are not settings, yet are set in the environment the program
    /// runs in by the project's own scripts and tests; the check for misspelt settings lets them
    /// pass. A test keeps this list in step with the names the repository uses.
    public static let otherEnvironmentVariables: Set<String> = [
        "GONGHUI_CONFIG_FILE",           // names the JSON file; read by `SettingsReader` itself
        "GONGHUI_TEST_POSTGRES_URL",     // the PostgreSQL server the tests run on (scripts/pg-start.sh, scripts/test.sh)
        "GONGHUI_PG_DIR",                // exported by scripts/pg-start.sh for scripts/pg-stop.sh
        "GONGHUI_PG_PORT",               // scripts/pg-start.sh: first port to try
        "GONGHUI_PG_BIN",                // exported by scripts/pg-start.sh for scripts/pg-stop.sh
        "GONGHUI_BIN",                   // scripts/browser-tests.sh, scripts/schemathesis.sh: the binary under test
        "GONGHUI_API_PORT",              // scripts/schemathesis.sh: first port to try
        "GONGHUI_SKIP_DEPS",             // scripts/test.sh: install nothing
        "GONGHUI_TEST_NATION_SHARDS",    // the tests: lay each PostgreSQL test database out as a nation over these shards
        "GONGHUI_NATION_COORDINATOR",    // exported by scripts/nation-up.sh: the coordinator's URL
        "GONGHUI_NATION_SHARDS",         // exported by scripts/nation-up.sh: the shards' URLs
        "GONGHUI_NATION_PG_BIN",         // exported by scripts/nation-up.sh: psql, pg_ctl
        "GONGHUI_NATION_DIRS",           // exported by scripts/nation-up.sh: the three servers' folders
        "GONGHUI_NATION_PORT",           // scripts/nation-up.sh: first port to try
        "GONGHUI_NATION_STOP_AFTER",     // gonghui nation move-province: stop after this step (to test resuming)
    ]

    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    /// The server's log handler writes these (its `LogFormat`).
    public static let logFormats = ["logfmt", "json"]

    /// Whether `key` holds a secret: kept out of logs and error messages.
    static func isSecret(_ key: String) -> Bool {
        key.hasPrefix("encryption.") || all.contains { $0.key == key && $0.isSecret }
    }

    /// A `GONGHUI_…` variable that is neither a setting (nor an older spelling of one) nor one of
    /// ``otherEnvironmentVariables`` is most likely a misspelt setting, which would otherwise be
    /// ignored without a word: one problem each, by name, with the closest setting when there is
    /// one. Values are not shown (a misspelt key may hold a secret).
    static func unknownEnvironmentVariables(in env: [String: String]) -> [ConfigurationError.Problem] {
        let known = Set(all.flatMap(\.environmentNames)).union(otherEnvironmentVariables)
        return env.keys.filter { $0.hasPrefix("GONGHUI_") && !known.contains($0) }.sorted().map { name in
            var reason = "未知的配置项 \(name)，是否拼写错误？"
            if let close = closestSetting(to: name) { reason += "最接近的是 \(close)" } else {
                reason += "可用的环境变量：" + all.map(\.environment).joined(separator: "、")
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
        for setting in all {
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
