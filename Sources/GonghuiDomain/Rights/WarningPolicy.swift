import Foundation

/// The numbers of the risk warning as policy rules with their sources. A province records its
/// own (a later date, another number, its rule) in `policy_rules` like every other policy number.
public enum WarningPolicy {
    /// Workers from which a case alerts at once.
    public static let collectiveWorkers = "warnings.collective_workers"
    /// Claims, in yuan, from which a case alerts at once.
    public static let claimYuan = "warnings.claim_yuan"
    /// The highest level an alert of a case is sent up to: the depth in the tree (0 the province,
    /// 1 a city, 2 a county).
    public static let escalateDepth = "warnings.escalate_depth"
    /// Cases against one employer within `employerDays` from which it alerts.
    public static let employerCases = "warnings.employer_cases"
    public static let employerDays = "warnings.employer_days"
    /// Weeks before this one that give a region's or industry's mean and spread.
    public static let surgeWeeks = "warnings.surge_weeks"
    /// k, in tenths of a standard deviation (30: k = 3).
    public static let surgeSigmaTenths = "warnings.surge_sigma_tenths"
    /// Fewest cases in a week for a surge (a region with no cases at all does not alert on one).
    public static let surgeMinimum = "warnings.surge_minimum"
    /// Days before the Spring Festival in which wage-arrears cases are compared with last year.
    public static let festivalDays = "warnings.festival_days"
    /// Fewest wage-arrears cases in that window for an alert.
    public static let festivalMinimum = "warnings.festival_minimum"

    public static let defaults = PolicyBook([
        rule(collectiveWorkers, 10, "《劳动争议调解仲裁法》第七条：劳动者一方在十人以上并有共同请求的；集体争议即时向上级工会预警"),
        rule(claimYuan, 500_000, "本平台默认：请求金额50万元以上的案件即时预警，请按本省规定调整"),
        rule(escalateDepth, 1, "本平台默认：预警逐级上报至市级工会（0 省级、1 市级、2 县级）"),
        rule(employerCases, 3, "本平台默认：同一用人单位30日内3件以上案件预警"),
        rule(employerDays, 30, "本平台默认：同一用人单位30日内3件以上案件预警"),
        rule(surgeWeeks, 8, "本平台默认：本周案件数与前8周的均值和标准差比较"),
        rule(surgeSigmaTenths, 30, "本平台默认：超过均值3倍标准差（以十分之一为单位，30 即 3.0）"),
        rule(surgeMinimum, 3, "本平台默认：一周至少3件案件才按激增预警"),
        rule(festivalDays, 30, "本平台默认：春节前30日内的欠薪案件与上年同期比较"),
        rule(festivalMinimum, 3, "本平台默认：春节前欠薪案件至少3件且多于上年同期时预警"),
    ])

    /// What each number is, for the settings and the alert.
    public static func title(_ key: String) -> String {
        switch key {
        case collectiveWorkers: "即时预警的涉及人数（人）"
        case claimYuan: "即时预警的请求金额（元）"
        case escalateDepth: "上报至（层级）"
        case employerCases: "同一单位案件数（件）"
        case employerDays: "同一单位统计天数（日）"
        case surgeWeeks: "激增比较的周数"
        case surgeSigmaTenths: "激增阈值 k（十分之一个标准差）"
        case surgeMinimum: "激增的最少案件数（件/周）"
        case festivalDays: "春节前比较天数（日）"
        case festivalMinimum: "春节前欠薪最少案件数（件）"
        default: key
        }
    }

    /// The values a province may set for a policy key: the warnings' own ranges, else 1 to 3650.
    public static func range(of key: String) -> ClosedRange<Int> {
        switch key {
        case claimYuan: 1...100_000_000
        case escalateDepth: 0...4
        case surgeSigmaTenths: 1...100
        default: 1...3650
        }
    }

    private static func rule(_ key: String, _ value: Int, _ source: String) -> PolicyRule {
        PolicyRule(key: key, value: value, effectiveFrom: CivilDate(year: 2026, month: 1, day: 1)!, source: source)
    }
}

/// The arithmetic of the trend rules: pure, so each edge is tested with its own numbers.
public enum WarningTrends {
    /// Whether `current` exceeds the mean of `history` by more than k standard deviations
    /// (population), k in tenths, and reaches `minimum`. Exact in integers: with n weeks and sum S,
    /// (n·c − S)·10 > k₁₀·√(n·Σx² − S²) ⇔ both sides squared, n·c − S > 0.
    public static func isSurge(current: Int, history: [Int], sigmaTenths: Int, minimum: Int) -> Bool {
        guard !history.isEmpty, current >= minimum else { return false }
        let n = history.count, s = history.reduce(0, +), sq = history.reduce(0) { $0 + $1 * $1 }
        let excess = n * current - s
        guard excess > 0 else { return false }
        let spread = n * sq - s * s
        return excess * excess * 100 > sigmaTenths * sigmaTenths * spread
    }

