import Foundation
import GonghuiDomain
import SQLKit

/// What the dispute work tells people: a new case to its handling union, every change of state to
/// the workers it concerns (inbox and SMS), and the deadlines — a reminder a few days before, an
/// overdue notice to the handler and the union above it. Messages carry no ID numbers.
extension DisputeService {
    /// Tells the handling union's officers of a case they now hold (new or transferred to them).
    static func notifyHandler(caseID: Int64, caseNo: String, orgID: Int64, title: String, body: String, on db: any SQLDatabase) async throws {
        try await NotificationService.notifyOfficers(orgID: orgID, kind: .todo, title: title, body: body, link: "/disputes/\(caseID)",
                                                     dedupeKey: nil, on: db)
    }

    /// Tells every worker of the case who is a member (so has a portal inbox) that its state changed.
    /// `fromSeq`: only the workers listed from that position on (those just added).
    static func notifyWorkers(caseID: Int64, caseNo: String, state: DisputeCaseState, fromSeq: Int = 0, on db: any SQLDatabase) async throws {
        let rows = try await db.raw("SELECT member_id, phone_enc FROM dispute_workers WHERE case_id = \(bind: caseID) AND member_id IS NOT NULL AND seq >= \(bind: fromSeq)").all()
        for row in rows {
            let memberID = try row.decode(column: "member_id", as: Int64.self)
            try await NotificationService.notifyMember(
                memberID, phoneSealed: try row.decode(column: "phone_enc", as: String?.self), title: "维权案件 \(caseNo)：\(state.title)",
                body: "您的维权案件 \(caseNo) 当前状态为“\(state.title)”。", link: "/my/disputes/\(caseID)", template: "dispute.status",
                values: ["caseNo": caseNo, "state": state.title], dedupeKey: nil, on: db)
        }
    }

    /// The deadlines of the open cases on `today`: a reminder to the handling union when one falls
    /// within the configured days, an overdue notice to it and to the union above it once passed.
    /// Each lands once per deadline (its key names the case and the date). Returns how many cases
    /// were reminded and how many were overdue.
    @discardableResult
    public func remindDeadlines(today: CivilDate = .today()) async throws -> (dueSoon: Int, overdue: Int) {
        try await database.write { db in
            let policy = try await Self.policy(on: db)
            let soon = today.adding(days: DisputeClocks.days(DisputePolicy.reminderDays, on: today, policy))
            let rows = try await db.raw("""
                SELECT c.id, c.case_no, c.state, c.due_on, c.org_id, o.parent_id FROM dispute_cases c JOIN orgs o ON o.id = c.org_id
                WHERE c.state <> 'closed' AND c.due_on IS NOT NULL AND c.due_on <= \(bind: soon.iso)
                """).all()
            var dueSoon = 0, overdue = 0
            for row in rows {
                guard let due = try Rows.date(row, "due_on") else { continue }
                let id = try row.decode(column: "id", as: Int64.self), caseNo = try row.decode(column: "case_no", as: String.self)
                let state = DisputeCaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .received
                let clock = Self.clockName(state)
                let orgID = try row.decode(column: "org_id", as: Int64.self)
                let left = DisputeClocks.daysLeft(until: due, today: today)
                if left >= 0 {
                    dueSoon += 1
                    try await NotificationService.notifyOfficers(orgID: orgID, kind: .reminder, title: "案件 \(caseNo) \(clock)还剩 \(left) 天",
                                                                 body: "案件 \(caseNo) 的\(clock)将于 \(due.iso) 到期，请及时办理。", link: "/disputes/\(id)",
                                                                 dedupeKey: "due:\(id):\(due.iso)", on: db)
                } else {
                    overdue += 1
                    let title = "案件 \(caseNo) \(clock)已超期 \(-left) 天"
                    let body = "案件 \(caseNo) 的\(clock)已于 \(due.iso) 到期，请尽快办理。"
                    try await NotificationService.notifyOfficers(orgID: orgID, kind: .todo, title: title, body: body, link: "/disputes/\(id)",
                                                                 dedupeKey: "overdue:\(id):\(due.iso)", on: db)
                    if let parent = try row.decode(column: "parent_id", as: Int64?.self) {
                        try await NotificationService.notifyOfficers(orgID: parent, kind: .reminder, title: "下级案件 \(caseNo) \(clock)已超期",
                                                                     body: body, link: "/disputes/\(id)", dedupeKey: "overdue-up:\(id):\(due.iso)", on: db)
                    }
                }
            }
            return (dueSoon, overdue)
        }
    }

    /// The clock a state waits on, in words.
    static func clockName(_ state: DisputeCaseState) -> String {
        switch state {
        case .received: "受理告知期限"
        case .accepted: "办理期限"
        case .mediating: "调解期限"
        case .performing: "协议履行期限"
        case .closed: "期限"
        }
    }
}
