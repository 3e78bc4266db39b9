import Foundation

/// The category of a hardship archive (困难职工类别), computed from the family's figures and the
/// local minimum living standard (DOMAIN.md §4).
public enum HardshipCategory: String, CaseIterable, Codable, Sendable {
    /// 深度困难: per-capita monthly income after rigid expenses below the 低保 line.
    case deep
    /// 相对困难: below twice the 低保 line.
    case relative
    /// 意外致困: a disaster, accident, epidemic or sudden cost above 80% of the year's income.
    case accident

    public var title: String {
        switch self {
        case .deep: "深度困难"
        case .relative: "相对困难"
        case .accident: "意外致困"
        }
    }

    /// Accepts the Chinese title or the English name.
    public init?(parsing raw: String) {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if let c = HardshipCategory(rawValue: s.lowercased()) { self = c; return }
        guard let c = Self.allCases.first(where: { $0.title == s || $0.title.dropLast(2) == s }) else { return nil }
        self = c
    }
}

/// A cause of hardship (致困原因), numbered as on the national archive form.
public enum HardshipCause: Int, CaseIterable, Codable, Sendable {
    case noCapacityToWork = 1, unemployed, laidOff, noSocialInsurance, insuranceNotPaid, majorIllness,
         naturalDisaster, accident, childrensSchooling, other

    public var title: String {
        switch self {
        case .noCapacityToWork: "无劳动能力"
        case .unemployed: "有劳动能力但失业"
        case .laidOff: "下岗"
        case .noSocialInsurance: "未参加社会保险"
        case .insuranceNotPaid: "社会保险待遇未落实"
        case .majorIllness: "本人或家属患大病"
        case .naturalDisaster: "自然灾害"
        case .accident: "意外事故"
        case .childrensSchooling: "子女上学"
        case .other: "其他"
        }
    }
}

/// The causes recorded on an archive: exactly one main cause and at most three secondary ones.
public struct HardshipCauses: Equatable, Codable, Sendable {
    public var main: HardshipCause
    public var secondary: [HardshipCause]

    public static let maxSecondary = 3

    public init(main: HardshipCause, secondary: [HardshipCause] = []) {
        self.main = main
        self.secondary = secondary
    }

    /// What is wrong with the causes; empty when they are acceptable.
    public var problems: [FieldProblem] {
        let given = secondary.map(\.title).joined(separator: "、")
        var out: [FieldProblem] = []
        func problem(_ reason: String) { out.append(FieldProblem(field: "secondary_causes", value: given, reason: reason)) }
        if secondary.count > Self.maxSecondary { problem("次要致困原因最多 \(Self.maxSecondary) 项，实有 \(secondary.count) 项") }
        if secondary.contains(main) { problem("次要致困原因不能与主要致困原因（\(main.title)）相同") }
        if Set(secondary).count != secondary.count { problem("次要致困原因有重复") }
        return out
    }
}

/// The minimum living standard (低保标准) of a region from a date on: a monthly amount per person,
/// maintained by the province, effective-dated.
public struct SubsistenceLine: Equatable, Codable, Sendable, RegionallyEffective {
    /// A GB/T 2260 code: a county's, a city's (`4201 00`) or the province's (`42 0000`).
    public var regionCode: String
    public var effectiveFrom: CivilDate
    public var monthly: Money

    public init(regionCode: String, effectiveFrom: CivilDate, monthly: Money) {
        self.regionCode = regionCode
        self.effectiveFrom = effectiveFrom
        self.monthly = monthly
    }
}

/// The province's table of 低保 lines. A family's line is its county's, else its city's, else
/// the province's: the most specific region with a line in force on the date, and of that
/// region the line that took effect last.
public struct SubsistenceTable: Sendable {
    public private(set) var lines: [SubsistenceLine]

    public init(_ lines: [SubsistenceLine]) { self.lines = lines }

    public func line(for regionCode: String, on date: CivilDate) -> SubsistenceLine? {
        lines.inForce(for: regionCode, on: date)
    }
}

/// A family's figures for one year, in fen.
public struct HouseholdFinances: Equatable, Codable, Sendable {
    /// The family's disposable income over the year (家庭年可支配收入).
    public var annualIncome: Money
    /// Rigid expenses over the year: medical, education, and the like (刚性支出).
    public var rigidExpenses: Money
    /// People in the household (家庭人口), at least one.
    public var householdSize: Int
    /// Costs this year from a disaster, accident, epidemic or other sudden event (突发支出).
    public var suddenCosts: Money

