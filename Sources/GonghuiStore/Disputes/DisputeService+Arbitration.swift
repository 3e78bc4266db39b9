import Foundation
import GonghuiDomain
import SQLKit

/// The arbitration a case went on to: recorded by the union that handled it once the mediation
/// ended with the parties going to arbitration (or an agreement was not performed).
extension DisputeService {
    public func arbitration(caseID: Int64, actor: Actor) async throws -> ArbitrationRecord? {
        try await database.read { db in Self.arbitration(try await Self.locate(id: caseID, scope: actor.scope, on: db).row) }
    }

    static func arbitration(_ row: any SQLRow) -> ArbitrationRecord? {
        guard let applied = try? Rows.date(row, "arbitration_applied_on") else { return nil }
        return ArbitrationRecord(commission: (try? row.decode(column: "arbitration_commission", as: String?.self)) ?? "" , appliedOn: applied,
                                 acceptedOn: try? Rows.date(row, "arbitration_accepted_on"),
                                 extended: (try? row.decode(column: "arbitration_extended", as: Bool.self)) ?? false,
                                 awardedOn: try? Rows.date(row, "arbitration_awarded_on"),
                                 result: (try? row.decode(column: "arbitration_result", as: String?.self)) ?? "")
    }

    public func recordArbitration(caseID: Int64, _ record: ArbitrationRecord, actor: Actor, today: CivilDate = .today()) async throws -> ArbitrationRecord {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        let audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let c = try await Self.dispute(row, actor: .system("read"), on: db)
            guard c.workflow.outcome == .arbitration else {
                throw StoreError.conflict(code: "workflow", message: "案件以“转仲裁”办结后才能记录仲裁情况")
            }
            let problems = record.problems(caseClosedOn: c.workflow.closedOn, today: today)
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            try await db.raw("""
                UPDATE dispute_cases SET arbitration_commission = \(bind: record.commission.trimmingCharacters(in: .whitespaces)),
                    arbitration_applied_on = \(bind: record.appliedOn.iso), arbitration_accepted_on = \(bind: record.acceptedOn?.iso),
                    arbitration_extended = \(bind: record.extended), arbitration_awarded_on = \(bind: record.awardedOn?.iso),
                    arbitration_result = \(bind: record.result.trimmingCharacters(in: .whitespacesAndNewlines))
                WHERE id = \(bind: caseID)
                """).run()
            let detail = record.awardedOn.map { "仲裁裁决（\($0.iso)）：\(record.result.trimmingCharacters(in: .whitespacesAndNewlines))" }
                ?? (record.acceptedOn.map { "仲裁委员会已受理（\($0.iso)）" } ?? "已申请劳动争议仲裁（\(record.appliedOn.iso)，\(record.commission)）")
            try await Self.event(caseID, provinceID: try row.decode(column: "province_id", as: Int64.self), kind: "arbitration", on: today, state: c.workflow.state,
                                 detail: detail, actor: actor, on: db)
            try await audit.append(.init(action: "dispute.arbitration", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(c.caseNo)：\(detail)"), actor: actor, on: db)
            return record
        }
    }
}