    /// The mean and the population standard deviation, for the alert's sentence.
    public static func meanAndDeviation(_ history: [Int]) -> (mean: Double, deviation: Double) {
        guard !history.isEmpty else { return (0, 0) }
        let n = Double(history.count)
        let mean = Double(history.reduce(0, +)) / n
        let variance = history.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        return (mean, variance.squareRoot())
    }

    /// The counts of the `weeks` seven-day blocks before the one ending on `today`, oldest first,
    /// and that block's count, from the days cases were received.
    public static func weekly(_ days: [CivilDate], today: CivilDate, weeks: Int) -> (current: Int, history: [Int]) {
        var history = Array(repeating: 0, count: weeks)
        var current = 0
        for d in days {
            let back = today.daysSinceEpoch - d.daysSinceEpoch
            guard back >= 0 else { continue }
            let block = back / 7
            if block == 0 { current += 1 } else if block <= weeks { history[weeks - block] += 1 }
        }
        return (current, history)
    }

    /// The lowest node holding every path (`/1/15/230/` and `/1/15/231/` → `/1/15/`).
    public static func commonAncestor(_ paths: [String]) -> String {
        guard var common = paths.first.map({ $0.split(separator: "/").map(String.init) }) else { return "/" }
        for p in paths.dropFirst() {
            let parts = p.split(separator: "/").map(String.init)
            var i = 0
            while i < min(common.count, parts.count), common[i] == parts[i] { i += 1 }
            common = Array(common.prefix(i))
        }
        return common.isEmpty ? "/" : "/" + common.joined(separator: "/") + "/"
    }

    /// The first day of the Spring Festival holiday of `year` in the calendar, if it holds it.
    public static func springFestival(_ year: Int, in calendar: HolidayCalendar) -> CivilDate? {
        calendar.days.values.filter { $0.name == "春节" && $0.kind == .holiday && $0.date.year == year }.map(\.date).min()
    }

    /// The Spring Festival season `today` lies in: the `days` before this year's festival, and the
    /// same days before last year's (as far into them as today is into this year's).
    public struct FestivalSeason: Sendable, Equatable {
        public var year: Int
        public var festival: CivilDate
        public var lastFestival: CivilDate
        public var start: CivilDate
        public var lastStart: CivilDate
        public var lastEnd: CivilDate
    }

    /// The season `today` lies in, or nil; and what the calendar lacks to tell.
    public static func festivalSeason(today: CivilDate, days: Int, calendar: HolidayCalendar) -> (season: FestivalSeason?, notes: [String]) {
        var found: (year: Int, festival: CivilDate)?
        var notes: [String] = []
        for year in [today.year, today.year + 1] {
            if let f = springFestival(year, in: calendar) {
                if f.adding(days: -days) <= today && today < f { found = (year, f) }
            } else if year == today.year + 1 && today.month >= 11 {
                notes.append("节假日安排中还没有 \(year) 年春节，春节前欠薪比较未运行：请在维权设置中录入 \(year) 年节假日安排")
            }
        }
        guard let (year, festival) = found else { return (nil, notes) }
        guard let lastFestival = springFestival(year - 1, in: calendar) else {
            return (nil, notes + ["节假日安排中没有 \(year - 1) 年春节，无法与上年同期比较"])
        }
        let start = festival.adding(days: -days), lastStart = lastFestival.adding(days: -days)
        let season = FestivalSeason(year: year, festival: festival, lastFestival: lastFestival, start: start, lastStart: lastStart,
                                    lastEnd: lastStart.adding(days: today.daysSinceEpoch - start.daysSinceEpoch))
        return (season, notes)
    }

    /// One decimal, for the sentence ("均值 2.4、标准差 0.5").
    public static func oneDecimal(_ x: Double) -> String { String(format: "%.1f", x) }
}

/// The policy numbers a province may record over the shipped ones (the dispute clocks, the
/// risk warning, legal aid, supervision, retention), and the values each allows.
public enum ProvinceRules {
    public static var builtIn: [PolicyRule] {
        DisputePolicy.defaults.rules + WarningPolicy.defaults.rules + LegalAidPolicy.defaults.rules + SupervisionPolicy.defaults.rules
            + RetentionPolicy.defaults.rules + LoanPolicy.defaults.rules + CardPolicy.defaults.rules
    }

    /// Legal aid's switches take 1 or 0; the warnings have their own ranges; the rest 1 to 3650.
    public static func allowed(_ key: String) -> ClosedRange<Int> {
        if key.hasPrefix("loans.") { return LoanPolicy.range(of: key) }
        if key.hasPrefix("card.") { return CardPolicy.range(of: key) }
        return LegalAidPolicy.defaults.rules.contains { $0.key == key } ? 0...1 : WarningPolicy.range(of: key)
    }
}
