import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Assistance programs in the store: budgets down the tree, the rules deciding amounts, one
/// grant per person per cycle, approvals that never overspend, and payment to the fen.
@Suite("Assistance programs")
struct AssistanceServiceTests {
    static let start = CivilDate.today().adding(days: -10)
    static let end = CivilDate.today().adding(days: 60)

    /// A filed archive for a member: built, noticed, re-checked and approved on past dates.
    static func filedArchive(_ store: Store, member: Member, income: String, size: Int = 3) async throws -> HardshipArchive {
        let applied = CivilDate.today().adding(days: -40)
        let details = try HardshipServiceTests.details(region: "420502", income: income, size: size)
        var a = try await store.hardship.build(try HardshipServiceTests.draft(member: member.id, appliedOn: applied, details: details), actor: system, today: applied)
        for (i, step) in [HardshipArchiveAction.submitForNotice, .endNotice, .passRecheck, .approve].enumerated() {
            a = try await store.hardship.act(id: a.id, step, actor: system, today: applied.adding(days: [1, 7, 8, 9][i]))
        }
        return a
    }

    @Test(arguments: Engines.all)
    func budgetsGoDownTheTreeAndNeverBeyondWhatIsLeft(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await HardshipServiceTests.setUp(t.store)
        let a = t.store.assistance
        _ = try await a.createProgram(code: "SNW", name: "送温暖", kind: .warmth, actor: system)
        let province = try await SmallTree.actor(t.store, org: "HB")
        let city = try await SmallTree.actor(t.store, org: "YC")
        let county = try await SmallTree.actor(t.store, org: "XL")
        // A city cannot open a province's program cycle for others; the province can.
        let cycle = try await a.openCycle(programCode: "SNW", name: "2027年春节送温暖", startsOn: Self.start, endsOn: Self.end, rules: nil, budget: Money(yuan: 10_000), actor: province)
        #expect(cycle.rules == GrantRules.preset(.warmth) && cycle.ownerOrgCode == "HB")
        _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "YC", amount: Money(yuan: 6_000), actor: province)
        // The city has 6,000: 7,000 for its county is refused, and nothing moves.
        do {
            _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "XL", amount: Money(yuan: 7_000), actor: city)
            Issue.record("a city gave more than it holds")
        } catch let e as StoreError { #expect(e.code == "budget_exceeded" && e.message.contains("6000.00")) }
        _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "XL", amount: Money(fen: 450_050), actor: city)
        // Only to its own direct children.
        await #expect(throws: StoreError.self) { _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "XL01", amount: Money(yuan: 1), actor: city) }
        await #expect(throws: StoreError.self) { _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "JA", amount: Money(yuan: 1), actor: county) }
        let budgets = try await a.budgets(cycleID: cycle.id, actor: system)
        let by = Dictionary(uniqueKeysWithValues: budgets.map { ($0.orgCode, $0) })
        #expect(by["HB"]?.left == Money(yuan: 4_000) && by["YC"]?.left == Money(fen: 149_950) && by["XL"]?.left == Money(fen: 450_050))
        // A county officer sees its own budget, not the province's.
        #expect(try await a.budgets(cycleID: cycle.id, actor: county).map(\.orgCode) == ["XL"])
        }
    }

    @Test(arguments: Engines.all)
    func theRulesDecideTheAmountAndOnePersonGetsOneGrant(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await HardshipServiceTests.setUp(t.store)
        let a = t.store.assistance
        _ = try await a.createProgram(code: "SNW", name: "送温暖", kind: .warmth, actor: system)
        let cycle = try await a.openCycle(programCode: "SNW", name: "2027年春节送温暖", startsOn: Self.start, endsOn: Self.end, rules: nil, budget: Money(yuan: 10_000), ownerOrgCode: "HB", actor: system)
        let deep = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
        let relative = try await SmallTree.member(t.store, id: idNumber("42050219810101123"), name: "李强", org: "XL01")
        let none = try await SmallTree.member(t.store, id: idNumber("42050219820101123"), name: "赵敏", org: "XL02")
        _ = try await Self.filedArchive(t.store, member: deep, income: "20000")
        _ = try await Self.filedArchive(t.store, member: relative, income: "40000")
        let union = try await SmallTree.actor(t.store, org: "XL01")
        let g1 = try await a.apply(cycleID: cycle.id, memberID: deep.id, declaration: .init(), actor: union)
        #expect(g1.amount == Money(yuan: 2000) && g1.ruleName == "深度困难职工" && g1.state == .submitted && g1.bankAccountMasked.hasSuffix("0123"))
        // The worker applies in the portal.
        let g2 = try await a.apply(cycleID: cycle.id, memberID: relative.id, declaration: .init(), actor: nil, worker: "李强")
        #expect(g2.amount == Money(yuan: 1000) && g2.channel == "portal")
        #expect(g2.explanation.first?.contains("不适用") == true && g2.explanation.last?.contains("相对困难职工") == true)
        // No archive: refused, saying why for each rule.
        do {
            _ = try await a.apply(cycleID: cycle.id, memberID: none.id, declaration: .init(), actor: system)
            Issue.record("a worker without an archive got 送温暖")
        } catch StoreError.invalid(let problems) {
            #expect(problems.first?.reason.contains("困难职工档案在档：否") == true)
        }
        // One grant per person per cycle.
        do {
            _ = try await a.apply(cycleID: cycle.id, memberID: deep.id, declaration: .init(), actor: nil)
            Issue.record("a second grant in the cycle")
        } catch let e as StoreError { #expect(e.code == "duplicate_grant") }
        // Once rejected, the person may apply again.
        let county = try await SmallTree.actor(t.store, org: "XL", role: .reviewer)
        await #expect(throws: StoreError.self) { _ = try await a.decide(grantID: g1.id, .reject(reason: " "), actor: county) }
        _ = try await a.decide(grantID: g1.id, .reject(reason: "银行卡已注销，请更新档案中的账户"), actor: county)
        let again = try await a.apply(cycleID: cycle.id, memberID: deep.id, declaration: .init(), actor: union)
        #expect(again.state == .submitted)
        // The worker may take an application back before approval, and apply again; nobody else can.
        do {
            _ = try await a.withdraw(grantID: again.id, memberID: relative.id, worker: "李强")
            Issue.record("someone withdrew another person's application")
        } catch let e as StoreError { #expect(e.code == "not_found") }
        let withdrawn = try await a.withdraw(grantID: again.id, memberID: deep.id, worker: "王芳")
        #expect(withdrawn.state == .withdrawn)
        await #expect(throws: StoreError.self) { _ = try await a.decide(grantID: again.id, .review, actor: county) }
        let third = try await a.apply(cycleID: cycle.id, memberID: deep.id, declaration: .init(), actor: nil)
        _ = try await a.decide(grantID: third.id, .review, actor: county)
        _ = try await a.decide(grantID: third.id, .approve, actor: system)
        do {
            _ = try await a.withdraw(grantID: third.id, memberID: deep.id, worker: "王芳")
            Issue.record("an approved grant was withdrawn")
        } catch let e as StoreError { #expect(e.code == "grant_state") }
        // A county's own cycle takes no one from outside the county: no one could approve it.
        let countyCycle = try await a.openCycle(programCode: "SNW", name: "西陵区临时送温暖", startsOn: Self.start, endsOn: Self.end, rules: nil,
                                                budget: Money(yuan: 1_000), ownerOrgCode: "XL", actor: system)
        let outsider = try await SmallTree.member(t.store, id: idNumber("42010219830101123"), name: "钱进", org: "JA01")
        do {
            _ = try await a.apply(cycleID: countyCycle.id, memberID: outsider.id, declaration: .init(), actor: nil)
            Issue.record("a member of another county applied to a county's cycle")
        } catch let e as StoreError { #expect(e.code == "outside_cycle") }
        // Another city does not see these grants.
        let yichangOnly = try await SmallTree.actor(t.store, org: "JA")
        #expect(try await a.grants(cycleID: cycle.id, actor: yichangOnly).isEmpty)
        #expect(try await a.grants(cycleID: cycle.id, actor: county).count == 4)
        }
    }

    @Test(arguments: Engines.all)
    func hundredConcurrentApprovalsAgainstFiftyLeaveExactlyFifty(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await HardshipServiceTests.setUp(t.store)
        let a = t.store.assistance
        _ = try await a.createProgram(code: "XSQL", name: "夏送清凉", kind: .summerCool, actor: system)
        // 200 yuan each: 10,000 yuan covers 50.
        let cycle = try await a.openCycle(programCode: "XSQL", name: "2027年夏送清凉", startsOn: Self.start, endsOn: Self.end, rules: nil, budget: Money(yuan: 20_000), ownerOrgCode: "HB", actor: system)
        _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "YC", amount: Money(yuan: 10_000), actor: system)
        let city = try await SmallTree.actor(t.store, org: "YC", role: .reviewer)
        var grants: [Grant] = []
        for i in 0..<100 {
            let m = try await SmallTree.member(t.store, id: idNumber("420502199001" + String(format: "%02d", i % 28 + 1) + String(format: "%03d", i)), name: "户外\(i)", org: i % 2 == 0 ? "XL01" : "XL02", phone: nil)
            let g = try await a.apply(cycleID: cycle.id, memberID: m.id, declaration: .init(outdoorWorker: true, bankName: "湖北农信", bankAccount: try BankAccountNumber("6228480000000\(String(format: "%03d", i))")), actor: system)
            grants.append(try await a.decide(grantID: g.id, .review, actor: system))
        }
        let outcomes = await withTaskGroup(of: String.self) { group in
            for g in grants {
                group.addTask {
                    do { _ = try await a.decide(grantID: g.id, .approve, actor: city); return "approved" } catch let e as StoreError { return e.code } catch { return "\(error)" }
                }
            }
            return await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        }
        #expect(outcomes == ["approved": 50, "budget_exceeded": 50])
        let yc = try #require(try await a.budgets(cycleID: cycle.id, actor: system).first { $0.orgCode == "YC" })
        #expect(yc.reserved == Money(yuan: 10_000) && yc.left == .zero)
        #expect(try await a.grants(cycleID: cycle.id, state: .approved, actor: system).count == 50)
        }
    }

    @Test("who recorded or reviewed a grant does not approve it; the budget is untouched by the refusal; the province may lift the rule from a date",
          arguments: Engines.all)
    func dutiesKeptApart(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await HardshipServiceTests.setUp(t.store)
            let a = t.store.assistance
            _ = try await a.createProgram(code: "SNW", name: "送温暖", kind: .warmth, actor: system)
            let cycle = try await a.openCycle(programCode: "SNW", name: "2027年春节送温暖", startsOn: Self.start, endsOn: Self.end, rules: nil,
                                              budget: Money(yuan: 100_000), ownerOrgCode: "HB", actor: system)
            _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "YC", amount: Money(yuan: 50_000), actor: system)
            _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "XL", amount: Money(yuan: 20_000), actor: system)
            let first = try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01")
            let second = try await SmallTree.member(t.store, id: idNumber("42050219810101123"), name: "李强", org: "XL02")
            for m in [first, second] { _ = try await Self.filedArchive(t.store, member: m, income: "20000") }
            let clerk = try await SmallTree.actor(t.store, org: "XL", username: "clerk-XL")
            let reviewer = try await SmallTree.actor(t.store, org: "XL", role: .reviewer, username: "reviewer-XL")
            let head = try await SmallTree.actor(t.store, org: "XL", username: "head-XL")
            #expect(try await a.dutiesSeparated())

            // Recorded and reviewed by the clerk: the clerk may not approve it; nothing is reserved.
            let g1 = try await a.apply(cycleID: cycle.id, memberID: first.id, declaration: .init(), actor: clerk)
            #expect(g1.recordedBy == "clerk-XL")
            _ = try await a.decide(grantID: g1.id, .review, actor: clerk)
            await #expect(throws: StoreError.conflict(code: "duties_separated",
                                                      message: "您登记了这笔帮扶申请，按职责分离的规定（不相容岗位相互分离）不能再由您批准，请由另一位有审批权限的人员批准")) {
                _ = try await a.decide(grantID: g1.id, .approve, actor: clerk)
            }
            #expect(try await a.budgets(cycleID: cycle.id, actor: head).first { $0.orgCode == "XL" }?.reserved == .zero)
            #expect(try await a.grant(id: g1.id, actor: head).state == .reviewed)
            let approved = try await a.decide(grantID: g1.id, .approve, actor: head)
            #expect(approved.state == .approved)

            // The worker's own application, reviewed by the reviewer: the reviewer may not approve it.
            let g2 = try await a.apply(cycleID: cycle.id, memberID: second.id, declaration: .init(), actor: nil, worker: "李强")
            #expect(g2.recordedBy == nil)
            let reviewed = try await a.decide(grantID: g2.id, .review, actor: reviewer)
            #expect(reviewed.reviewedBy == "reviewer-XL" && reviewed.approvalRefusal(for: "reviewer-XL")?.hasPrefix("您审核了这笔帮扶申请") == true)
            await #expect(throws: StoreError.self) { _ = try await a.decide(grantID: g2.id, .approve, actor: reviewer) }

            // Only the province may lift the rule; once lifted from today, the reviewer may approve.
            let lift = PolicyRule(key: DutySeparation.key, value: 0, effectiveFrom: .today(), source: "本省工会财务管理办法第八条（示例）")
            await #expect(throws: StoreError.forbidden("只有省总工会可以维护政策参数")) { try await t.store.disputes.setPolicyRule(lift, actor: head) }
            try await t.store.disputes.setPolicyRule(lift, actor: try await SmallTree.actor(t.store, org: "HB"))
            #expect(try await a.dutiesSeparated() == false)
            #expect(try await a.decide(grantID: g2.id, .approve, actor: reviewer).state == .approved)
            // A system job is never held to it, and the rule held until the day it was lifted.
            #expect(try await a.dutiesSeparated(today: CivilDate.today().adding(days: -1)))
        }
    }

    @Test(arguments: Engines.all)
    func paymentFromBatchToBankResultToTheFen(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
        try await HardshipServiceTests.setUp(t.store)
        let a = t.store.assistance
        _ = try await a.createProgram(code: "SNW", name: "送温暖", kind: .warmth, actor: system)
        let cycle = try await a.openCycle(programCode: "SNW", name: "2027年春节送温暖", startsOn: Self.start, endsOn: Self.end, rules: nil, budget: Money(yuan: 100_000), ownerOrgCode: "HB", actor: system)
        _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "YC", amount: Money(yuan: 50_000), actor: system)
        _ = try await a.allocate(cycleID: cycle.id, toOrgCode: "XL", amount: Money(yuan: 20_000), actor: system)
        let members = [try await SmallTree.member(t.store, id: idNumber("42050219800101123"), name: "王芳", org: "XL01"),
                       try await SmallTree.member(t.store, id: idNumber("42050219810101123"), name: "李强", org: "XL02"),
                       try await SmallTree.member(t.store, id: idNumber("42050219820101123"), name: "赵敏", org: "XL02")]
        for (m, income) in zip(members, ["20000", "40000", "21000"]) { _ = try await Self.filedArchive(t.store, member: m, income: income) }
        let county = try await SmallTree.actor(t.store, org: "XL", role: .reviewer)
        // The union generates the applications for every filed archive in its subtree.
        let made = try await a.generate(cycleID: cycle.id, orgCode: "XL", actor: try await SmallTree.actor(t.store, org: "XL", username: "clerk-XL"))
        #expect(made.made == 3 && made.skipped == 0)
        let rerun = try await a.generate(cycleID: cycle.id, orgCode: "XL", actor: system)
        #expect(rerun.made == 0 && rerun.skipped == 3)
        let reviewer = try await SmallTree.actor(t.store, org: "XL", role: .reviewer, username: "reviewer-XL")
        for g in try await a.grants(cycleID: cycle.id, actor: county) {
            _ = try await a.decide(grantID: g.id, .review, actor: reviewer)
            _ = try await a.decide(grantID: g.id, .approve, actor: county)
        }
        let batch = try await a.createBatch(cycleID: cycle.id, actor: county)
        #expect(batch.lineCount == 3 && batch.total == Money(yuan: 5_000))
        // Duties kept apart: the batch waits for someone other than its maker to approve it, and
        // its file does not leave before.
        #expect(batch.state == "open" && batch.createdByUser == county.username)
        await #expect(throws: StoreError.self) { _ = try await a.exportBatch(id: batch.id, actor: county) }
        do {
            _ = try await a.approveBatch(id: batch.id, actor: county)
            Issue.record("the maker approved their own batch")
        } catch let e as StoreError { #expect(e.code == "duties_separated") }
        let head = try await SmallTree.actor(t.store, org: "XL", username: "head-XL")
        let approvedBatch = try await a.approveBatch(id: batch.id, actor: head)
        #expect(approvedBatch.state == "approved" && approvedBatch.approvedBy == head.displayName)
        let (_, lines) = try await a.exportBatch(id: batch.id, actor: county)
        #expect(lines.map(\.amount).sum() == batch.total && lines.allSatisfy { $0.account.count == 19 })
        // A reference from nowhere: refused whole, nothing recorded.
        do {
            _ = try await a.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: true), BankResult(row: 3, reference: "GH-NOPE", paid: true)], actor: county)
            Issue.record("an unknown reference was accepted")
        } catch StoreError.invalid(let problems) { #expect(problems.map(\.field) == ["第 3 行"]) }
        #expect(try await a.grants(cycleID: cycle.id, state: .paid, actor: county).isEmpty)
        // The bank's date is the payment's date; a date in the future is refused.
        await #expect(throws: StoreError.self) {
            _ = try await a.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: true, on: CivilDate.today().adding(days: 1))], actor: county)
        }
        let recorded = try await a.recordBankResults(batchID: batch.id, [
            BankResult(row: 2, reference: lines[0].reference, paid: true, on: CivilDate.today().adding(days: -1)), BankResult(row: 3, reference: lines[1].reference, paid: true),
            BankResult(row: 4, reference: lines[2].reference, paid: false, reason: "账户已销户"),
        ], fileName: "回单.csv", actor: county)
        // Recorded, not applied: another officer confirms the results; their recorder may not.
        #expect(recorded.awaitingConfirmation && recorded.paid == 2 && recorded.failed == 1 && !recorded.batchReconciled)
        #expect(try await a.grants(cycleID: cycle.id, state: .paid, actor: county).isEmpty)
        #expect(try await a.batch(id: batch.id, actor: head).pendingResults?.recordedByUser == county.username)
        await #expect(throws: StoreError.self) { _ = try await a.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: true)], actor: head) }
        do {
            _ = try await a.confirmBankResults(batchID: batch.id, approve: true, actor: county)
            Issue.record("the recorder confirmed their own results")
        } catch let e as StoreError { #expect(e.code == "duties_separated") }
        let first = try await a.confirmBankResults(batchID: batch.id, approve: true, actor: head)
        #expect(first.paid == 2 && first.failed == 1 && first.batchReconciled && !first.awaitingConfirmation)
        let paidDates = try await a.grants(cycleID: cycle.id, state: .paid, actor: county).compactMap(\.paidOn)
        #expect(Set(paidDates) == [CivilDate.today().adding(days: -1), CivilDate.today()])
        // The same file again changes nothing: a grant is never paid twice.
        let again = try await a.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: true)], actor: county)
        #expect(again.paid == 0 && again.alreadyRecorded == 1)
        await #expect(throws: StoreError.self) {
            _ = try await a.recordBankResults(batchID: batch.id, [BankResult(row: 2, reference: lines[0].reference, paid: false, reason: "x")], actor: county)
        }
        // The failed one, with a corrected own account, goes into the next batch with a new reference.
        let failed = try #require(try await a.grants(cycleID: cycle.id, state: .failed, actor: county).first)
        #expect(failed.failureReason == "账户已销户")
        // A new account is only proposed: until a second person, an administrator of the paying
        // union, approves it, the money goes nowhere (双人复核).
        let proposed = try await a.requeue(grantID: failed.id, bankName: "中国银行宜昌分行", bankAccount: try BankAccountNumber("6013820000012345678"), actor: county)
        #expect(proposed.state == .failed && proposed.proposedBy == county.username && proposed.proposedAccountMasked?.hasSuffix("5678") == true)
        await #expect(throws: StoreError.conflict(code: "nothing_to_pay", message: "没有已批准待发放的申请")) { _ = try await a.createBatch(cycleID: cycle.id, actor: county) }
        let admin = try await SmallTree.actor(t.store, org: "XL")
        let sameAdmin = Actor(userID: admin.userID, username: county.username, displayName: "", role: .orgAdmin, orgID: admin.orgID, orgCode: "XL", orgName: admin.orgName, scope: admin.scope)
        let checker = Actor(userID: 2, username: "checker-XL", displayName: "复核人", role: .orgAdmin, orgID: admin.orgID, orgCode: "XL", orgName: admin.orgName, scope: admin.scope)
        let otherCounty = try await SmallTree.actor(t.store, org: "YC")
        for refused in [county, sameAdmin] {
            await #expect(throws: StoreError.self, "\(refused.username) \(refused.role)") { _ = try await a.decideAccountChange(grantID: failed.id, approve: true, actor: refused) }
        }
        // The city's administrator sees the grant but its budget is the county's.
        await #expect(throws: StoreError.self) { _ = try await a.decideAccountChange(grantID: failed.id, approve: true, actor: otherCounty) }
        #expect(try await a.grant(id: failed.id, actor: system).state == .failed)
        let approved = try await a.decideAccountChange(grantID: failed.id, approve: true, actor: checker)
        #expect(approved.state == .approved && approved.bankAccountMasked.hasSuffix("5678") && approved.proposedBy == nil && approved.bankName == "中国银行宜昌分行")
        let second = try await a.createBatch(cycleID: cycle.id, actor: county)
        _ = try await a.approveBatch(id: second.id, actor: checker)
        let (_, lines2) = try await a.exportBatch(id: second.id, actor: county)
        #expect(lines2.count == 1 && lines2[0].account == "6013820000012345678" && lines2[0].reference.hasSuffix("-2"))
        _ = try await a.recordBankResults(batchID: second.id, [BankResult(row: 2, reference: lines2[0].reference, paid: true)], actor: county)
        // Sent back, the results are not applied and may be recorded again.
        await #expect(throws: StoreError.self) { _ = try await a.confirmBankResults(batchID: second.id, approve: false, note: " ", actor: checker) }
        _ = try await a.confirmBankResults(batchID: second.id, approve: false, note: "回单日期不对，请核对后重传", actor: checker)
        #expect(try await a.batch(id: second.id, actor: county).pendingResults == nil)
        #expect(try await a.grants(cycleID: cycle.id, state: .inBatch, actor: county).count == 1)
        _ = try await a.recordBankResults(batchID: second.id, [BankResult(row: 2, reference: lines2[0].reference, paid: true)], actor: county)
        _ = try await a.confirmBankResults(batchID: second.id, approve: true, actor: checker)
        let xl = try #require(try await a.budgets(cycleID: cycle.id, actor: county).first)
        #expect(xl.paid == Money(yuan: 5_000) && xl.reserved == Money(yuan: 5_000) && xl.left == Money(yuan: 15_000))
        // The report adds up to the fen, by union and by category.
        let report = try await a.report(cycleID: cycle.id, orgCode: "XL", actor: county)
        #expect(report.total.paidPeople == 3 && report.total.paid == Money(yuan: 5_000))
        #expect(report.byChild.map(\.paid).sum() == report.total.paid && report.byCategory.map(\.paid).sum() == report.total.paid)
        #expect(report.byChild.first { $0.key == "XL02" }?.paidPeople == 2)
        #expect(report.byCategory.first { $0.key == "deep" }?.paid == Money(yuan: 4_000))
        let audited = try await t.store.auditLog.list(actor: system, filter: .init(limit: 200)).map(\.action)
        for action in ["cycle.open", "budget.allocate", "grant.apply", "grant.reviewed", "grant.approved", "payment.batch", "payment.export", "payment.results", "grant.account_propose", "grant.account_approve"] {
            #expect(audited.contains(action), "no audit entry \(action)")
        }
        }
    }
}
