import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Labor-dispute cases in the store: intake with its clocks, duplicates, scope, confidentiality,
/// the steps to a performed agreement, and a province's own policy numbers.
@Suite("Labor-dispute cases")
struct DisputeServiceTests {
    static let march1 = CivilDate(year: 2026, month: 3, day: 1)!
    /// 江岸机械厂's credit code (a valid GB 32100 code), which makes JA01 its union.
    static let employerCode = "91420102MA4K12345" + String(CreditCode.checkCharacter(for: "91420102MA4K12345")!)

    static func setUp(_ store: Store) async throws {
        try await SmallTree.build(store)
        _ = try await store.orgs.update(code: "JA01", with: OrganizationDraft(code: "JA01", name: "江岸机械厂工会", parentCode: "JA", kind: .grassroots,
                                                                             creditCode: try CreditCode(employerCode), employees: 100),
                                        keepChairPhone: true, expectedVersion: nil, on: march1, actor: system)
    }

    static func intake(workers: Int = 1, types: [DisputeType] = [.wageArrears], kind: DisputeRequestKind = .complaint, receivedOn: CivilDate = march1,
                       confidential: Bool = false, handling: String? = nil, creditCode: String? = employerCode) throws -> DisputeIntake {
        let people = try (0..<workers).map { i in
            DisputeWorkerDraft(name: "工人\(i + 1)", idNumber: try IDNumber(idNumber("42010219850101" + String(format: "%03d", 100 + i))),
                               phone: try PhoneNumber("13800000000"), isRepresentative: i == 0)
        }
        return DisputeIntake(channel: .hotline, kind: kind, receivedOn: receivedOn, workers: people,
                             employer: DisputeEmployer(name: "江岸机械厂", creditCode: creditCode, regionCode: "420102", industry: "制造业", unionCode: nil),
                             types: types, claims: types.isEmpty ? [] : [DisputeClaim(type: types[0], description: "三个月工资", amount: Money(yuan: 18_000))],
                             facts: "自 2025 年 12 月起未发工资", learnedOn: min(receivedOn, CivilDate(year: 2026, month: 1, day: 10)!),
                             employmentEndedOn: receivedOn < CivilDate(year: 2026, month: 2, day: 20)! ? nil : CivilDate(year: 2026, month: 2, day: 20)!, confidential: confidential, handlingOrgCode: handling)
    }

