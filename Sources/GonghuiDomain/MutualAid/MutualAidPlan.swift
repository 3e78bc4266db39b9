import Foundation

/// What a mutual-aid plan covers (职工医疗互助的类别).
public enum MutualAidPlanKind: String, CaseIterable, Codable, Sendable {
    /// 住院医疗互助
    case hospitalization
    /// 重大疾病互助
    case majorIllness = "major_illness"
    /// 意外伤害互助
    case accident

    public var title: String {
        switch self {
        case .hospitalization: "住院医疗互助"
        case .majorIllness: "重大疾病互助"
        case .accident: "意外伤害互助"
        }
    }
}

/// The events a benefit pays for.
public enum MutualAidEventKind: String, CaseIterable, Codable, Sendable {
    /// A hospital stay (住院), paid as a share of the out-of-pocket costs.
    case hospitalStay = "hospital_stay"
    /// A listed major illness diagnosed (确诊重大疾病).
    case majorIllness = "major_illness"
    /// Disability from an accident, by grade 1 (total) to 10 (意外伤残).
    case accidentalDisability = "accidental_disability"
    /// Death from an accident (意外身故).
    case accidentalDeath = "accidental_death"
    /// Death from an illness (疾病身故).
    case deathByIllness = "death_by_illness"

    public var title: String {
        switch self {
        case .hospitalStay: "住院"
        case .majorIllness: "重大疾病"
        case .accidentalDisability: "意外伤残"
        case .accidentalDeath: "意外身故"
        case .deathByIllness: "疾病身故"
        }
    }

    /// Whether the event ends the member's life: covered on the day itself.
    public var isDeath: Bool { self == .accidentalDeath || self == .deathByIllness }
}

/// How a benefit is computed.
public enum MutualAidBenefitRule: Equatable, Codable, Sendable {
    /// A fixed amount for the event; for a disability, scaled by the grade's percentage
    /// (`gradePercents[0]` for grade 1, total disability).
    case fixed(amount: Money, gradePercents: [Int])
    /// A share of the out-of-pocket hospital costs (total less what basic medical insurance paid)
    /// above a deductible, in basis points (5000 = 50%), up to a cap per event.
    case share(basisPoints: Int, deductible: Money, perEventCap: Money)
}

/// One benefit of a round (给付项目): the event, the rule, the cap per person per round, and for a
/// major illness the diagnoses the plan lists.
public struct MutualAidBenefit: Equatable, Codable, Sendable {
    public var code: String
    public var title: String
    public var event: MutualAidEventKind
    public var rule: MutualAidBenefitRule
    /// The most one person can receive from this benefit in the round.
    public var perRoundCap: Money
    /// For a major illness: the listed diagnoses (病种), each paid once per round.
    public var diagnoses: [String]

    public init(code: String, title: String, event: MutualAidEventKind, rule: MutualAidBenefitRule, perRoundCap: Money, diagnoses: [String] = []) {
        self.code = code; self.title = title; self.event = event; self.rule = rule; self.perRoundCap = perRoundCap; self.diagnoses = diagnoses
    }
}

/// A round's terms (轮次条款), data effective for that round and naming where they come from: the
/// contribution per person, the waiting period for new enrollees, the benefits, the time to claim
/// after the event ends and the amount above which the plan's owner approves.
public struct MutualAidTerms: Equatable, Codable, Sendable {
    public var contribution: Money
    /// Days after enrolling during which a new enrollee is not yet covered (等待期); renewals have none.
    public var waitingDays: Int
    public var benefits: [MutualAidBenefit]
    /// Days after discharge (or the event) within which a claim must be filed (申请时效).
    public var claimLimitDays: Int
    /// Claims above this need the plan owner's approval (超过此金额由计划所属工会审批).
    public var ownerApprovalAbove: Money
    /// The plan's rules these terms come from (the union's notice, its number).
    public var source: String

    public init(contribution: Money, waitingDays: Int, benefits: [MutualAidBenefit], claimLimitDays: Int, ownerApprovalAbove: Money, source: String) {
        self.contribution = contribution; self.waitingDays = waitingDays; self.benefits = benefits; self.claimLimitDays = claimLimitDays
        self.ownerApprovalAbove = ownerApprovalAbove; self.source = source
    }

