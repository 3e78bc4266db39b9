import Foundation

/// The province's rules for small guaranteed business loans (小额担保贷款), effective-dated policy
/// numbers with their source: the caps by borrower, the partnership's total, a county's quota and
/// how long a project must have run. The numbers are those of 《湖北省工会会员小额担保贷款实施办法》
/// as speech 4 of the source material gives them.
public enum LoanPolicy {
    public static let capGraduate = "loans.cap_graduate_yuan"
    public static let capWoman = "loans.cap_woman_yuan"
    public static let capOther = "loans.cap_other_yuan"
    public static let capPartnerWoman = "loans.cap_partner_woman_yuan"
    public static let capPartnership = "loans.cap_partnership_yuan"
    public static let countyQuota = "loans.county_quota_yuan"
    public static let minOperatingMonths = "loans.min_operating_months"
    public static let writeOffOverdueDays = "loans.write_off_overdue_days"

    static let source = "《湖北省工会会员小额担保贷款实施办法》（省总工会、省人社厅、省财政厅、人民银行武汉分行联合下发）"

    public static let defaults = PolicyBook([
        rule(capGraduate, 100_000, source + "：高校毕业生最高贷款额度 10 万元"),
        rule(capWoman, 80_000, source + "：妇女最高贷款额度 8 万元"),
        rule(capOther, 50_000, source + "：其他符合条件的人员最高贷款额度 5 万元"),
        rule(capPartnerWoman, 100_000, source + "：合伙经营和组织起来就业的，妇女最高贷款额度 10 万元"),
        rule(capPartnership, 500_000, source + "：合伙经营和组织起来就业的，总额不超过 50 万元"),
        rule(countyQuota, 1_300_000, source + "：各县（市、区）原则上贷款额度上限不超过 130 万元"),
        rule(minOperatingMonths, 12, source + "：借款人经营的项目应连续正常经营 1 年以上"),
        rule(writeOffOverdueDays, 90, "担保基金代偿：借款人逾期 90 天以上、经催收仍未归还的，由担保基金代偿后核销（本省担保基金管理规定，各省可在设置页按本省规定调整）"),
    ])

    public static func title(_ key: String) -> String {
        switch key {
        case capGraduate: "高校毕业生最高额度（元）"
        case capWoman: "妇女最高额度（元）"
        case capOther: "其他人员最高额度（元）"
        case capPartnerWoman: "合伙经营中妇女每人最高额度（元）"
        case capPartnership: "合伙经营总额上限（元）"
        case countyQuota: "每县担保贷款额度上限（元）"
        case minOperatingMonths: "项目连续正常经营的最少月数"
        case writeOffOverdueDays: "逾期多少天起可代偿核销"
        default: key
        }
    }

    public static func range(of key: String) -> ClosedRange<Int> {
        switch key {
        case minOperatingMonths: 0...120
        case writeOffOverdueDays: 1...1_000
        default: 1_000...100_000_000
        }
    }

    private static func rule(_ key: String, _ value: Int, _ source: String) -> PolicyRule {
        PolicyRule(key: key, value: value, effectiveFrom: CivilDate(year: 2014, month: 1, day: 1)!, source: source)
    }
}

/// Why a member may borrow (贷款对象).
public enum LoanBasis: String, CaseIterable, Codable, Sendable {
    /// 城镇登记失业人员
    case registeredUnemployed = "registered_unemployed"
    /// 就业困难人员
    case hardToEmploy = "hard_to_employ"
    /// 在档困难职工本人
    case hardshipArchive = "hardship_archive"
    /// 在档困难职工的配偶或子女
    case archiveFamily = "archive_family"

    public var title: String {
        switch self {
        case .registeredUnemployed: "城镇登记失业人员"
        case .hardToEmploy: "就业困难人员"
        case .hardshipArchive: "在档困难职工"
        case .archiveFamily: "在档困难职工的配偶或子女"
        }
    }
}

/// The project's kind: the "五小" and those a province adds (其他).
public enum LoanProjectKind: String, CaseIterable, Codable, Sendable {
    case catering, workshop, shop, farming, transport, other

    public var title: String {
        switch self {
        case .catering: "小餐饮"
        case .workshop: "小作坊"
        case .shop: "小商店"
        case .farming: "小规模种养殖"
        case .transport: "小营运"
        case .other: "其他（本省认定）"
        }
    }
}

/// Who is asking: what sets the cap.
public struct LoanBorrower: Equatable, Sendable {
    public var isGraduate: Bool
    public var isWoman: Bool
    /// In a partnership or organized employment (合伙经营和组织起来就业).
    public var inPartnership: Bool

