import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// The worker's side and the notifications: filing from the portal (routing, joining an open
/// case), the inboxes and the outbox, the deadline reminders, the rating, the agreement a worker
/// may download.
@Suite("Disputes in the portal, and notifications")
struct DisputePortalTests {
    static let today = DisputeServiceTests.march1

    /// Collects what would be sent; fails the first `failures` times.
    final class Collector: MessageSender, @unchecked Sendable {
        var sent: [(String, String)] = []
        var failures: Int
        init(failures: Int = 0) { self.failures = failures }
        func send(channel: OutboxMessage.Channel, to recipient: String, text: String) async throws {
            if failures > 0 { failures -= 1; throw StoreError.conflict(code: "gateway", message: "短信网关不可用") }
            sent.append((recipient, text))
        }
    }

    static func filing(_ employer: String = "江岸某物流公司", confidential: Bool = false) -> PortalDisputeFiling {
        PortalDisputeFiling(kind: .complaint, employerName: employer, employerCreditCode: nil, types: [.wageArrears], amountClaimed: Money(yuan: 6_000),
                            facts: "公司拖欠两个月工资共 6000 元", learnedOn: nil, employmentEndedOn: nil, confidential: confidential, wantsMediation: true)
    }

    static func setUp(_ store: Store) async throws -> (Member, Member) {
        try await DisputeServiceTests.setUp(store)
        for (user, org) in [("ja.admin", "JA"), ("wh.admin", "WH"), ("ja01.admin", "JA01")] {
            _ = try await store.users.add(username: user, displayName: user, password: "Passw0rd-Long-1", role: .orgAdmin, orgCode: org, actor: system)
        }
        let a = try await SmallTree.member(store, id: idNumber("42010219900101111"), name: "张三", org: "JA01", phone: "13800001111")
        let b = try await SmallTree.member(store, id: idNumber("42010219900101222"), name: "李四", org: "JA01", phone: "13800002222")
        return (a, b)
    }

    static func userID(_ store: Store, _ name: String) async throws -> Int64 {
        try await store.database.read { db in try await db.raw("SELECT id FROM users WHERE username = \(bind: name)").first()!.decode(column: "id", as: Int64.self) }
    }

