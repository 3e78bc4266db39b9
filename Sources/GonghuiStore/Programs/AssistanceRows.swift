import Foundation
import GonghuiDomain
import SQLKit

/// Rows of the assistance tables mapped to Domain values, and the grant's event log.
extension AssistanceService {
    // MARK: Rows

    static func event(_ grantID: Int64, _ kind: String, _ detail: String, _ actor: Actor, on db: any SQLDatabase) async throws {
        try await db.raw("INSERT INTO grant_events (grant_id, kind, detail, actor, at) VALUES (\(bind: grantID), \(bind: kind), \(bind: detail), \(bind: actor.displayName), \(bind: Clock.nowMillis()))").run()
    }

    public func grantHistory(id: Int64, actor: Actor) async throws -> [(kind: String, detail: String, actor: String, at: Int64)] {
        try await database.read { db in
            _ = try await Self.grant(id: id, scope: actor.scope, on: db)
            return try await db.raw("SELECT kind, detail, actor, at FROM grant_events WHERE grant_id = \(bind: id) ORDER BY id").all().map {
                (try $0.decode(column: "kind", as: String.self), try $0.decode(column: "detail", as: String.self), try $0.decode(column: "actor", as: String.self), try $0.decode(column: "at", as: Int64.self))
            }
        }
    }

    static let cycleSelect: SQLQueryString = """
        SELECT c.id, c.name, c.starts_on, c.ends_on, c.state, c.rules_json, p.code AS program_code, p.name AS program_name, p.kind, o.code AS owner_code, o.name AS owner_name, o.path AS owner_path
        FROM program_cycles c JOIN assistance_programs p ON p.id = c.program_id JOIN orgs o ON o.id = c.owner_org_id
        """

    static func cycle(id: Int64, on db: any SQLDatabase) async throws -> ProgramCycle {
        guard let row = try await db.raw(cycleSelect + " WHERE c.id = \(bind: id)").first() else { throw StoreError.notFound(entity: "帮扶项目批次", key: String(id)) }
        return try cycle(row)
    }

