/// The settings every command reads, `serve` or not: where the data is, its key, and how to log.
/// The commands that do not serve read only these, without the server module; `serve` reads
/// them as part of the server's configuration, through the same ``init(reading:)``.
public struct CommandSettings: Sendable, Equatable {
    public var database: String = "gonghui.sqlite"
    public var encryptionKey: String?
    public var encryptionKeyFile: String?
    public var logLevel: String = "info"
    /// One of ``Settings/logFormats``.
    public var logFormat: String = "logfmt"

    public init(database: String = "gonghui.sqlite", encryptionKey: String? = nil, encryptionKeyFile: String? = nil,
                logLevel: String = "info", logFormat: String = "logfmt") {
        self.database = database; self.encryptionKey = encryptionKey; self.encryptionKeyFile = encryptionKeyFile
        self.logLevel = logLevel; self.logFormat = logFormat
    }

    /// Reads the settings from `reader`, the defaults where none is given; a malformed one is a
    /// problem in the reader.
    public init(reading reader: SettingsReader) {
        self.init()
        if let d = reader.nonBlank("database") { database = d }
        if let k = reader.text("encryption.key", secret: true), !k.isEmpty { encryptionKey = k }
        if let f = reader.text("encryption.keyFile"), !f.isEmpty { encryptionKeyFile = f }
        if let l = reader.choice("log.level", Settings.logLevels, separator: "、") { logLevel = l }
        if let f = reader.choice("log.format", Settings.logFormats, separator: " 或 ") { logFormat = f }
    }

    /// Loads the settings (see ``SettingsReader``). Every malformed value, and every `GONGHUI_…`
    /// variable that names no setting, is reported, by name, in one ``ConfigurationError``.
    public static func load(arguments: [String: String] = [:], environment: [String: String]? = nil) async throws -> CommandSettings {
        let reader = await SettingsReader(arguments: arguments, environment: environment)
        let settings = CommandSettings(reading: reader)
        try reader.finish()
        return settings
    }
}
