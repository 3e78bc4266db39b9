import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// Labor-law supervision in the store: an employer found with its cases, letters numbered per
/// union, kind and year with the day to answer counted on the holiday calendar, the worklist
/// proposing the next letter the day after the last day, the answer and the labor department's
/// decision, the figures, scope and the audit.
@Suite("Labor-law supervision")
struct SupervisionTests {
    typealias D = DisputeServiceTests
    /// Tuesday 22 September 2026: its 15th working day is 20 October (中秋 and 国庆 between).
    static let day = CivilDate(year: 2026, month: 9, day: 22)!
    static let due = CivilDate(year: 2026, month: 10, day: 20)!

    static func draft(_ name: String = "江岸机械厂", code: String? = D.employerCode, first: SupervisionLetterKind = .reminder, on: CivilDate = day,
                      department: String = "江岸区人力资源和社会保障局") throws -> SupervisionDraft {
        SupervisionDraft(employerName: name, employerCreditCode: try code.map { try CreditCode($0) }, caseID: nil, violation: "拖欠 10 名职工三个月工资",
                         legalBasis: "《中华人民共和国劳动法》第五十条", correction: "足额支付拖欠的工资", laborDepartment: department, firstLetter: first, issuedOn: on)
    }

    @Test(arguments: Engines.all)
    func lettersInTurnOnTheirClocksUntilTheLaborDepartmentDecides(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let city = try await SmallTree.actor(t.store, org: "WH")
            let s = t.store.supervision
            // The employer is found by a part of its name and by its credit code, with its case beside it.
            let c = try await t.store.disputes.register(try D.intake(workers: 10), allowDuplicate: true, actor: county, today: Self.day)
            let byName = try await s.employers(matching: "机械", actor: county)
            #expect(byName.count == 1 && byName[0].creditCode == D.employerCode && byName[0].cases.map(\.caseNo) == [c.caseNo] && byName[0].cases[0].workers == 10)
            #expect(try await s.employers(matching: D.employerCode.lowercased(), actor: county).first?.cases.count == 1)
            #expect(try await s.employers(matching: "机械", actor: SmallTree.actor(t.store, org: "XL")).isEmpty)

            var m = try await s.open(try Self.draft(), actor: county, today: Self.day)
            #expect(m.matterNo == String(format: "JD2026-%06lld", m.id) && m.state == .open && m.orgCode == "JA")
            #expect(m.letters.map(\.number) == ["工监提〔2026〕1号"] && m.latest?.dueOn == Self.due && m.latest?.recipient == "江岸机械厂")
            // A second supervision of the union takes the next reminder number; the first opinion is No. 1 of its kind.
            let other = try await s.open(try Self.draft("江岸纺织厂", code: nil, first: .opinion), actor: county, today: Self.day)
            #expect(other.letters.map(\.number) == ["工监意〔2026〕1号"])
            #expect(try await s.open(try Self.draft("江岸食品厂", code: nil), actor: county, today: Self.day).letters.map(\.number) == ["工监提〔2026〕2号"])

            // On the last day the answer is awaited; the day after, the opinion is proposed to the county and the city.
            #expect(try await s.worklist(actor: county, today: Self.due).isEmpty)
            let work = try await s.worklist(actor: city, today: Self.due.adding(days: 1))
            #expect(work.count == 3 && work.allSatisfy(\.step.isDue) && work.contains { $0.matter.id == other.id })
            #expect(work.first { $0.matter.id == m.id }?.step == .propose(.opinion, because: .notAnswered(due: Self.due, daysLate: 1)))
            #expect(try await s.worklist(actor: SmallTree.actor(t.store, org: "XL"), today: Self.due.adding(days: 1)).isEmpty)
            // The daily run puts each proposal in the county officers' inbox, once however often it runs.
            let officer = try #require(try await WarningServiceTests.officers(t.store, ["JA"])["JA"])
            #expect(try await s.remindDue(today: Self.due) == 0)
            #expect(try await s.remindDue(today: Self.due.adding(days: 1)) == 3)
            #expect(try await s.remindDue(today: Self.due.adding(days: 2)) == 3)
            let inbox = try await t.store.notifications.inbox(userID: officer).items.filter { $0.link?.hasPrefix("/supervision/") == true }
            #expect(inbox.count == 3 && inbox.contains { $0.title == "江岸机械厂：建议发出监督意见书" && $0.link == "/supervision/\(m.id)" })

            // Not the proposal before an opinion; the opinion with revised text, then the proposal.
            await #expect(throws: StoreError.conflict(code: "workflow", message: "现在不能发出监督建议书：须先发出监督意见书")) {
                _ = try await s.issue(.proposal, matterID: m.id, issuedOn: Self.due, actor: county, today: Self.due)
            }
            let opinionDay = Self.due.adding(days: 1)
            m = try await s.issue(.opinion, matterID: m.id, issuedOn: opinionDay, correction: "十日内足额支付拖欠工资，并按月足额支付", expectedVersion: m.version,
                                  actor: county, today: opinionDay)
            #expect(m.letters.map(\.number) == ["工监提〔2026〕1号", "工监意〔2026〕2号"] && m.latest?.correction == "十日内足额支付拖欠工资，并按月足额支付")
            // 21 October + 15 working days: 22, 23, 26–30, 2–6, 9, 10, 11 November.
            #expect(m.latest?.dueOn == CivilDate(year: 2026, month: 11, day: 11)!)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "answered_on", value: "2026-10-20", reason: "答复日期不能早于发文日期 2026-10-21")])) {
                _ = try await s.answer(matterID: m.id, answeredOn: Self.due, result: .partly, text: "已支付一个月", actor: county, today: opinionDay)
            }
            m = try await s.answer(matterID: m.id, answeredOn: opinionDay.adding(days: 5), result: .refused, text: "公司称资金困难", actor: county, today: opinionDay.adding(days: 5))
            #expect(m.nextStep(today: opinionDay.adding(days: 5)) == .propose(.proposal, because: .notCorrected(.refused)) && m.latest?.answeredInTime == true)
            m = try await s.issue(.proposal, matterID: m.id, issuedOn: opinionDay.adding(days: 6), actor: county, today: opinionDay.adding(days: 6))
            #expect(m.state == .referred && m.latest?.recipient == "江岸区人力资源和社会保障局" && m.latest?.number == "工监建〔2026〕1号" && m.latest?.dueOn == nil)
            await #expect(throws: StoreError.conflict(code: "workflow", message: "没有待用人单位答复的文书")) {
                _ = try await s.answer(matterID: m.id, answeredOn: opinionDay.adding(days: 6), result: .corrected, text: "x", actor: county, today: opinionDay.adding(days: 6))
            }
            let decided = opinionDay.adding(days: 20)
            m = try await s.decide(matterID: m.id, decidedOn: decided, decision: .ordered, note: "责令限期支付，已全部支付", actor: county, today: decided)
            #expect(m.state == .decided && m.closedOn == decided && m.decision == .ordered && m.issuable.isEmpty)

            // The other reminder is corrected at once.
            let third = try await s.list(state: .open, actor: county).items.first { $0.employerName == "江岸食品厂" }!
            let corrected = try await s.answer(matterID: third.id, answeredOn: Self.day.adding(days: 3), result: .corrected, text: "已补签劳动合同", actor: county,
                                               today: Self.day.adding(days: 3))
            #expect(corrected.state == .corrected && corrected.closedOn == Self.day.adding(days: 3))

            // The figures of the city for the year.
            let f = try await t.store.rightsFigures(code: "WH", from: CivilDate(year: 2026, month: 1, day: 1)!, to: CivilDate(year: 2026, month: 12, day: 31)!, actor: city)
            #expect(f.letters == [.reminder: 2, .opinion: 2, .proposal: 1] && f.supervisionCorrected == 2 && f.supervisionReferred == 1 && f.laborDecisions == [.ordered: 1])
            let keyed = Dictionary(uniqueKeysWithValues: f.keyed.map { ($0.key, $0.value) })
            #expect(keyed["supervision_opinions"] == 2 && keyed["supervision_proposals"] == 1 && keyed["supervision_reminders"] == 2)
            #expect(try await t.store.rightsFigures(code: "YC", from: Self.day, to: decided, actor: .system("t")).letters.isEmpty)

            // The audit tells each step.
            let actions = try await t.store.database.read { db in
                try await db.raw("SELECT action FROM audit_log WHERE entity = 'supervision' ORDER BY seq").all().map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(actions.filter { $0 == "supervision.letter" }.count == 5 && actions.contains("supervision.decide") && actions.filter { $0 == "supervision.answer" }.count == 2)
        }
    }

    @Test(arguments: Engines.all)
    func anotherCountyNeitherSeesNorWritesAndAReviewerOnlyReads(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await D.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let s = t.store.supervision
            let m = try await s.open(try Self.draft(department: ""), actor: county, today: Self.day)
            let sibling = try await SmallTree.actor(t.store, org: "XL")
            let missing = StoreError.notFound(entity: "监督事项", key: String(m.id))
            await #expect(throws: missing) { _ = try await s.find(id: m.id, actor: sibling) }
            await #expect(throws: missing) { _ = try await s.answer(matterID: m.id, answeredOn: Self.day, result: .corrected, text: "已整改", actor: sibling, today: Self.day) }
            await #expect(throws: missing) { _ = try await s.issue(.opinion, matterID: m.id, issuedOn: Self.day, actor: sibling, today: Self.day) }
            #expect(try await s.list(actor: sibling).total == 0)
            // A union below the county does not see the county's own supervision either; the province does.
            #expect(try await s.list(actor: SmallTree.actor(t.store, org: "JA01")).total == 0)
            #expect(try await s.list(actor: SmallTree.actor(t.store, org: "HB")).total == 1)
            await #expect(throws: StoreError.forbidden("当前角色无权发出劳动法律监督文书")) {
                _ = try await s.issue(.opinion, matterID: m.id, issuedOn: Self.day, actor: SmallTree.actor(t.store, org: "JA", role: .reviewer), today: Self.day)
            }
            // Without a labor department named anywhere the proposal asks for one; bad drafts name their fields.
            var opened = try await s.issue(.opinion, matterID: m.id, issuedOn: Self.day, actor: county, today: Self.day)
            await #expect(throws: StoreError.invalid([FieldProblem(field: "recipient", value: "", reason: "请填写受文的劳动行政部门（如 某区人力资源和社会保障局）")])) {
                _ = try await s.issue(.proposal, matterID: m.id, issuedOn: Self.day, actor: county, today: Self.day)
            }
            opened = try await s.find(id: m.id, actor: county)
            #expect(opened.letters.count == 2 && opened.state == .open)
            var bad = try Self.draft(first: .proposal, on: Self.day.adding(days: 1))
            bad.violation = " "
            await #expect(throws: StoreError.invalid([
                FieldProblem(field: "violation", value: "", reason: "请填写违法事实（最多 2000 字）"),
                FieldProblem(field: "first_letter", value: "proposal", reason: "监督建议书须在监督意见书之后发出"),
                FieldProblem(field: "issued_on", value: "2026-09-23", reason: "发文日期不能晚于今天"),
            ])) { _ = try await s.open(bad, actor: county, today: Self.day) }
            // A stale form is refused.
            await #expect(throws: StoreError.staleVersion(entity: "监督事项", key: m.matterNo)) {
                _ = try await s.answer(matterID: m.id, answeredOn: Self.day, result: .corrected, text: "已整改", expectedVersion: m.version, actor: county, today: Self.day)
            }
        }
    }
}
