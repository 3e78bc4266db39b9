import Foundation
import GonghuiDomain
import SQLKit

/// Taking a case through its steps (办理), transferring it, and the province's policy numbers.
extension DisputeService {
    /// Takes `action` on `today`: the workflow's rules decide whether it may be taken; the new
    /// state, its deadline, the agreement's terms and a dated event are written with the audit entry.
    ///
    /// `particulars` (the mediator, representatives and agents, the payment method, the claims
    /// waived) go with a mediation's start or its agreement; an agreement gets its number.
    public func act(id: Int64, _ action: DisputeAction, particulars: MediationParticulars? = nil, expectedVersion: Int? = nil, actor: Actor,
                    today: CivilDate = .today()) async throws -> DisputeCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        let cleaned = particulars?.cleaned()
        if let problems = cleaned?.1, !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let policy = try await Self.policy(on: db)
            let (row, path) = try await Self.locate(id: id, scope: actor.scope, on: db)
            let old = try await Self.dispute(row, actor: .system("read"), on: db)
            if let v = expectedVersion, v != old.version { throw StoreError.staleVersion(entity: "案件", key: old.caseNo) }
            if today < old.workflow.receivedOn {
                throw StoreError.invalid([FieldProblem(field: "date", value: today.iso, reason: "办理日期不能早于登记日期 \(old.workflow.receivedOn.iso)")])
            }
            var workflow = old.workflow
            do {
                try workflow.apply(action, on: today, policy: policy)
            } catch let e as DisputeWorkflowError {
                throw StoreError.conflict(code: e == .reasonRequired ? "reason_required" : "workflow", message: e.message)
            }
            let set: SQLQueryString = """
                state = \(bind: workflow.state.rawValue), accepted_on = \(bind: workflow.acceptedOn?.iso), extended_days = \(bind: workflow.extendedDays),
                extension_reason = \(bind: workflow.extensionReason), mediation_applied_on = \(bind: workflow.mediationAppliedOn?.iso),
                oral_application = \(bind: workflow.oralApplication), closed_on = \(bind: workflow.closedOn?.iso), outcome = \(bind: workflow.outcome?.rawValue),
                recovered_fen = \(bind: workflow.recovered.fen), note = \(bind: workflow.note), due_on = \(bind: workflow.dueOn(policy: policy)?.iso),
                version = version + 1, updated_at = \(bind: Clock.nowMillis())
                """
            try await Self.guardedUpdate(id: id, version: old.version, set: set, caseNo: old.caseNo, on: db)
            if workflow.terms != old.workflow.terms { try await Self.writeTerms(workflow.terms, caseID: id, on: db) }
            try await Self.recordMediation(action, particulars: cleaned?.0, row: row, caseID: id, today: today, on: db)
            let provinceID = try row.decode(column: "province_id", as: Int64.self)
            let (kind, detail) = Self.describe(action, workflow: workflow, policy: policy)
            try await Self.event(id, provinceID: provinceID, kind: kind, on: today, state: workflow.state, detail: detail, actor: actor, on: db)
            if workflow.state != old.workflow.state { try await Self.notifyWorkers(caseID: id, caseNo: old.caseNo, state: workflow.state, on: db) }
            try await audit.append(.init(action: "dispute.\(kind)", entity: "dispute_case", entityID: String(id), orgID: nil, orgPath: path,
                                         summary: "\(old.caseNo)：\(detail)", before: old.workflow.state.rawValue, after: workflow.state.rawValue),
                                   actor: actor, on: db)
            return try await Self.dispute(try await Self.locate(id: id, scope: .everything, on: db).row, actor: actor, on: db)
        }
    }

    /// Hands an open case to another union in the actor's subtree, with the reason; a
    /// confidential case never goes to the employer's own union.
    public func transfer(id: Int64, toOrgCode code: String, reason: String, expectedVersion: Int? = nil, actor: Actor, today: CivilDate = .today()) async throws -> DisputeCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if why.isEmpty { throw StoreError.invalid([FieldProblem(field: "reason", value: "", reason: "请填写转办理由")]) }
        let audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: id, scope: actor.scope, on: db)
            let old = try await Self.dispute(row, actor: .system("read"), on: db)
            if let v = expectedVersion, v != old.version { throw StoreError.staleVersion(entity: "案件", key: old.caseNo) }
            guard old.workflow.state.isOpen else { throw StoreError.conflict(code: "workflow", message: "案件已办结，不能转办") }
            let target = try await Self.handlingOrg(code, actor: actor, on: db)
            guard target.code != old.handlingOrgCode else {
                throw StoreError.invalid([FieldProblem(field: "org_code", value: code, reason: "案件已由该工会办理")])
            }
            let targetPath = try await OrgService.path(of: target.id, on: db)
            if old.confidential, let employerPath = try row.decode(column: "employer_union_path", as: String?.self), targetPath.hasPrefix(employerPath) {
                throw StoreError.invalid([FieldProblem(field: "org_code", value: code, reason: "保密案件不能转由用人单位的工会办理")])
            }
            try await Self.guardedUpdate(id: id, version: old.version, set: "org_id = \(bind: target.id), version = version + 1, updated_at = \(bind: Clock.nowMillis())",
                                         caseNo: old.caseNo, on: db)
            let detail = "由\(old.handlingOrgName)转\(target.name)办理：\(why)"
            let provinceID = try row.decode(column: "province_id", as: Int64.self)
            try await Self.event(id, provinceID: provinceID, kind: "transferred", on: today, state: old.workflow.state, detail: detail, actor: actor, on: db)
            try await Self.notifyHandler(caseID: id, caseNo: old.caseNo, orgID: target.id, title: "转来案件 \(old.caseNo)", body: detail, on: db)
            try await audit.append(.init(action: "dispute.transfer", entity: "dispute_case", entityID: String(id), orgID: target.id, orgPath: path,
                                         summary: "\(old.caseNo)：\(detail)", before: old.handlingOrgCode, after: target.code), actor: actor, on: db)
            return try await Self.dispute(try await Self.locate(id: id, scope: .everything, on: db).row, actor: actor, on: db)
        }
    }

    /// What a mediation step records beside the workflow: when an oral application was written
    /// down, the particulars given with it, and the agreement's number.
    static func recordMediation(_ action: DisputeAction, particulars: MediationParticulars?, row: any SQLRow, caseID: Int64, today: CivilDate,
                                on db: any SQLDatabase) async throws {
        switch action {
        case .startMediation(_, let oral, _):
            if oral { try await db.raw("UPDATE dispute_cases SET mediation_recorded_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: caseID)").run() }
        case .recordAgreement:
            try await numberAgreement(caseID: caseID, orgID: try row.decode(column: "org_id", as: Int64.self),
                                      orgCode: try row.decode(column: "org_code", as: String.self), signedOn: today, on: db)
        default:
            return
        }
        if let particulars, !particulars.isEmpty { try await writeParticulars(particulars, over: row, caseID: caseID, on: db) }
    }

    static func writeTerms(_ terms: [AgreementTerm], caseID: Int64, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM dispute_terms WHERE case_id = \(bind: caseID)").run()
        for (i, t) in terms.enumerated() {
            try await db.raw("""
                INSERT INTO dispute_terms (case_id, seq, description, amount_fen, due_on, performed_on, amount_performed_fen)
                VALUES (\(bind: caseID), \(bind: i), \(bind: t.description), \(bind: t.amount.fen), \(bind: t.dueOn.iso), \(bind: t.performedOn?.iso), \(bind: t.amountPerformed.fen))
                """).run()
        }
    }

    /// The event's kind and the sentence the timeline shows.
    static func describe(_ action: DisputeAction, workflow: DisputeWorkflow, policy: PolicyBook) -> (String, String) {
        switch action {
        case .answer(let reply): ("answered", "答复办结：\(reply.trimmingCharacters(in: .whitespacesAndNewlines))")
        case .accept: ("accepted", "受理；办理期限至 \(workflow.handlingDue(policy: policy)?.iso ?? "")")
        case .refuse(let reason): ("refused", "不予受理：\(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
        case .extend(let days, let reason):
            ("extended", "办理期限延长 \(days) 日至 \(workflow.handlingDue(policy: policy)?.iso ?? "")：\(reason.trimmingCharacters(in: .whitespacesAndNewlines))")
        case .startMediation(let applied, let oral, _):
            ("mediation_started", "收到\(oral ? "口头" : "书面")调解申请（\(applied.iso)），调解期限至 \(DisputeClocks.mediationDue(appliedOn: applied, policy: policy).iso)")
        case .recordAgreement(let terms):
            ("agreement", "达成调解协议，共 \(terms.count) 项条款，金额 \(terms.reduce(Money.zero) { $0 + $1.amount }.yuanString) 元")
        case .recordPerformance(let term, let on, let amount):
            ("performed", "第 \(term + 1) 项条款已履行（\(on.iso)，\(amount.yuanString) 元）" + (workflow.state == .closed ? "；协议全部履行，办结" : ""))
        case .endMediation(let outcome, let note):
            ("mediation_ended", "调解结束：\(outcome.title)；\(note.trimmingCharacters(in: .whitespacesAndNewlines))")
        case .resolve(let note, let recovered):
            ("resolved", "协调解决，追回 \(recovered.yuanString) 元：\(note.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }

    // MARK: Policy numbers

    /// Every policy rule a province keeps, as listed to officers: the dispute clocks' numbers (the
    /// laws' and the province's) and the duty-separation switch with its default.
    public func listedRules() async throws -> PolicyBook {
        let stored = try await policy()
        var book = PolicyBook([DutySeparation.rule]).merging(stored.rules)
        book.calendar = stored.calendar
        return book
    }

    /// Records a province's own number for a policy key from a date, with its source: the dispute
    /// clocks' numbers, and the duty-separation switch (`DutySeparation`, 1 or 0). Only the province
    /// level maintains them; the laws' defaults cannot be removed, only followed by later rules.
    public func setPolicyRule(_ rule: PolicyRule, actor: Actor) async throws {
        try await OrgService.requireLevel(actor, [.province], "维护政策参数", in: database)
        var problems: [FieldProblem] = []
        let isSwitch = rule.key == DutySeparation.key
        if !isSwitch && !ProvinceRules.builtIn.contains(where: { $0.key == rule.key }) {
            problems.append(FieldProblem(field: "key", value: rule.key, reason: "没有这个政策参数"))
        }
        let range = ProvinceRules.allowed(rule.key)
        if isSwitch && !(0...1).contains(rule.value) {
            problems.append(FieldProblem(field: "value", value: String(rule.value), reason: "取值应为 1（实行）或 0（不实行）"))
        } else if !isSwitch && !range.contains(rule.value) {
            problems.append(FieldProblem(field: "value", value: String(rule.value), reason: "取值应为 \(range.lowerBound) 至 \(range.upperBound)"))
        }
        if rule.source.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldProblem(field: "source", value: "", reason: "请注明依据（法规条款或本省规定）")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        try await database.write { db in
            try await db.raw("DELETE FROM policy_rules WHERE key = \(bind: rule.key) AND effective_from = \(bind: rule.effectiveFrom.iso)").run()
            try await db.raw("""
                INSERT INTO policy_rules (key, effective_from, value, source, working_days, recorded_by, recorded_at)
                VALUES (\(bind: rule.key), \(bind: rule.effectiveFrom.iso), \(bind: rule.value), \(bind: rule.source.trimmingCharacters(in: .whitespaces)),
                    \(bind: rule.workingDays), \(bind: actor.username), \(bind: Clock.nowMillis()))
                """).run()
            try await Self.refreshDeadlines(on: db)
            try await audit.append(.init(action: "policy.set", entity: "policy_rule", entityID: "\(rule.key)@\(rule.effectiveFrom.iso)", orgID: actor.orgID,
                                         orgPath: actor.scope.path, summary: "政策参数 \(rule.key) 自 \(rule.effectiveFrom.iso) 起为 \(rule.value)\(rule.workingDays ? "（工作日）" : "")（\(rule.source)）"),
                                   actor: actor, on: db)
        }
    }

    // MARK: Minimum wages

    public func minimumWages() async throws -> MinimumWageTable {
        try await database.read { db in try await Self.minimumWages(on: db) }
    }

    static func minimumWages(on db: any SQLDatabase) async throws -> MinimumWageTable {
        MinimumWageTable(try await db.raw("SELECT region_code, effective_from, monthly_fen, source FROM minimum_wages ORDER BY region_code, effective_from").all().map { row in
            MinimumWage(regionCode: try row.decode(column: "region_code", as: String.self),
                        effectiveFrom: try Rows.date(row, "effective_from") ?? CivilDate(daysSinceEpoch: 0),
                        monthly: Money(fen: try row.decode(column: "monthly_fen", as: Int64.self)), source: try row.decode(column: "source", as: String.self))
        })
    }

    /// Records a region's monthly minimum wage from a date, with the notice that set it (or
    /// corrects the one recorded for that date). Only the province level maintains the table.
    public func setMinimumWage(_ wage: MinimumWage, actor: Actor) async throws {
        try await OrgService.requireLevel(actor, [.province], "维护最低工资标准", in: database)
        var problems: [FieldProblem] = []
        if wage.regionCode.count != 6 || !wage.regionCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
            problems.append(FieldProblem(field: "region_code", value: wage.regionCode, reason: "地区应为 6 位行政区划代码"))
        }
        if wage.monthly.fen <= 0 { problems.append(FieldProblem(field: "monthly", value: wage.monthly.yuanString, reason: "最低工资标准应大于 0")) }
        if wage.source.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldProblem(field: "source", value: "", reason: "请注明依据（发布最低工资标准的文件）")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        try await database.write { db in
            try await db.raw("DELETE FROM minimum_wages WHERE region_code = \(bind: wage.regionCode) AND effective_from = \(bind: wage.effectiveFrom.iso)").run()
            try await db.raw("""
                INSERT INTO minimum_wages (region_code, effective_from, monthly_fen, source, recorded_by, recorded_at)
                VALUES (\(bind: wage.regionCode), \(bind: wage.effectiveFrom.iso), \(bind: wage.monthly.fen), \(bind: wage.source.trimmingCharacters(in: .whitespaces)),
                        \(bind: actor.username), \(bind: Clock.nowMillis()))
                """).run()
            try await audit.append(.init(action: "minimum_wage.set", entity: "minimum_wage", entityID: "\(wage.regionCode)@\(wage.effectiveFrom.iso)",
                                         orgID: actor.orgID, orgPath: actor.scope.path,
                                         summary: "最低工资标准 \(wage.regionCode) 自 \(wage.effectiveFrom.iso) 起 \(wage.monthly.yuanString) 元/月（\(wage.source)）"),
                                   actor: actor, on: db)
        }
    }
}
