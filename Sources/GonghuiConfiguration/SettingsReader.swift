import Configuration
import Foundation

/// The settings as given, through swift-configuration, from (highest priority first) the command
/// line, the environment (`GONGHUI_…`, read through ``Settings/all``), and an optional JSON file
/// named by `GONGHUI_CONFIG_FILE`. Each typed read records a malformed value as a problem instead
/// of stopping, so ``finish()`` reports every one of them, by name, at once.
public final class SettingsReader {
    private let reader: ConfigReader
    private var problems: [ConfigurationError.Problem]

    /// `arguments` are the options given explicitly on the command line, by key
    /// (`"http.port": "9000"`); `environment` defaults to the process environment. Every
    /// `GONGHUI_…` variable that names no setting is a problem from the start.
    public init(arguments: [String: String] = [:], environment: [String: String]? = nil) async {
        let env = environment ?? ProcessInfo.processInfo.environment
        var problems = Settings.unknownEnvironmentVariables(in: env)
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in arguments {
            values[Self.configKey(key)] = ConfigValue(.string(value), isSecret: Settings.isSecret(key))
        }
        // The environment, read through the list: the canonical name or one of its older spellings.
        var environmentValues: [AbsoluteConfigKey: ConfigValue] = [:]
        for setting in Settings.all {
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
                environmentValues[Self.configKey(setting.key)] = ConfigValue(.string(found.value), isSecret: setting.isSecret)
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
        reader = ConfigReader(providers: providers)
        self.problems = problems
    }

    private static func configKey(_ key: String) -> AbsoluteConfigKey { AbsoluteConfigKey(key.split(separator: ".").map(String.init)) }

    /// The value as text; a number or boolean given in the JSON file where text is expected is
    /// read as its text. Nil when no layer gives the setting.
    public func text(_ key: String, secret: Bool = false) -> String? {
        let k = ConfigKey(key.split(separator: ".").map(String.init))
        do {
            return try reader.requiredString(forKey: k, isSecret: secret)
        } catch {
            if let n = try? reader.requiredInt(forKey: k) { return String(n) }
            if let b = try? reader.requiredBool(forKey: k) { return String(b) }
            return nil
        }
    }

    /// A whole number in `range`; a problem naming `what` otherwise.
    public func int(_ key: String, range: ClosedRange<Int>, what: String) -> Int? {
        guard let s = text(key) else { return nil }
        guard let n = Int(s.trimmingCharacters(in: .whitespaces)), range.contains(n) else {
            problem(key, value: s, reason: "应为 \(range.lowerBound)–\(range.upperBound) 之间的整数（\(what)）")
            return nil
        }
        return n
    }

    public func bool(_ key: String) -> Bool? {
        guard let s = text(key) else { return nil }
        switch s.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default:
            problem(key, value: s, reason: "应为 true 或 false")
            return nil
        }
    }

    /// Non-blank text; a problem when the setting is given but blank.
    public func nonBlank(_ key: String) -> String? {
        guard let s = text(key) else { return nil }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem(key, value: s, reason: "不能为空")
            return nil
        }
        return s
    }

    /// One of `choices`, compared in lower case; a problem listing them otherwise.
    public func choice(_ key: String, _ choices: [String], separator: String) -> String? {
        guard let s = text(key) else { return nil }
        let value = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard choices.contains(value) else {
            problem(key, value: s, reason: "应为 \(choices.joined(separator: separator))" + (choices.count > 2 ? " 之一" : ""))
            return nil
        }
        return value
    }

    /// Records a malformed setting; ``finish()`` reports it.
    public func problem(_ key: String, value: String, reason: String) {
        problems.append(.init(key: key, value: value, reason: reason))
    }

    /// Throws every problem found so far in one ``ConfigurationError``.
    public func finish() throws(ConfigurationError) {
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
    }
}
