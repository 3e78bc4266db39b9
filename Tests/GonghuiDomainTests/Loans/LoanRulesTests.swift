import Foundation
import GonghuiDomain
import Testing

/// The loan rules with the numbers of speech 4 (《湖北省工会会员小额担保贷款实施办法》): caps at their
/// edges, the partnership's total, a project's year, the schedule to the fen, overdue buckets on
/// their boundaries.
@Suite("Loans: caps, schedule, overdue")
struct LoanRulesTests {
    static func d(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }
    static let book = LoanPolicy.defaults
    static let today = d("2026-12-07")

    static func problems(_ b: LoanBorrower, _ fen: Int64, since: String = "2024-01-01", partners: Int64 = 0, badCredit: Bool = false, open: Bool = false) -> [FieldProblem] {
        LoanRules.problems(borrower: b, amount: Money(fen: fen), operatingSince: d(since), badCredit: badCredit, hasOpenLoan: open, partnersAmount: Money(fen: partners),
                           book: book, on: today)
    }

    @Test func capsAtTheirEdges() {
        let woman = LoanBorrower(isGraduate: false, isWoman: true, inPartnership: false)
        #expect(Self.problems(woman, 8_000_000).isEmpty)
        let over = Self.problems(woman, 8_000_001)
        #expect(over.count == 1 && over[0].field == "amount" && over[0].reason.hasPrefix("超过最高额度 80,000.00 元（妇女最高额度（元）"))
        let man = LoanBorrower(isGraduate: false, isWoman: false, inPartnership: false)
        #expect(Self.problems(man, 5_000_000).isEmpty && Self.problems(man, 5_000_001).count == 1)
        // A woman graduate has the graduate's 100,000.
        let graduate = LoanBorrower(isGraduate: true, isWoman: true, inPartnership: false)
        #expect(Self.problems(graduate, 10_000_000).isEmpty && Self.problems(graduate, 10_000_001).count == 1)
        #expect(LoanRules.cap(graduate, book: Self.book, on: Self.today).0 == Money(yuan: 100_000))
        // A woman in a partnership: 100,000 each, 500,000 for the whole partnership.
        let partner = LoanBorrower(isGraduate: false, isWoman: true, inPartnership: true)
        #expect(Self.problems(partner, 10_000_000, partners: 40_000_000).isEmpty)
        let beyond = Self.problems(partner, 10_000_000, partners: 40_000_001)
        #expect(beyond.map(\.reason) == ["合伙经营贷款总额 500,000.01 元超过 500,000.00 元（《湖北省工会会员小额担保贷款实施办法》（省总工会、省人社厅、省财政厅、人民银行武汉分行联合下发）：合伙经营和组织起来就业的，总额不超过 50 万元）"])
        // A province's own cap from a date.
        let raised = Self.book.merging([PolicyRule(key: LoanPolicy.capWoman, value: 90_000, effectiveFrom: Self.d("2026-07-01"), source: "本省通知")])
        #expect(LoanRules.cap(woman, book: raised, on: Self.d("2026-06-30")).0 == Money(yuan: 80_000))
        #expect(LoanRules.cap(woman, book: raised, on: Self.d("2026-07-01")).0 == Money(yuan: 90_000))
    }

    @Test func theProjectsYearCreditAndOneLoan() {
        let man = LoanBorrower(isGraduate: false, isWoman: false, inPartnership: false)
        // Operating since 7 December 2025: twelve months on 7 December 2026; a day later is short.
        #expect(Self.problems(man, 1_000_000, since: "2025-12-07").isEmpty)
        #expect(Self.problems(man, 1_000_000, since: "2025-12-08").map(\.field) == ["operating_since"])
        #expect(Self.problems(man, 1_000_000, badCredit: true, open: true).map(\.field) == ["credit", "member"])
    }

