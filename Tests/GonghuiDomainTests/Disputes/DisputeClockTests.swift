import Testing
@testable import GonghuiDomain

@Suite("Labor-dispute clocks at the law's edges (DOMAIN.md §9)")
struct DisputeClockTests {
    private func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }
    private let policy = DisputePolicy.defaults

    @Test("acceptance: told within 15 days — day 15 on time, day 16 overdue (信访工作条例 art. 22)")
    func acceptanceDay15And16() throws {
        let w = DisputeWorkflow(kind: .complaint, receivedOn: date("2026-03-01"))
        #expect(w.dueOn(policy: policy) == date("2026-03-16"))
        #expect(!w.isOverdue(on: date("2026-03-16"), policy: policy))
        #expect(w.isOverdue(on: date("2026-03-17"), policy: policy))
        // A consultation has no acceptance clock: it is answered.
        #expect(DisputeWorkflow(kind: .consultation, receivedOn: date("2026-03-01")).dueOn(policy: policy) == nil)
    }

    @Test("handling: 60 days from acceptance, one extension of at most 30 with a reason (art. 34)")
    func handlingAndItsOneExtension() throws {
        var w = DisputeWorkflow(kind: .request, receivedOn: date("2026-03-01"))
        try w.apply(.accept, on: date("2026-03-05"), policy: policy)
        #expect(w.dueOn(policy: policy) == date("2026-05-04"))
        #expect(throws: DisputeWorkflowError.extensionTooLong(max: 30)) { try w.apply(.extend(days: 31, reason: "情况复杂"), on: date("2026-04-01"), policy: policy) }
        #expect(throws: DisputeWorkflowError.reasonRequired) { try w.apply(.extend(days: 30, reason: "  "), on: date("2026-04-01"), policy: policy) }
        try w.apply(.extend(days: 30, reason: "涉及人数多，需调取工资台账"), on: date("2026-04-01"), policy: policy)
        #expect(w.dueOn(policy: policy) == date("2026-06-03"))
        #expect(throws: DisputeWorkflowError.extensionUsed) { try w.apply(.extend(days: 1, reason: "再延"), on: date("2026-05-01"), policy: policy) }
    }

    @Test("mediation: no agreement after 15 days → either party may go to arbitration (劳动争议调解仲裁法 art. 14)")
    func mediationFifteenDays() throws {
        var w = DisputeWorkflow(kind: .request, receivedOn: date("2026-03-01"))
        try w.apply(.accept, on: date("2026-03-02"), policy: policy)
        try w.apply(.startMediation(appliedOn: date("2026-03-03"), oral: true, note: "口头申请，当场记录"), on: date("2026-03-03"), policy: policy)
        #expect(w.dueOn(policy: policy) == date("2026-03-18"))
        #expect(!w.mayApplyForArbitration(on: date("2026-03-18"), policy: policy))
        #expect(w.mayApplyForArbitration(on: date("2026-03-19"), policy: policy))
        #expect(w.oralApplication)
    }

    @Test("limitation: one year from knowing, its last day still within; wage arrears not running during the job (art. 27)")
    func limitationEdges() {
        let ends = DisputeClocks.limitationEnds(type: .termination, learnedOn: date("2025-06-10"), employmentEndedOn: nil, policy: policy)
        #expect(ends == date("2026-06-10"))
        #expect(!DisputeClocks.limitationExpired(endsOn: ends, today: date("2026-06-10")))
        #expect(DisputeClocks.limitationExpired(endsOn: ends, today: date("2026-06-11")))
        // Warned when fewer than 30 days remain: 29 days left warns, 30 does not.
        #expect(!DisputeClocks.limitationWarning(endsOn: ends, today: date("2026-05-11"), policy: policy))
        #expect(DisputeClocks.limitationWarning(endsOn: ends, today: date("2026-05-12"), policy: policy))
        #expect(!DisputeClocks.limitationWarning(endsOn: ends, today: date("2026-06-11"), policy: policy))
        // Wages owed while the job lasts: no limitation yet; once it ended, a year from the end.
        #expect(DisputeClocks.limitationEnds(type: .wageArrears, learnedOn: date("2023-01-01"), employmentEndedOn: nil, policy: policy) == nil)
        #expect(DisputeClocks.limitationEnds(type: .wageArrears, learnedOn: date("2023-01-01"), employmentEndedOn: date("2026-02-28"), policy: policy)
                == date("2027-02-28"))
        // A case's limitation is the earliest of its types'.
        #expect(DisputeClocks.limitationEnds(types: [.wageArrears, .socialInsurance], learnedOn: date("2025-09-01"), employmentEndedOn: date("2026-01-15"),
                                             policy: policy) == date("2026-09-01"))
    }

    @Test("final award: 12 × the local monthly minimum wage is final, one fen more is not (art. 47)")
    func finalAwardEdge() {
        let wage = Money(yuan: 2_010)
        let limit = Money(fen: wage.fen * 12)
        #expect(DisputeClocks.isFinalAward(type: .wageArrears, amount: limit, minimumWage: wage, on: date("2026-03-01"), policy: policy))
        #expect(!DisputeClocks.isFinalAward(type: .wageArrears, amount: Money(fen: limit.fen + 1), minimumWage: wage, on: date("2026-03-01"), policy: policy))
        // Only money claims of the listed kinds.
        #expect(!DisputeClocks.isFinalAward(type: .socialInsurance, amount: Money(yuan: 1), minimumWage: wage, on: date("2026-03-01"), policy: policy))
    }

    @Test("the minimum wage of a place: its county's, else its city's, else the province's, the latest in force on the date")
    func minimumWageOfAPlace() {
        let table = MinimumWageTable([
            MinimumWage(regionCode: "420000", effectiveFrom: date("2021-09-01"), monthly: Money(yuan: 1_520)),
            MinimumWage(regionCode: "420100", effectiveFrom: date("2021-09-01"), monthly: Money(yuan: 2_010)),
            MinimumWage(regionCode: "420100", effectiveFrom: date("2026-07-01"), monthly: Money(yuan: 2_200)),
        ])
        #expect(table.wage(for: "420102", on: date("2026-06-30"))?.monthly == Money(yuan: 2_010))
        #expect(table.wage(for: "420102", on: date("2026-07-01"))?.monthly == Money(yuan: 2_200))
        #expect(table.wage(for: "420502", on: date("2026-07-01"))?.monthly == Money(yuan: 1_520))
        #expect(table.wage(for: "420102", on: date("2021-08-31")) == nil)
        #expect(table.wage(for: "4201", on: date("2026-07-01")) == nil)
        // A case's claims measured against its employer's region on the day it was received.
        let employer = DisputeEmployer(name: "某厂", creditCode: nil, regionCode: "420102", industry: nil, unionCode: nil)
        let c = DisputeCase(id: 1, caseNo: "JF2026-000001", channel: .visit, handlingOrgCode: "K01", handlingOrgName: "区总工会", workers: [],
                            workersInvolved: 1, employer: employer, types: [.wageArrears], claims: [], facts: "欠薪", learnedOn: nil, employmentEndedOn: nil,
                            confidential: false, workflow: DisputeWorkflow(kind: .request, receivedOn: date("2026-07-01")), limitationEndsOn: nil,
                            collective: false, version: 1)
        #expect(c.finalAward(DisputeClaim(type: .wageArrears, description: "", amount: Money(yuan: 26_400)), wages: table, policy: policy) == true)
        #expect(c.finalAward(DisputeClaim(type: .wageArrears, description: "", amount: Money(fen: 2_640_001)), wages: table, policy: policy) == false)
        var elsewhere = c
        elsewhere.employer.regionCode = nil
        #expect(elsewhere.finalAward(DisputeClaim(type: .wageArrears, description: "", amount: Money(yuan: 1)), wages: table, policy: policy) == nil)
    }

    @Test("arbitration: accepted within 5 days, decided within 45, +15 once (arts. 29, 43)")
    func arbitrationClocks() {
        #expect(DisputeClocks.arbitrationAcceptanceDue(appliedOn: date("2026-03-01"), policy: policy) == date("2026-03-06"))
        #expect(DisputeClocks.arbitrationAwardDue(acceptedOn: date("2026-03-06"), extended: false, policy: policy) == date("2026-04-20"))
        #expect(DisputeClocks.arbitrationAwardDue(acceptedOn: date("2026-03-06"), extended: true, policy: policy) == date("2026-05-05"))
    }

    @Test("collective: 10 workers with a common claim, 9 are not (art. 7); a province's own number wins from its date")
    func collectiveThresholdAndAProvincesRule() {
        #expect(DisputeClocks.isCollective(workers: 10, on: date("2026-03-01"), policy: policy))
        #expect(!DisputeClocks.isCollective(workers: 9, on: date("2026-03-01"), policy: policy))
        let province = policy.merging([PolicyRule(key: DisputePolicy.collectiveWorkers, value: 3, effectiveFrom: date("2026-07-01"), source: "某省规定")])
        #expect(!DisputeClocks.isCollective(workers: 3, on: date("2026-06-30"), policy: province))
        #expect(DisputeClocks.isCollective(workers: 3, on: date("2026-07-01"), policy: province))
        #expect(province.rule(DisputePolicy.collectiveWorkers, on: date("2026-07-01"))?.source == "某省规定")
        #expect(policy.rule(DisputePolicy.mediationDays, on: date("2026-07-01"))?.source.contains("第十四条") == true)
    }

    @Test("an agreement is followed term by term; the case closes when the last is performed, with the amounts recovered")
    func agreementPerformance() throws {
        var w = DisputeWorkflow(kind: .request, receivedOn: date("2026-03-01"))
        try w.apply(.accept, on: date("2026-03-02"), policy: policy)
        try w.apply(.startMediation(appliedOn: date("2026-03-02"), oral: false, note: ""), on: date("2026-03-02"), policy: policy)
        #expect(throws: DisputeWorkflowError.noTerms) { try w.apply(.recordAgreement(terms: []), on: date("2026-03-10"), policy: policy) }
        try w.apply(.recordAgreement(terms: [
            AgreementTerm(description: "支付拖欠工资", amount: Money(yuan: 30_000), dueOn: date("2026-03-20")),
            AgreementTerm(description: "支付经济补偿", amount: Money(yuan: 12_000), dueOn: date("2026-04-20")),
        ]), on: date("2026-03-10"), policy: policy)
        #expect(w.state == .performing)
        #expect(w.dueOn(policy: policy) == date("2026-03-20"))
        try w.apply(.recordPerformance(term: 0, performedOn: date("2026-03-19"), amount: Money(yuan: 30_000)), on: date("2026-03-19"), policy: policy)
        #expect(w.state == .performing && w.dueOn(policy: policy) == date("2026-04-20"))
        #expect(throws: DisputeWorkflowError.termPerformed(0)) {
            try w.apply(.recordPerformance(term: 0, performedOn: date("2026-03-19"), amount: Money(yuan: 1)), on: date("2026-03-19"), policy: policy)
        }
        try w.apply(.recordPerformance(term: 1, performedOn: date("2026-04-18"), amount: Money(yuan: 12_000)), on: date("2026-04-18"), policy: policy)
        #expect(w.state == .closed && w.outcome == .agreement && w.recovered == Money(yuan: 42_000))
        #expect(w.closedOnTime(policy: policy) == true)
    }

    @Test("steps out of order are refused with the state named; consultations are answered, not accepted")
    func stepsOutOfOrder() throws {
        var c = DisputeWorkflow(kind: .consultation, receivedOn: date("2026-03-01"))
        #expect(throws: DisputeWorkflowError.answeredAtOnce) { try c.apply(.accept, on: date("2026-03-01"), policy: policy) }
        try c.apply(.answer(reply: "已告知劳动合同解除的经济补偿计算方法"), on: date("2026-03-01"), policy: policy)
        #expect(c.state == .closed && c.outcome == .answered)
        var w = DisputeWorkflow(kind: .complaint, receivedOn: date("2026-03-01"))
        #expect(throws: DisputeWorkflowError.notAnsweredAtOnce) { try w.apply(.answer(reply: "好"), on: date("2026-03-01"), policy: policy) }
        #expect(throws: DisputeWorkflowError.notNow(state: .received)) {
            try w.apply(.startMediation(appliedOn: date("2026-03-01"), oral: false, note: ""), on: date("2026-03-01"), policy: policy)
        }
        #expect(throws: DisputeWorkflowError.reasonRequired) { try w.apply(.refuse(reason: ""), on: date("2026-03-02"), policy: policy) }
        try w.apply(.refuse(reason: "已由劳动仲裁委员会受理"), on: date("2026-03-02"), policy: policy)
        #expect(w.outcome == .refused && w.closedOn == date("2026-03-02"))
    }

    @Test("a duplicate: same employer and a common type, open, within 30 days of the earlier one")
    func duplicates() throws {
        let employer = DisputeEmployer(name: "武汉某某建筑劳务有限公司", creditCode: "91420100MA4K0000XX", regionCode: nil, industry: nil, unionCode: nil)
        let open = DisputeCase(id: 1, caseNo: "JF2026-000001", channel: .hotline, handlingOrgCode: "K01", handlingOrgName: "区总工会", workers: [],
                               workersInvolved: 1, employer: employer, types: [.wageArrears], claims: [], facts: "欠薪", learnedOn: nil,
                               employmentEndedOn: nil, confidential: false, workflow: DisputeWorkflow(kind: .request, receivedOn: date("2026-03-01")),
                               limitationEndsOn: nil, collective: false, version: 1)
        func intake(on day: String, types: [DisputeType], kind: DisputeRequestKind = .request) -> DisputeIntake {
            DisputeIntake(channel: .visit, kind: kind, receivedOn: date(day), workers: [DisputeWorkerDraft(name: "李四", idNumber: nil, phone: nil)],
                          employer: employer, types: types, facts: "同样被拖欠工资")
        }
        #expect(intake(on: "2026-03-31", types: [.wageArrears, .socialInsurance]).duplicates(open, policy: policy))
        #expect(!intake(on: "2026-04-01", types: [.wageArrears]).duplicates(open, policy: policy))
        #expect(!intake(on: "2026-03-10", types: [.workInjury]).duplicates(open, policy: policy))
        #expect(!intake(on: "2026-03-10", types: [.wageArrears], kind: .consultation).duplicates(open, policy: policy))
    }

    @Test("intake problems are named by field, all at once")
    func intakeProblems() {
        let bad = DisputeIntake(channel: .hotline, kind: .complaint, receivedOn: date("2026-03-10"),
                                workers: [DisputeWorkerDraft(name: " ", idNumber: nil, phone: nil)], workersInvolved: 0,
                                employer: DisputeEmployer(name: "", creditCode: nil, regionCode: nil, industry: nil, unionCode: nil),
                                types: [], claims: [DisputeClaim(type: .wageArrears, description: "", amount: Money(fen: -1))], facts: "",
                                learnedOn: date("2026-03-11"))
        let fields = Set(bad.problems(today: date("2026-03-10")).map(\.field))
        #expect(fields == ["workers_involved", "workers[1].name", "employer.name", "types", "claims[1].amount", "claims[1].type", "facts", "learned_on"])
    }
}