    /// What is wrong with the terms, each named by its field.
    public func problems() -> [FieldProblem] {
        var out: [FieldProblem] = []
        if contribution.fen <= 0 { out.append(FieldProblem(field: "contribution", value: contribution.yuanString, reason: "每人缴费应大于 0")) }
        if !(0...730).contains(waitingDays) { out.append(FieldProblem(field: "waiting_days", value: String(waitingDays), reason: "等待期应为 0 至 730 天")) }
        if !(1...3650).contains(claimLimitDays) { out.append(FieldProblem(field: "claim_limit_days", value: String(claimLimitDays), reason: "申请时效应为 1 至 3650 天")) }
        if ownerApprovalAbove.isNegative { out.append(FieldProblem(field: "owner_approval_above", value: ownerApprovalAbove.yuanString, reason: "金额不能为负")) }
        if source.trimmingCharacters(in: .whitespaces).isEmpty { out.append(FieldProblem(field: "source", value: "", reason: "请写明条款依据（互助计划的文件及文号）")) }
        if benefits.isEmpty { out.append(FieldProblem(field: "benefits", value: "", reason: "至少要有一个给付项目")) }
        var codes = Set<String>()
        for (i, b) in benefits.enumerated() {
            let field = "benefits[\(i)]"
            if !codes.insert(b.code).inserted { out.append(FieldProblem(field: field, value: b.code, reason: "给付项目代码重复")) }
            if b.perRoundCap.fen <= 0 { out.append(FieldProblem(field: field, value: b.title, reason: "每轮限额应大于 0")) }
            if b.event == .majorIllness && b.diagnoses.isEmpty { out.append(FieldProblem(field: field, value: b.title, reason: "重大疾病项目须列出病种")) }
            switch b.rule {
            case .fixed(let amount, let grades):
                if amount.fen <= 0 { out.append(FieldProblem(field: field, value: b.title, reason: "给付金额应大于 0")) }
                if b.event == .accidentalDisability && (grades.count != 10 || grades.contains { !(0...100).contains($0) }) {
                    out.append(FieldProblem(field: field, value: b.title, reason: "伤残项目须给出 1 至 10 级的给付比例（0–100%）"))
                }
            case .share(let bp, let deductible, let cap):
                if b.event != .hospitalStay { out.append(FieldProblem(field: field, value: b.title, reason: "按比例给付只用于住院")) }
                if !(1...10_000).contains(bp) { out.append(FieldProblem(field: field, value: String(bp), reason: "给付比例应为 0.01% 至 100%")) }
                if deductible.isNegative || cap.fen <= 0 { out.append(FieldProblem(field: field, value: b.title, reason: "起付线不能为负，单次限额应大于 0")) }
            }
        }
        return out
    }
}

