import Foundation
@testable import GonghuiDomain
import Testing

/// Medical mutual aid's rules at their edges, with the example plan's own numbers: the last day of
/// the waiting period, a stay across the round's end, the round's cap reached exactly, the claim
/// time limit's last day, leaving the union, the owner's approval threshold, and the payout ratio
/// the source material reports for the Wuhan area.
@Suite("Mutual aid rules")
struct MutualAidRulesTests {
    static func d(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }
    static let round = MutualAidRound(id: 1, planID: 1, name: "2026 年度", startsOn: d("2026-01-01"), endsOn: d("2026-12-31"),
                                      enrollmentOpens: d("2025-12-01"), enrollmentCloses: d("2026-06-30"),
                                      terms: MutualAidRound.exampleTerms(source: "武汉市总工会职工医疗互助办法（武工发〔2025〕1号）"))
    static var stay: MutualAidBenefit { round.terms.benefits.first { $0.code == "stay" }! }

    @Test func coverStartsAfterTheLastDayOfTheWaitingPeriodOncePaid() {
        let e = MutualAidEnrollment(enrolledOn: Self.d("2026-01-10"), paidOn: Self.d("2026-01-20"), renewal: false)
        // 90 days after 10 January (not counted): the waiting period's last day is 10 April.
        #expect(MutualAidCover.waitingEnds(e, terms: Self.round.terms) == Self.d("2026-04-10"))
        #expect(MutualAidCover.from(e, round: Self.round) == Self.d("2026-04-11"))
        #expect(MutualAidCover.problem(e, round: Self.round, event: .hospitalStay, on: Self.d("2026-04-10"))
                == "事发日 2026-04-10 在等待期内（2026-01-10 参保，等待期 90 天至 2026-04-10）")
        #expect(MutualAidCover.problem(e, round: Self.round, event: .hospitalStay, on: Self.d("2026-04-11")) == nil)
        // A renewal has no waiting period; an unpaid unit's member is not covered; paid late, cover starts on the day received.
        #expect(MutualAidCover.from(MutualAidEnrollment(enrolledOn: Self.d("2025-12-15"), paidOn: Self.d("2025-12-20"), renewal: true), round: Self.round) == Self.d("2026-01-01"))
        #expect(MutualAidCover.problem(MutualAidEnrollment(enrolledOn: Self.d("2026-01-10"), paidOn: nil, renewal: false), round: Self.round, event: .majorIllness,
                                       on: Self.d("2026-08-01")) == "所在单位的本轮互助金尚未到账，保障尚未开始")
        #expect(MutualAidCover.from(MutualAidEnrollment(enrolledOn: Self.d("2025-12-15"), paidOn: Self.d("2026-02-03"), renewal: true), round: Self.round) == Self.d("2026-02-03"))
        #expect(MutualAidCover.problem(nil, round: Self.round, event: .hospitalStay, on: Self.d("2026-05-01")) == "事发时未参加本轮互助")
    }

    @Test func leavingTheUnionEndsCoverTheDayBeforeAndDeathCoversItsOwnDay() {
        let withdrawn = MutualAidEnrollment(enrolledOn: Self.d("2025-12-15"), paidOn: Self.d("2025-12-20"), renewal: true, exit: (.withdrawn, Self.d("2026-06-01")))
        #expect(MutualAidCover.problem(withdrawn, round: Self.round, event: .hospitalStay, on: Self.d("2026-05-31")) == nil)
        #expect(MutualAidCover.problem(withdrawn, round: Self.round, event: .hospitalStay, on: Self.d("2026-06-01")) == "事发日 2026-06-01 不在保障期内：会员已于 2026-06-01 退会")
        let deceased = MutualAidEnrollment(enrolledOn: Self.d("2025-12-15"), paidOn: Self.d("2025-12-20"), renewal: true, exit: (.deceased, Self.d("2026-06-01")))
        #expect(MutualAidCover.problem(deceased, round: Self.round, event: .deathByIllness, on: Self.d("2026-06-01")) == nil)
        #expect(MutualAidCover.problem(deceased, round: Self.round, event: .hospitalStay, on: Self.d("2026-06-01")) != nil)
    }

    @Test func aStayAcrossTheRoundsEndBelongsToTheRoundItBeganIn() {
        let e = MutualAidEnrollment(enrolledOn: Self.d("2025-12-15"), paidOn: Self.d("2025-12-20"), renewal: true)
        let stay = MutualAidEvent(kind: .hospitalStay, on: Self.d("2026-12-28"), dischargedOn: Self.d("2027-01-05"), totalCost: Money(yuan: 12_000), insurancePaid: Money(yuan: 7_000))
        #expect(MutualAidCover.problem(e, round: Self.round, event: .hospitalStay, on: stay.on) == nil)
        #expect(stay.problems(benefit: Self.stay, filedOn: Self.d("2027-01-06")).isEmpty)
        // 90 days from discharge (not counted): the last day to file is 5 April 2027.
        #expect(MutualAidClaimRules.lastDayToFile(stay, terms: Self.round.terms) == Self.d("2027-04-05"))
        let next = MutualAidEvent(kind: .hospitalStay, on: Self.d("2027-01-05"), dischargedOn: Self.d("2027-01-09"), totalCost: Money(yuan: 100))
        #expect(stay.overlaps(next) && !stay.overlaps(MutualAidEvent(kind: .hospitalStay, on: Self.d("2027-01-06"), dischargedOn: Self.d("2027-01-07"))))
    }

    @Test func theArithmeticIsShownAndTheRoundsCapIsReachedExactly() {
        let stay = MutualAidEvent(kind: .hospitalStay, on: Self.d("2026-03-01"), dischargedOn: Self.d("2026-03-10"), totalCost: Money(yuan: 12_000), insurancePaid: Money(yuan: 7_000))
        let first = MutualAidAssessment.compute(stay, benefit: Self.stay, paidThisRound: .zero)
        #expect(first.amount == Money(yuan: 2_000))
        #expect(first.lines == ["住院总费用 12,000.00 元 − 医保统筹支付 7,000.00 元 = 个人负担 5,000.00 元", "个人负担超过起付线 1,000.00 元的部分：4,000.00 元",
                                "4,000.00 元 × 50% = 2,000.00 元", "核定给付 2,000.00 元"])
        // 18,000 already received of the 20,000 cap: 2,000 exactly reaches it; at 18,500, 1,500 is what is left.
        #expect(MutualAidAssessment.compute(stay, benefit: Self.stay, paidThisRound: Money(yuan: 18_000)).amount == Money(yuan: 2_000))
        #expect(MutualAidAssessment.compute(stay, benefit: Self.stay, paidThisRound: Money(yuan: 18_000)).lines.contains("本轮限额 20,000.00 元，已给付 18,000.00 元，本次给付后尚余 0.00 元"))
        let capped = MutualAidAssessment.compute(stay, benefit: Self.stay, paidThisRound: Money(yuan: 18_500))
        #expect(capped.amount == Money(yuan: 1_500) && capped.lines.contains("本轮限额 20,000.00 元，已给付 18,500.00 元，尚余 1,500.00 元，按 1,500.00 元计"))
        // A long stay: half of 19,000 above the deductible is 9,500, cut to the 5,000 a stay.
        let long = MutualAidEvent(kind: .hospitalStay, on: Self.d("2026-04-01"), dischargedOn: Self.d("2026-05-01"), totalCost: Money(yuan: 30_000), insurancePaid: Money(yuan: 10_000))
        #expect(MutualAidAssessment.compute(long, benefit: Self.stay, paidThisRound: .zero).amount == Money(yuan: 5_000))
        // Disability by grade; a major illness once per diagnosis a round.
        let disability = Self.round.terms.benefits.first { $0.code == "disability" }!
        #expect(MutualAidAssessment.compute(MutualAidEvent(kind: .accidentalDisability, on: Self.d("2026-05-01"), disabilityGrade: 3), benefit: disability,
                                            paidThisRound: .zero).amount == Money(yuan: 24_000))
        let illness = Self.round.terms.benefits.first { $0.code == "illness" }!
        let cancer = MutualAidEvent(kind: .majorIllness, on: Self.d("2026-05-01"), diagnosis: "恶性肿瘤")
        #expect(MutualAidAssessment.compute(cancer, benefit: illness, paidThisRound: .zero).amount == Money(yuan: 20_000))
        #expect(MutualAidAssessment.compute(cancer, benefit: illness, paidThisRound: .zero, diagnosisAlreadyPaid: true).amount == .zero)
        #expect(MutualAidEvent(kind: .majorIllness, on: Self.d("2026-05-01"), diagnosis: "感冒").problems(benefit: illness, filedOn: Self.d("2026-05-02"))
                == [FieldProblem(field: "diagnosis", value: "感冒", reason: "请从本计划列出的病种中选择")])
    }

    @Test func theOwnersApprovalAndThePayoutRatio() {
        #expect(!MutualAidClaimRules.needsOwnerApproval(Money(yuan: 10_000), terms: Self.round.terms))
        #expect(MutualAidClaimRules.needsOwnerApproval(Money(fen: 1_000_001), terms: Self.round.terms))
        // The Wuhan area paid 16.256 million yuan, 61.6% of what it raised (26,389,610 yuan).
        #expect(MutualAidClaimRules.payoutRatio(paid: Money(yuan: 16_256_000), received: Money(yuan: 26_389_610)) == "0.6160")
        #expect(MutualAidClaimRules.payoutRatio(paid: Money(yuan: 2), received: Money(yuan: 3)) == "0.6667")
        #expect(MutualAidClaimRules.payoutRatio(paid: .zero, received: .zero) == nil)
    }

    @Test func termsAndRoundsNameWhatIsWrong() {
        #expect(Self.round.problems().isEmpty)
        var bad = Self.round
        bad.endsOn = Self.d("2025-12-31")
        bad.terms.waitingDays = -1
        bad.terms.benefits.append(MutualAidBenefit(code: "stay", title: "重复", event: .majorIllness, rule: .share(basisPoints: 0, deductible: .zero, perEventCap: .zero),
                                                   perRoundCap: .zero))
        let fields = bad.problems().map(\.field)
        #expect(fields.contains("ends_on") && fields.contains("waiting_days") && fields.filter { $0 == "benefits[5]" }.count == 6)
    }
}