    @Test(arguments: Engines.all)
    func intakeCountsItsClocksAndStaysInScope(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await Self.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let c = try await t.store.disputes.register(try Self.intake(), actor: county, today: Self.march1)
            #expect(c.caseNo == String(format: "JF2026-%06lld", c.id))
            #expect(c.handlingOrgCode == "JA" && c.workflow.state == .received && !c.collective)
            // Told within 15 days whether accepted; the wage limitation runs a year from the job's end.
            #expect(c.workflow.dueOn(policy: DisputePolicy.defaults) == CivilDate(year: 2026, month: 3, day: 16)!)
            #expect(c.limitationEndsOn == CivilDate(year: 2027, month: 2, day: 20)!)
            #expect(c.employer.unionCode == "JA01" && c.amountClaimed == Money(yuan: 18_000))
            #expect(c.workers.first?.idNumberMasked?.hasSuffix("********") == false && c.workers.first?.idNumberMasked?.contains("********") == true)
            // The city above sees it; another county's officer finds nothing, and cannot act on it.
            let city = try await SmallTree.actor(t.store, org: "WH", role: .reviewer)
            #expect(try await t.store.disputes.find(id: c.id, actor: city).caseNo == c.caseNo)
            let other = try await SmallTree.actor(t.store, org: "XL")
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(c.id))) { _ = try await t.store.disputes.find(id: c.id, actor: other) }
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(c.id))) {
                _ = try await t.store.disputes.act(id: c.id, .accept, actor: other, today: Self.march1)
            }
            #expect(try await t.store.disputes.list(DisputeFilter(), actor: other).total == 0)
            // A reviewer reads but does not handle.
            await #expect(throws: StoreError.forbidden("当前角色无权办理案件")) { _ = try await t.store.disputes.act(id: c.id, .accept, actor: city) }
        }
    }

    @Test(arguments: Engines.all)
    func aDuplicateIsOfferedAsTheOpenCaseAndWorkersAddUpToACollectiveCase(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await Self.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let first = try await t.store.disputes.register(try Self.intake(workers: 8), actor: county, today: Self.march1)
            let later = CivilDate(year: 2026, month: 3, day: 20)!
            await #expect(throws: StoreError.conflict(code: "duplicate", message: "同一用人单位、同一争议类型已有在办案件 \(first.caseNo)（江岸区总工会），可将职工加入该案件",
                                                      field: "employer.name")) {
                _ = try await t.store.disputes.register(try Self.intake(receivedOn: later), actor: county, today: later)
            }
            // Another type, or asked for as a separate matter, is a new case.
            let injury = try await t.store.disputes.register(try Self.intake(types: [.workInjury], receivedOn: later), actor: county, today: later)
            #expect(injury.id != first.id)
            let added = try await t.store.disputes.addWorkers(caseID: first.id, [
                DisputeWorkerDraft(name: "工人九", idNumber: nil, phone: nil), DisputeWorkerDraft(name: "工人十", idNumber: nil, phone: nil),
            ], actor: county, today: later)
            #expect(added.workersInvolved == 10 && added.collective && added.workers.count == 10)
            let events = try await t.store.disputes.history(id: first.id, actor: county)
            #expect(events.map(\.kind) == ["registered", "workers_added"])
            #expect(events.last?.detail.contains("集体劳动争议") == true)
        }
    }

    @Test(arguments: Engines.all)
    func aConfidentialCaseNeverGoesToTheEmployersOwnUnion(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await Self.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            await #expect(throws: StoreError.invalid([FieldProblem(field: "handling_org_code", value: "JA01", reason: "保密案件不能由用人单位的工会办理，请改由上级工会办理")])) {
                _ = try await t.store.disputes.register(try Self.intake(confidential: true, handling: "JA01"), actor: county, today: Self.march1)
            }
            let c = try await t.store.disputes.register(try Self.intake(confidential: true), actor: county, today: Self.march1)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "org_code", value: "JA01", reason: "保密案件不能转由用人单位的工会办理")])) {
                _ = try await t.store.disputes.transfer(id: c.id, toOrgCode: "JA01", reason: "由企业调委会调解", actor: county, today: Self.march1)
            }
            // The employer union's officers cannot reach it; were it in their view, the names are withheld.
            let union = try await SmallTree.actor(t.store, org: "JA01")
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(c.id))) { _ = try await t.store.disputes.find(id: c.id, actor: union) }
            let ja01Path = try await t.store.database.read { db in try await OrgService.path(of: try await OrgService.find(code: "JA01", scope: .everything, on: db).id, on: db) }
            #expect(DisputeService.withholds(confidential: true, employerUnionPath: ja01Path, from: union))
            #expect(!DisputeService.withholds(confidential: true, employerUnionPath: ja01Path, from: county))
            #expect(!DisputeService.withholds(confidential: false, employerUnionPath: ja01Path, from: union))
            #expect(c.withheld().workers.allSatisfy { $0.name.hasSuffix("（保密）") && $0.idNumberMasked == nil && $0.phoneMasked == nil })
            // A case that is not confidential may be handled by the employer's union, which sees the names.
            let open = try await t.store.disputes.register(try Self.intake(types: [.workingHours], handling: "JA01"), actor: county, today: Self.march1)
            #expect(try await t.store.disputes.find(id: open.id, actor: union).workers.first?.name == "工人1")
        }
    }

    @Test(arguments: Engines.all)
    func fromAcceptanceToAPerformedAgreement(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await Self.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let c = try await t.store.disputes.register(try Self.intake(), actor: county, today: Self.march1)
            let accepted = try await t.store.disputes.act(id: c.id, .accept, expectedVersion: c.version, actor: county, today: CivilDate(year: 2026, month: 3, day: 3)!)
            #expect(accepted.workflow.state == .accepted)
            await #expect(throws: StoreError.staleVersion(entity: "案件", key: c.caseNo)) {
                _ = try await t.store.disputes.act(id: c.id, .refuse(reason: "重复"), expectedVersion: c.version, actor: county)
            }
            await #expect(throws: StoreError.conflict(code: "workflow", message: "案件当前为“办理中”，不能进行此操作")) {
                _ = try await t.store.disputes.act(id: c.id, .recordAgreement(terms: []), actor: county)
            }
            let day = CivilDate(year: 2026, month: 3, day: 5)!
            _ = try await t.store.disputes.act(id: c.id, .startMediation(appliedOn: day, oral: true, note: "当场记录口头申请"), actor: county, today: day)
            let signed = try await t.store.disputes.act(id: c.id, .recordAgreement(terms: [
                AgreementTerm(description: "支付拖欠工资", amount: Money(yuan: 15_000), dueOn: CivilDate(year: 2026, month: 3, day: 20)!),
                AgreementTerm(description: "支付经济补偿", amount: Money(yuan: 3_000), dueOn: CivilDate(year: 2026, month: 4, day: 10)!),
            ]), actor: county, today: CivilDate(year: 2026, month: 3, day: 12)!)
            #expect(signed.workflow.state == .performing && signed.workflow.terms.count == 2)
            let paid = CivilDate(year: 2026, month: 3, day: 19)!
            _ = try await t.store.disputes.act(id: c.id, .recordPerformance(term: 0, performedOn: paid, amount: Money(yuan: 15_000)), actor: county, today: paid)
            let done = try await t.store.disputes.act(id: c.id, .recordPerformance(term: 1, performedOn: CivilDate(year: 2026, month: 4, day: 8)!, amount: Money(yuan: 3_000)),
                                                     actor: county, today: CivilDate(year: 2026, month: 4, day: 8)!)
            #expect(done.workflow.state == .closed && done.workflow.outcome == .agreement && done.workflow.recovered == Money(yuan: 18_000))
            #expect(done.workflow.closedOnTime(policy: DisputePolicy.defaults) == true)
            let kinds = try await t.store.disputes.history(id: c.id, actor: county).map(\.kind)
            #expect(kinds == ["registered", "accepted", "mediation_started", "agreement", "performed", "performed"])
            let audit = try await t.store.database.read { db in
                try await db.raw("SELECT action FROM audit_log WHERE entity = 'dispute_case' ORDER BY seq").all().map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(audit == ["dispute.register", "dispute.accepted", "dispute.mediation_started", "dispute.agreement", "dispute.performed", "dispute.performed"])
            // The worklist puts open cases first by their deadline; a closed one last.
            let overdue = try await t.store.disputes.register(try Self.intake(types: [.socialInsurance], receivedOn: CivilDate(year: 2026, month: 2, day: 1)!),
                                                             actor: county, today: Self.march1)
            let page = try await t.store.disputes.list(DisputeFilter(today: Self.march1), actor: county)
            #expect(page.items.map(\.id) == [overdue.id, c.id])
            #expect(try await t.store.disputes.list(DisputeFilter(overdueOnly: true, today: Self.march1), actor: county).items.map(\.id) == [overdue.id])
        }
    }

    @Test(arguments: Engines.all)
    func aProvincesOwnNumberTakesEffectFromItsDate(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await Self.setUp(t.store)
            let province = try await SmallTree.actor(t.store, org: "HB")
            let county = try await SmallTree.actor(t.store, org: "JA")
            await #expect(throws: StoreError.forbidden("只有省总工会可以维护政策参数")) {
                try await t.store.disputes.setPolicyRule(PolicyRule(key: DisputePolicy.collectiveWorkers, value: 3, effectiveFrom: Self.march1, source: "x"), actor: county)
            }
            try await t.store.disputes.setPolicyRule(PolicyRule(key: DisputePolicy.collectiveWorkers, value: 3, effectiveFrom: Self.march1,
                                                                source: "某省集体劳动争议处理办法第三条"), actor: province)
            let before = try await t.store.disputes.register(try Self.intake(workers: 3, receivedOn: CivilDate(year: 2026, month: 2, day: 28)!), actor: county, today: Self.march1)
            let after = try await t.store.disputes.register(try Self.intake(workers: 3, types: [.workingHours]), actor: county, today: Self.march1)
            #expect(!before.collective && after.collective)
            #expect(try await t.store.disputes.policy().rule(DisputePolicy.collectiveWorkers, on: Self.march1)?.source == "某省集体劳动争议处理办法第三条")
        }
    }
}