    public init(isGraduate: Bool, isWoman: Bool, inPartnership: Bool) {
        self.isGraduate = isGraduate; self.isWoman = isWoman; self.inPartnership = inPartnership
    }
}

/// The caps and checks of an application, each naming the rule it reads.
public enum LoanRules {
    /// The highest amount this borrower may be guaranteed, with the rule that sets it: the highest
    /// that applies (a woman graduate has the graduate's).
    public static func cap(_ b: LoanBorrower, book: PolicyBook, on day: CivilDate) -> (Money, PolicyRule) {
        var candidates: [String] = [LoanPolicy.capOther]
        if b.isWoman { candidates.append(b.inPartnership ? LoanPolicy.capPartnerWoman : LoanPolicy.capWoman) }
        if b.isGraduate { candidates.append(LoanPolicy.capGraduate) }
        let rules = candidates.map { value($0, book: book, on: day) }
        let best = rules.max { $0.value < $1.value }!
        return (Money(yuan: Int64(best.value)), best)
    }

    /// A percentage as officers type it ("4.35", "4.35%", "100") in basis points (435).
    public static func basisPoints(percent text: String) throws(LoanRateError) -> Int {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, whole <= 100,
              parts.count == 1 || (parts[1].count <= 2 && parts[1].allSatisfy(\.isASCII) && Int(parts[1]) != nil) else { throw .malformed(text) }
        let fraction = parts.count == 2 ? Int(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
        return whole * 100 + fraction
    }

    /// The rule in force on `day`; before any rule began, the earliest one.
    public static func value(_ key: String, book: PolicyBook, on day: CivilDate) -> PolicyRule {
        book.rule(key, on: day) ?? LoanPolicy.defaults.rule(key, on: day) ?? LoanPolicy.defaults.rules.first { $0.key == key }!
    }

    /// What stops an application, each by its field: the amount above the cap (80,000.01 for a
    /// woman), a project too young, a bad credit record, an open loan, a partnership beyond its
    /// total (`partnersAmount`: what the other partners already asked or hold).
    public static func problems(borrower: LoanBorrower, amount: Money, operatingSince: CivilDate, badCredit: Bool, hasOpenLoan: Bool,
                                partnersAmount: Money, book: PolicyBook, on day: CivilDate) -> [FieldProblem] {
        var out: [FieldProblem] = []
        if amount.fen <= 0 { out.append(FieldProblem(field: "amount", value: amount.yuanString, reason: "贷款金额应大于 0")) }
        let (cap, rule) = cap(borrower, book: book, on: day)
        if amount > cap {
            out.append(FieldProblem(field: "amount", value: amount.yuanString, reason: "超过最高额度 \(cap.groupedYuan) 元（\(LoanPolicy.title(rule.key))，\(rule.source)）"))
        }
        if borrower.inPartnership {
            let total = value(LoanPolicy.capPartnership, book: book, on: day)
            let limit = Money(yuan: Int64(total.value))
            if partnersAmount + amount > limit {
                out.append(FieldProblem(field: "amount", value: amount.yuanString,
                                        reason: "合伙经营贷款总额 \((partnersAmount + amount).groupedYuan) 元超过 \(limit.groupedYuan) 元（\(total.source)）"))
            }
        }
        let months = value(LoanPolicy.minOperatingMonths, book: book, on: day)
        if operatingSince.adding(months: months.value) > day {
            out.append(FieldProblem(field: "operating_since", value: operatingSince.iso,
                                    reason: "项目自 \(operatingSince.iso) 经营，不足 \(months.value) 个月（\(months.source)）"))
        }
        if badCredit { out.append(FieldProblem(field: "credit", value: "", reason: "银行查询有不良信用记录，不予担保")) }
        if hasOpenLoan { out.append(FieldProblem(field: "member", value: "", reason: "已有一笔未结清的担保贷款，每人只能有一笔")) }
        return out
    }
}

public enum LoanRateError: Error, Equatable, Sendable, UserFacingError {
    case malformed(String)
    public var message: String {
        switch self { case .malformed(let t): "“\(t)”不是百分比：请填写如 4.35 的数字（最多两位小数）" }
    }
}

/// How a loan is repaid (还款方式).
public enum LoanRepaymentMethod: String, CaseIterable, Codable, Sendable {
    /// 等额本息: equal monthly instalments.
    case equalInstalments = "equal_instalments"
    /// 按月付息、到期还本
    case interestOnly = "interest_only"

