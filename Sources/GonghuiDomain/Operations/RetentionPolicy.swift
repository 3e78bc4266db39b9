/// How long personal information is kept once its purpose is served (保存期限), as policy rules
/// with their sources (PIPL art. 19: no longer than the purpose needs). A province overrides a
/// number with its own rule in `policy_rules`, from a date, citing its own archive rules.
public enum RetentionPolicy {
    /// Years a closed hardship archive (销档) keeps its personal data and papers; after them it is
    /// de-identified: the figures stay for the statistics, the person goes.
    public static let closedArchiveYears = "retention.closed_archive_years"
    /// Days an expired or used portal activation code is kept.
    public static let activationCodeDays = "retention.activation_code_days"
    /// Days an expired or revoked session or token is kept.
    public static let sessionDays = "retention.session_days"
    /// Days the operational logs are kept: delivered or failed messages in the outbox, and
    /// failed sign-in counters.
    public static let logDays = "retention.log_days"

    public static let keys = [closedArchiveYears, activationCodeDays, sessionDays, logDays]

    public static let defaults = PolicyBook([
        rule(closedArchiveYears, 5, "《个人信息保护法》第十九条：保存期限应当为实现处理目的所必要的最短时间；本平台默认销档后保存5年，请按本省困难职工档案管理规定调整"),
        rule(activationCodeDays, 30, "《个人信息保护法》第十九条；本平台默认：激活码过期或使用后保存30日"),
        rule(sessionDays, 30, "《个人信息保护法》第十九条；本平台默认：登录会话过期或注销后保存30日"),
        rule(logDays, 180, "《网络安全法》第二十一条：留存相关的网络日志不少于六个月；本平台默认180日"),
    ])

    /// What each number is, as the retention report names it.
    public static func title(_ key: String) -> String {
        switch key {
        case closedArchiveYears: "已销档困难职工档案（年）"
        case activationCodeDays: "职工激活码（日）"
        case sessionDays: "登录会话与令牌（日）"
        case logDays: "消息发送记录与登录失败记录（日）"
        default: key
        }
    }

    private static func rule(_ key: String, _ value: Int, _ source: String) -> PolicyRule {
        PolicyRule(key: key, value: value, effectiveFrom: CivilDate(year: 2021, month: 11, day: 1)!, source: source)
    }
}

/// What a retention run found past its time, and (unless it was a dry run) removed or
/// de-identified.
public struct RetentionReport: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// The rule's key (``RetentionPolicy``).
        public var key: String
        public var value: Int
        public var source: String
        /// The day before which records are past it.
        public var cutoff: CivilDate
        /// What was found, by kind ("困难职工档案" → 3).
        public var counts: [(what: String, count: Int)]

        public init(key: String, value: Int, source: String, cutoff: CivilDate, counts: [(what: String, count: Int)]) {
            self.key = key; self.value = value; self.source = source; self.cutoff = cutoff; self.counts = counts
        }

        public static func == (a: Line, b: Line) -> Bool {
            a.key == b.key && a.value == b.value && a.cutoff == b.cutoff && a.counts.map { "\($0.what)=\($0.count)" } == b.counts.map { "\($0.what)=\($0.count)" }
        }
    }

    public var dryRun: Bool
    public var on: CivilDate
    public var lines: [Line]
    /// The archives de-identified (or that would be), by number.
    public var archiveNumbers: [String]

    public init(dryRun: Bool, on: CivilDate, lines: [Line], archiveNumbers: [String]) {
        self.dryRun = dryRun; self.on = on; self.lines = lines; self.archiveNumbers = archiveNumbers
    }

    public var total: Int { lines.flatMap(\.counts).map(\.count).reduce(0, +) }
}
