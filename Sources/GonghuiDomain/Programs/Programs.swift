import Foundation

/// The kinds of assistance programs (帮扶项目, DOMAIN.md §5).
public enum ProgramKind: String, CaseIterable, Codable, Sendable {
    /// 送温暖: Spring Festival relief.
    case warmth
    /// 金秋助学: school aid for children admitted to university or college.
    case schoolAid = "school_aid"
    /// 夏送清凉: summer heat relief for outdoor workers.
    case summerCool = "summer_cool"
    /// 大病救助
    case seriousIllness = "serious_illness"
    /// 临时救助
    case temporary
    case other

    public var title: String {
        switch self {
        case .warmth: "送温暖"
        case .schoolAid: "金秋助学"
        case .summerCool: "夏送清凉"
        case .seriousIllness: "大病救助"
        case .temporary: "临时救助"
        case .other: "其他帮扶"
        }
    }
}

/// Where a child was admitted this year (金秋助学).
public enum ChildAdmission: String, CaseIterable, Codable, Sendable {
    /// 普通本科
    case university
    /// 高职高专
    case vocational

    public var title: String {
        switch self {
        case .university: "普通本科"
        case .vocational: "高职高专"
        }
    }
}

/// What is known about an applicant when the rules are checked: the archive's facts come from
/// the registry, the rest is declared in the application with its papers.
public struct GrantFacts: Equatable, Codable, Sendable {
    public var isMember: Bool
    /// The household's archive is filed (在档) — open and approved.
    public var archiveFiled: Bool
    public var category: HardshipCategory?
    public var isMigrantWorker: Bool
    public var childAdmission: ChildAdmission?
    public var illness: String?
    /// Medical costs paid by the family after insurance (自付医疗费用).
    public var outOfPocket: Money?
    /// Works outdoors in the heat (户外劳动者).
    public var outdoorWorker: Bool

    public init(isMember: Bool = true, archiveFiled: Bool = false, category: HardshipCategory? = nil, isMigrantWorker: Bool = false,
                childAdmission: ChildAdmission? = nil, illness: String? = nil, outOfPocket: Money? = nil, outdoorWorker: Bool = false) {
        self.isMember = isMember; self.archiveFiled = archiveFiled; self.category = category; self.isMigrantWorker = isMigrantWorker
        self.childAdmission = childAdmission; self.illness = illness; self.outOfPocket = outOfPocket; self.outdoorWorker = outdoorWorker
    }
}

/// One condition of a rule. Configured by the federation as data, not code.
public struct GrantCondition: Equatable, Codable, Sendable {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case member
        case archiveFiled = "archive_filed"
        case category
        case migrantWorker = "migrant_worker"
        case childAdmitted = "child_admitted"
        case listedIllness = "listed_illness"
        case outOfPocketAbove = "out_of_pocket_above"
        case outdoorWorker = "outdoor_worker"

        /// Known from the records before anyone applies (membership, the archive, migrant
        /// status), rather than declared on the application.
        public var isOnRecord: Bool { [.member, .archiveFiled, .category, .migrantWorker].contains(self) }
    }

    public var kind: Kind
    /// For `category`.
    public var categories: [HardshipCategory]?
    /// For `childAdmitted`.
    public var admissions: [ChildAdmission]?
    /// For `listedIllness`; nil or empty: any illness of the province's list.
    public var illnesses: [String]?
    /// For `outOfPocketAbove`.
    public var thresholdFen: Int64?

    public init(_ kind: Kind, categories: [HardshipCategory]? = nil, admissions: [ChildAdmission]? = nil, illnesses: [String]? = nil, threshold: Money? = nil) {
        self.kind = kind; self.categories = categories; self.admissions = admissions; self.illnesses = illnesses; self.thresholdFen = threshold?.fen
    }

    /// Whether the facts meet the condition, and the sentence that says so.
    public func check(_ f: GrantFacts) -> (met: Bool, text: String) {
        switch kind {
        case .member:
            return (f.isMember, "工会会员：\(f.isMember ? "是" : "否")")
        case .archiveFiled:
            return (f.archiveFiled, "困难职工档案在档：\(f.archiveFiled ? "是" : "否")")
        case .category:
            let wanted = categories ?? []
            let met = f.archiveFiled && f.category.map(wanted.contains) == true
            return (met, "档案类别为\(wanted.map(\.title).joined(separator: "或"))：实为\(f.archiveFiled ? (f.category?.title ?? "无") : "无在档档案")")
        case .migrantWorker:
            return (f.isMigrantWorker, "农民工：\(f.isMigrantWorker ? "是" : "否")")
        case .childAdmitted:
            let wanted = admissions ?? ChildAdmission.allCases
            let met = f.childAdmission.map(wanted.contains) == true
            return (met, "子女当年考入\(wanted.map(\.title).joined(separator: "或"))：\(f.childAdmission?.title ?? "未申报")")
        case .listedIllness:
            let list = (illnesses ?? []).isEmpty ? HardshipVocab.majorIllnesses : illnesses!
            let met = f.illness.map(list.contains) == true
            return (met, "患目录内大病：\(f.illness ?? "未申报")")
        case .outOfPocketAbove:
            let threshold = Money(fen: thresholdFen ?? 0)
            let met = (f.outOfPocket?.fen ?? 0) > threshold.fen
            return (met, "自付医疗费用超过 \(threshold.yuanString) 元：\(f.outOfPocket.map { "\($0.yuanString) 元" } ?? "未申报")")
        case .outdoorWorker:
            return (f.outdoorWorker, "户外劳动者：\(f.outdoorWorker ? "是" : "否")")
        }
    }

    /// "A、B或C".
    static func either(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: "、") + "或" + words.last!
    }

    /// What the condition asks of a person, in a few words ("困难职工档案在档").
    public var requirement: String {
        switch kind {
        case .member: "工会会员"
        case .archiveFiled: "困难职工档案在档"
        case .category: "困难职工档案在档，类别为\(Self.either((categories ?? []).map(\.title)))"
        case .migrantWorker: "农民工"
        case .childAdmitted: "子女当年考入\((admissions ?? ChildAdmission.allCases).map(\.title).joined(separator: "或"))"
        case .listedIllness: "患目录内大病"
        case .outOfPocketAbove: "自付医疗费用超过 \(Money(fen: thresholdFen ?? 0).groupedYuan) 元"
        case .outdoorWorker: "户外劳动者"
        }
    }

    public var problems: [String] {
        switch kind {
        case .category where (categories ?? []).isEmpty: ["“档案类别”条件须列出至少一个类别"]
        case .childAdmitted where admissions?.isEmpty == true: ["“子女考入”条件的学校类别不能为空"]
        case .outOfPocketAbove where (thresholdFen ?? -1) < 0: ["“自付费用超过”条件须给出不小于 0 的金额"]
        default: []
        }
    }
}