    @Test(arguments: Engines.all)
    func aWorkerFilesIsRoutedJoinsAnOpenCaseAndIsToldOfEachStep(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (a, b) = try await Self.setUp(t.store)
            // JA01 has no mediation committee: the county takes it.
            let filed = try await t.store.disputes.file(Self.filing(), memberID: a.id, today: Self.today)
            #expect(filed.handlingOrgName == "江岸区总工会" && filed.channel == .online && filed.workflow.state == .received)
            #expect(filed.dueOn == Self.today.adding(days: 15) && filed.steps.map(\.kind) == ["registered"])
            // The same employer and matter from a co-worker: joins the case.
            let joined = try await t.store.disputes.file(Self.filing(), memberID: b.id, today: Self.today)
            #expect(joined.id == filed.id && joined.steps.map(\.kind) == ["registered", "workers_added"])
            #expect(try await t.store.disputes.portalCases(memberID: b.id).map(\.id) == [filed.id])
            // Another member does not see it.
            let c = try await SmallTree.member(t.store, id: idNumber("42010219900101333"), name: "王五", org: "JA02")
            await #expect(throws: StoreError.notFound(entity: "案件", key: String(filed.id))) { _ = try await t.store.disputes.portalCase(id: filed.id, memberID: c.id) }

            // The county's officer has a to-do; the city's has none yet.
            let ja = try await t.store.notifications.inbox(userID: try await Self.userID(t.store, "ja.admin"))
            #expect(ja.unread == 1 && ja.items.first?.kind == .todo && ja.items.first?.link == "/disputes/\(filed.id)")
            #expect(try await t.store.notifications.inbox(userID: try await Self.userID(t.store, "wh.admin")).unread == 0)
            // The worker hears of the acceptance, in the inbox and by SMS without any ID number.
            let county = try await SmallTree.actor(t.store, org: "JA")
            _ = try await t.store.disputes.act(id: filed.id, .accept, actor: county, today: Self.today)
            let mine = try await t.store.notifications.inbox(memberID: a.id)
            #expect(mine.items.map(\.title) == ["维权案件 \(filed.caseNo)：办理中", "维权案件 \(filed.caseNo)：待受理"])
            let outbox = try await t.store.notifications.outbox()
            #expect(outbox.count == 4 && outbox.allSatisfy { $0.template == "dispute.status" && $0.state == .pending })
            #expect(outbox.allSatisfy { !$0.values.values.contains { $0.contains("420102") } })

            // Delivery: a failure is retried; the messages go to the members' phones.
            let flaky = Collector(failures: 1)
            let first = try await t.store.notifications.deliver(with: flaky)
            #expect(first.sent == 3 && first.failed == 1)
            let second = try await t.store.notifications.deliver(with: flaky)
            #expect(second.sent == 1 && second.failed == 0)
            #expect(Set(flaky.sent.map(\.0)) == ["13800001111", "13800002222"] && flaky.sent.allSatisfy { $0.1.contains(filed.caseNo) })
            #expect(try await t.store.notifications.outbox().allSatisfy { $0.state == .sent })
            try await t.store.notifications.markRead(ids: nil, memberID: a.id)
            #expect(try await t.store.notifications.inbox(memberID: a.id).unread == 0)
            #expect(try await t.store.notifications.inbox(memberID: b.id).unread == 2)
        }
    }

    @Test(arguments: Engines.all)
    func routingFollowsTheMediationCommitteeAndConfidentiality(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (a, _) = try await Self.setUp(t.store)
            var flags = OrgFlags()
            flags.mediationCommittee = true
            _ = try await t.store.orgs.update(code: "JA01", with: OrganizationDraft(code: "JA01", name: "江岸机械厂工会", parentCode: "JA", kind: .grassroots,
                                                                                  creditCode: try CreditCode(DisputeServiceTests.employerCode), employees: 100, flags: flags),
                                             keepChairPhone: true, expectedVersion: nil, on: Self.today, actor: system)
            #expect(try await t.store.disputes.file(Self.filing(), memberID: a.id, today: Self.today).handlingOrgName == "江岸机械厂工会")
            let secret = try await t.store.disputes.file(Self.filing("江岸机械厂", confidential: true), memberID: a.id, today: Self.today)
            #expect(secret.handlingOrgName == "江岸区总工会")
        }
    }

    @Test(arguments: Engines.all)
    func remindersLandOnceAndOverdueCasesReachTheUnionAbove(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            _ = try await Self.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let c = try await t.store.disputes.register(try DisputeServiceTests.intake(), actor: county, today: Self.today)
            let due = Self.today.adding(days: 15)
            #expect(try await t.store.disputes.remindDeadlines(today: due.adding(days: -4)) == (0, 0))
            #expect(try await t.store.disputes.remindDeadlines(today: due.adding(days: -3)) == (1, 0))
            #expect(try await t.store.disputes.remindDeadlines(today: due.adding(days: -2)) == (1, 0))
            let ja = try await Self.userID(t.store, "ja.admin"), wh = try await Self.userID(t.store, "wh.admin")
            #expect(try await t.store.notifications.inbox(userID: ja).items.map(\.title) == ["案件 \(c.caseNo) 受理告知期限还剩 3 天", "新案件 \(c.caseNo) 待受理"])
            #expect(try await t.store.disputes.remindDeadlines(today: due.adding(days: 1)) == (0, 1))
            _ = try await t.store.disputes.remindDeadlines(today: due.adding(days: 2))
            #expect(try await t.store.notifications.inbox(userID: ja).items.first?.title == "案件 \(c.caseNo) 受理告知期限已超期 1 天")
            #expect(try await t.store.notifications.inbox(userID: ja).items.count == 3)
            #expect(try await t.store.notifications.inbox(userID: wh).items.map(\.title) == ["下级案件 \(c.caseNo) 受理告知期限已超期"])
        }
    }

    @Test(arguments: Engines.all)
    func aClosedCaseIsRatedOnceAndTheAgreementShowsOnlyTheWorkersOwnIDNumber(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            let (a, b) = try await Self.setUp(t.store)
            let filed = try await t.store.disputes.file(Self.filing(), memberID: a.id, today: Self.today)
            _ = try await t.store.disputes.file(Self.filing(), memberID: b.id, today: Self.today)
            await #expect(throws: StoreError.conflict(code: "workflow", message: "案件办结后才能评价")) {
                _ = try await t.store.disputes.rate(caseID: filed.id, memberID: a.id, score: 5, comment: "")
            }
            let county = try await SmallTree.actor(t.store, org: "JA")
            _ = try await t.store.disputes.act(id: filed.id, .accept, actor: county, today: Self.today)
            _ = try await t.store.disputes.act(id: filed.id, .startMediation(appliedOn: Self.today, oral: false, note: ""), actor: county, today: Self.today)
            _ = try await t.store.disputes.act(id: filed.id, .recordAgreement(terms: [AgreementTerm(description: "支付工资", amount: Money(yuan: 6_000), dueOn: Self.today.adding(days: 5))]),
                                              actor: county, today: Self.today)
            let dossier = try await t.store.disputes.portalDossier(caseID: filed.id, memberID: a.id)
            #expect(dossier.parties.map(\.idNumber) == [idNumber("42010219900101111"), IDNumber.masked(idNumber("42010219900101222"))])
            #expect(dossier.parties.map(\.phone) == ["13800001111", nil])
            _ = try await t.store.disputes.act(id: filed.id, .recordPerformance(term: 0, performedOn: Self.today, amount: Money(yuan: 6_000)), actor: county, today: Self.today)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "score", value: "6", reason: "请选择 1 至 5 分")])) {
                _ = try await t.store.disputes.rate(caseID: filed.id, memberID: a.id, score: 6, comment: "")
            }
            let rated = try await t.store.disputes.rate(caseID: filed.id, memberID: a.id, score: 5, comment: "工会很负责")
            #expect(rated.rating?.score == 5 && !rated.mayRate)
            await #expect(throws: StoreError.conflict(code: "rated", message: "您已评价过这个案件")) {
                _ = try await t.store.disputes.rate(caseID: filed.id, memberID: a.id, score: 4, comment: "")
            }
            // The figures' satisfaction: one rating of 5; a second case rated 4 makes 4.5.
            let year = (from: CivilDate(year: 2026, month: 1, day: 1)!, to: CivilDate(year: 2026, month: 12, day: 31)!)
            #expect(try await t.store.disputes.satisfaction(code: "JA", from: year.from, to: year.to, actor: county) == (1, "5.0"))
            let other = try await t.store.disputes.file(Self.filing("另一家公司"), memberID: b.id, today: Self.today)
            _ = try await t.store.disputes.act(id: other.id, .accept, actor: county, today: Self.today)
            _ = try await t.store.disputes.act(id: other.id, .resolve(note: "协调解决", recovered: .zero), actor: county, today: Self.today)
            _ = try await t.store.disputes.rate(caseID: other.id, memberID: b.id, score: 4, comment: "")
            #expect(try await t.store.disputes.satisfaction(code: "JA", from: year.from, to: year.to, actor: county) == (2, "4.5"))
            #expect(try await t.store.disputes.satisfaction(code: "JA", from: year.to, to: year.to, actor: county) == (0, nil))
        }
    }
}

extension IDNumber {
    /// The masked form of a raw valid number, as stored beside it.
    static func masked(_ raw: String) -> String { try! IDNumber(raw).masked }
}