    public var title: String { self == .equalInstalments ? "等额本息" : "按月付息、到期还本" }
}

/// One instalment of the schedule (还款计划), in fen.
public struct LoanInstalment: Equatable, Codable, Sendable {
    public var seq: Int
    public var dueOn: CivilDate
    public var principal: Money
    public var interest: Money
    /// The part of the interest the government pays (贴息), recorded apart.
    public var subsidy: Money

    public init(seq: Int, dueOn: CivilDate, principal: Money, interest: Money, subsidy: Money) {
        self.seq = seq; self.dueOn = dueOn; self.principal = principal; self.interest = interest; self.subsidy = subsidy
    }

    /// What the borrower pays: principal and the interest not subsidised.
    public var borrowerPays: Money { principal + interest - subsidy }
}

/// The repayment schedule to the fen: monthly, from the month after lending; the instalments'
/// principal adds up to the loan exactly (the last one takes the rounding).
public enum LoanSchedule {
    /// `rateBasisPoints` a year (e.g. 435 = 4.35%); `subsidyBasisPoints` the share of the interest
    /// the government pays (10000 = all of it).
    public static func make(principal: Money, rateBasisPoints: Int, months: Int, method: LoanRepaymentMethod, lentOn: CivilDate,
                            subsidyBasisPoints: Int) -> [LoanInstalment] {
        guard months > 0, principal.fen > 0 else { return [] }
        // Monthly rate as an exact fraction: bp / 10000 / 12.
        let r = Decimal(rateBasisPoints) / 120_000
        var left = principal.fen
        var out: [LoanInstalment] = []
        var payment: Int64 = 0
        if method == .equalInstalments {
            if rateBasisPoints == 0 {
                payment = principal.fen / Int64(months)
            } else {
                var growth: Decimal = 1
                for _ in 0..<months { growth *= (1 + r) }
                payment = roundFen(Decimal(principal.fen) * r * growth / (growth - 1))
            }
        }
        for i in 1...months {
            let interest = roundFen(Decimal(left) * r)
            var p: Int64
            switch method {
            case .equalInstalments: p = i == months ? left : min(left, payment - interest)
            case .interestOnly: p = i == months ? left : 0
            }
            left -= p
            let subsidy = roundFen(Decimal(interest) * Decimal(subsidyBasisPoints) / 10_000)
            out.append(LoanInstalment(seq: i, dueOn: lentOn.adding(months: i), principal: Money(fen: p), interest: Money(fen: interest), subsidy: Money(fen: subsidy)))
        }
        return out
    }

    /// The first instalment what was repaid does not cover (the borrower's share of the interest
    /// and the principal, in order), or nil when all are covered.
    public static func firstUnpaid(_ instalments: [LoanInstalment], repaidPrincipal: Money, repaidInterest: Money) -> LoanInstalment? {
        var principal = repaidPrincipal.fen, interest = repaidInterest.fen
        for i in instalments {
            let owesInterest = i.interest.fen - i.subsidy.fen
            if principal >= i.principal.fen && interest >= owesInterest {
                principal -= i.principal.fen; interest -= owesInterest
                continue
            }
            return i
        }
        return nil
    }

    static func roundFen(_ d: Decimal) -> Int64 {
        var x = d, y = Decimal()
        NSDecimalRound(&y, &x, 0, .plain)
        return NSDecimalNumber(decimal: y).int64Value
    }
}

/// How late a loan is (逾期), bucketed as the guarantee fund reports it.
public enum LoanOverdueBucket: String, CaseIterable, Codable, Sendable {
    case days1to30 = "1-30", days31to90 = "31-90", days91to180 = "91-180", over180 = "180+"

    public var title: String {
        switch self {
        case .days1to30: "逾期 1–30 天"
        case .days31to90: "逾期 31–90 天"
        case .days91to180: "逾期 91–180 天"
        case .over180: "逾期 180 天以上"
        }
    }

    /// The bucket of `days` overdue, or nil when not overdue.
    public static func of(days: Int) -> LoanOverdueBucket? {
        switch days {
        case ..<1: nil
        case 1...30: .days1to30
        case 31...90: .days31to90
        case 91...180: .days91to180
        default: .over180
        }
    }

    /// Days overdue on `today`: counted from the first instalment due and not fully repaid (the
    /// day after its due date is day 1).
    public static func daysOverdue(_ instalments: [LoanInstalment], repaidPrincipal: Money, repaidInterest: Money, today: CivilDate) -> Int {
        guard let i = LoanSchedule.firstUnpaid(instalments, repaidPrincipal: repaidPrincipal, repaidInterest: repaidInterest) else { return 0 }
        return max(0, today.daysSinceEpoch - i.dueOn.daysSinceEpoch)
    }
}
