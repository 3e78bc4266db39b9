import GonghuiDomain

/// Settings that are missing or malformed, all of them at once.
public struct ConfigurationError: Error, UserFacingError, Equatable {
    public struct Problem: Sendable, Equatable {
        public var key: String
        public var value: String
        public var reason: String

        public init(key: String, value: String, reason: String) {
            self.key = key; self.value = value; self.reason = reason
        }
    }
    public var problems: [Problem]

    public init(problems: [Problem]) { self.problems = problems }

    public var message: String {
        "配置有误（共 \(problems.count) 项）：\n" + problems.map { p in
            // A problem with an environment variable itself (unknown, or set twice) names only it.
            if p.key.hasPrefix("GONGHUI_") {
                return "  - 环境变量 \(p.key)" + (p.value.isEmpty ? "" : " = “\(p.value)”") + "：\(p.reason)"
            }
            let setting = Settings.all.first { $0.key == p.key }
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