/// The year's figures against a model computed here from the cases themselves.
@Suite("Labor-dispute figures")
struct DisputeReportTests {
    static func day(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    @Test(arguments: Engines.all)
    func figuresOfEveryNodeAgreeWithAModel(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await DisputeServiceTests.setUp(t.store)
            let ja = try await SmallTree.actor(t.store, org: "JA"), xl = try await SmallTree.actor(t.store, org: "XL")
            let d = t.store.disputes
            func register(_ types: [DisputeType], on received: String, handling: String, by actor: Actor, workers: Int = 1,
                          kind: DisputeRequestKind = .complaint) async throws -> DisputeCase {
                try await d.register(try DisputeServiceTests.intake(workers: workers, types: types, kind: kind, receivedOn: Self.day(received), handling: handling),
                                     allowDuplicate: true, actor: actor, today: Self.day(received))
            }
            // 1: JA01, mediated to an agreement performed in time.
            let a = try await register([.wageArrears], on: "2026-01-10", handling: "JA01", by: ja)
            _ = try await d.act(id: a.id, .accept, actor: ja, today: Self.day("2026-01-12"))
            _ = try await d.act(id: a.id, .startMediation(appliedOn: Self.day("2026-01-15"), oral: false, note: ""), actor: ja, today: Self.day("2026-01-15"))
            _ = try await d.act(id: a.id, .recordAgreement(terms: [AgreementTerm(description: "工资", amount: Money(yuan: 1_000), dueOn: Self.day("2026-02-01"))]),
                                actor: ja, today: Self.day("2026-01-20"))
            _ = try await d.act(id: a.id, .recordPerformance(term: 0, performedOn: Self.day("2026-01-30"), amount: Money(yuan: 1_000)), actor: ja, today: Self.day("2026-01-30"))
            // 2: JA, collective, resolved after its 60 days.
            let b = try await register([.socialInsurance], on: "2026-01-05", handling: "JA", by: ja, workers: 12)
            _ = try await d.act(id: b.id, .accept, actor: ja, today: Self.day("2026-01-06"))
            _ = try await d.act(id: b.id, .resolve(note: "补缴社保", recovered: Money(yuan: 5_000)), actor: ja, today: Self.day("2026-04-20"))
            // 3: JA, a consultation answered the same day.
            let c = try await register([], on: "2026-02-01", handling: "JA", by: ja, kind: .consultation)
            _ = try await d.act(id: c.id, .answer(reply: "已解答"), actor: ja, today: Self.day("2026-02-01"))
            // 4: XL, mediated without agreement, in time.
            let e = try await register([.termination], on: "2026-01-20", handling: "XL", by: xl)
            _ = try await d.act(id: e.id, .accept, actor: xl, today: Self.day("2026-01-21"))
            _ = try await d.act(id: e.id, .startMediation(appliedOn: Self.day("2026-01-22"), oral: true, note: "口头"), actor: xl, today: Self.day("2026-01-22"))
            _ = try await d.act(id: e.id, .endMediation(.noAgreement, note: "分歧较大"), actor: xl, today: Self.day("2026-02-10"))
            // 5: outside the period; 6: received on its last day, still waiting.
            _ = try await register([.workingHours], on: "2025-12-20", handling: "JA01", by: ja)
            _ = try await register([.noWrittenContract], on: "2026-03-31", handling: "JA", by: ja)

            let from = Self.day("2026-01-01"), to = Self.day("2026-03-31")
            let report = try await d.report(code: "HB", from: from, to: to, depth: nil, actor: system)
            // The model: every case of the period, counted at its handling union and summed upwards.
            let all = try await d.list(DisputeFilter(), actor: system, limit: 500).items
            func model(_ codes: Set<String>) -> [Int64] {
                let cases = all.filter { codes.contains($0.handlingOrgCode) && $0.workflow.receivedOn >= from && $0.workflow.receivedOn <= to }
                let closed = cases.filter { $0.workflow.closedOn != nil }
                let onTime = closed.filter { $0.workflow.closedOn! <= ($0.workflow.acceptedOn ?? $0.workflow.receivedOn).adding(days: 60 + $0.workflow.extendedDays) }
                let mediated = cases.filter { $0.workflow.mediationAppliedOn != nil }
                return [Int64(cases.count), Int64(cases.filter { $0.workersInvolved >= 10 }.count), Int64(cases.map(\.workersInvolved).reduce(0, +)),
                        Int64(closed.count), Int64(onTime.count), Int64(mediated.count), Int64(mediated.filter { $0.workflow.outcome == .agreement }.count),
                        cases.map(\.amountClaimed.fen).reduce(0, +), cases.map(\.workflow.recovered.fen).reduce(0, +)]
            }
            let subtrees: [String: Set<String>] = ["HB": ["HB", "WH", "JA", "JA01", "JA02", "YC", "XL", "XL01", "XL02"], "WH": ["WH", "JA", "JA01", "JA02"],
                                                   "JA": ["JA", "JA01", "JA02"], "JA01": ["JA01"], "YC": ["YC", "XL", "XL01", "XL02"], "XL": ["XL", "XL01", "XL02"]]
            for (code, members) in subtrees {
                let row = try #require(report.rows.first { $0.orgCode == code })
                #expect(row.figures.values == model(members), "\(code)")
            }
            let root = report.rows[0].figures
            #expect(root.casesReceived == 5 && root.collectiveCases == 1 && root.casesClosed == 4 && root.casesClosedOnTime == 3)
            #expect(root.mediations == 2 && root.mediationsAgreed == 1 && root.amountRecovered == Money(yuan: 6_000))
            #expect(root.onTimeRate == "0.7500" && root.agreementRate == "0.5000")
            #expect(report.rows.map(\.orgCode) == ["HB", "WH", "JA", "JA01", "JA02", "YC", "XL", "XL01", "XL02"])
            // One level down only, and another county's officer cannot ask for this one's.
            #expect(try await d.report(code: "HB", from: from, to: to, depth: 1, actor: system).rows.map(\.orgCode) == ["HB", "WH", "YC"])
            await #expect(throws: StoreError.notFound(entity: "组织", key: "JA")) { _ = try await d.report(code: "JA", from: from, to: to, depth: nil, actor: xl) }
        }
    }
}
