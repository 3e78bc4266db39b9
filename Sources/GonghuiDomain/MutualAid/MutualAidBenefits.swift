import Foundation

/// The event a claim is for (理赔事件), as the unit or the worker states it.
public struct MutualAidEvent: Equatable, Codable, Sendable {
    public var kind: MutualAidEventKind
    /// The day it happened: admission for a stay, diagnosis, the accident, death.
    public var on: CivilDate
    /// A stay's last day (出院日期).
    public var dischargedOn: CivilDate?
    /// A major illness from the plan's list.
    public var diagnosis: String?
    /// A disability's grade, 1 (total) to 10.
    public var disabilityGrade: Int?
    /// A stay's total costs and the part basic medical insurance paid (医保统筹支付), in fen.
    public var totalCost: Money
    public var insurancePaid: Money

    public init(kind: MutualAidEventKind, on: CivilDate, dischargedOn: CivilDate? = nil, diagnosis: String? = nil, disabilityGrade: Int? = nil,
                totalCost: Money = .zero, insurancePaid: Money = .zero) {
        self.kind = kind; self.on = on; self.dischargedOn = dischargedOn; self.diagnosis = diagnosis; self.disabilityGrade = disabilityGrade
        self.totalCost = totalCost; self.insurancePaid = insurancePaid
    }

    /// The day the claim's time limit counts from: discharge for a stay, the event otherwise.
    public var endsOn: CivilDate { dischargedOn ?? on }

    /// Whether two stays share a day (the same stay claimed twice).
    public func overlaps(_ other: MutualAidEvent) -> Bool {
        kind == .hospitalStay && other.kind == .hospitalStay && on <= other.endsOn && other.on <= endsOn
    }

    /// What is wrong with the event as stated, each named by its field.
    public func problems(benefit: MutualAidBenefit, filedOn: CivilDate) -> [FieldProblem] {
        var out: [FieldProblem] = []
        if on > filedOn { out.append(FieldProblem(field: "event_on", value: on.iso, reason: "事发日期不能晚于申请日期")) }
        guard benefit.event == kind else {
            return out + [FieldProblem(field: "benefit", value: benefit.code, reason: "给付项目“\(benefit.title)”不适用于\(kind.title)")]
        }
        switch kind {
        case .hospitalStay:
            guard let out2 = dischargedOn else { return out + [FieldProblem(field: "discharged_on", value: "", reason: "请填写出院日期")] }
            if out2 < on { out.append(FieldProblem(field: "discharged_on", value: out2.iso, reason: "出院日期不能早于入院日期 \(on.iso)")) }
            if out2 > filedOn { out.append(FieldProblem(field: "discharged_on", value: out2.iso, reason: "出院后才能申请")) }
            if totalCost.fen <= 0 { out.append(FieldProblem(field: "total_cost", value: totalCost.yuanString, reason: "请填写住院总费用")) }
            if insurancePaid.isNegative || insurancePaid > totalCost {
                out.append(FieldProblem(field: "insurance_paid", value: insurancePaid.yuanString, reason: "医保支付应在 0 与总费用之间"))
            }
        case .majorIllness:
            if !benefit.diagnoses.contains(diagnosis ?? "") {
                out.append(FieldProblem(field: "diagnosis", value: diagnosis ?? "", reason: "请从本计划列出的病种中选择"))
            }
        case .accidentalDisability:
            if !(1...10).contains(disabilityGrade ?? 0) {
                out.append(FieldProblem(field: "disability_grade", value: disabilityGrade.map(String.init) ?? "", reason: "伤残等级应为 1 至 10 级"))
            }
        case .accidentalDeath, .deathByIllness:
            break
        }
        return out
    }
}

/// A benefit computed for a claim, with the arithmetic shown line by line (核定金额及计算过程).
public struct MutualAidAssessment: Equatable, Codable, Sendable {
    public var amount: Money
    public var lines: [String]

    public init(amount: Money, lines: [String]) { self.amount = amount; self.lines = lines }

