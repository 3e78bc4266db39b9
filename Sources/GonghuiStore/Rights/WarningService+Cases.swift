import Foundation
import GonghuiDomain
import SQLKit

/// The alerts a case raises the moment it is recorded or changes: each rule at most once a case.
extension WarningService {
    /// Checks the immediate rules on the case as it now stands, inside the transaction that
    /// recorded it, and raises what fires. Returns the rules raised now.
    @discardableResult
    static func raiseForCase(_ caseID: Int64, on day: CivilDate, policy: PolicyBook, actor: Actor, audit: AuditWriter, on db: any SQLDatabase) async throws -> [WarningRule] {
        guard let row = try await db.raw("""
            SELECT c.id, c.case_no, c.province_id, c.org_id, c.employer_name, c.workers_involved, c.amount_claimed_fen, c.risk_mark, o.path
            FROM dispute_cases c JOIN orgs o ON o.id = c.org_id WHERE c.id = \(bind: caseID)
            """).first() else { return [] }
        let caseNo = try row.decode(column: "case_no", as: String.self)
        let workers = try row.decode(column: "workers_involved", as: Int.self)
        let claimed = Money(fen: try row.decode(column: "amount_claimed_fen", as: Int64.self))
        let mark = try row.decode(column: "risk_mark", as: String?.self).flatMap(RiskMark.init(rawValue:))
        var fired: [(WarningRule, String)] = []
        if let r = policy.rule(WarningPolicy.collectiveWorkers, on: day), workers >= r.value {
            fired.append((.collectiveCase, "案件 \(caseNo) 涉及 \(workers) 名职工，达到即时预警人数 \(r.value) 人（\(r.source)）"))
        }
        if let r = policy.rule(WarningPolicy.claimYuan, on: day), claimed.fen >= Int64(r.value) * 100 {
            fired.append((.largeClaim, "案件 \(caseNo) 请求金额 \(claimed.groupedYuan) 元，达到即时预警金额 \(Money.thousands(UInt64(r.value))) 元（\(r.source)）"))
        }
        if let mark {
            fired.append((.markedCase, "案件 \(caseNo) 被标记为\(mark.title)"))
        }
        var raised: [WarningRule] = []
        for (rule, summary) in fired {
            let id = try await raise(rule, orgID: try row.decode(column: "org_id", as: Int64.self), orgPath: try row.decode(column: "path", as: String.self),
                                     provinceID: try row.decode(column: "province_id", as: Int64.self), caseID: caseID,
                                     subject: try row.decode(column: "employer_name", as: String.self), summary: summary, on: day,
                                     key: "case:\(caseID):\(rule.rawValue)", includeOwn: false, policy: policy, actor: actor, audit: audit, on: db)
            if id != nil { raised.append(rule) }
        }
        return raised
    }
}

extension DisputeService {
    /// Marks an open case as a possible mass incident or extreme act (群体性/极端), with what the
    /// officer learned: the upper levels are alerted at once.
    public func markRisk(caseID: Int64, mark: RiskMark, note: String, actor: Actor, today: CivilDate = .today()) async throws -> DisputeCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 1000 {
            throw StoreError.invalid([FieldProblem(field: "note", value: text, reason: "请写明了解到的情况（最多 1000 字）")])
        }
        let audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let old = try await Self.dispute(row, actor: .system("read"), on: db)
            guard old.workflow.state.isOpen else { throw StoreError.conflict(code: "workflow", message: "案件已办结，不能再标记") }
            let provinceID = try row.decode(column: "province_id", as: Int64.self)
            try await Self.guardedUpdate(id: caseID, version: old.version, set: "risk_mark = \(bind: mark.rawValue), version = version + 1, updated_at = \(bind: Clock.nowMillis())",
                                         caseNo: old.caseNo, on: db)
            try await Self.event(caseID, provinceID: provinceID, kind: "risk_marked", on: today, state: old.workflow.state, detail: "标记为\(mark.title)：\(text)", actor: actor, on: db)
            try await audit.append(.init(action: "dispute.mark_risk", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(old.caseNo)：标记为\(mark.title)：\(text)"), actor: actor, on: db)
            try await WarningService.raiseForCase(caseID, on: today, policy: try await Self.policy(on: db), actor: actor, audit: audit, on: db)
            return try await Self.dispute(try await Self.locate(id: caseID, scope: .everything, on: db).row, actor: actor, on: db)
        }
    }
}
