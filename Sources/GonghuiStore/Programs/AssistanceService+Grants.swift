import Foundation
import GonghuiDomain
import SQLKit

/// Applications and decisions (申请、审核、批准): the rules decide, the budget pays.
extension AssistanceService {
    // MARK: Applying

    public typealias Declaration = GrantDeclaration

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
            guard c.accepts(on: today) else {
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
                    state, channel, applied_on, bank_name, bank_account_enc, bank_account_masked, recorded_by, created_at, updated_at)
                VALUES (\(bind: cycleID), \(bind: a.orgID), \(bind: memberID), \(bind: a.archiveID), \(bind: a.name), \(bind: a.idHash), \(bind: a.idMasked),
                    \(bind: a.category?.rawValue), \(bind: Rows.json(facts)), \(bind: decision.ruleName!), \(bind: decision.amount.fen), \(bind: decision.explanation.joined(separator: "\n")),
                    'submitted', \(bind: actor == nil ? "portal" : "union"), \(bind: today.iso), \(bind: bankName), \(bind: accountEnc), \(bind: accountMasked),
                    \(bind: actor.flatMap { $0.isSystem ? nil : $0.username }), \(bind: now), \(bind: now))
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

    public typealias Decision = GrantStep

    public func decide(grantID: Int64, _ decision: Decision, expectedVersion: Int? = nil, actor: Actor) async throws -> Grant {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权审核帮扶申请") }
        let audit = self.audit
        return try await database.write { db in
            let g = try await Self.grant(id: grantID, scope: actor.scope, on: db)
            if let v = expectedVersion, v != g.version { throw StoreError.staleVersion(entity: "帮扶申请", key: String(grantID)) }
            let path = try await db.raw("SELECT o.path FROM grants g JOIN orgs o ON o.id = g.org_id WHERE g.id = \(bind: grantID)").first()!.decode(column: "path", as: String.self)
            let now = Clock.nowMillis()
            switch decision.refusal(from: g.state) {
            case .wrongState(let message): throw StoreError.conflict(code: "grant_state", message: message)
            case .missingReason: throw StoreError.invalid([FieldProblem(field: "reason", value: "", reason: "请填写不予通过的理由")])
            case nil: break
            }
            var set: SQLQueryString
            var detail: String
            switch decision {
            case .review:
                set = "state = 'reviewed', reviewed_by = \(bind: actor.isSystem ? nil : actor.username)"
                detail = "基层工会审核通过"
            case .approve:
                // Whoever recorded or reviewed it does not approve it too (职责分离).
                if !actor.isSystem, try await Self.dutiesSeparated(on: db),
                   let refusal = g.approvalRefusal(for: actor.username) {
                    throw StoreError.conflict(code: "duties_separated", message: refusal)
                }
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
                set = "state = 'rejected', reason = \(bind: r)"
                detail = "不予通过：\(r)"
                // The person may apply again once the reason is put right.
                try await db.raw("DELETE FROM grant_locks WHERE grant_id = \(bind: grantID)").run()
            }
            let updated = try await db.raw("UPDATE grants SET " + set + ", version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: grantID) AND version = \(bind: g.version) RETURNING id").first()
            if updated == nil { throw StoreError.staleVersion(entity: "帮扶申请", key: String(grantID)) }
            let kind = decision.eventKind
            try await Self.event(grantID, kind, detail, actor, on: db)
            try await audit.append(.init(action: "grant.\(kind)", entity: "grant", entityID: String(grantID), orgID: nil, orgPath: path,
                                         summary: "\(g.name) 的帮扶申请（\(g.amount.yuanString) 元）：\(detail)", before: g.state.rawValue), actor: actor, on: db)
            return try await Self.grant(id: grantID, scope: .everything, on: db)
        }
    }

    /// Whether who recorded or reviewed a grant may not approve it, today (`DutySeparation`).
    public func dutiesSeparated(today: CivilDate = .today()) async throws -> Bool {
        try await database.read { db in try await Self.dutiesSeparated(on: db, today: today) }
    }

    /// Whether who prepares a payment step may not approve it, today (`DutySeparation`, with the
    /// province's own rule over the default).
    static func dutiesSeparated(on db: any SQLDatabase, today: CivilDate = .today()) async throws -> Bool {
        let rows = try await db.raw("SELECT effective_from, value, source FROM policy_rules WHERE key = \(bind: DutySeparation.key)").all()
        let book = PolicyBook([DutySeparation.rule]).merging(try rows.map { row in
            PolicyRule(key: DutySeparation.key, value: try row.decode(column: "value", as: Int.self),
                       effectiveFrom: try Rows.date(row, "effective_from") ?? CivilDate(daysSinceEpoch: 0), source: try row.decode(column: "source", as: String.self))
        })
        return DutySeparation.inForce(book, on: today)
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
            let scope = try await OrgService.narrowed(actor.scope, to: orgCode, on: db)
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

    // MARK: Report

    /// People helped and amounts under a union, by child node and by category; approved counts
    /// approved, in-batch and paid grants. Every row adds up to the total to the fen.
    public func report(cycleID: Int64, orgCode: String, actor: Actor) async throws -> AssistanceReport {
        try await StoreMetrics.report("assistance") { try await database.read { db in
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
        } }
    }
}