/// A round of a plan (互助轮次): its dates, the enrollment window and its terms.
public struct MutualAidRound: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var planID: Int64
    public var name: String
    public var startsOn: CivilDate
    public var endsOn: CivilDate
    public var enrollmentOpens: CivilDate
    public var enrollmentCloses: CivilDate
    public var terms: MutualAidTerms

    public init(id: Int64, planID: Int64, name: String, startsOn: CivilDate, endsOn: CivilDate, enrollmentOpens: CivilDate, enrollmentCloses: CivilDate,
                terms: MutualAidTerms) {
        self.id = id; self.planID = planID; self.name = name; self.startsOn = startsOn; self.endsOn = endsOn
        self.enrollmentOpens = enrollmentOpens; self.enrollmentCloses = enrollmentCloses; self.terms = terms
    }

    public func contains(_ day: CivilDate) -> Bool { startsOn <= day && day <= endsOn }

    /// What is wrong with the dates and terms.
    public func problems() -> [FieldProblem] {
        var out: [FieldProblem] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { out.append(FieldProblem(field: "name", value: "", reason: "请填写轮次名称（如 2026 年度）")) }
        if endsOn < startsOn { out.append(FieldProblem(field: "ends_on", value: endsOn.iso, reason: "结束日期不能早于开始日期 \(startsOn.iso)")) }
        if enrollmentCloses < enrollmentOpens {
            out.append(FieldProblem(field: "enrollment_closes", value: enrollmentCloses.iso, reason: "参保截止日期不能早于开始日期 \(enrollmentOpens.iso)"))
        }
        if enrollmentCloses > endsOn { out.append(FieldProblem(field: "enrollment_closes", value: enrollmentCloses.iso, reason: "参保截止日期不能晚于轮次结束日期 \(endsOn.iso)")) }
        return out + terms.problems()
    }

    /// The terms a city's plan typically sets (the Shanghai member card's, DOMAIN.md §6): 70 yuan a
    /// year; 20,000 yuan for each of 12 listed major illnesses; 30,000 for accidental death or total
    /// disability (by grade below it); 10,000 for death by illness; half of the out-of-pocket costs of
    /// a hospital stay above 1,000 yuan, at most 5,000 a stay and 20,000 a round.
    public static func exampleTerms(source: String) -> MutualAidTerms {
        MutualAidTerms(
            contribution: Money(yuan: 70), waitingDays: 90,
            benefits: [
                MutualAidBenefit(code: "stay", title: "住院医疗互助金", event: .hospitalStay,
                                 rule: .share(basisPoints: 5000, deductible: Money(yuan: 1000), perEventCap: Money(yuan: 5000)), perRoundCap: Money(yuan: 20_000)),
                MutualAidBenefit(code: "illness", title: "重大疾病互助金", event: .majorIllness, rule: .fixed(amount: Money(yuan: 20_000), gradePercents: []),
                                 perRoundCap: Money(yuan: 20_000), diagnoses: majorIllnesses),
                MutualAidBenefit(code: "accident_death", title: "意外身故互助金", event: .accidentalDeath, rule: .fixed(amount: Money(yuan: 30_000), gradePercents: []),
                                 perRoundCap: Money(yuan: 30_000)),
                MutualAidBenefit(code: "disability", title: "意外伤残互助金", event: .accidentalDisability,
                                 rule: .fixed(amount: Money(yuan: 30_000), gradePercents: [100, 90, 80, 70, 60, 50, 40, 30, 20, 10]), perRoundCap: Money(yuan: 30_000)),
                MutualAidBenefit(code: "illness_death", title: "疾病身故互助金", event: .deathByIllness, rule: .fixed(amount: Money(yuan: 10_000), gradePercents: []),
                                 perRoundCap: Money(yuan: 10_000)),
            ],
            claimLimitDays: 90, ownerApprovalAbove: Money(yuan: 10_000), source: source)
    }

    /// Twelve major illnesses as such plans list them.
    public static let majorIllnesses = ["恶性肿瘤", "急性心肌梗塞", "脑中风后遗症", "重大器官移植术或造血干细胞移植术", "冠状动脉搭桥术", "终末期肾病",
                                        "多个肢体缺失", "急性或亚急性重症肝炎", "良性脑肿瘤", "慢性肝功能衰竭失代偿期", "脑炎后遗症或脑膜炎后遗症", "深度昏迷"]
}

/// A plan (互助计划) owned by a province or a city union and administered by the counties below.
public struct MutualAidPlan: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var code: String
    public var name: String
    public var kind: MutualAidPlanKind
    public var ownerCode: String
    public var ownerName: String

    public init(id: Int64, code: String, name: String, kind: MutualAidPlanKind, ownerCode: String, ownerName: String) {
        self.id = id; self.code = code; self.name = name; self.kind = kind; self.ownerCode = ownerCode; self.ownerName = ownerName
    }
}

/// A unit's place in a round (单位参保情况): members enrolled, those paid for, and what is due.
public struct MutualAidUnitStanding: Equatable, Sendable {
    public var unitCode: String
    public var unitName: String
    public var enrolled: Int
    public var paid: Int
    public var due: Money
    public var received: Money

    public init(unitCode: String, unitName: String, enrolled: Int, paid: Int, due: Money, received: Money) {
        self.unitCode = unitCode; self.unitName = unitName; self.enrolled = enrolled; self.paid = paid; self.due = due; self.received = received
    }

    public var unpaid: Int { enrolled - paid }
}