/// How much a matching rule gives.
public struct GrantAmount: Equatable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case fixed
        /// A share of the declared out-of-pocket costs, rounded down to the fen, up to a cap.
        case shareOfCosts = "share_of_costs"
    }

    public var kind: Kind
    public var fen: Int64?
    public var percent: Int?
    public var capFen: Int64?

    public static func fixed(_ m: Money) -> GrantAmount { GrantAmount(kind: .fixed, fen: m.fen) }
    public static func share(percent: Int, cap: Money) -> GrantAmount { GrantAmount(kind: .shareOfCosts, percent: percent, capFen: cap.fen) }

    public init(kind: Kind, fen: Int64? = nil, percent: Int? = nil, capFen: Int64? = nil) {
        self.kind = kind; self.fen = fen; self.percent = percent; self.capFen = capFen
    }

    public func amount(for f: GrantFacts) -> (Money, String) {
        switch kind {
        case .fixed:
            let m = Money(fen: fen ?? 0)
            return (m, "定额 \(m.yuanString) 元")
        case .shareOfCosts:
            let costs = f.outOfPocket ?? .zero
            let p = Int64(percent ?? 0)
            let share = Money(fen: costs.fen * p / 100)
            let cap = Money(fen: capFen ?? 0)
            let m = min(share, cap)
            return (m, "自付费用 \(costs.yuanString) 元 × \(p)% = \(share.yuanString) 元" + (share > cap ? "，超过封顶 \(cap.yuanString) 元，按封顶" : "，未超过封顶 \(cap.yuanString) 元"))
        }
    }

    public var problems: [String] {
        switch kind {
        case .fixed: (fen ?? 0) > 0 ? [] : ["定额金额应大于 0"]
        case .shareOfCosts:
            ((1...100).contains(percent ?? 0) ? [] : ["比例应为 1 到 100"]) + ((capFen ?? 0) > 0 ? [] : ["封顶金额应大于 0"])
        }
    }
}

/// A rule of a program's cycle: when all its conditions hold, the applicant gets its amount.
public struct GrantRule: Equatable, Codable, Sendable {
    public var name: String
    public var conditions: [GrantCondition]
    public var amount: GrantAmount

    public init(name: String, conditions: [GrantCondition], amount: GrantAmount) {
        self.name = name; self.conditions = conditions; self.amount = amount
    }
}

/// The outcome of checking an application against the rules, with the reasons shown.
public struct GrantDecision: Equatable, Codable, Sendable {
    public var ruleName: String?
    public var amount: Money
    /// One line per rule tried, in order, saying which condition held and which did not.
    public var explanation: [String]
    public var isEligible: Bool { ruleName != nil }
}

/// The ordered rules of a cycle: the first rule whose conditions all hold decides the amount.
public struct GrantRules: Equatable, Codable, Sendable {
    public var rules: [GrantRule]

    public init(_ rules: [GrantRule]) { self.rules = rules }

    public func decide(_ facts: GrantFacts) -> GrantDecision {
        var lines: [String] = []
        for rule in rules {
            let checks = rule.conditions.map { $0.check(facts) }
            let text = checks.map { ($0.met ? "✓ " : "✗ ") + $0.text }.joined(separator: "；")
            if checks.allSatisfy(\.met) {
                let (amount, how) = rule.amount.amount(for: facts)
                lines.append("规则“\(rule.name)”适用：\(text)；\(how)")
                return GrantDecision(ruleName: rule.name, amount: amount, explanation: lines)
            }
            lines.append("规则“\(rule.name)”不适用：\(text)")
        }
        if rules.isEmpty { lines.append("本期项目没有设定规则") }
        return GrantDecision(ruleName: nil, amount: .zero, explanation: lines)
    }

