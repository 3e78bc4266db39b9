import Testing
@testable import GonghuiDomain

@Suite("The holiday calendar and periods in working days")
struct HolidayCalendarTests {
    private func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    @Test("weekdays from the epoch: 1970-01-01 a Thursday, 2026-09-20 a Sunday")
    func weekdays() {
        #expect(date("1970-01-01").isoWeekday == 4)
        #expect(date("2026-09-20").isoWeekday == 7 && date("2026-10-10").isoWeekday == 6 && date("2026-09-25").isoWeekday == 5)
        #expect(date("1969-12-29").isoWeekday == 1)
    }

    @Test("the shipped 2026 notice: 国庆 days off, its make-up Sunday and Saturday worked")
    func shipped2026() {
        let c = HolidayCalendar.shipped
        #expect(!c.isWorkingDay(date("2026-10-01")) && !c.isWorkingDay(date("2026-10-07")) && c.isWorkingDay(date("2026-10-08")))
        #expect(c.isWorkingDay(date("2026-09-20")) && c.isWorkingDay(date("2026-10-10")) && !c.isWorkingDay(date("2026-10-11")))
        #expect(!c.isWorkingDay(date("2026-02-16")) && c.isWorkingDay(date("2026-02-14")))
        #expect(c.years == [2024, 2025, 2026])
        #expect(c.days[date("2026-10-01")]?.source.contains("国办发明电〔2025〕7号") == true)
    }

    @Test("15 working days from 15 September 2026 cross 中秋 and 国庆 with two make-up workdays: 12 October")
    func workingDaysAcrossHolidays() {
        let c = HolidayCalendar.shipped
        #expect(c.adding(workingDays: 15, to: date("2026-09-15")) == date("2026-10-12"))
        // Without the make-up Saturday of 10 October it would be a day later.
        #expect(c.removing([date("2026-10-10")]).adding(workingDays: 15, to: date("2026-09-15")) == date("2026-10-13"))
        // An ordinary fortnight: 10 working days from a Friday end on the second Friday after it.
        #expect(c.adding(workingDays: 10, to: date("2026-11-06")) == date("2026-11-20"))
        #expect(c.adding(workingDays: 0, to: date("2026-11-06")) == date("2026-11-06"))
    }

    @Test("a province's acceptance period in working days moves the case's deadline; calendar days do not see holidays")
    func aRuleInWorkingDays() throws {
        let received = date("2026-09-15")
        #expect(DisputeClocks.acceptanceDue(receivedOn: received, policy: DisputePolicy.defaults) == date("2026-09-30"))
        let province = DisputePolicy.defaults.merging([
            PolicyRule(key: DisputePolicy.acceptanceDays, value: 15, effectiveFrom: date("2026-09-01"), source: "本省信访工作规定", workingDays: true),
        ])
        let w = DisputeWorkflow(kind: .complaint, receivedOn: received)
        #expect(w.dueOn(policy: province) == date("2026-10-12"))
        #expect(!w.isOverdue(on: date("2026-10-12"), policy: province) && w.isOverdue(on: date("2026-10-13"), policy: province))
        // A case received before the province's rule keeps the law's calendar days.
        #expect(DisputeClocks.acceptanceDue(receivedOn: date("2026-08-31"), policy: province) == date("2026-09-15"))
        // A province's own day off counts too.
        var local = province
        local.calendar = province.calendar.merging([HolidayCalendar.Day(date: date("2026-09-16"), kind: .holiday, name: "地方假日", source: "本省")])
        #expect(w.dueOn(policy: local) == date("2026-10-13"))
    }
}
