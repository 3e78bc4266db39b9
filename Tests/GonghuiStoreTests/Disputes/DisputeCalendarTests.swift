import Foundation
import GonghuiDomain
@testable import GonghuiStore
import SQLKit
import Testing

/// The holiday calendar as the province keeps it, and a period its rules count in working days.
@Suite("The holiday calendar in the store")
struct DisputeCalendarTests {
    static func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    @Test(arguments: Engines.all)
    func theProvinceKeepsTheCalendarAndAWorkingDayRuleFollowsIt(engine: SQLEngine) async throws {
        try await withStore(engine) { t in
            try await DisputeServiceTests.setUp(t.store)
            let county = try await SmallTree.actor(t.store, org: "JA")
            let province = try await SmallTree.actor(t.store, org: "HB")
            await #expect(throws: StoreError.forbidden("只有省总工会可以维护节假日安排")) {
                try await t.store.disputes.setCalendarDay(Self.date("2026-09-16"), kind: .holiday, name: "地方假日", source: "本省", actor: county)
            }
            await #expect(throws: StoreError.invalid([FieldProblem(field: "kind", value: "2026-09-16", reason: "调休上班日应为周六或周日")])) {
                try await t.store.disputes.setCalendarDay(Self.date("2026-09-16"), kind: .workday, name: "调休", source: "本省", actor: province)
            }
            #expect(try await t.store.disputes.calendar() == HolidayCalendar.shipped)

            // The province counts its acceptance period in working days from 1 September 2026.
            try await t.store.disputes.setPolicyRule(PolicyRule(key: DisputePolicy.acceptanceDays, value: 15, effectiveFrom: Self.date("2026-09-01"),
                                                                source: "本省信访工作规定第十条", workingDays: true), actor: province)
            let received = Self.date("2026-09-15")
            let c = try await t.store.disputes.register(try DisputeServiceTests.intake(receivedOn: received), actor: county, today: received)
            let policy = try await t.store.disputes.policy()
            #expect(policy.rule(DisputePolicy.acceptanceDays, on: received)?.workingDays == true)
            #expect(c.workflow.dueOn(policy: policy) == Self.date("2026-10-12"))

            // A local day off and a shipped make-up workday taken back: two days later.
            try await t.store.disputes.setCalendarDay(Self.date("2026-09-16"), kind: .holiday, name: "地方假日", source: "本省通知", actor: province)
            try await t.store.disputes.setCalendarDay(Self.date("2026-10-10"), kind: nil, name: "", source: "本省通知更正", actor: province)
            let calendar = try await t.store.disputes.calendar()
            #expect(!calendar.isWorkingDay(Self.date("2026-09-16")) && !calendar.isWorkingDay(Self.date("2026-10-10")))
            #expect(c.workflow.dueOn(policy: try await t.store.disputes.policy()) == Self.date("2026-10-14"))
            // The stored deadline the worklist is ordered by moved with it.
            let stored = try await t.store.database.read { db in
                try await db.raw("SELECT due_on FROM dispute_cases WHERE id = \(bind: c.id)").first()!.decode(column: "due_on", as: String.self)
            }
            #expect(stored == "2026-10-14")
            let audited = try await t.store.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'calendar.set'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(audited == 2)
        }
    }
}
