import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Loans in the store: an application checked by the rules (a woman's 80,000 and 80,000.01, one
/// open loan, guarantors' ID numbers sealed), the assessment refusing a project not feasible with
/// its reason, the approval by someone else, and a county's 1,300,000 quota never exceeded by a
/// hundred approvals at once of 26,000 each (fifty fit).
@Suite("Loans: application, assessment, approval against the county's quota")
struct LoanServiceTests {
    static func d(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }
    static let today = d("2026-12-07")

    static func draft(_ yuan: Int64, fen: Int64 = 0, partnership: String? = nil) throws -> LoanDraft {
        LoanDraft(basis: .registeredUnemployed, isGraduate: false, partnershipNo: partnership, projectKind: .catering, projectName: "社区早餐店",
                  operatingSince: d("2024-05-01"), jobsCreated: 3, amount: Money(fen: yuan * 100 + fen),
                  guarantors: [LoanGuarantor(name: "钱担保", idNumber: try IDNumber(idNumber("42010219750101" + "321")), idMasked: "", employer: "江岸区教育局",
                                             relation: "同事", amount: Money(fen: yuan * 100 + fen))])
    }

    static let feasible = LoanFeasibility(answers: [true, true, true, true, true], feasible: true, note: "", officer: "王评估")

    /// A member whose ID number's 17th digit makes them a woman (even) or a man (odd).
    static func member(_ t: TestStore, _ n: Int, woman: Bool) async throws -> Member {
        let seq = String(format: "%02d", n % 100) + (woman ? "2" : "1")
        return try await SmallTree.member(t.store, id: idNumber("4201021985" + String(format: "%04d", 101 + n / 100) + seq), name: "会员\(n)", org: "JA01")
    }

    @Test(arguments: Engines.all)
    func anApplicationAtTheCapAndItsAssessment(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let clerk = try await SmallTree.actor(t.store, org: "JA", username: "clerk-ja")
            let assessor = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "assessor-ja")
            let head = try await SmallTree.actor(t.store, org: "JA", username: "head-ja")
            let woman = try await Self.member(t, 1, woman: true)
            let l = t.store.loans
            await #expect(throws: StoreError.self) { _ = try await l.apply(memberID: woman.id, try Self.draft(80_000, fen: 1), actor: clerk, today: Self.today) }
            let loan = try await l.apply(memberID: woman.id, try Self.draft(80_000), actor: clerk, today: Self.today)
            #expect(loan.state == .applied && loan.amount == Money(yuan: 80_000) && loan.countyCode == "JA" && loan.loanNo.hasPrefix("XD-2026-"))
            // One open loan per person.
            do {
                _ = try await l.apply(memberID: woman.id, try Self.draft(1_000), actor: clerk, today: Self.today)
                Issue.record("a second open loan was accepted")
            } catch StoreError.invalid(let problems) {
                #expect(problems.map(\.reason) == ["已有一笔未结清的担保贷款，每人只能有一笔"])
            }
            // The guarantor's ID number is sealed, the masked form kept.
            let sealed = try await t.store.database.read { db in
                try await db.raw("SELECT id_enc, id_masked FROM loan_guarantors").first()!
            }
            let enc = try sealed.decode(column: "id_enc", as: String.self), masked = try sealed.decode(column: "id_masked", as: String.self)
            #expect(!enc.contains("4201021975") && masked.contains("*"))
            // Not approved before the assessment; the clerk who recorded it never approves it.
            await #expect(throws: StoreError.conflict(code: "loan_state", message: "贷款当前为“待评估”，不能审批")) { _ = try await l.approve(loanID: loan.id, actor: head) }
            _ = try await l.assess(loanID: loan.id, badCredit: false, feasibility: Self.feasible, officerName: "李跟踪", actor: assessor, today: Self.today)
            await #expect(throws: StoreError.self) { _ = try await l.approve(loanID: loan.id, actor: clerk, today: Self.today) }
            await #expect(throws: StoreError.self) { _ = try await l.approve(loanID: loan.id, actor: assessor, today: Self.today) }
            // Another county's officer: not found.
            let other = try await SmallTree.actor(t.store, org: "XL", username: "head-xl")
            await #expect(throws: StoreError.notFound(entity: "贷款", key: String(loan.id))) { _ = try await l.approve(loanID: loan.id, actor: other, today: Self.today) }
            let approved = try await l.approve(loanID: loan.id, actor: head, today: Self.today)
            #expect(approved.state == .approved && approved.approved == Money(yuan: 80_000))
            #expect(try await l.quota(countyCode: "JA", actor: head).used == Money(yuan: 80_000))

            // A project judged not feasible: refused, the reason on record, the quota untouched.
            let man = try await Self.member(t, 2, woman: false)
            let second = try await l.apply(memberID: man.id, try Self.draft(50_000), actor: clerk, today: Self.today)
            let no = LoanFeasibility(answers: [true, true, true, false, true], feasible: false, note: "月收入不足以覆盖还款", officer: "王评估")
            let refused = try await l.assess(loanID: second.id, badCredit: false, feasibility: no, officerName: "李跟踪", actor: assessor, today: Self.today)
            #expect(refused.state == .refused && refused.reason == "项目不具备财务可行性：月收入不足以覆盖还款")
            #expect(try await l.quota(countyCode: "JA", actor: head).used == Money(yuan: 80_000))
        }
    }

    /// A hundred approvals at once of 26,000 each against the county's 1,300,000: exactly fifty land.
    @Test(arguments: Engines.all)
    func hundredConcurrentApprovalsAgainstAQuotaForFifty(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let clerk = try await SmallTree.actor(t.store, org: "JA", username: "clerk-ja")
            let assessor = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "assessor-ja")
            let head = try await SmallTree.actor(t.store, org: "JA", username: "head-ja")
            var ids: [Int64] = []
            for n in 0..<100 {
                let m = try await Self.member(t, 10 + n, woman: n % 2 == 0)
                let loan = try await t.store.loans.apply(memberID: m.id, try Self.draft(26_000), actor: clerk, today: Self.today)
                _ = try await t.store.loans.assess(loanID: loan.id, badCredit: false, feasibility: Self.feasible, officerName: "李跟踪", actor: assessor, today: Self.today)
                ids.append(loan.id)
            }
            let loans = t.store.loans
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for id in ids {
                    group.addTask {
                        do { _ = try await loans.approve(loanID: id, actor: head, today: Self.today); return true } catch StoreError.conflict(let code, _, _) where code == "quota_exceeded" {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 50 && outcomes.filter { !$0 }.count == 50)
            let quota = try await loans.quota(countyCode: "JA", actor: head)
            #expect(quota.used == Money(yuan: 1_300_000) && quota.quota == Money(yuan: 1_300_000))
            #expect(try await loans.loans(state: .approved, actor: head).count == 50)
        }
    }

    /// Lent below what was approved (the rest freed), the schedule to the fen, repayments freeing
    /// the quota, days overdue on their boundary, a reference once only, closed when repaid.
    @Test(arguments: Engines.all)
    func lentRepaidAndOverdue(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await SmallTree.build(t.store)
            let clerk = try await SmallTree.actor(t.store, org: "JA", username: "clerk-ja")
            let assessor = try await SmallTree.actor(t.store, org: "JA", role: .reviewer, username: "assessor-ja")
            let head = try await SmallTree.actor(t.store, org: "JA", username: "head-ja")
            let l = t.store.loans
            let m = try await Self.member(t, 3, woman: false)
            let loan = try await l.apply(memberID: m.id, try Self.draft(50_000), actor: clerk, today: Self.d("2026-01-05"))
            _ = try await l.assess(loanID: loan.id, badCredit: false, feasibility: Self.feasible, officerName: "李跟踪", actor: assessor, today: Self.d("2026-01-06"))
            _ = try await l.approve(loanID: loan.id, actor: head, today: Self.d("2026-01-07"))
            await #expect(throws: StoreError.self) {
                _ = try await l.recordLending(loanID: loan.id, amount: Money(fen: 5_000_001), lentOn: Self.d("2026-01-15"), rateBasisPoints: 435, months: 12,
                                              method: .equalInstalments, subsidyBasisPoints: 10_000, bankName: "邮政储蓄银行", actor: head, today: Self.d("2026-01-15"))
            }
            let schedule = try await l.recordLending(loanID: loan.id, amount: Money(yuan: 48_000), lentOn: Self.d("2026-01-15"), rateBasisPoints: 435, months: 12,
                                                     method: .equalInstalments, subsidyBasisPoints: 10_000, bankName: "邮政储蓄银行", actor: head, today: Self.d("2026-01-15"))
            #expect(schedule.count == 12 && schedule.map(\.principal.fen).reduce(0, +) == 4_800_000 && schedule[0].dueOn == Self.d("2026-02-15"))
            #expect(try await l.quota(countyCode: "JA", actor: head).used == Money(yuan: 48_000))
            // The first instalment repaid; the second, due 15 March, not: overdue from the 16th.
            _ = try await l.recordRepayment(loanID: loan.id, paidOn: Self.d("2026-02-15"), principal: schedule[0].principal, interest: .zero, reference: "PSBC-0001", actor: head)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "reference", value: "PSBC-0001", reason: "流水号 PSBC-0001 已登记过")])) {
                _ = try await l.recordRepayment(loanID: loan.id, paidOn: Self.d("2026-02-15"), principal: schedule[0].principal, interest: .zero, reference: "PSBC-0001", actor: head)
            }
            #expect(try await l.overdue(loanID: loan.id, actor: head, today: Self.d("2026-03-15")).days == 0)
            #expect(try await l.overdue(loanID: loan.id, actor: head, today: Self.d("2026-03-16")).bucket == .days1to30)
            #expect(try await l.overdue(loanID: loan.id, actor: head, today: Self.d("2026-06-14")) == (91, .days91to180))
            #expect(try await l.quota(countyCode: "JA", actor: head).used == Money(yuan: 48_000) - schedule[0].principal)
            // The rest at once: closed, the quota free again.
            let rest = Money(yuan: 48_000) - schedule[0].principal
            let closed = try await l.recordRepayment(loanID: loan.id, paidOn: Self.d("2026-06-20"), principal: rest, interest: .zero, reference: "PSBC-0002", actor: head)
            #expect(closed.state == .closed && closed.outstanding.isZero)
            #expect(try await l.quota(countyCode: "JA", actor: head).used == .zero)
        }
    }
}