    public init(annualIncome: Money, rigidExpenses: Money, householdSize: Int, suddenCosts: Money = .zero) {
        self.annualIncome = annualIncome
        self.rigidExpenses = rigidExpenses
        self.householdSize = householdSize
        self.suddenCosts = suddenCosts
    }

    /// What is wrong with the figures.
    public var problems: [FieldProblem] {
        var out: [FieldProblem] = []
        if householdSize < 1 { out.append(FieldProblem(field: "household_size", value: String(householdSize), reason: "家庭人口应至少为 1 人")) }
        for (field, amount, label) in [("annual_income", annualIncome, "家庭年可支配收入"), ("rigid_expenses", rigidExpenses, "刚性支出"),
                                       ("sudden_costs", suddenCosts, "突发支出")] where amount.isNegative {
            out.append(FieldProblem(field: field, value: amount.yuanString, reason: "\(label)不能为负数"))
        }
        return out
    }
}

/// The computed category of a family against a 低保 line, with its arithmetic shown.
public struct HardshipAssessment: Equatable, Sendable {
    /// nil: the family is not in hardship by these rules.
    public var category: HardshipCategory?
    /// (annual income − rigid expenses) ÷ 12 ÷ household size, rounded down to the fen; the
    /// comparisons themselves are exact.
    public var perCapitaMonthly: Money
    public var line: SubsistenceLine
    /// The arithmetic, one step per line, as shown to the officer.
    public var steps: [String]

    /// 深度 below the line, 相对 below twice the line, 意外致困 when the sudden costs exceed 80%
    /// of the year's income; the first that applies. "Below" is strict: exactly on the line is
    /// 相对困难, exactly on twice the line is neither.
    public static func assess(_ f: HouseholdFinances, line: SubsistenceLine) -> HardshipAssessment {
        let size = Int64(max(f.householdSize, 1))
        let net = f.annualIncome.fen - f.rigidExpenses.fen
        // Compared over a year for the whole household, so no division rounds.
        let lineYear = line.monthly.fen * 12 * size
        let perCapita = Money(fen: floorDivide(net, 12 * size))
        var steps = [
            "家庭年可支配收入 \(f.annualIncome.yuanString) 元 − 刚性支出 \(f.rigidExpenses.yuanString) 元 = \(Money(fen: net).yuanString) 元",
            "\(Money(fen: net).yuanString) 元 ÷ 12 个月 ÷ \(size) 人 = 家庭人均月收入 \(perCapita.yuanString) 元",
            "当地低保标准 \(line.monthly.yuanString) 元/人·月（\(line.regionCode)，\(line.effectiveFrom.iso) 起执行），2 倍为 \(Money(fen: line.monthly.fen * 2).yuanString) 元",
        ]
        let category: HardshipCategory?
        if net < lineYear {
            category = .deep
            steps.append("\(perCapita.yuanString) 元 低于低保标准 \(line.monthly.yuanString) 元：深度困难")
        } else if net < 2 * lineYear {
            category = .relative
            steps.append("\(perCapita.yuanString) 元 不低于低保标准、低于其 2 倍 \(Money(fen: line.monthly.fen * 2).yuanString) 元：相对困难")
        } else if f.suddenCosts.fen * 5 > f.annualIncome.fen * 4 {
            category = .accident
            steps.append("人均月收入不低于低保标准的 2 倍；突发支出 \(f.suddenCosts.yuanString) 元 超过家庭年收入的 80%（\(Money(fen: f.annualIncome.fen * 4 / 5).yuanString) 元）：意外致困")
        } else {
            category = nil
            steps.append("人均月收入不低于低保标准的 2 倍，突发支出未超过家庭年收入的 80%：不符合困难职工认定条件")
        }
        return HardshipAssessment(category: category, perCapitaMonthly: perCapita, line: line, steps: steps)
    }

    /// Rounds toward negative infinity, so a deficit stays a deficit.
    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// 困难农民工: a worker in one of the categories who is a migrant worker living long-term in the
/// city with more than one year of labor relation.
public func isHardshipMigrantWorker(category: HardshipCategory?, isMigrant: Bool, livesInCity: Bool,
                                    laborRelationSince: CivilDate?, on date: CivilDate) -> Bool {
    guard category != nil, isMigrant, livesInCity, let since = laborRelationSince else { return false }
    return since.adding(years: 1) < date
}
