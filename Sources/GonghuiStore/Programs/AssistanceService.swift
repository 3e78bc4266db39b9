import Foundation
import GonghuiDomain
import SQLKit

/// Assistance programs (帮扶项目, DOMAIN.md §5): cycles with rules, budgets allocated down the
/// tree, grants from application to bank result.
public struct AssistanceService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    // MARK: Programs and cycles

    public func programs() async throws -> [AssistanceProgram] {
        try await database.read { db in
            try await db.raw("SELECT id, code, name, kind, description FROM assistance_programs ORDER BY id").all().map { row in
                AssistanceProgram(id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
                                  name: try row.decode(column: "name", as: String.self),
                                  kind: ProgramKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                                  description: try row.decode(column: "description", as: String.self))
            }
        }
    }

    public func createProgram(code: String, name: String, kind: ProgramKind, description: String = "", actor: Actor) async throws -> AssistanceProgram {
        try await OrgService.requireLevel(actor, [.province], "设立帮扶项目", in: database)
        let code = code.trimmingCharacters(in: .whitespaces), name = name.trimmingCharacters(in: .whitespaces)
        let problems = AssistanceProgram.problems(code: code, name: name)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            if try await db.raw("SELECT id FROM assistance_programs WHERE code = \(bind: code)").first() != nil {
                throw StoreError.conflict(code: "duplicate_code", message: "项目代码 \(code) 已存在", field: "code")
            }
            let id = try await db.raw("INSERT INTO assistance_programs (code, name, kind, description, created_at) VALUES (\(bind: code), \(bind: name), \(bind: kind.rawValue), \(bind: description), \(bind: Clock.nowMillis())) RETURNING id").first()!.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "program.create", entity: "program", entityID: String(id), orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "设立帮扶项目 \(name)（\(kind.title)，\(code)）"), actor: actor, on: db)
            return AssistanceProgram(id: id, code: code, name: name, kind: kind, description: description)
        }
    }

    /// Opens a cycle owned by the actor's union (the province, usually) with its whole budget.
    public func openCycle(programCode: String, name: String, startsOn: CivilDate, endsOn: CivilDate, rules: GrantRules?, budget: Money,
                          ownerOrgCode: String? = nil, actor: Actor) async throws -> ProgramCycle {
        try await OrgService.requireLevel(actor, [.province, .city, .county], "开设帮扶项目批次", in: database)
        let audit = self.audit
        return try await database.write { db in
            guard let program = try await db.raw("SELECT id, kind FROM assistance_programs WHERE code = \(bind: programCode)").first() else {
                throw StoreError.invalid([FieldProblem(field: "program", value: programCode, reason: "没有这个帮扶项目")])
            }
            let kind = ProgramKind(rawValue: try program.decode(column: "kind", as: String.self)) ?? .other
            let rules = rules ?? GrantRules.preset(kind)
            let problems = ProgramCycle.openingProblems(name: name, startsOn: startsOn, endsOn: endsOn, budget: budget, rules: rules)
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let ownerID: Int64
            if let ownerOrgCode { ownerID = try await OrgService.find(code: ownerOrgCode, scope: actor.scope, on: db).id } else {
                guard let id = actor.orgID else { throw StoreError.invalid([FieldProblem(field: "owner", value: "", reason: "请指定批次所属工会")]) }
                ownerID = id
            }
            let now = Clock.nowMillis()
            let id = try await db.raw("""
                INSERT INTO program_cycles (program_id, name, starts_on, ends_on, state, rules_json, owner_org_id, created_by, created_at)
                VALUES (\(bind: try program.decode(column: "id", as: Int64.self)), \(bind: name.trimmingCharacters(in: .whitespaces)), \(bind: startsOn.iso), \(bind: endsOn.iso),
                        'open', \(bind: Rows.json(rules)), \(bind: ownerID), \(bind: actor.displayName), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
            try await db.raw("INSERT INTO cycle_budgets (cycle_id, org_id, allocated_fen) VALUES (\(bind: id), \(bind: ownerID), \(bind: budget.fen))").run()
            try await db.raw("INSERT INTO budget_allocations (cycle_id, from_org_id, to_org_id, amount_fen, actor, at) VALUES (\(bind: id), NULL, \(bind: ownerID), \(bind: budget.fen), \(bind: actor.username), \(bind: now))").run()
            let path = try await OrgService.path(of: ownerID, on: db)
            try await audit.append(.init(action: "cycle.open", entity: "program_cycle", entityID: String(id), orgID: ownerID, orgPath: path,
                                         summary: "开设 \(name)，预算 \(budget.yuanString) 元，\(rules.rules.count) 条规则", after: Rows.json(rules)), actor: actor, on: db)
            return try await Self.cycle(id: id, on: db)
        }
    }

    /// The cycles that concern the actor's union: run by it, above it or below it.
    public func cycles(actor: Actor) async throws -> [ProgramCycle] {
        try await database.read { db in
            try await db.raw(Self.cycleSelect + " ORDER BY c.id DESC").all().map(Self.cycle).filter { actor.scope.concerns(path: $0.ownerOrgPath) }
        }
    }

    /// One cycle, "not found" when it concerns neither the actor's union nor its subtree.
    public func cycle(id: Int64, actor: Actor) async throws -> ProgramCycle {
        try await database.read { db in try await Self.cycle(id: id, scope: actor.scope, on: db) }
    }

    /// Ends a cycle's applications. Only the union that runs it, or one above, may: a county
    /// cannot close the province's cycle, and another county's is not found.
    public func closeCycle(id: Int64, actor: Actor) async throws {
        try await OrgService.requireLevel(actor, [.province, .city, .county], "结束帮扶项目批次", in: database)
        let audit = self.audit
        try await database.write { db in
            let c = try await Self.cycle(id: id, scope: actor.scope, on: db)
            if let refusal = c.closingRefusal(for: actor.scope) { throw StoreError.forbidden(refusal) }
            try await db.raw("UPDATE program_cycles SET state = 'closed' WHERE id = \(bind: id)").run()
            try await audit.append(.init(action: "cycle.close", entity: "program_cycle", entityID: String(id), orgID: nil, orgPath: c.ownerOrgPath,
                                         summary: "结束受理 \(c.name)"), actor: actor, on: db)
        }
    }

    // MARK: Budgets

    /// Passes part of the actor's budget to a union below it. Refused when the actor's union
    /// has less left than the amount.
    public func allocate(cycleID: Int64, toOrgCode: String, amount: Money, actor: Actor) async throws -> [CycleBudget] {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权分配预算") }
        guard amount.fen > 0 else { throw StoreError.invalid([FieldProblem(field: "amount", value: amount.yuanString, reason: "分配金额应大于 0")]) }
        let audit = self.audit
        return try await database.write { db in
            _ = try await Self.cycle(id: cycleID, scope: actor.scope, on: db)
            let target = try await OrgService.find(code: toOrgCode, scope: actor.scope, on: db)
            guard let fromID = target.parentID, let path = Optional(try await OrgService.path(of: target.id, on: db)) else {
                throw StoreError.invalid([FieldProblem(field: "to_org_code", value: toOrgCode, reason: "只能分配给下级工会")])
            }
            // The parent's budget gives; for an officer, that parent must be their own union
            // (a system administrator may act for any union of the subtree).
            if let own = actor.orgID, !actor.isSystem, actor.role != .systemAdmin, own != fromID {
                throw StoreError.invalid([FieldProblem(field: "to_org_code", value: toOrgCode, reason: "只能分配给本级工会的直接下级")])
            }
            let taken = try await db.raw("""
                UPDATE cycle_budgets SET suballocated_fen = suballocated_fen + \(bind: amount.fen)
                WHERE cycle_id = \(bind: cycleID) AND org_id = \(bind: fromID) AND allocated_fen - suballocated_fen - reserved_fen >= \(bind: amount.fen) RETURNING id
                """).first()
            if taken == nil {
                let left = try await Self.left(cycleID: cycleID, orgID: fromID, on: db)
                throw StoreError.conflict(code: "budget_exceeded", message: "预算不足：本级可分配余额 \(left.yuanString) 元，少于拟分配的 \(amount.yuanString) 元", field: "amount")
            }
            try await db.raw("""
                INSERT INTO cycle_budgets (cycle_id, org_id, allocated_fen) VALUES (\(bind: cycleID), \(bind: target.id), \(bind: amount.fen))
                ON CONFLICT (cycle_id, org_id) DO UPDATE SET allocated_fen = cycle_budgets.allocated_fen + \(bind: amount.fen)
                """).run()
            try await db.raw("INSERT INTO budget_allocations (cycle_id, from_org_id, to_org_id, amount_fen, actor, at) VALUES (\(bind: cycleID), \(bind: fromID), \(bind: target.id), \(bind: amount.fen), \(bind: actor.username), \(bind: Clock.nowMillis()))").run()
            try await audit.append(.init(action: "budget.allocate", entity: "program_cycle", entityID: String(cycleID), orgID: target.id, orgPath: path,
                                         summary: "向 \(target.name) 分配预算 \(amount.yuanString) 元"), actor: actor, on: db)
            return try await Self.budgets(cycleID: cycleID, scope: actor.scope, on: db)
        }
    }

    /// The budgets of the cycle in the actor's subtree.
    public func budgets(cycleID: Int64, actor: Actor) async throws -> [CycleBudget] {
        try await database.read { db in try await Self.budgets(cycleID: cycleID, scope: actor.scope, on: db) }
    }

    static func budgets(cycleID: Int64, scope: Scope, on db: any SQLDatabase) async throws -> [CycleBudget] {
        try await db.raw("""
            SELECT o.code, o.name, p.code AS parent_code, b.allocated_fen, b.suballocated_fen, b.reserved_fen, b.paid_fen
            FROM cycle_budgets b JOIN orgs o ON o.id = b.org_id LEFT JOIN orgs p ON p.id = o.parent_id
            WHERE b.cycle_id = \(bind: cycleID) AND
            """ + " " + scope.sql("o.path") + " ORDER BY o.path").all().map { row in
            CycleBudget(orgCode: try row.decode(column: "code", as: String.self), orgName: try row.decode(column: "name", as: String.self),
                        parentCode: try row.decode(column: "parent_code", as: String?.self),
                        allocated: Money(fen: try row.decode(column: "allocated_fen", as: Int64.self)), suballocated: Money(fen: try row.decode(column: "suballocated_fen", as: Int64.self)),
                        reserved: Money(fen: try row.decode(column: "reserved_fen", as: Int64.self)), paid: Money(fen: try row.decode(column: "paid_fen", as: Int64.self)))
        }
    }

    static func left(cycleID: Int64, orgID: Int64, on db: any SQLDatabase) async throws -> Money {
        let row = try await db.raw("SELECT allocated_fen - suballocated_fen - reserved_fen AS left_fen FROM cycle_budgets WHERE cycle_id = \(bind: cycleID) AND org_id = \(bind: orgID)").first()
        return Money(fen: try row?.decode(column: "left_fen", as: Int64.self) ?? 0)
    }
}
