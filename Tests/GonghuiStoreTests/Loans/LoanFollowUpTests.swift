import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Following loans up: the bank's repayment file recorded all rows or none (every bad row named),
/// the write-off refused at 89 days overdue and made at 90 (the fund's loss, the quota freed, the
/// history kept), what a guarantor pays after, and the figures of a node against a model computed
/// from the schedules.
@Suite("Loans: repayments file, write-off, guarantor, figures")
struct LoanFollowUpTests {
    static func d(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }
    static let today = d("2026-12-07")

    struct Desk {
        let clerk: Actor, assessor: Actor, head: Actor
    }

    static func desk(_ t: TestStore) async throws -> Desk {
        try await SmallTree.build(t.store)
        return Desk(clerk: try await SmallTree.actor(t.store, org: "JA", username: "clerk-ja"),
                    assessor: try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "assessor-ja"),
                    head: try await SmallTree.actor(t.store, org: "JA", username: "head-ja"))
    }

    /// A loan for member `n` of JA01 taken through to the bank's lending on `lentOn`.
    static func lent(_ t: TestStore, _ desk: Desk, _ n: Int, yuan: Int64, jobs: Int, lentOn: CivilDate) async throws -> (Loan, [LoanInstalment]) {
        let member = try await LoanServiceTests.member(t, n, woman: false)
        var draft = try LoanServiceTests.draft(yuan)
        draft.jobsCreated = jobs
        let l = t.store.loans
        let loan = try await l.apply(memberID: member.id, draft, actor: desk.clerk, today: lentOn.adding(days: -20))
        _ = try await l.assess(loanID: loan.id, badCredit: false, feasibility: LoanServiceTests.feasible, officerName: "李跟踪", actor: desk.assessor, today: lentOn.adding(days: -15))
        _ = try await l.approve(loanID: loan.id, actor: desk.head, today: lentOn.adding(days: -10))
        let schedule = try await l.recordLending(loanID: loan.id, amount: Money(yuan: yuan), lentOn: lentOn, rateBasisPoints: 435, months: 24, method: .equalInstalments,
                                                 subsidyBasisPoints: 10_000, bankName: "邮储银行", actor: desk.head, today: today)
        return (try await l.loan(id: loan.id, actor: desk.head), schedule)
    }

    static func repaymentCount(_ t: TestStore) async throws -> Int {
        try await t.store.database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM loan_repayments").first()!.decode(column: "n", as: Int.self) }
    }

    @Test(arguments: Engines.all)
    func theBanksFileAllOrNothing(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let desk = try await Self.desk(t)
            let (a, schedule) = try await Self.lent(t, desk, 1, yuan: 50_000, jobs: 3, lentOn: Self.d("2026-01-10"))
            let l = t.store.loans
            func row(_ n: Int, _ loanNo: String, _ i: LoanInstalment, ref: String, name: String? = nil, principal: Money? = nil) -> LoanRepaymentRow {
                LoanRepaymentRow(row: n, loanNo: loanNo, name: name, paidOn: i.dueOn, principal: principal ?? i.principal, interest: .zero, reference: ref)
            }
            let bad = [row(2, a.loanNo, schedule[0], ref: "R1"), row(3, a.loanNo, schedule[1], ref: "R1"), row(4, "XD-2026-999999", schedule[1], ref: "R4"),
                       row(5, a.loanNo, schedule[1], ref: "R5", name: "别人"), row(6, a.loanNo, schedule[1], ref: "R6", principal: Money(yuan: 60_000))]
            do {
                _ = try await l.importRepayments(bad, fileName: "bad.csv", actor: desk.head)
                Issue.record("a file with bad rows was recorded")
            } catch StoreError.invalid(let problems) {
                #expect(problems.map(\.field) == ["第 3 行 流水号", "第 4 行 贷款编号", "第 5 行 姓名", "第 6 行"])
                #expect(problems.last?.reason.contains("超过贷款\(a.loanNo)尚欠本金") == true)
            }
            // Nothing of it kept: not even the good first row.
            #expect(try await Self.repaymentCount(t) == 0)
            #expect(try await l.loan(id: a.id, actor: desk.head).repaidPrincipal == .zero)
            let good = (0..<3).map { row($0 + 2, a.loanNo, schedule[$0], ref: "R\($0 + 1)", name: a.name) }
            let r = try await l.importRepayments(good, fileName: "good.csv", actor: desk.head)
            let paid = schedule.prefix(3).reduce(Money.zero) { $0 + $1.principal }
            #expect(r.count == 3 && r.principal == paid && r.closed == 0)
            #expect(try await l.loan(id: a.id, actor: desk.head).repaidPrincipal == paid)
            #expect(try await l.quota(countyCode: "JA", actor: desk.head).used == Money(yuan: 50_000) - paid)
            // The same file again: every row already recorded, nothing changes.
            await #expect(throws: StoreError.self) { _ = try await l.importRepayments(good, fileName: "good.csv", actor: desk.head) }
            #expect(try await Self.repaymentCount(t) == 3)
            // Another county's officer finds none of the loans.
            let other = try await SmallTree.actor(t.store, org: "XL", username: "head-xl")
            do {
                _ = try await l.importRepayments([row(2, a.loanNo, schedule[3], ref: "X1")], fileName: "x.csv", actor: other)
                Issue.record("another county recorded a repayment")
            } catch StoreError.invalid(let problems) {
                #expect(problems.map(\.field) == ["第 2 行 贷款编号"])
            }
        }
    }

    @Test(arguments: Engines.all)
    func writtenOffAtTheProvincesDaysAndRecoveredFromTheGuarantor(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let desk = try await Self.desk(t)
            // Lent 10 January 2026, nothing repaid: the first instalment fell due 10 February.
            let (b, _) = try await Self.lent(t, desk, 2, yuan: 50_000, jobs: 2, lentOn: Self.d("2026-01-10"))
            let l = t.store.loans
            #expect(try await l.overdue(loanID: b.id, actor: desk.head, today: Self.d("2026-05-10")).days == 89)
            do {
                _ = try await l.writeOff(loanID: b.id, on: Self.d("2026-05-10"), reason: "失联，担保基金已代偿", actor: desk.head, today: Self.today)
                Issue.record("written off at 89 days")
            } catch StoreError.invalid(let problems) {
                #expect(problems.first?.reason.hasPrefix("截至 2026-05-10 逾期 89 天，不足 90 天") == true)
            }
            // The clerk who recorded the loan never writes it off.
            await #expect(throws: StoreError.self) {
                _ = try await l.writeOff(loanID: b.id, on: Self.d("2026-05-11"), reason: "失联，担保基金已代偿", actor: desk.clerk, today: Self.today)
            }
            let off = try await l.writeOff(loanID: b.id, on: Self.d("2026-05-11"), reason: "失联，担保基金已代偿", actor: desk.head, today: Self.today)
            #expect(off.state == .writtenOff && off.writtenOff == Money(yuan: 50_000) && off.outstanding == .zero)
            #expect(try await l.quota(countyCode: "JA", actor: desk.head).used == .zero)
            // The schedule stays; a guarantor's payment is recorded as recovered, never beyond the loss.
            #expect(try await l.details(loanID: b.id, actor: desk.head).schedule.count == 24)
            await #expect(throws: StoreError.self) {
                _ = try await l.recoverFromGuarantor(loanID: b.id, guarantor: "不是担保人", paidOn: Self.d("2026-06-01"), principal: Money(yuan: 1), interest: .zero,
                                                     reference: "G0", actor: desk.head, today: Self.today)
            }
            let back = try await l.recoverFromGuarantor(loanID: b.id, guarantor: "钱担保", paidOn: Self.d("2026-06-01"), principal: Money(yuan: 10_000), interest: .zero,
                                                        reference: "G1", actor: desk.head, today: Self.today)
            #expect(back.recovered == Money(yuan: 10_000) && back.state == .writtenOff)
            await #expect(throws: StoreError.self) {
                _ = try await l.recoverFromGuarantor(loanID: b.id, guarantor: "钱担保", paidOn: Self.d("2026-06-02"), principal: Money(fen: 4_000_001), interest: .zero,
                                                     reference: "G2", actor: desk.head, today: Self.today)
            }
            let d = try await l.details(loanID: b.id, actor: desk.head)
            #expect(d.repayments.map(\.source) == [.guarantor] && d.repayments.first?.payer == "钱担保" && d.writeOffReason == "失联，担保基金已代偿")
        }
    }

    @Test(arguments: Engines.all)
    func figuresAgainstAModelOfTheSchedules(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let desk = try await Self.desk(t)
            let l = t.store.loans
            let (a, sa) = try await Self.lent(t, desk, 3, yuan: 50_000, jobs: 3, lentOn: Self.d("2026-01-10"))
            let (b, _) = try await Self.lent(t, desk, 4, yuan: 40_000, jobs: 2, lentOn: Self.d("2026-02-15"))
            let (c, sc) = try await Self.lent(t, desk, 5, yuan: 30_000, jobs: 1, lentOn: Self.d("2025-11-20"))
            // a: three instalments paid; b: nothing (written off in May); c: every instalment to the 6th.
            for i in sa.prefix(3) { try await l.recordRepayment(loanID: a.id, paidOn: i.dueOn, principal: i.principal, interest: .zero, reference: "A\(i.seq)", actor: desk.head) }
            for i in sc.prefix(6) { try await l.recordRepayment(loanID: c.id, paidOn: i.dueOn, principal: i.principal, interest: .zero, reference: "C\(i.seq)", actor: desk.head) }
            _ = try await l.writeOff(loanID: b.id, on: Self.d("2026-06-20"), reason: "担保基金已代偿", actor: desk.head, today: Self.today)

            for asOf in [Self.d("2026-04-01"), Self.d("2026-06-30")] {
                let f = try await l.figures(orgCode: "JA", year: 2026, asOf: asOf, actor: desk.head)
                // The model: each loan's principal owed and days overdue on the day, from its own schedule.
                var outstanding: Int64 = 0, loans = 0
                var byBucket: [String: Int64] = [:]
                for (loan, schedule, repaid, closedOn) in [(a, sa, Array(sa.prefix(3)), nil as CivilDate?), (c, sc, Array(sc.prefix(6)), nil),
                                                           (b, try await l.details(loanID: b.id, actor: desk.head).schedule, [], Self.d("2026-06-20"))] {
                    guard loan.lentOn! <= asOf, closedOn.map({ $0 > asOf }) ?? true else { continue }
                    let paidBy = repaid.filter { $0.dueOn <= asOf }.reduce(Money.zero) { $0 + $1.principal }
                    let owed = loan.lent! - paidBy
                    loans += 1; outstanding += owed.fen
                    let days = LoanOverdueBucket.daysOverdue(schedule, repaidPrincipal: paidBy, repaidInterest: .zero, today: asOf)
                    if let bucket = LoanOverdueBucket.of(days: days) { byBucket[bucket.rawValue, default: 0] += owed.fen }
                }
                let node = f.total
                #expect(node.grantedLoans == 2 && node.grantedFen == 9_000_000 && node.peopleHelped == 2 && node.jobsCreated == 5, "\(asOf.iso)")
                #expect(node.outstandingLoans == loans && node.outstandingFen == outstanding, "\(asOf.iso)")
                #expect(node.overdueFen == byBucket, "\(asOf.iso)")
                #expect(node.overdueRate == Rate.fourPlaces(Int(byBucket.values.reduce(0, +)), of: Int(outstanding)))
                #expect(node.writtenOffFen == (asOf >= Self.d("2026-06-20") ? 4_000_000 : 0) && node.quotaFen == 130_000_000)
                // Every loan is in JA01: its row is the node's; JA02 has none.
                #expect(f.rows.first { $0.orgCode == "JA01" }?.outstandingFen == outstanding)
                #expect(f.rows.first { $0.orgCode == "JA02" }?.outstandingLoans == 0)
            }
            // On 30 June b is gone (written off on the 20th), a is 51 days late (due 10 May) and c 10
            // days (its 7th instalment fell due on 20 June).
            let june = try await l.figures(orgCode: "JA", year: 2026, asOf: Self.d("2026-06-30"), actor: desk.head).total
            #expect(june.outstandingLoans == 2 && june.overdueLoans == ["31-90": 1, "1-30": 1])
        }
    }
}
