import Foundation
import GonghuiDomain
import SQLKit

/// The holiday calendar the working-day periods count on: the shipped State Council notices with
/// the province's own days over them.
extension DisputeService {
    /// The calendar as it stands: shipped days, the province's additions and corrections, and the
    /// shipped days it took back.
    public func calendar() async throws -> HolidayCalendar {
        try await database.read { db in try await Self.calendar(on: db) }
    }

    static func calendar(on db: any SQLDatabase) async throws -> HolidayCalendar {
        var added: [HolidayCalendar.Day] = []
        var removed: [CivilDate] = []
        for row in try await db.raw("SELECT day, kind, name, source FROM holidays ORDER BY day").all() {
            guard let date = try Rows.date(row, "day") else { continue }
            let kind = try row.decode(column: "kind", as: String.self)
            if let k = HolidayCalendar.DayKind(rawValue: kind) {
                added.append(HolidayCalendar.Day(date: date, kind: k, name: try row.decode(column: "name", as: String.self),
                                                 source: try row.decode(column: "source", as: String.self)))
            } else {
                removed.append(date)
            }
        }
        return HolidayCalendar.shipped.removing(removed).merging(added)
    }

    /// Records a day of the calendar: a day off, a make-up workday, or (kind nil) an ordinary day
    /// again. The province's federation keeps the calendar; every change is audited.
    public func setCalendarDay(_ date: CivilDate, kind: HolidayCalendar.DayKind?, name: String, source: String, actor: Actor) async throws {
        try await OrgService.requireLevel(actor, [.province], "维护节假日安排", in: database)
        var problems: [FieldProblem] = []
        let name = name.trimmingCharacters(in: .whitespaces), source = source.trimmingCharacters(in: .whitespaces)
        if kind != nil && (name.isEmpty || name.count > 30) { problems.append(FieldProblem(field: "name", value: name, reason: "请填写节日名称（最多 30 字）")) }
        if source.isEmpty { problems.append(FieldProblem(field: "source", value: "", reason: "请注明依据（国务院办公厅通知文号或本省规定）")) }
        if kind == .workday && !date.isWeekend { problems.append(FieldProblem(field: "kind", value: date.iso, reason: "调休上班日应为周六或周日")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        try await database.write { db in
            try await db.raw("DELETE FROM holidays WHERE day = \(bind: date.iso)").run()
            try await db.raw("""
                INSERT INTO holidays (day, kind, name, source, recorded_by, recorded_at)
                VALUES (\(bind: date.iso), \(bind: kind?.rawValue ?? "normal"), \(bind: name), \(bind: source), \(bind: actor.username), \(bind: Clock.nowMillis()))
                """).run()
            try await Self.refreshDeadlines(on: db)
            try await audit.append(.init(action: "calendar.set", entity: "holiday", entityID: date.iso, orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "节假日安排：\(date.iso) 为\(kind.map { "\(name)\($0.title)" } ?? "正常工作日/周末")（\(source)）"),
                                   actor: actor, on: db)
        }
    }

    /// The stored deadlines of the open cases, counted again after a rule or the calendar changed
    /// (the worklist is ordered by them). An agreement's terms keep their own dates.
    static func refreshDeadlines(on db: any SQLDatabase) async throws {
        let policy = try await policy(on: db)
        let rows = try await db.raw("""
            SELECT id, kind, state, received_on, accepted_on, extended_days, mediation_applied_on, due_on
            FROM dispute_cases WHERE state IN ('received', 'accepted', 'mediating')
            """).all()
        for row in rows {
            let workflow = DisputeWorkflow(
                kind: DisputeRequestKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .request,
                state: DisputeCaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .received,
                receivedOn: try Rows.date(row, "received_on") ?? CivilDate(daysSinceEpoch: 0), acceptedOn: try Rows.date(row, "accepted_on"),
                extendedDays: try row.decode(column: "extended_days", as: Int.self), extensionReason: nil,
                mediationAppliedOn: try Rows.date(row, "mediation_applied_on"), oralApplication: false, terms: [], closedOn: nil, outcome: nil,
                recovered: .zero, note: nil)
            let due = workflow.dueOn(policy: policy)?.iso
            if due != (try row.decode(column: "due_on", as: String?.self)) {
                try await db.raw("UPDATE dispute_cases SET due_on = \(bind: due) WHERE id = \(bind: try row.decode(column: "id", as: Int64.self))").run()
            }
        }
    }
}