    /// The cycle as the scope sees it: another subtree's cycle is "not found", like one that
    /// does not exist.
    static func cycle(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> ProgramCycle {
        let c = try await cycle(id: id, on: db)
        guard scope.concerns(path: c.ownerOrgPath) else { throw StoreError.notFound(entity: "帮扶项目批次", key: String(id)) }
        return c
    }

    static func cycle(_ row: any SQLRow) throws -> ProgramCycle {
        let rules = (try? JSONDecoder().decode(GrantRules.self, from: Data(try row.decode(column: "rules_json", as: String.self).utf8))) ?? GrantRules([])
        return ProgramCycle(id: try row.decode(column: "id", as: Int64.self), programCode: try row.decode(column: "program_code", as: String.self),
                            programName: try row.decode(column: "program_name", as: String.self),
                            kind: ProgramKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other, name: try row.decode(column: "name", as: String.self),
                            startsOn: try Rows.date(row, "starts_on") ?? CivilDate(daysSinceEpoch: 0), endsOn: try Rows.date(row, "ends_on") ?? CivilDate(daysSinceEpoch: 0),
                            isOpen: try row.decode(column: "state", as: String.self) == "open", rules: rules,
                            ownerOrgCode: try row.decode(column: "owner_code", as: String.self), ownerOrgName: try row.decode(column: "owner_name", as: String.self),
                            ownerOrgPath: try row.decode(column: "owner_path", as: String.self))
    }

    static let grantSelect: SQLQueryString = """
        SELECT g.*, o.code AS org_code, o.name AS org_name, bo.code AS budget_code FROM grants g JOIN orgs o ON o.id = g.org_id LEFT JOIN orgs bo ON bo.id = g.budget_org_id
        """

    static func grant(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> Grant {
        guard let row = try await db.raw(grantSelect + " WHERE g.id = \(bind: id) AND " + scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "帮扶申请", key: String(id))
        }
        return try grant(row)
    }

    static func grant(_ row: any SQLRow) throws -> Grant {
        Grant(id: try row.decode(column: "id", as: Int64.self), cycleID: try row.decode(column: "cycle_id", as: Int64.self),
              orgCode: try row.decode(column: "org_code", as: String.self), orgName: try row.decode(column: "org_name", as: String.self),
              memberID: try row.decode(column: "member_id", as: Int64?.self), archiveID: try row.decode(column: "archive_id", as: Int64?.self),
              name: try row.decode(column: "name", as: String.self), idNumberMasked: try row.decode(column: "id_masked", as: String.self),
              category: try row.decode(column: "category", as: String?.self).flatMap(HardshipCategory.init(rawValue:)),
              facts: (try? JSONDecoder().decode(GrantFacts.self, from: Data(try row.decode(column: "facts_json", as: String.self).utf8))) ?? GrantFacts(),
              ruleName: try row.decode(column: "rule_name", as: String.self), amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)),
              explanation: try row.decode(column: "explanation", as: String.self).split(separator: "\n").map(String.init),
              state: GrantState(rawValue: try row.decode(column: "state", as: String.self)) ?? .submitted, channel: try row.decode(column: "channel", as: String.self),
              appliedOn: try Rows.date(row, "applied_on") ?? CivilDate(daysSinceEpoch: 0), budgetOrgCode: try row.decode(column: "budget_code", as: String?.self),
              reason: try row.decode(column: "reason", as: String?.self), bankName: try row.decode(column: "bank_name", as: String.self),
              bankAccountMasked: try row.decode(column: "bank_account_masked", as: String.self), batchID: try row.decode(column: "batch_id", as: Int64?.self),
              attempts: try row.decode(column: "attempts", as: Int.self), paidOn: try Rows.date(row, "paid_on"),
              failureReason: try row.decode(column: "failure_reason", as: String?.self), version: try row.decode(column: "version", as: Int.self),
              proposedBankName: try row.decode(column: "proposed_bank_name", as: String?.self),
              proposedAccountMasked: try row.decode(column: "proposed_account_masked", as: String?.self),
              proposedBy: try row.decode(column: "proposed_by", as: String?.self),
              recordedBy: try row.decode(column: "recorded_by", as: String?.self), reviewedBy: try row.decode(column: "reviewed_by", as: String?.self))
    }

    static let batchSelect: SQLQueryString = "SELECT b.*, o.code AS org_code FROM payment_batches b JOIN orgs o ON o.id = b.org_id"

    static func batch(id: Int64, scope: Scope = .everything, on db: any SQLDatabase) async throws -> PaymentBatch {
        guard let row = try await db.raw(batchSelect + " WHERE b.id = \(bind: id) AND " + scope.sql("o.path")).first() else { throw StoreError.notFound(entity: "发放批次", key: String(id)) }
        var b = try batch(row)
        if let p = try await db.raw("SELECT * FROM bank_result_uploads WHERE batch_id = \(bind: id) AND state = 'pending' ORDER BY id DESC LIMIT 1").first() {
            b.pendingResults = PendingBankResults(
                id: try p.decode(column: "id", as: Int64.self), fileName: try p.decode(column: "file_name", as: String?.self),
                recordedBy: try p.decode(column: "recorded_by", as: String.self), recordedByUser: try p.decode(column: "recorded_by_user", as: String.self),
                recordedAt: try p.decode(column: "recorded_at", as: Int64.self), paid: try p.decode(column: "paid_count", as: Int.self),
                failed: try p.decode(column: "failed_count", as: Int.self), paidTotal: Money(fen: try p.decode(column: "paid_fen", as: Int64.self)))
        }
        return b
    }

    static func batch(_ row: any SQLRow) throws -> PaymentBatch {
        PaymentBatch(id: try row.decode(column: "id", as: Int64.self), batchNo: try row.decode(column: "batch_no", as: String.self),
                     cycleID: try row.decode(column: "cycle_id", as: Int64?.self),
                     roundID: try row.decode(column: "round_id", as: Int64?.self), orgCode: try row.decode(column: "org_code", as: String.self),
                     state: try row.decode(column: "state", as: String.self), lineCount: try row.decode(column: "line_count", as: Int.self),
                     total: Money(fen: try row.decode(column: "total_fen", as: Int64.self)), createdBy: try row.decode(column: "created_by", as: String.self),
                     createdAt: try row.decode(column: "created_at", as: Int64.self),
                     createdByUser: try row.decode(column: "created_by_user", as: String?.self),
                     approvedBy: try row.decode(column: "approved_by", as: String?.self),
                     approvedAt: try row.decode(column: "approved_at", as: Int64?.self))
    }
}