    /// The benefit for `event` under `benefit`, given what the member already received from it in
    /// the round (`paidThisRound`, approved or paid claims) and, for a major illness, whether the
    /// same diagnosis was already paid this round.
    public static func compute(_ event: MutualAidEvent, benefit: MutualAidBenefit, paidThisRound: Money, diagnosisAlreadyPaid: Bool = false) -> MutualAidAssessment {
        var lines: [String] = []
        var amount: Money
        switch benefit.rule {
        case .share(let bp, let deductible, let perEventCap):
            let own = max(Money.zero, event.totalCost - event.insurancePaid)
            lines.append("住院总费用 \(event.totalCost.groupedYuan) 元 − 医保统筹支付 \(event.insurancePaid.groupedYuan) 元 = 个人负担 \(own.groupedYuan) 元")
            let above = max(Money.zero, own - deductible)
            lines.append("个人负担超过起付线 \(deductible.groupedYuan) 元的部分：\(above.groupedYuan) 元")
            amount = Money(fen: (above.fen * Int64(bp) + 5_000) / 10_000)
            lines.append("\(above.groupedYuan) 元 × \(percent(bp)) = \(amount.groupedYuan) 元")
            if amount > perEventCap {
                amount = perEventCap
                lines.append("超过每次限额，按 \(perEventCap.groupedYuan) 元计")
            }
        case .fixed(let fixed, let grades):
            if event.kind == .accidentalDisability, let grade = event.disabilityGrade, (1...grades.count).contains(grade) {
                let share = grades[grade - 1]
                amount = Money(fen: fixed.fen * Int64(share) / 100)
                lines.append("\(benefit.title) \(fixed.groupedYuan) 元 × \(grade) 级伤残给付比例 \(share)% = \(amount.groupedYuan) 元")
            } else if event.kind == .majorIllness && diagnosisAlreadyPaid {
                amount = .zero
                lines.append("“\(event.diagnosis ?? "")”本轮已给付过，同一病种每轮给付一次")
            } else {
                amount = fixed
                lines.append("\(benefit.title)：定额 \(fixed.groupedYuan) 元" + (event.diagnosis.map { "（\($0)）" } ?? ""))
            }
        }
        let left = max(Money.zero, benefit.perRoundCap - paidThisRound)
        if amount > left {
            lines.append("本轮限额 \(benefit.perRoundCap.groupedYuan) 元，已给付 \(paidThisRound.groupedYuan) 元，尚余 \(left.groupedYuan) 元，按 \(left.groupedYuan) 元计")
            amount = left
        } else if !paidThisRound.isZero {
            lines.append("本轮限额 \(benefit.perRoundCap.groupedYuan) 元，已给付 \(paidThisRound.groupedYuan) 元，本次给付后尚余 \((left - amount).groupedYuan) 元")
        }
        lines.append("核定给付 \(amount.groupedYuan) 元")
        return MutualAidAssessment(amount: amount, lines: lines)
    }

    /// Basis points as a percentage ("50%", "62.5%").
    public static func percent(_ bp: Int) -> String {
        bp % 100 == 0 ? "\(bp / 100)%" : String(format: "%.2f", Double(bp) / 100).replacingOccurrences(of: "0+$", with: "", options: .regularExpression) + "%"
    }
}

/// The claim's other checks: filed in time after the event ended (the last day counts).
public enum MutualAidClaimRules {
    /// The last day to file, counted from discharge (or the event), the day itself not counted.
    public static func lastDayToFile(_ event: MutualAidEvent, terms: MutualAidTerms) -> CivilDate {
        event.endsOn.adding(days: terms.claimLimitDays)
    }

    /// Whether the plan's owner must approve the amount (above the threshold, not at it).
    public static func needsOwnerApproval(_ amount: Money, terms: MutualAidTerms) -> Bool { amount > terms.ownerApprovalAbove }

    /// The payout ratio (赔付率): benefits paid ÷ contributions received, four decimals; nil with
    /// nothing received.
    public static func payoutRatio(paid: Money, received: Money) -> String? {
        guard received.fen > 0 else { return nil }
        // Rounded half up at the fourth decimal, in integers.
        let tenThousandths = (paid.fen * 10_000 * 2 + received.fen) / (received.fen * 2)
        return String(format: "%d.%04d", tenThousandths / 10_000, tenThousandths % 10_000)
    }
}
