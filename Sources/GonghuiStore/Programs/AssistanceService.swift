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
        var problems: [FieldProblem] = []
        if code.isEmpty || code.count > 32 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            problems.append(FieldProblem(field: "code", value: code, reason: "项目代码为 1 至 32 位字母、数字或连字符"))
        }
        if name.isEmpty || name.count > 50 { problems.append(FieldProblem(field: "name", value: name, reason: "请填写项目名称（最多 50 字）")) }
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
            var problems = rules.problems.map { FieldProblem(field: "rules", value: "", reason: $0) }
            if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldProblem(field: "name", value: "", reason: "请填写批次名称，如“2027年春节送温暖”")) }
            if endsOn < startsOn { problems.append(FieldProblem(field: "ends_on", value: endsOn.iso, reason: "结束日期不能早于开始日期")) }
            if budget.fen <= 0 { problems.append(FieldProblem(field: "budget", value: budget.yuanString, reason: "预算应大于 0")) }
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
            guard actor.scope.contains(path: c.ownerOrgPath) else {
                throw StoreError.forbidden("\(c.name)由\(c.ownerOrgName)开设，只能由该工会或其上级结束受理")
            }
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

    // MARK: Applying

    /// What an applicant declares, with papers, beyond what the registry knows.
    public struct Declaration: Sendable, Equatable {
        public var childAdmission: ChildAdmission?
        public var illness: String?
        public var outOfPocket: Money?
        public var outdoorWorker: Bool
        /// For someone without an archive: the person's own account.
        public var bankName: String?
        public var bankAccount: BankAccountNumber?
        public init(childAdmission: ChildAdmission? = nil, illness: String? = nil, outOfPocket: Money? = nil, outdoorWorker: Bool = false,
                    bankName: String? = nil, bankAccount: BankAccountNumber? = nil) {
            self.childAdmission = childAdmission; self.illness = illness; self.outOfPocket = outOfPocket; self.outdoorWorker = outdoorWorker
            self.bankName = bankName; self.bankAccount = bankAccount
        }
    }

    /// Checks the rules for what the member would get, without applying.
    public func preview(cycleID: Int64, memberID: Int64, declaration: Declaration, scope: Scope, today: CivilDate = .today()) async throws -> GrantDecision {
        let cipher = self.cipher
        return try await database.read { db in
            let c = try await Self.cycle(id: cycleID, scope: scope, on: db)
            let applicant = try await Self.applicant(memberID: memberID, scope: scope, cipher: cipher, on: db)
            return c.rules.decide(applicant.facts(declaration))
        }
    }

    /// An application by the worker in the portal (`actor` is nil) or by a union on their behalf.
    /// Refused when the rules give nothing, when the person already has a grant in this cycle,
    /// or when there is no own bank account to pay into.
    public func apply(cycleID: Int64, memberID: Int64, declaration: Declaration, actor: Actor?, worker: String? = nil, today: CivilDate = .today()) async throws -> Grant {
        if let actor, !actor.role.mayEditRegistry { throw StoreError.forbidden("当前角色无权代为申请") }
        let scope = actor?.scope ?? .everything
        let who = actor ?? .worker(memberID: memberID, name: worker ?? "职工本人")
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let c = try await Self.cycle(id: cycleID, scope: scope, on: db)
            guard c.isOpen, c.startsOn <= today, today <= c.endsOn else {
                throw StoreError.conflict(code: "cycle_not_open", message: "\(c.name) 的受理时间为 \(c.startsOn.iso) 至 \(c.endsOn.iso)\(c.isOpen ? "" : "，已结束受理")")
            }
            let a = try await Self.applicant(memberID: memberID, scope: scope, cipher: cipher, on: db)
            // A cycle serves the subtree of the union that runs it: no one else could approve it.
            guard a.orgPath.hasPrefix(c.ownerOrgPath) else {
                throw StoreError.conflict(code: "outside_cycle", message: "\(c.name)由\(c.ownerOrgName)组织，只受理其所辖工会会员的申请")
            }
            // A second application in the cycle is refused before anything is decided or written.
            let dup = try await db.raw("SELECT g.state FROM grant_locks l JOIN grants g ON g.id = l.grant_id WHERE l.cycle_id = \(bind: cycleID) AND l.id_hash = \(bind: a.idHash)").first()
            if let dup {
                let state = GrantState(rawValue: try dup.decode(column: "state", as: String.self))?.title ?? ""
                throw StoreError.conflict(code: "duplicate_grant", message: "\(a.name)（\(a.idMasked)）在\(c.name)中已有申请（\(state)）：每人每期只能享受一次", field: "member_id")
            }
            let facts = a.facts(declaration)
            let decision = c.rules.decide(facts)
            guard decision.isEligible, decision.amount.fen > 0 else {
                throw StoreError.invalid([FieldProblem(field: "eligibility", value: "", reason: "不符合\(c.name)的条件：" + decision.explanation.joined(separator: "；"))])
            }
            let bankName: String, accountEnc: String, accountMasked: String
            if let enc = a.accountEnc, let masked = a.accountMasked, let bank = a.bankName {
                (bankName, accountEnc, accountMasked) = (bank, enc, masked)
            } else if let account = declaration.bankAccount, let bank = declaration.bankName?.trimmingCharacters(in: .whitespaces), !bank.isEmpty {
                (bankName, accountEnc, accountMasked) = (bank, cipher.seal(account.value), account.masked)
            } else {
                throw StoreError.invalid([FieldProblem(field: "bank_account", value: "", reason: "请填写本人银行账户和开户行：帮扶资金只发到本人账户，不发现金")])
            }
            let now = Clock.nowMillis()
            guard let row = try await db.raw("""
                INSERT INTO grants (cycle_id, org_id, member_id, archive_id, name, id_hash, id_masked, category, facts_json, rule_name, amount_fen, explanation,
                    state, channel, applied_on, bank_name, bank_account_enc, bank_account_masked, created_at, updated_at)
                VALUES (\(bind: cycleID), \(bind: a.orgID), \(bind: memberID), \(bind: a.archiveID), \(bind: a.name), \(bind: a.idHash), \(bind: a.idMasked),
                    \(bind: a.category?.rawValue), \(bind: Rows.json(facts)), \(bind: decision.ruleName!), \(bind: decision.amount.fen), \(bind: decision.explanation.joined(separator: "\n")),
                    'submitted', \(bind: actor == nil ? "portal" : "union"), \(bind: today.iso), \(bind: bankName), \(bind: accountEnc), \(bind: accountMasked), \(bind: now), \(bind: now))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "申请未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            do {
                try await db.raw("INSERT INTO grant_locks (cycle_id, id_hash, grant_id) VALUES (\(bind: cycleID), \(bind: a.idHash), \(bind: id))").run()
            } catch where Database.isUniqueViolation(error) {
                throw StoreError.conflict(code: "duplicate_grant", message: "\(a.name)（\(a.idMasked)）在\(c.name)中已有申请：每人每期只能享受一次", field: "member_id")
            }
            try await Self.event(id, "applied", (actor == nil ? "本人在线申请" : "工会代为申请") + "；" + decision.explanation.last!, who, on: db)
            try await audit.append(.init(action: "grant.apply", entity: "grant", entityID: String(id), orgID: a.orgID, orgPath: a.orgPath,
                                         summary: "\(a.name) 申请\(c.name)：\(decision.ruleName!)，\(decision.amount.yuanString) 元"), actor: who, on: db)
            return try await Self.grant(id: id, scope: .everything, on: db)
        }
    }

    /// Applications on behalf of every filed archive in the union's subtree that the rules give
    /// something to and that has none yet. Returns how many were made and how many skipped.
    public func generate(cycleID: Int64, orgCode: String, actor: Actor, today: CivilDate = .today()) async throws -> (made: Int, skipped: Int) {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权批量生成申请") }
        let memberIDs = try await database.read { db -> [Int64] in
            _ = try await Self.cycle(id: cycleID, scope: actor.scope, on: db)
            let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            return try await db.raw("SELECT a.member_id FROM hardship_archives a JOIN orgs o ON o.id = a.org_id WHERE a.stage = 'filed' AND a.member_id IS NOT NULL AND " + scope.sql("o.path") + " ORDER BY a.id")
                .all().map { try $0.decode(column: "member_id", as: Int64.self) }
        }
        var made = 0, skipped = 0
        for id in memberIDs {
            do {
                _ = try await apply(cycleID: cycleID, memberID: id, declaration: Declaration(), actor: actor, today: today)
                made += 1
            } catch let e as StoreError where e.code == "duplicate_grant" || e.code == "validation_failed" {
                skipped += 1
            }
        }
        return (made, skipped)
    }

    struct Applicant {
        var orgID: Int64, orgPath: String, name: String, idHash: String, idMasked: String, isMember: Bool, isMigrant: Bool
        var archiveID: Int64?, archiveFiled: Bool, category: HardshipCategory?, bankName: String?, accountEnc: String?, accountMasked: String?

        func facts(_ d: Declaration) -> GrantFacts {
            GrantFacts(isMember: isMember, archiveFiled: archiveFiled, category: category, isMigrantWorker: isMigrant, childAdmission: d.childAdmission,
                       illness: d.illness, outOfPocket: d.outOfPocket, outdoorWorker: d.outdoorWorker)
        }
    }

    static func applicant(memberID: Int64, scope: Scope, cipher: FieldCipher, on db: any SQLDatabase) async throws -> Applicant {
        let (member, path) = try await MemberService.find(id: memberID, scope: scope, on: db)
        let hash = try await db.raw("SELECT id_hash FROM members WHERE id = \(bind: memberID)").first()!.decode(column: "id_hash", as: String.self)
        let archive = try await db.raw("SELECT id, stage, category, bank_name, bank_account_enc, bank_account_masked FROM hardship_archives WHERE member_id = \(bind: memberID) AND stage <> 'closed' ORDER BY id DESC LIMIT 1").first()
        let filed = try archive?.decode(column: "stage", as: String.self) == "filed"
        return Applicant(orgID: member.orgID, orgPath: path, name: member.name, idHash: hash, idMasked: member.idNumberMasked,
                         isMember: member.status == .active || member.status == .retained, isMigrant: member.isMigrant,
                         archiveID: try archive?.decode(column: "id", as: Int64.self), archiveFiled: filed,
                         category: filed ? try archive?.decode(column: "category", as: String?.self).flatMap(HardshipCategory.init(rawValue:)) : nil,
                         bankName: filed ? try archive?.decode(column: "bank_name", as: String.self) : nil,
                         accountEnc: filed ? try archive?.decode(column: "bank_account_enc", as: String.self) : nil,
                         accountMasked: filed ? try archive?.decode(column: "bank_account_masked", as: String.self) : nil)
    }

    // MARK: Deciding

    public enum Decision: Sendable, Equatable {
        /// The grassroots union confirms the application.
        case review
        /// The level that owns the budget approves: the amount is reserved.
        case approve
        case reject(reason: String)
    }

    public func decide(grantID: Int64, _ decision: Decision, expectedVersion: Int? = nil, actor: Actor) async throws -> Grant {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权审核帮扶申请") }
        let audit = self.audit
        return try await database.write { db in
            let g = try await Self.grant(id: grantID, scope: actor.scope, on: db)
            if let v = expectedVersion, v != g.version { throw StoreError.staleVersion(entity: "帮扶申请", key: String(grantID)) }
            let path = try await db.raw("SELECT o.path FROM grants g JOIN orgs o ON o.id = g.org_id WHERE g.id = \(bind: grantID)").first()!.decode(column: "path", as: String.self)
            let now = Clock.nowMillis()
            var set: SQLQueryString
            var detail: String
            switch decision {
            case .review:
                guard g.state == .submitted else { throw StoreError.conflict(code: "grant_state", message: "申请当前为“\(g.state.title)”，不能再审核") }
                set = "state = 'reviewed'"
                detail = "基层工会审核通过"
            case .approve:
                guard g.state == .reviewed else { throw StoreError.conflict(code: "grant_state", message: "申请当前为“\(g.state.title)”，须先经基层工会审核") }
                let budgetOrg = try await Self.budgetOrg(for: path, cycleID: g.cycleID, actor: actor, on: db)
                // The one statement that spends: it lands only while enough is left.
                let reserved = try await db.raw("""
                    UPDATE cycle_budgets SET reserved_fen = reserved_fen + \(bind: g.amount.fen)
                    WHERE cycle_id = \(bind: g.cycleID) AND org_id = \(bind: budgetOrg.id) AND allocated_fen - suballocated_fen - reserved_fen >= \(bind: g.amount.fen) RETURNING id
                    """).first()
                if reserved == nil {
                    let left = try await Self.left(cycleID: g.cycleID, orgID: budgetOrg.id, on: db)
                    throw StoreError.conflict(code: "budget_exceeded", message: "预算不足：\(budgetOrg.name)本期余额 \(left.yuanString) 元，不足以批准 \(g.amount.yuanString) 元")
                }
                set = "state = 'approved', budget_org_id = \(bind: budgetOrg.id)"
                detail = "批准 \(g.amount.yuanString) 元，占用\(budgetOrg.name)预算"
            case .reject(let reason):
                let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !r.isEmpty else { throw StoreError.invalid([FieldProblem(field: "reason", value: "", reason: "请填写不予通过的理由")]) }
                guard g.state == .submitted || g.state == .reviewed else { throw StoreError.conflict(code: "grant_state", message: "申请当前为“\(g.state.title)”，不能退回") }
                set = "state = 'rejected', reason = \(bind: r)"
                detail = "不予通过：\(r)"
                // The person may apply again once the reason is put right.
                try await db.raw("DELETE FROM grant_locks WHERE grant_id = \(bind: grantID)").run()
            }
            let updated = try await db.raw("UPDATE grants SET " + set + ", version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: grantID) AND version = \(bind: g.version) RETURNING id").first()
            if updated == nil { throw StoreError.staleVersion(entity: "帮扶申请", key: String(grantID)) }
            let kind: String = switch decision { case .review: "reviewed"; case .approve: "approved"; case .reject: "rejected" }
            try await Self.event(grantID, kind, detail, actor, on: db)
            try await audit.append(.init(action: "grant.\(kind)", entity: "grant", entityID: String(grantID), orgID: nil, orgPath: path,
                                         summary: "\(g.name) 的帮扶申请（\(g.amount.yuanString) 元）：\(detail)", before: g.state.rawValue), actor: actor, on: db)
            return try await Self.grant(id: grantID, scope: .everything, on: db)
        }
    }

    /// The budget that pays: the approving officer's own union's; for the system, the nearest
    /// union above the applicant's that holds a budget in the cycle.
    static func budgetOrg(for grantPath: String, cycleID: Int64, actor: Actor, on db: any SQLDatabase) async throws -> (id: Int64, name: String) {
        if let own = actor.orgID, !actor.isSystem {
            guard let row = try await db.raw("SELECT o.id, o.name FROM cycle_budgets b JOIN orgs o ON o.id = b.org_id WHERE b.cycle_id = \(bind: cycleID) AND b.org_id = \(bind: own)").first() else {
                throw StoreError.forbidden("本级工会在本期没有预算，应由持有预算的上级工会审批")
            }
            return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "name", as: String.self))
        }
        let ids = grantPath.split(separator: "/").compactMap { Int64($0) }
        for id in ids.reversed() {
            if let row = try await db.raw("SELECT o.id, o.name FROM cycle_budgets b JOIN orgs o ON o.id = b.org_id WHERE b.cycle_id = \(bind: cycleID) AND b.org_id = \(bind: id)").first() {
                return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "name", as: String.self))
            }
        }
        throw StoreError.conflict(code: "no_budget", message: "申请人所在工会及其上级在本期都没有预算")
    }

    public func grants(cycleID: Int64, state: GrantState? = nil, orgCode: String? = nil, actor: Actor, limit: Int = 100, offset: Int = 0) async throws -> [Grant] {
        try await database.read { db in
            var scope = actor.scope
            if let orgCode, !orgCode.isEmpty {
                let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
                scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            }
            var q = Self.grantSelect + " WHERE g.cycle_id = \(bind: cycleID) AND " + scope.sql("o.path")
            if let state { q += " AND g.state = \(bind: state.rawValue)" }
            q += " ORDER BY g.id LIMIT \(bind: min(max(limit, 1), 1000)) OFFSET \(bind: max(offset, 0))"
            return try await db.raw(q).all().map(Self.grant)
        }
    }

    public func grant(id: Int64, actor: Actor) async throws -> Grant {
        try await database.read { db in try await Self.grant(id: id, scope: actor.scope, on: db) }
    }

    /// A member's own applications, for the portal.
    public func grants(memberID: Int64) async throws -> [(Grant, ProgramCycle)] {
        try await database.read { db in
            let gs = try await db.raw(Self.grantSelect + " WHERE g.member_id = \(bind: memberID) ORDER BY g.id DESC").all().map(Self.grant)
            // Each cycle read once, however many of the member's grants it has.
            var cycles: [Int64: ProgramCycle] = [:]
            for id in Set(gs.map(\.cycleID)) { cycles[id] = try await Self.cycle(id: id, on: db) }
            return gs.map { ($0, cycles[$0.cycleID]!) }
        }
    }

    // MARK: Paying

    /// Puts every approved grant whose budget is the actor's union's (or, for the system, every
    /// approved grant of the cycle) into a new batch.
    public func createBatch(cycleID: Int64, actor: Actor) async throws -> PaymentBatch {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权生成发放批次") }
        let audit = self.audit
        return try await database.write { db in
            let c = try await Self.cycle(id: cycleID, scope: actor.scope, on: db)
            var q: SQLQueryString = "SELECT g.id, g.name, g.bank_name, g.bank_account_enc, g.bank_account_masked, g.amount_fen, g.attempts, g.budget_org_id FROM grants g WHERE g.cycle_id = \(bind: cycleID) AND g.state = 'approved'"
            if let own = actor.orgID, !actor.isSystem { q += " AND g.budget_org_id = \(bind: own)" }
            let rows = try await db.raw(q + " ORDER BY g.id").all()
            guard !rows.isEmpty else { throw StoreError.conflict(code: "nothing_to_pay", message: "没有已批准待发放的申请") }
            let now = Clock.nowMillis()
            let total = try rows.reduce(Int64(0)) { $0 + (try $1.decode(column: "amount_fen", as: Int64.self)) }
            // The batch belongs to the union whose budget pays it, so that union sees it: the
            // officer's own; for the system, the one budget all its lines come from, else the
            // cycle's owner.
            var orgID: Int64
            let payers = Set(try rows.map { try $0.decode(column: "budget_org_id", as: Int64.self) })
            if let own = actor.orgID, !actor.isSystem { orgID = own } else if payers.count == 1, let payer = payers.first { orgID = payer } else {
                orgID = try await db.raw("SELECT owner_org_id FROM program_cycles WHERE id = \(bind: cycleID)").first()!.decode(column: "owner_org_id", as: Int64.self)
            }
            let batchID = try await db.raw("""
                INSERT INTO payment_batches (batch_no, cycle_id, org_id, state, line_count, total_fen, created_by, created_at)
                VALUES (\(bind: "new-" + UUID().uuidString), \(bind: cycleID), \(bind: orgID), 'open', \(bind: rows.count), \(bind: total), \(bind: actor.displayName), \(bind: now)) RETURNING id
                """).first()!.decode(column: "id", as: Int64.self)
            let batchNo = String(format: "PB%06lld", batchID)
            try await db.raw("UPDATE payment_batches SET batch_no = \(bind: batchNo) WHERE id = \(bind: batchID)").run()
            for row in rows {
                let gid = try row.decode(column: "id", as: Int64.self)
                let attempt = try row.decode(column: "attempts", as: Int.self) + 1
                // The reference names the grant and the attempt: a result applies to one payment only.
                let reference = String(format: "GH%06lld-%06lld-%d", cycleID, gid, attempt)
                try await db.raw("""
                    INSERT INTO payment_lines (batch_id, grant_id, reference, name, bank_name, account_enc, account_masked, amount_fen, result)
                    VALUES (\(bind: batchID), \(bind: gid), \(bind: reference), \(bind: try row.decode(column: "name", as: String.self)), \(bind: try row.decode(column: "bank_name", as: String.self)),
                            \(bind: try row.decode(column: "bank_account_enc", as: String.self)), \(bind: try row.decode(column: "bank_account_masked", as: String.self)),
                            \(bind: try row.decode(column: "amount_fen", as: Int64.self)), 'pending')
                    """).run()
                let moved = try await db.raw("UPDATE grants SET state = 'in_batch', batch_id = \(bind: batchID), attempts = \(bind: attempt), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: gid) AND state = 'approved' RETURNING id").first()
                if moved == nil { throw StoreError.staleVersion(entity: "帮扶申请", key: String(gid)) }
                try await Self.event(gid, "batched", "编入发放批次 \(batchNo)，参考号 \(reference)", actor, on: db)
            }
            try await audit.append(.init(action: "payment.batch", entity: "payment_batch", entityID: String(batchID), orgID: orgID, orgPath: actor.scope.path,
                                         summary: "\(c.name) 生成发放批次 \(batchNo)：\(rows.count) 笔，合计 \(Money(fen: total).yuanString) 元"), actor: actor, on: db)
            return try await Self.batch(id: batchID, on: db)
        }
    }

    public func batches(cycleID: Int64, actor: Actor) async throws -> [PaymentBatch] {
        try await database.read { db in
            try await db.raw(Self.batchSelect + " WHERE b.cycle_id = \(bind: cycleID) AND " + actor.scope.sql("o.path") + " ORDER BY b.id").all().map(Self.batch)
        }
    }

    public func batch(id: Int64, actor: Actor) async throws -> PaymentBatch {
        try await database.read { db in try await Self.batch(id: id, scope: actor.scope, on: db) }
    }

    /// The bank's file: accounts in full. Audited; the batch is marked as sent.
    public func exportBatch(id: Int64, actor: Actor) async throws -> (PaymentBatch, [PaymentLine]) {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权导出银行发放文件") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let b = try await Self.batch(id: id, scope: actor.scope, on: db)
            let lines = try await db.raw("SELECT reference, name, bank_name, account_enc, amount_fen, result, failure_reason FROM payment_lines WHERE batch_id = \(bind: id) ORDER BY id").all().map { row in
                PaymentLine(reference: try row.decode(column: "reference", as: String.self), name: try row.decode(column: "name", as: String.self),
                            bankName: try row.decode(column: "bank_name", as: String.self), account: try cipher.open(try row.decode(column: "account_enc", as: String.self)),
                            amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)), result: try row.decode(column: "result", as: String.self),
                            failureReason: try row.decode(column: "failure_reason", as: String?.self))
            }
            if b.state == "open" { try await db.raw("UPDATE payment_batches SET state = 'exported' WHERE id = \(bind: id)").run() }
            try await audit.append(.init(action: "payment.export", entity: "payment_batch", entityID: String(id), orgID: nil, orgPath: actor.scope.path,
                                         summary: "导出发放批次 \(b.batchNo) 的银行文件：\(lines.count) 笔，合计 \(b.total.yuanString) 元（含完整账号）"), actor: actor, on: db)
            return (try await Self.batch(id: id, on: db), lines)
        }
    }

    /// Records the bank's results, all or nothing: every row must name a line of this batch,
    /// and a line already paid stays paid (the same result again is counted, not applied twice).
    public func recordBankResults(batchID: Int64, _ results: [BankResult], actor: Actor) async throws -> BankResultSummary {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权登记银行回单") }
        let audit = self.audit
        return try await database.write { db in
            let b = try await Self.batch(id: batchID, scope: actor.scope, on: db)
            var problems: [FieldProblem] = []
            var seen = Set<String>()
            var plan: [(BankResult, lineID: Int64, grantID: Int64, amount: Int64)] = []
            var already = 0
            for r in results {
                let field = "第 \(r.row) 行"
                guard seen.insert(r.reference).inserted else { problems.append(FieldProblem(field: field, value: r.reference, reason: "参考号在文件中重复")); continue }
                guard let line = try await db.raw("SELECT id, grant_id, amount_fen, result FROM payment_lines WHERE batch_id = \(bind: batchID) AND reference = \(bind: r.reference)").first() else {
                    problems.append(FieldProblem(field: field, value: r.reference, reason: "参考号不属于发放批次 \(b.batchNo)")); continue
                }
                let current = try line.decode(column: "result", as: String.self)
                if current == "paid" && r.paid || current == "failed" && !r.paid { already += 1; continue }
                if current != "pending" {
                    problems.append(FieldProblem(field: field, value: r.reference, reason: "该笔已登记为“\(current == "paid" ? "成功" : "失败")”，不能改为“\(r.paid ? "成功" : "失败")”，请与银行核实"))
                    continue
                }
                if let on = r.on, on > CivilDate.today() || on < CivilDate(daysSinceEpoch: Int(b.createdAt / 86_400_000)).adding(days: -1) {
                    problems.append(FieldProblem(field: field, value: on.iso, reason: "入账日期应在批次生成之后、不晚于今天")); continue
                }
                if !r.paid && (r.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                    problems.append(FieldProblem(field: field, value: r.reference, reason: "失败的一笔须写明失败原因")); continue
                }
                plan.append((r, try line.decode(column: "id", as: Int64.self), try line.decode(column: "grant_id", as: Int64.self), try line.decode(column: "amount_fen", as: Int64.self)))
            }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let now = Clock.nowMillis()
            let today = CivilDate.today()
            var paid = 0, failed = 0
            var paidTotal: Int64 = 0
            for (r, lineID, grantID, amount) in plan {
                let reason = r.reason?.trimmingCharacters(in: .whitespaces)
                try await db.raw("UPDATE payment_lines SET result = \(bind: r.paid ? "paid" : "failed"), failure_reason = \(bind: r.paid ? nil : reason), result_at = \(bind: now) WHERE id = \(bind: lineID) AND result = 'pending'").run()
                if r.paid {
                    guard let g = try await db.raw("UPDATE grants SET state = 'paid', paid_on = \(bind: (r.on ?? today).iso), failure_reason = NULL, version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: grantID) AND state = 'in_batch' RETURNING budget_org_id").first() else {
                        throw StoreError.conflict(code: "grant_state", message: "参考号 \(r.reference) 对应的申请不在发放中")
                    }
                    try await db.raw("UPDATE cycle_budgets SET paid_fen = paid_fen + \(bind: amount) WHERE cycle_id = \(bind: b.cycleID) AND org_id = \(bind: try g.decode(column: "budget_org_id", as: Int64.self))").run()
                    try await Self.event(grantID, "paid", "银行回单：已发放 \(Money(fen: amount).yuanString) 元（参考号 \(r.reference)）", actor, on: db)
                    paid += 1; paidTotal += amount
                } else {
                    try await db.raw("UPDATE grants SET state = 'failed', failure_reason = \(bind: reason), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: grantID) AND state = 'in_batch'").run()
                    try await Self.event(grantID, "failed", "银行回单：发放失败（\(reason ?? "")），参考号 \(r.reference)", actor, on: db)
                    failed += 1
                }
            }
            let pending = try await db.raw("SELECT COUNT(*) AS n FROM payment_lines WHERE batch_id = \(bind: batchID) AND result = 'pending'").first()!.decode(column: "n", as: Int.self)
            if pending == 0 { try await db.raw("UPDATE payment_batches SET state = 'reconciled' WHERE id = \(bind: batchID)").run() }
            try await audit.append(.init(action: "payment.results", entity: "payment_batch", entityID: String(batchID), orgID: nil, orgPath: actor.scope.path,
                                         summary: "登记发放批次 \(b.batchNo) 的银行回单：成功 \(paid) 笔 \(Money(fen: paidTotal).yuanString) 元，失败 \(failed) 笔，已登记过 \(already) 笔"), actor: actor, on: db)
            return BankResultSummary(paid: paid, failed: failed, alreadyRecorded: already, paidTotal: Money(fen: paidTotal), batchReconciled: pending == 0)
        }
    }

    /// A failed payment made ready for the next batch. The money stays reserved. A corrected
    /// account changes where the money goes, so it is only proposed here: the grant stays
    /// failed until an administrator of the paying union approves it (``decideAccountChange``).
    public func requeue(grantID: Int64, bankName: String?, bankAccount: BankAccountNumber?, actor: Actor) async throws -> Grant {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权重新发放") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let g = try await Self.grant(id: grantID, scope: actor.scope, on: db)
            guard g.state == .failed else { throw StoreError.conflict(code: "grant_state", message: "只有发放失败的申请可以重新发放，当前为“\(g.state.title)”") }
            let path = try await Self.grantPath(grantID, on: db)
            let newBank = bankName?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            if bankAccount != nil || (newBank != nil && newBank != g.bankName) {
                let account = bankAccount
                try await db.raw("""
                    UPDATE grants SET proposed_bank_name = \(bind: newBank ?? g.bankName),
                        proposed_account_enc = \(bind: account.map { cipher.seal($0.value) }), proposed_account_masked = \(bind: account?.masked),
                        proposed_by = \(bind: actor.username), version = version + 1, updated_at = \(bind: Clock.nowMillis())
                    WHERE id = \(bind: grantID) AND state = 'failed'
                    """).run()
                let detail = "提出更正收款账户（\(newBank ?? g.bankName)\(account.map { " \($0.masked)" } ?? "")），待上级工会管理员批准"
                try await Self.event(grantID, "account_proposed", detail, actor, on: db)
                try await audit.append(.init(action: "grant.account_propose", entity: "grant", entityID: String(grantID), orgID: nil, orgPath: path,
                                             summary: "\(g.name) 的帮扶资金\(detail)"), actor: actor, on: db)
                return try await Self.grant(id: grantID, scope: .everything, on: db)
            }
            guard g.proposedBy == nil else {
                throw StoreError.conflict(code: "account_change_pending", message: "收款账户的更正尚待批准，批准或退回后才能重新发放")
            }
            _ = try await db.raw("UPDATE grants SET state = 'approved', batch_id = NULL, version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: grantID) AND state = 'failed'").run()
            try await Self.event(grantID, "requeued", "待下一批次重新发放", actor, on: db)
            try await audit.append(.init(action: "grant.requeue", entity: "grant", entityID: String(grantID), orgID: nil, orgPath: path,
                                         summary: "\(g.name) 的帮扶资金待下一批次重新发放"), actor: actor, on: db)
            return try await Self.grant(id: grantID, scope: .everything, on: db)
        }
    }

    /// The second person's decision on a proposed account: an administrator of the union whose
    /// budget pays (or a system administrator above it), never the one who proposed it.
    /// Approved, the grant pays into the new account in the next batch; refused, the proposal
    /// is dropped and the grant stays failed.
    public func decideAccountChange(grantID: Int64, approve: Bool, reason: String = "", actor: Actor) async throws -> Grant {
        let audit = self.audit
        return try await database.write { db in
            let g = try await Self.grant(id: grantID, scope: actor.scope, on: db)
            guard let proposer = g.proposedBy, g.state == .failed else {
                throw StoreError.conflict(code: "no_account_change", message: "这笔帮扶资金没有待批准的收款账户更正")
            }
            let row = try await db.raw("SELECT budget_org_id, proposed_bank_name, proposed_account_enc, proposed_account_masked FROM grants WHERE id = \(bind: grantID)").first()!
            let budgetOrg = try row.decode(column: "budget_org_id", as: Int64?.self)
            var budgetPath: String?
            if let budgetOrg { budgetPath = try await OrgService.path(of: budgetOrg, on: db) }
            let decision = PaymentAccountChange.decide(proposer: proposer, approver: actor.username, approverRole: actor.role,
                                                       approverOrgPath: actor.isSystem ? nil : actor.scope.path, budgetOrgPath: budgetPath)
            if let refusal = decision { throw StoreError.forbidden(refusal) }
            let path = try await Self.grantPath(grantID, on: db)
            let now = Clock.nowMillis()
            let detail: String
            if approve {
                var set: SQLQueryString = "state = 'approved', batch_id = NULL, bank_name = \(bind: try row.decode(column: "proposed_bank_name", as: String.self))"
                if let enc = try row.decode(column: "proposed_account_enc", as: String?.self), let masked = try row.decode(column: "proposed_account_masked", as: String?.self) {
                    set += ", bank_account_enc = \(bind: enc), bank_account_masked = \(bind: masked)"
                }
                _ = try await db.raw("UPDATE grants SET " + set + ", proposed_bank_name = NULL, proposed_account_enc = NULL, proposed_account_masked = NULL, proposed_by = NULL, version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: grantID) AND state = 'failed'").run()
                detail = "批准更正收款账户（\(g.proposedBankName ?? "")\(g.proposedAccountMasked.map { " \($0)" } ?? "")，由 \(proposer) 提出），待下一批次发放"
            } else {
                let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !r.isEmpty else { throw StoreError.invalid([FieldProblem(field: "reason", value: "", reason: "请填写退回的理由")]) }
                _ = try await db.raw("UPDATE grants SET proposed_bank_name = NULL, proposed_account_enc = NULL, proposed_account_masked = NULL, proposed_by = NULL, version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: grantID)").run()
                detail = "退回收款账户更正：\(r)"
            }
            try await Self.event(grantID, approve ? "account_approved" : "account_refused", detail, actor, on: db)
            try await audit.append(.init(action: approve ? "grant.account_approve" : "grant.account_refuse", entity: "grant", entityID: String(grantID), orgID: nil, orgPath: path,
                                         summary: "\(g.name) 的帮扶资金：\(detail)"), actor: actor, on: db)
            return try await Self.grant(id: grantID, scope: .everything, on: db)
        }
    }

    static func grantPath(_ grantID: Int64, on db: any SQLDatabase) async throws -> String {
        try await db.raw("SELECT o.path FROM grants g JOIN orgs o ON o.id = g.org_id WHERE g.id = \(bind: grantID)").first()!.decode(column: "path", as: String.self)
    }

    // MARK: Report

    /// People helped and amounts under a union, by child node and by category; approved counts
    /// approved, in-batch and paid grants. Every row adds up to the total to the fen.
    public func report(cycleID: Int64, orgCode: String, actor: Actor) async throws -> AssistanceReport {
        try await database.read { db in
            let c = try await Self.cycle(id: cycleID, scope: actor.scope, on: db)
            let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let path = try await OrgService.path(of: org.id, on: db)
            let children = try await db.raw("SELECT id, code, name FROM orgs WHERE parent_id = \(bind: org.id) ORDER BY code").all().map {
                (id: try $0.decode(column: "id", as: Int64.self), code: try $0.decode(column: "code", as: String.self), name: try $0.decode(column: "name", as: String.self))
            }
            let rows = try await db.raw("""
                SELECT o.path, g.category, g.state, g.amount_fen FROM grants g JOIN orgs o ON o.id = g.org_id
                WHERE g.cycle_id = \(bind: cycleID) AND g.state IN ('approved', 'in_batch', 'paid', 'failed') AND
                """ + " " + Scope(path: path).sql("o.path")).all()
            func empty(_ key: String, _ label: String) -> AssistanceReport.Row { .init(key: key, label: label, approvedPeople: 0, approved: .zero, paidPeople: 0, paid: .zero) }
            var byChild = children.map { empty($0.code, $0.name) }
            var own = empty(org.code, org.name + "（本级直属）")
            var byCategory = HardshipCategory.allCases.map { empty($0.rawValue, $0.title) } + [empty("none", "无档案（非困难职工）")]
            var total = empty("total", "合计")
            let childIndex = Dictionary(uniqueKeysWithValues: children.enumerated().map { ("\(path)\($1.id)/", $0) })
            for row in rows {
                let p = try row.decode(column: "path", as: String.self)
                let amount = Money(fen: try row.decode(column: "amount_fen", as: Int64.self))
                let isPaid = try row.decode(column: "state", as: String.self) == "paid"
                func add(_ r: inout AssistanceReport.Row) {
                    r.approvedPeople += 1; r.approved += amount
                    if isPaid { r.paidPeople += 1; r.paid += amount }
                }
                add(&total)
                let rest = p.dropFirst(path.count)
                if let slash = rest.firstIndex(of: "/"), let i = childIndex[path + rest[..<slash] + "/"] { add(&byChild[i]) } else { add(&own) }
                let cat = try row.decode(column: "category", as: String?.self)
                add(&byCategory[HardshipCategory.allCases.firstIndex { $0.rawValue == cat } ?? HardshipCategory.allCases.count])
            }
            if own.approvedPeople > 0 { byChild.insert(own, at: 0) }
            return AssistanceReport(cycle: c, orgCode: org.code, orgName: org.name, byChild: byChild, byCategory: byCategory, total: total)
        }
    }

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
              proposedBy: try row.decode(column: "proposed_by", as: String?.self))
    }

    static let batchSelect: SQLQueryString = "SELECT b.*, o.code AS org_code FROM payment_batches b JOIN orgs o ON o.id = b.org_id"

    static func batch(id: Int64, scope: Scope = .everything, on db: any SQLDatabase) async throws -> PaymentBatch {
        guard let row = try await db.raw(batchSelect + " WHERE b.id = \(bind: id) AND " + scope.sql("o.path")).first() else { throw StoreError.notFound(entity: "发放批次", key: String(id)) }
        return try batch(row)
    }

    static func batch(_ row: any SQLRow) throws -> PaymentBatch {
        PaymentBatch(id: try row.decode(column: "id", as: Int64.self), batchNo: try row.decode(column: "batch_no", as: String.self),
                     cycleID: try row.decode(column: "cycle_id", as: Int64.self), orgCode: try row.decode(column: "org_code", as: String.self),
                     state: try row.decode(column: "state", as: String.self), lineCount: try row.decode(column: "line_count", as: Int.self),
                     total: Money(fen: try row.decode(column: "total_fen", as: Int64.self)), createdBy: try row.decode(column: "created_by", as: String.self),
                     createdAt: try row.decode(column: "created_at", as: Int64.self))
    }
}
