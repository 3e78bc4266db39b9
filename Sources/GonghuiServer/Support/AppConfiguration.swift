import Foundation
import GonghuiConfiguration
import GonghuiDomain

/// The server's settings: those every command reads (``CommandSettings``: database, key, logs)
/// and those only `serve` needs, read through GonghuiConfiguration's ``SettingsReader`` from
/// (highest priority first) the command line, the environment (`GONGHUI_…`), and an optional
/// JSON file named by `GONGHUI_CONFIG_FILE`. The settings, their environment variables and
/// defaults are listed once, in ``keys``; an unknown `GONGHUI_…` variable stops the start.
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
    /// Where the daily backups go; nil: no scheduled backup.
    public var backupDirectory: String?
    /// When, in China's time: minutes after midnight.
    public var backupMinute: Int = 150
    public var backupKeep: Int = 7
    /// Whether the retention job runs daily (after the backup time).
    public var retentionDaily: Bool = false

    public init(host: String = "127.0.0.1", port: Int = 8080, database: String = "gonghui.sqlite", encryptionKey: String? = nil,
                encryptionKeyFile: String? = nil, secureCookies: Bool = false, logLevel: String = "info", demo: Bool = false,
                demoMembers: Int = 200_000, logFormat: String = "logfmt", metricsToken: String? = nil) {
        self.host = host; self.port = port; self.database = database; self.encryptionKey = encryptionKey
        self.encryptionKeyFile = encryptionKeyFile; self.secureCookies = secureCookies; self.logLevel = logLevel
        self.demo = demo; self.demoMembers = demoMembers
        self.logFormat = logFormat; self.metricsToken = metricsToken
    }

    /// The settings every command reads, as the commands that do not serve read them.
    public var command: CommandSettings {
        CommandSettings(database: database, encryptionKey: encryptionKey, encryptionKeyFile: encryptionKeyFile,
                        logLevel: logLevel, logFormat: logFormat)
    }

    /// Every setting, in the order of the README's table (section "Configuration"), which a test
    /// keeps equal to this list. It lives in GonghuiConfiguration (``Settings/all``), where the
    /// commands that do not serve read it too: add a setting there.
    public static var keys: [ConfigurationKey] { Settings.all }

    /// `GONGHUI_…` variables that are not settings but are let through (``Settings/otherEnvironmentVariables``).
    public static var otherEnvironmentVariables: Set<String> { Settings.otherEnvironmentVariables }

    /// Loads the settings. `arguments` are the options given explicitly on the command line,
    /// by key (`"http.port": "9000"`); `environment` defaults to the process environment.
    /// Every malformed value, and every `GONGHUI_…` variable that names no setting, is reported,
    /// by name, in one ``ConfigurationError``.
    public static func load(arguments: [String: String] = [:], environment: [String: String]? = nil) async throws -> AppConfiguration {
        let reader = await SettingsReader(arguments: arguments, environment: environment)
        var c = AppConfiguration()
        // The order of the reads is the order of the problems reported.
        if let h = reader.nonBlank("http.host") { c.host = h }
        if let p = reader.int("http.port", range: 1...65535, what: "端口号") { c.port = p }
        if let s = reader.bool("http.secureCookies") { c.secureCookies = s }
        let common = CommandSettings(reading: reader)
        c.database = common.database
        c.encryptionKey = common.encryptionKey
        c.encryptionKeyFile = common.encryptionKeyFile
        c.logLevel = common.logLevel
        c.logFormat = common.logFormat
        if let t = reader.text("metrics.token", secret: true), !t.isEmpty {
            // A token that could be guessed would open the figures to anyone who can reach the port.
            if t.count >= 16 { c.metricsToken = t } else {
                reader.problem("metrics.token", value: t, reason: "太短：至少 16 个字符（例如 openssl rand -hex 16 的输出）")
            }
        }
        if let d = reader.nonBlank("backup.directory") { c.backupDirectory = d }
        if let t = reader.text("backup.time"), !t.isEmpty {
            if let m = Self.minuteOfDay(t) { c.backupMinute = m } else {
                reader.problem("backup.time", value: t, reason: "应为 HH:MM（北京时间），例如 02:30")
            }
        }
        if let k = reader.int("backup.keep", range: 1...3650, what: "保留份数") { c.backupKeep = k }
        if let r = reader.bool("retention.daily") { c.retentionDaily = r }
        if let d = reader.bool("demo.enabled") { c.demo = d }
        if let n = reader.int("demo.members", range: 0...50_000_000, what: "演示会员人数") { c.demoMembers = n }
        try reader.finish()
        return c
    }

    /// "02:30" → 150; nil unless HH:MM with HH 00–23 and MM 00–59.
    static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }
}
