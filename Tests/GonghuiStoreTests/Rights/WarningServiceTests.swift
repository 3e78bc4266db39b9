import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Labor-relation risk warning in the store: the immediate rules at their thresholds and one
/// below, who is told and who sees an alert, its handling, and the daily trend rules with the
/// configured numbers at their edges.
@Suite("Risk warning")
struct WarningServiceTests {
    typealias D = DisputeServiceTests
    static let day = CivilDate(year: 2026, month: 3, day: 1)!

    /// An officer account (who has an inbox) at each union the alerts may reach.
    static func officers(_ store: Store, _ codes: [String]) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for code in codes {
            ids[code] = try await store.users.add(username: "duty.\(code.lowercased())", displayName: "值班\(code)", password: "Passw0rd-Long-1",
                                                  role: .orgAdmin, orgCode: code, actor: system).id
        }
        return ids
    }

    static func alertTitles(_ store: Store, user: Int64?) async throws -> [String] {
        try await store.notifications.inbox(userID: user).items.map(\.title).filter { $0.hasPrefix("风险预警") }
    }

    static func register(_ store: Store, _ intake: DisputeIntake, by actor: Actor) async throws -> DisputeCase {
        try await store.disputes.register(intake, allowDuplicate: true, actor: actor, today: intake.receivedOn)
    }

    @Test(arguments: Engines.all)
    func theWorkersThresholdAlertsTheLevelsAboveOnceAndOneFewerDoesNot(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let users = try await Self.officers(t.store, ["HB", "WH", "JA", "YC"])
            let county = try await SmallTree.actor(t.store, org: "JA")
            // The city's officer on duty by phone and e-mail; the province's by phone (above the depth: not sent to).
            let city = try await SmallTree.actor(t.store, org: "WH")
            await #expect(throws: StoreError.invalid([FieldProblem(field: "email", value: "zhiban@", reason: "电子邮箱格式不正确，例如 zhiban@hbgh.org.cn")])) {
                _ = try await t.store.warnings.addDuty(WarningDutyDraft(name: "市总值班", phone: try PhoneNumber("13900002001"), email: "zhiban@"), orgCode: nil, actor: city)
            }
            let onDuty = try await t.store.warnings.addDuty(WarningDutyDraft(name: "市总值班", phone: try PhoneNumber("13900002001"), email: "zhiban@whgh.org.cn"),
                                                            orgCode: nil, actor: city)
            #expect(onDuty.phoneMasked == "139****2001" && onDuty.emailMasked == "z***@whgh.org.cn")
            _ = try await t.store.warnings.addDuty(WarningDutyDraft(name: "省总值班", phone: try PhoneNumber("13900002002")), orgCode: "HB", actor: SmallTree.actor(t.store, org: "HB"))
            let c = try await Self.register(t.store, try D.intake(workers: 9), by: county)
            #expect(try await t.store.warnings.alerts(caseID: c.id, actor: county).isEmpty, "9 workers: one fewer than the 10 of the rule")
            _ = try await t.store.disputes.addWorkers(caseID: c.id, [DisputeWorkerDraft(name: "工人十", idNumber: nil, phone: nil)], actor: county, today: Self.day)
            let alerts = try await t.store.warnings.alerts(caseID: c.id, actor: county)
            #expect(alerts.map(\.rule) == [.collectiveCase])
            #expect(alerts.first?.summary.contains("涉及 10 名职工，达到即时预警人数 10 人") == true)
            #expect(alerts.first?.orgCode == "JA" && alerts.first?.state == .open)
            // Up to the city (depth 1): the city is told; the province above it, the county itself and another city are not.
            #expect(try await Self.alertTitles(t.store, user: users["WH"]) == ["风险预警：集体劳动争议（江岸机械厂）"])
            let sender = DisputePortalTests.Collector()
            _ = try await t.store.notifications.deliver(with: sender)
            let alertMessages = sender.sent.filter { $0.1.hasPrefix("【工会】风险预警") }
            #expect(alertMessages.map(\.0).sorted() == ["13900002001", "zhiban@whgh.org.cn"])
            #expect(alertMessages.first?.1 == "【工会】风险预警：集体劳动争议（江岸机械厂），所涉工会：江岸区总工会。请登录工会信息平台查看处理。")
            for code in ["HB", "JA", "YC"] { #expect(try await Self.alertTitles(t.store, user: users[code]).isEmpty, "\(code) is not told") }
            // One more worker raises nothing new.
            _ = try await t.store.disputes.addWorkers(caseID: c.id, [DisputeWorkerDraft(name: "工人十一", idNumber: nil, phone: nil)], actor: county, today: Self.day)
            #expect(try await t.store.warnings.alerts(caseID: c.id, actor: county).count == 1)
            // The province raises the depth to itself: the next collective case reaches HB too.
            let province = try await SmallTree.actor(t.store, org: "HB")
            try await t.store.disputes.setPolicyRule(PolicyRule(key: WarningPolicy.escalateDepth, value: 0, effectiveFrom: Self.day, source: "本省规定：预警报至省总工会"),
                                                     actor: province)
            _ = try await Self.register(t.store, try D.intake(workers: 12, types: [.socialInsurance]), by: county)
            #expect(try await Self.alertTitles(t.store, user: users["HB"]).count == 1)
            #expect(try await Self.alertTitles(t.store, user: users["WH"]).count == 2)
            let second = DisputePortalTests.Collector()
            _ = try await t.store.notifications.deliver(with: second)
            #expect(second.sent.filter { $0.1.hasPrefix("【工会】风险预警") }.map(\.0).sorted() == ["13900002001", "13900002002", "zhiban@whgh.org.cn"])
            // Off duty: no more messages to them.
            try await t.store.warnings.removeDuty(id: onDuty.id, actor: city)
            #expect(try await t.store.warnings.duty(orgCode: "WH", actor: city).isEmpty)
        }
    }

    @Test(arguments: Engines.all)
    func aCountySeesItsOwnAndItsChildrensAlertsNeverASiblings(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let grassroots = try await SmallTree.actor(t.store, org: "JA01")
            // One alert on a case of the county, one on a case its grassroots union handles.
            let own = try await Self.register(t.store, try D.intake(workers: 10), by: county)
            let child = try await Self.register(t.store, try D.intake(workers: 10, types: [.workInjury], handling: "JA01"), by: county)
            let ownAlert = try #require(try await t.store.warnings.alerts(caseID: own.id, actor: county).first)
            let childAlert = try #require(try await t.store.warnings.alerts(caseID: child.id, actor: county).first)
            #expect(try await t.store.warnings.list(actor: county).total == 2)
            #expect(try await t.store.warnings.list(actor: grassroots).alerts.map(\.id) == [childAlert.id])
            let city = try await SmallTree.actor(t.store, org: "WH", role: .reviewer)
            #expect(try await t.store.warnings.list(actor: city).total == 2)
            #expect(try await t.store.warnings.summary(actor: city) == RiskAlertSummary(open: 2, acknowledged: 0, oldestOpenSince: Self.day))
            let sibling = try await SmallTree.actor(t.store, org: "XL")
            #expect(try await t.store.warnings.list(actor: sibling).total == 0)
            #expect(try await t.store.warnings.summary(actor: sibling) == RiskAlertSummary())
            await #expect(throws: StoreError.notFound(entity: "预警", key: String(ownAlert.id))) { _ = try await t.store.warnings.find(id: ownAlert.id, actor: sibling) }
            await #expect(throws: StoreError.notFound(entity: "预警", key: String(ownAlert.id))) {
                _ = try await t.store.warnings.acknowledge(id: ownAlert.id, note: "已知悉", actor: SmallTree.actor(t.store, org: "XL"))
            }
            await #expect(throws: StoreError.notFound(entity: "预警", key: String(ownAlert.id))) { _ = try await t.store.warnings.find(id: ownAlert.id, actor: grassroots) }
        }
    }

    @Test(arguments: Engines.all)
    func theClaimThresholdAndTheMarkAlertAtOnceAndTheCityHandlesTheAlert(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let province = try await SmallTree.actor(t.store, org: "HB")
            // The intake claims 18,000 yuan: a province line of 18,001 lets it pass, 18,000 alerts.
            try await t.store.disputes.setPolicyRule(PolicyRule(key: WarningPolicy.claimYuan, value: 18_001, effectiveFrom: Self.day, source: "测试：本省规定"), actor: province)
            let below = try await Self.register(t.store, try D.intake(), by: county)
            #expect(try await t.store.warnings.alerts(caseID: below.id, actor: county).isEmpty)
            try await t.store.disputes.setPolicyRule(PolicyRule(key: WarningPolicy.claimYuan, value: 18_000, effectiveFrom: Self.day, source: "测试：本省规定"), actor: province)
            let at = try await Self.register(t.store, try D.intake(types: [.workingHours]), by: county)
            let claim = try #require(try await t.store.warnings.alerts(caseID: at.id, actor: county).first)
            #expect(claim.rule == .largeClaim && claim.summary.contains("请求金额 18,000.00 元，达到即时预警金额 18,000 元（测试：本省规定）"))
            // A value out of the rule's range is refused with the range.
            await #expect(throws: StoreError.invalid([FieldProblem(field: "value", value: "0", reason: "取值应为 1 至 100000000")])) {
                try await t.store.disputes.setPolicyRule(PolicyRule(key: WarningPolicy.claimYuan, value: 0, effectiveFrom: Self.day, source: "测试"), actor: province)
            }
            // The mark: a reviewer may not; the note is required; the handler marks and the alert is raised.
            let reviewer = try await SmallTree.actor(t.store, org: "JA", role: .reviewer)
            await #expect(throws: StoreError.forbidden("当前角色无权办理案件")) {
                _ = try await t.store.disputes.markRisk(caseID: below.id, mark: .massIncident, note: "拟聚集", actor: reviewer, today: Self.day)
            }
            await #expect(throws: StoreError.invalid([FieldProblem(field: "note", value: "", reason: "请写明了解到的情况（最多 1000 字）")])) {
                _ = try await t.store.disputes.markRisk(caseID: below.id, mark: .massIncident, note: " ", actor: county, today: Self.day)
            }
            _ = try await t.store.disputes.markRisk(caseID: at.id, mark: .massIncident, note: "职工称将于周一到区政府聚集", actor: county, today: Self.day)
            let marked = try #require(try await t.store.warnings.alerts(caseID: at.id, actor: county).first { $0.rule == .markedCase })
            #expect(marked.rule == .markedCase && marked.summary.hasSuffix("被标记为群体性事件"))
            #expect(try await t.store.disputes.history(id: at.id, actor: county).contains { $0.detail == "标记为群体性事件：职工称将于周一到区政府聚集" })
            // The city acknowledges with a note, then closes with what was done.
            let city = try await SmallTree.actor(t.store, org: "WH")
            await #expect(throws: StoreError.invalid([FieldProblem(field: "note", value: "", reason: "请写明知悉情况和下一步安排（最多 1000 字）")])) {
                _ = try await t.store.warnings.acknowledge(id: marked.id, note: "", actor: city)
            }
            await #expect(throws: StoreError.forbidden("当前角色只能查看预警")) {
                _ = try await t.store.warnings.acknowledge(id: marked.id, note: "已知悉", actor: SmallTree.actor(t.store, org: "WH", role: .reviewer))
            }
            let seen = try await t.store.warnings.acknowledge(id: marked.id, note: "已联系区总工会，明日到厂", expectedVersion: marked.version, actor: city)
            #expect(seen.state == .acknowledged && seen.acknowledgedBy == "WH" && seen.acknowledgeNote == "已联系区总工会，明日到厂")
            await #expect(throws: StoreError.staleVersion(entity: "预警", key: String(marked.id))) {
                _ = try await t.store.warnings.close(id: marked.id, note: "已化解", expectedVersion: marked.version, actor: city)
            }
            await #expect(throws: StoreError.conflict(code: "workflow", message: "预警当前为“已知悉”，不能确认知悉")) {
                _ = try await t.store.warnings.acknowledge(id: marked.id, note: "再次", actor: city)
            }
            let done = try await t.store.warnings.close(id: marked.id, note: "企业补发工资，职工未聚集", actor: city)
            #expect(done.state == .closed && done.closeNote == "企业补发工资，职工未聚集")
            #expect(try await t.store.warnings.summary(actor: city) == RiskAlertSummary(open: 1, acknowledged: 0, oldestOpenSince: Self.day))
            let audit = try await t.store.database.read { db in
                try await db.raw("SELECT action FROM audit_log WHERE entity = 'risk_alert' ORDER BY seq").all().map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(audit == ["warning.raise", "warning.raise", "warning.acknowledge", "warning.close"])
            // The figures: by rule, acknowledged within the day, closed.
            let figures = try await t.store.rightsFigures(code: "WH", from: Self.day, to: Self.day, actor: city)
            #expect(figures.alerts[.markedCase]?.raised == 1 && figures.alerts[.markedCase]?.acknowledged == 1)
            #expect(figures.alerts[.markedCase]?.acknowledgedWithinDay == 1 && figures.alerts[.markedCase]?.closed == 1)
            #expect(figures.alerts[.largeClaim]?.raised == 1 && figures.alerts[.largeClaim]?.acknowledged == 0 && figures.alertTotal.raised == 2)
            #expect(figures.keyed.first { $0.key == "alerts" }?.value == 2)
            #expect(try await t.store.auditLog.verify().ok)
        }
    }

    @Test(arguments: Engines.all)
    func anEmployerWithThreeCasesInThirtyDaysAlertsOnce(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let today = CivilDate(year: 2026, month: 3, day: 31)!
            // Day −30 is outside the 30 days that end today; −29 and today are inside: two cases, no alert.
            for (back, type) in [(30, DisputeType.termination), (29, .workInjury), (0, .workingHours)] {
                _ = try await Self.register(t.store, try D.intake(types: [type], receivedOn: today.adding(days: -back)), by: county)
            }
            #expect(try await t.store.warnings.runTrends(today: today).raised.filter { $0.rule == .employerRepeat }.isEmpty,
                    "two cases lie within the 30 days")
            _ = try await Self.register(t.store, try D.intake(types: [.socialInsurance], receivedOn: today.adding(days: -10)), by: county)
            let report = try await t.store.warnings.runTrends(today: today)
            let alert = try #require(report.raised.first { $0.rule == .employerRepeat })
            #expect(alert.orgCode == "JA" && alert.subject == "江岸机械厂")
            #expect(alert.summary.hasPrefix("江岸机械厂 在 2026-03-02 至 2026-03-31 的 30 日内有 3 件案件"))
            #expect(try await t.store.warnings.runTrends(today: today).raised.isEmpty, "a second run the same day raises nothing")
        }
    }

    @Test(arguments: Engines.all)
    func aRegionSurgeFiresAboveMeanPlusKSigmaNotAtIt(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let today = CivilDate(year: 2026, month: 6, day: 30)!
            // Eight weeks of 1, 2, 1, 2 … cases: mean 1.5, standard deviation 0.5; k = 3 puts the line at exactly 3.
            var n = 0
            for (i, count) in [1, 2, 1, 2, 1, 2, 1, 2].enumerated() {
                let block = 8 - i
                for j in 0..<count {
                    n += 1
                    _ = try await Self.register(t.store, try Self.regional(n, receivedOn: today.adding(days: -(7 * block + j))), by: county)
                }
            }
            for j in 0..<3 {
                n += 1
                _ = try await Self.register(t.store, try Self.regional(n, receivedOn: today.adding(days: -j)), by: county)
            }
            let atTheLine = try await t.store.warnings.runTrends(today: today)
            #expect(!atTheLine.raised.contains { $0.rule == .regionSurge }, "3 cases is the mean plus 3 σ exactly: no alert")
            n += 1
            _ = try await Self.register(t.store, try Self.regional(n, receivedOn: today), by: county)
            let above = try await t.store.warnings.runTrends(today: today)
            let region = try #require(above.raised.first { $0.rule == .regionSurge })
            #expect(region.subject.hasSuffix("（420102）"))
            #expect(region.summary.contains("近 7 日（2026-06-24 至 2026-06-30）案件 4 件，前 8 周每周 1、2、1、2、1、2、1、2 件，均值 1.5、标准差 0.5，超过均值加 3.0 倍标准差（3.0 件）"))
            #expect(above.raised.contains { $0.rule == .industrySurge })
            #expect(try await t.store.warnings.runTrends(today: today).raised.isEmpty)
        }
    }

    /// A case of its own employer (so the employer rule stays quiet) in 江岸区, 制造业.
    static func regional(_ n: Int, receivedOn: CivilDate) throws -> DisputeIntake {
        var intake = try D.intake(receivedOn: receivedOn, creditCode: nil)
        intake.employer.name = "江岸第\(n)厂"
        return intake
    }

    @Test(arguments: Engines.all)
    func wageArrearsBeforeTheSpringFestivalAboveLastYearsSameDays(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            // 2026's festival begins 2026-02-15, 2025's 2025-01-28 (the shipped calendar); 30 days before.
            let today = CivilDate(year: 2026, month: 2, day: 10)!
            _ = try await Self.register(t.store, try Self.regional(1, receivedOn: CivilDate(year: 2025, month: 1, day: 5)!), by: county)
            for (i, day) in [CivilDate(year: 2026, month: 1, day: 20)!, CivilDate(year: 2026, month: 2, day: 1)!].enumerated() {
                _ = try await Self.register(t.store, try Self.regional(10 + i, receivedOn: day), by: county)
            }
            #expect(try await t.store.warnings.runTrends(today: today).raised.filter { $0.rule == .festivalArrears }.isEmpty, "2 cases: fewer than the 3 of the rule")
            _ = try await Self.register(t.store, try Self.regional(20, receivedOn: CivilDate(year: 2026, month: 2, day: 9)!), by: county)
            let report = try await t.store.warnings.runTrends(today: today)
            let festival = report.raised.filter { $0.rule == .festivalArrears }
            // The province and the city (the escalation depth), each once.
            #expect(festival.map(\.orgCode).sorted() == ["HB", "WH"])
            #expect(festival.first { $0.orgCode == "WH" }?.summary ==
                    "武汉市总工会：2026 年春节（2026-02-15）前 30 日内，2026-01-16 至 2026-02-10 受理欠薪案件 3 件，上年同期（2024-12-29 至 2025-01-23，春节 2025-01-28）1 件（本平台默认：春节前欠薪案件至少3件且多于上年同期时预警）")
            #expect(try await t.store.warnings.runTrends(today: today).raised.isEmpty)
            // Outside the window (the festival has begun) nothing is compared.
            #expect(try await t.store.warnings.runTrends(today: CivilDate(year: 2026, month: 2, day: 15)!).raised.filter { $0.rule == .festivalArrears }.isEmpty)
        }
    }
}
