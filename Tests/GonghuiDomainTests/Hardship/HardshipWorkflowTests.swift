import Testing
@testable import GonghuiDomain

@Suite("Hardship archive workflow (DOMAIN.md §4)")
struct HardshipWorkflowTests {
    private func date(_ s: String) -> CivilDate { try! CivilDate(parsing: s) }

    @Test func fromApplicationToFilingWithItsDeadlines() throws {
        var w = HardshipWorkflow(appliedOn: date("2026-03-02"), noticeDays: 5)
        // Five days to build: due on the 7th, overdue from the 8th.
        #expect(w.dueOn == date("2026-03-07"))
        #expect(!w.isOverdue(on: date("2026-03-07")))
        #expect(w.isOverdue(on: date("2026-03-08")))
        try w.apply(.submitForNotice, on: date("2026-03-06"))
        #expect(w.stage == .publicNotice)
        #expect(w.dueOn == date("2026-03-11"))
        #expect(throws: HardshipWorkflowError.noticeNotOver(until: date("2026-03-11"))) { try w.apply(.endNotice, on: date("2026-03-10")) }
        try w.apply(.endNotice, on: date("2026-03-11"))
        #expect(w.stage == .recheck)
        try w.apply(.passRecheck, on: date("2026-03-12"))
        #expect(throws: HardshipWorkflowError.notAllowed(action: "复核通过", stage: .approval)) { try w.apply(.passRecheck, on: date("2026-03-12")) }
        try w.apply(.approve, on: date("2026-03-13"))
        #expect(w.stage == .filed)
        // Re-verified at least yearly.
        #expect(w.dueOn == date("2027-03-13"))
        #expect(w.isOverdue(on: date("2027-03-14")))
        try w.apply(.reverify, on: date("2027-03-01"))
        #expect(w.dueOn == date("2028-03-01"))
    }

    @Test func sendingBackNeedsAReasonAndRestartsTheNotice() throws {
        var w = HardshipWorkflow(appliedOn: date("2026-03-02"))
        #expect(throws: HardshipWorkflowError.notAllowed(action: "退回", stage: .building)) { try w.apply(.sendBack(reason: "材料不全"), on: date("2026-03-03")) }
        try w.apply(.submitForNotice, on: date("2026-03-03"))
        try w.apply(.endNotice, on: date("2026-03-08"))
        #expect(throws: HardshipWorkflowError.reasonRequired) { try w.apply(.sendBack(reason: "  "), on: date("2026-03-09")) }
        try w.apply(.sendBack(reason: "缺少家庭经济状况核对授权委托书"), on: date("2026-03-09"))
        #expect(w.stage == .building)
        #expect(w.returnReason == "缺少家庭经济状况核对授权委托书")
        #expect(w.noticeStartedOn == nil)
        try w.apply(.submitForNotice, on: date("2026-03-10"))
        #expect(throws: HardshipWorkflowError.noticeNotOver(until: date("2026-03-15"))) { try w.apply(.endNotice, on: date("2026-03-14")) }
    }

    @Test func closedArchivesStayClosed() throws {
        var w = HardshipWorkflow(appliedOn: date("2026-03-02"))
        try w.apply(.submitForNotice, on: date("2026-03-03"))
        #expect(throws: HardshipWorkflowError.notAllowed(action: "销档（解困脱困）", stage: .publicNotice)) {
            try w.apply(.close(.outOfHardship, note: ""), on: date("2026-03-04"))
        }
        try w.apply(.endNotice, on: date("2026-03-08"))
        try w.apply(.passRecheck, on: date("2026-03-08"))
        try w.apply(.approve, on: date("2026-03-09"))
        #expect(throws: HardshipWorkflowError.reasonRequired) { try w.apply(.close(.ineligible, note: ""), on: date("2026-06-01")) }
        try w.apply(.close(.outOfHardship, note: "再就业，家庭人均收入已超过低保标准 2 倍"), on: date("2026-06-01"))
        #expect(w.stage == .closed)
        #expect(w.closedOn == date("2026-06-01"))
        #expect(w.dueOn == nil)
        #expect(throws: HardshipWorkflowError.self) { try w.apply(.reverify, on: date("2026-07-01")) }
    }
}