    @Test(arguments: [(5_000_000, 435, 24), (8_000_000, 475, 12), (10_000_000, 0, 36), (1_234_567, 600, 7)])
    func equalInstalmentsAddUpToThePrincipal(principal: Int64, bp: Int, months: Int) {
        let s = LoanSchedule.make(principal: Money(fen: principal), rateBasisPoints: bp, months: months, method: .equalInstalments, lentOn: Self.d("2026-01-31"),
                                  subsidyBasisPoints: 10_000)
        #expect(s.count == months && s.map(\.principal.fen).reduce(0, +) == principal)
        #expect(s.map(\.dueOn) == (1...months).map { Self.d("2026-01-31").adding(months: $0) })
        // Equal payments but the last (which takes the rounding), each within a fen or two.
        let payments = s.dropLast().map { $0.principal.fen + $0.interest.fen }
        #expect(Set(payments).count <= 2 && (payments.max() ?? 0) - (payments.min() ?? 0) <= 1)
        // Fully subsidised: the borrower pays the principal only.
        #expect(s.allSatisfy { $0.subsidy == $0.interest })
    }

    /// 50,000 at 4.35% over 24 months: 2,179.04 a month, as a bank's loan calculator gives it (first month's
    /// interest 181.25).
    @Test func equalInstalmentsAgainstTheBanksFigures() {
        let s = LoanSchedule.make(principal: Money(yuan: 50_000), rateBasisPoints: 435, months: 24, method: .equalInstalments, lentOn: Self.d("2026-03-15"),
                                  subsidyBasisPoints: 5_000)
        #expect(s[0].interest == Money(fen: 18_125) && s[0].principal + s[0].interest == Money(fen: 217_904))
        #expect(s[0].subsidy == Money(fen: 9_063) && s[0].borrowerPays == Money(fen: 217_904 - 9_063))
    }

    @Test func interestOnlyPaysThePrincipalAtTheEnd() {
        let s = LoanSchedule.make(principal: Money(yuan: 80_000), rateBasisPoints: 435, months: 12, method: .interestOnly, lentOn: Self.d("2026-01-10"), subsidyBasisPoints: 0)
        #expect(s.dropLast().allSatisfy { $0.principal.isZero && $0.interest == Money(fen: 29_000) })
        #expect(s.last?.principal == Money(yuan: 80_000) && s.map(\.principal.fen).reduce(0, +) == 8_000_000)
    }

    @Test(arguments: [(0, nil), (1, LoanOverdueBucket.days1to30), (30, .days1to30), (31, .days31to90), (90, .days31to90), (91, .days91to180),
                      (180, .days91to180), (181, .over180)] as [(Int, LoanOverdueBucket?)])
    func bucketsOnTheirBoundaries(days: Int, bucket: LoanOverdueBucket?) {
        #expect(LoanOverdueBucket.of(days: days) == bucket)
    }

    @Test func daysOverdueCountFromTheFirstInstalmentNotRepaid() {
        let s = LoanSchedule.make(principal: Money(yuan: 12_000), rateBasisPoints: 0, months: 12, method: .equalInstalments, lentOn: Self.d("2026-01-15"), subsidyBasisPoints: 0)
        // Two instalments repaid (2,000); the third, due 15 April, unpaid.
        #expect(LoanOverdueBucket.daysOverdue(s, repaidPrincipal: Money(yuan: 2_000), repaidInterest: .zero, today: Self.d("2026-04-15")) == 0)
        #expect(LoanOverdueBucket.daysOverdue(s, repaidPrincipal: Money(yuan: 2_000), repaidInterest: .zero, today: Self.d("2026-04-16")) == 1)
        #expect(LoanOverdueBucket.daysOverdue(s, repaidPrincipal: Money(yuan: 2_999), repaidInterest: .zero, today: Self.d("2026-05-16")) == 31)
        #expect(LoanOverdueBucket.daysOverdue(s, repaidPrincipal: Money(yuan: 12_000), repaidInterest: .zero, today: Self.d("2027-06-01")) == 0)
    }
}