    /// Whether a worker whose records show `recorded` (membership, the archive and its category,
    /// migrant status) could be granted anything: nil when some rule's recorded conditions all
    /// hold (what is declared on the form is then asked), else the recorded conditions that stop
    /// each rule, said once each — what the worker needs before applying.
    public func unmetOnRecord(_ recorded: GrantFacts) -> [String]? {
        var unmet: [String] = []
        var categories: [HardshipCategory] = []
        for rule in rules {
            let failing = rule.conditions.filter { $0.kind.isOnRecord && !$0.check(recorded).met }
            if failing.isEmpty { return nil }
            for c in failing {
                // The categories the rules accept are said once, together: "类别为深度困难、相对困难或意外致困".
                if c.kind == .category {
                    for category in c.categories ?? [] where !categories.contains(category) { categories.append(category) }
                } else if !unmet.contains(c.requirement) {
                    unmet.append(c.requirement)
                }
            }
        }
        if !categories.isEmpty {
            let combined = GrantCondition(.category, categories: categories).requirement
            unmet.removeAll { $0 == GrantCondition(.archiveFiled).requirement }
            unmet.insert(combined, at: 0)
        }
        return unmet
    }

    public var problems: [String] {
        var out: [String] = []
        if rules.isEmpty { out.append("至少需要一条规则") }
        for (i, r) in rules.enumerated() {
            let at = "第 \(i + 1) 条规则"
            if r.name.trimmingCharacters(in: .whitespaces).isEmpty { out.append("\(at)缺少名称") }
            out += (r.conditions.flatMap(\.problems) + r.amount.problems).map { "\(at)：\($0)" }
        }
        return out
    }

    /// The rules a federation starts from for each kind of program (the amounts of the issue
    /// and DOMAIN.md §5); the federation edits them per cycle.
    public static func preset(_ kind: ProgramKind) -> GrantRules {
        func filed(_ c: HardshipCategory) -> [GrantCondition] { [GrantCondition(.archiveFiled), GrantCondition(.category, categories: [c])] }
        switch kind {
        case .warmth:
            return GrantRules([
                GrantRule(name: "深度困难职工", conditions: filed(.deep), amount: .fixed(Money(yuan: 2000))),
                GrantRule(name: "相对困难职工", conditions: filed(.relative), amount: .fixed(Money(yuan: 1000))),
                GrantRule(name: "意外致困职工", conditions: filed(.accident), amount: .fixed(Money(yuan: 1500))),
            ])
        case .schoolAid:
            return GrantRules([
                GrantRule(name: "子女考入普通本科", conditions: [GrantCondition(.archiveFiled), GrantCondition(.childAdmitted, admissions: [.university])], amount: .fixed(Money(yuan: 5000))),
                GrantRule(name: "子女考入高职高专", conditions: [GrantCondition(.archiveFiled), GrantCondition(.childAdmitted, admissions: [.vocational])], amount: .fixed(Money(yuan: 3000))),
            ])
        case .seriousIllness:
            return GrantRules([
                GrantRule(name: "目录内大病自付超过 2 万元", conditions: [GrantCondition(.member), GrantCondition(.listedIllness),
                                                                GrantCondition(.outOfPocketAbove, threshold: Money(yuan: 20_000))],
                          amount: .share(percent: 30, cap: Money(yuan: 20_000))),
            ])
        case .summerCool:
            return GrantRules([GrantRule(name: "户外劳动者", conditions: [GrantCondition(.member), GrantCondition(.outdoorWorker)], amount: .fixed(Money(yuan: 200)))])
        case .temporary, .other:
            return GrantRules([GrantRule(name: "在档困难职工临时救助", conditions: [GrantCondition(.archiveFiled)], amount: .fixed(Money(yuan: 1000)))])
        }
    }
}

/// Where a grant (帮扶资金发放) is: applied → reviewed by the grassroots union → approved by the
/// level that owns the budget (the money is reserved) → in a payment batch → paid, or failed and
/// put right for the next batch.
public enum GrantState: String, CaseIterable, Codable, Sendable {
    case submitted
    case reviewed
    case approved
    case rejected
    case inBatch = "in_batch"
    case paid
    case failed
    /// 已撤回: the worker took the application back before it was approved.
    case withdrawn

    public var title: String {
        switch self {
        case .submitted: "待基层审核"
        case .reviewed: "待审批"
        case .approved: "已批准待发放"
        case .rejected: "未通过"
        case .inBatch: "发放中"
        case .paid: "已发放"
        case .failed: "发放失败"
        case .withdrawn: "已撤回"
        }
    }

    /// Whether the application is the person's one grant of its cycle: refused and withdrawn
    /// ones leave the person free to apply again.
    public var holdsTheCycle: Bool { self != .rejected && self != .withdrawn }
}
