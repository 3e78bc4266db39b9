import Foundation
import GonghuiDomain
import SQLKit

/// Labor-dispute cases (劳动争议调处, DOMAIN.md §9): intake, the worklist by deadline, the case and
/// its steps, and the policy numbers their clocks read.
///
/// Who may do what, besides seeing the case at all (its handling union lies in the actor's
/// subtree; another county's case is "not found"): registering and handling cases — roles that
/// edit the registry; reading — every role. Upper levels see every case below them. A
/// confidential case's workers are masked for officers of the employer's own union, and such a
/// case is never handled by that union.
public struct DisputeService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    public func policy() async throws -> PolicyBook {
        try await database.read { db in try await Self.policy(on: db) }
    }

    // MARK: Intake

    /// Registers a case. An open case against the same employer about the same type within the
    /// window is a duplicate: refused with its number (`duplicate`), so the officer adds the
    /// worker to it (`addWorkers`), unless `allowDuplicate` says it is a separate matter.
    public func register(_ intake: DisputeIntake, allowDuplicate: Bool = false, actor: Actor, today: CivilDate = .today()) async throws -> DisputeCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记案件") }
        var problems = intake.problems(today: today)
        let creditCode = Self.creditCode(intake.employer.creditCode, problems: &problems)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let policy = try await Self.policy(on: db)
            let org = try await Self.handlingOrg(intake.handlingOrgCode ?? actor.orgCode, actor: actor, on: db)
            let orgPath = try await OrgService.path(of: org.id, on: db)
            let employerUnion = try await Self.employerUnion(creditCode: creditCode, on: db)
            if intake.confidential, let union = employerUnion, orgPath.hasPrefix(union.path) {
                throw StoreError.invalid([FieldProblem(field: "handling_org_code", value: org.code, reason: "保密案件不能由用人单位的工会办理，请改由上级工会办理")])
            }
            if !allowDuplicate, let dup = try await Self.duplicate(of: intake, creditCode: creditCode, policy: policy, actor: actor, on: db) {
                throw StoreError.conflict(code: "duplicate", message: "同一用人单位、同一争议类型已有在办案件 \(dup.caseNo)（\(dup.handlingOrgName)），可将职工加入该案件", field: "employer.name")
            }
            let id = try await Self.insertCase(intake, creditCode: creditCode, org: org, employerUnionID: employerUnion?.id, policy: policy, actor: actor, on: db)
            try await Self.insertWorkers(intake.workers, caseID: id, provinceID: org.provinceID, from: 0, cipher: cipher, on: db)
            for (i, c) in intake.claims.enumerated() {
                try await db.raw("INSERT INTO dispute_claims (case_id, seq, type, description, amount_fen) VALUES (\(bind: id), \(bind: i), \(bind: c.type.rawValue), \(bind: c.description.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: c.amount.fen))").run()
            }
            let caseNo = String(format: "JF%04d-%06lld", intake.receivedOn.year, id)
            try await db.raw("UPDATE dispute_cases SET case_no = \(bind: caseNo) WHERE id = \(bind: id)").run()
            let detail = "\(intake.channel.title)登记\(intake.kind.title)：\(intake.employer.name.trimmingCharacters(in: .whitespaces))，涉及 \(intake.workersInvolved) 人"
            try await Self.event(id, provinceID: org.provinceID, kind: "registered", on: intake.receivedOn, state: .received, detail: detail, actor: actor, on: db)
            try await Self.notifyHandler(caseID: id, caseNo: caseNo, orgID: org.id, title: "新案件 \(caseNo) 待受理", body: detail, on: db)
            try await Self.notifyWorkers(caseID: id, caseNo: caseNo, state: .received, on: db)
            try await audit.append(.init(action: "dispute.register", entity: "dispute_case", entityID: String(id), orgID: org.id, orgPath: orgPath,
                                         summary: "登记案件 \(caseNo)：\(detail)"), actor: actor, on: db)
            try await WarningService.raiseForCase(id, on: today, policy: policy, actor: actor, audit: audit, on: db)
            return try await Self.dispute(try await Self.locate(id: id, scope: .everything, on: db).row, actor: actor, on: db)
        }
    }

    /// Adds workers to an open case (a duplicate complaint, or a group listed in part at intake).
    public func addWorkers(caseID: Int64, _ workers: [DisputeWorkerDraft], expectedVersion: Int? = nil, actor: Actor, today: CivilDate = .today()) async throws -> DisputeCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        if workers.isEmpty { throw StoreError.invalid([FieldProblem(field: "workers", value: "", reason: "请至少登记一名职工")]) }
        for (i, w) in workers.enumerated() where w.name.trimmingCharacters(in: .whitespaces).isEmpty || w.name.count > 50 {
            throw StoreError.invalid([FieldProblem(field: "workers[\(i + 1)].name", value: w.name, reason: "请填写职工姓名（最多 50 字）")])
        }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let policy = try await Self.policy(on: db)
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let old = try await Self.dispute(row, actor: .system("read"), on: db)
            if let v = expectedVersion, v != old.version { throw StoreError.staleVersion(entity: "案件", key: old.caseNo) }
            guard old.workflow.state.isOpen else { throw StoreError.conflict(code: "workflow", message: "案件已办结，不能再加入职工") }
            let provinceID = try row.decode(column: "province_id", as: Int64.self)
            let count = try await db.raw("SELECT COUNT(*) AS n FROM dispute_workers WHERE case_id = \(bind: caseID)").first()?.decode(column: "n", as: Int.self) ?? 0
            if count + workers.count > DisputeIntake.maxWorkers {
                throw StoreError.invalid([FieldProblem(field: "workers", value: String(count + workers.count), reason: "一个案件最多登记 \(DisputeIntake.maxWorkers) 名职工")])
            }
            try await Self.insertWorkers(workers, caseID: caseID, provinceID: provinceID, from: count, cipher: cipher, on: db)
            let involved = max(old.workersInvolved, count + workers.count)
            let collective = DisputeClocks.isCollective(workers: involved, on: old.workflow.receivedOn, policy: policy)
            try await Self.guardedUpdate(id: caseID, version: old.version, set: "workers_involved = \(bind: involved), collective = \(bind: collective), version = version + 1, updated_at = \(bind: Clock.nowMillis())",
                                         caseNo: old.caseNo, on: db)
            let detail = "加入 \(workers.count) 名职工，涉及 \(involved) 人" + (collective && !old.collective ? "，为集体劳动争议" : "")
            try await Self.event(caseID, provinceID: provinceID, kind: "workers_added", on: today, state: old.workflow.state, detail: detail, actor: actor, on: db)
            try await Self.notifyWorkers(caseID: caseID, caseNo: old.caseNo, state: old.workflow.state, fromSeq: count, on: db)
            try await audit.append(.init(action: "dispute.add_workers", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(old.caseNo)：\(detail)"), actor: actor, on: db)
            try await WarningService.raiseForCase(caseID, on: today, policy: policy, actor: actor, audit: audit, on: db)
            return try await Self.dispute(try await Self.locate(id: caseID, scope: .everything, on: db).row, actor: actor, on: db)
        }
    }

    // MARK: Reading

    public func find(id: Int64, actor: Actor) async throws -> DisputeCase {
        try await database.read { db in try await Self.dispute(try await Self.locate(id: id, scope: actor.scope, on: db).row, actor: actor, on: db) }
    }

    /// The worklist: the cases in the actor's subtree (or one union's), open ones first by the
    /// deadline they wait on, the most pressing first.
    public func list(_ filter: DisputeFilter, actor: Actor, limit: Int = 50, offset: Int = 0) async throws -> DisputePage {
        let limit = min(max(limit, 1), 500), offset = max(offset, 0)
        return try await database.read { db in
            let scope = try await OrgService.narrowed(actor.scope, to: filter.orgCode, on: db)
            var w: SQLQueryString = " WHERE " + scope.sql("o.path")
            if !filter.states.isEmpty {
                w += " AND c.state IN (" + filter.states.map { "\(bind: $0.rawValue)" as SQLQueryString }.joined(separator: ", ") + ")"
            }
            if let t = filter.type { w += " AND c.types LIKE \(bind: "%,\(t.rawValue),%")" }
            if filter.overdueOnly { w += " AND c.state <> 'closed' AND c.due_on < \(bind: filter.today.iso)" }
            if let employer = filter.employer?.trimmingCharacters(in: .whitespaces), !employer.isEmpty {
                w += " AND (c.employer_name >= \(bind: employer) AND c.employer_name < \(bind: employer + "\u{10FFFF}") OR c.employer_credit_code = \(bind: employer.uppercased()))"
            }
            let from: SQLQueryString = " FROM dispute_cases c JOIN orgs o ON o.id = c.org_id"
            let total = try await db.raw("SELECT COUNT(*) AS n" + from + w).first()?.decode(column: "n", as: Int.self) ?? 0
            guard offset < total else { return DisputePage(items: [], total: total, limit: limit, offset: offset) }
            // The page's ids first: the order reads only the worklist index (union, state, deadline),
            // so sorting a county's tens of thousands of cases never touches their rows; then the
            // page's rows, and their workers, claims and terms in one query each.
            let order: SQLQueryString = " ORDER BY CASE WHEN c.state = 'closed' THEN 1 ELSE 0 END, CASE WHEN c.due_on IS NULL THEN 1 ELSE 0 END, c.due_on, c.id DESC"
            let ids = try await db.raw("SELECT c.id" + from + w + order + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all().map {
                try $0.decode(column: "id", as: Int64.self)
            }
            guard !ids.isEmpty else { return DisputePage(items: [], total: total, limit: limit, offset: offset) }
            let found = try await db.raw(Self.caseSelect + " WHERE c.id IN (" + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")").all()
            let byID = Dictionary(try found.map { (try $0.decode(column: "id", as: Int64.self), $0) }, uniquingKeysWith: { a, _ in a })
            let items = try await Self.disputes(ids.compactMap { byID[$0] }, actor: actor, on: db)
            return DisputePage(items: items, total: total, limit: limit, offset: offset)
        }
    }

    public func history(id: Int64, actor: Actor) async throws -> [DisputeEvent] {
        try await database.read { db in
            _ = try await Self.locate(id: id, scope: actor.scope, on: db)
            return try await db.raw("SELECT kind, on_date, state, detail, actor, at FROM dispute_events WHERE case_id = \(bind: id) ORDER BY id").all().map { row in
                DisputeEvent(kind: try row.decode(column: "kind", as: String.self), onDate: try Rows.date(row, "on_date") ?? CivilDate(daysSinceEpoch: 0),
                             state: DisputeCaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .received,
                             detail: try row.decode(column: "detail", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                             recordedAt: try row.decode(column: "at", as: Int64.self))
            }
        }
    }

    // MARK: Helpers of intake

    static func creditCode(_ raw: String?, problems: inout [FieldProblem]) -> String? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        do {
            let code = try CreditCode(raw)
            // At intake the code finds the employer's union and earlier cases: a typo must not pass.
            if let warning = code.checkWarning {
                problems.append(FieldProblem(field: "employer.credit_code", value: raw, reason: warning))
                return nil
            }
            return code.value
        } catch {
            problems.append(FieldProblem(field: "employer.credit_code", value: raw, reason: error.message))
            return nil
        }
    }

    static func handlingOrg(_ code: String?, actor: Actor, on db: any SQLDatabase) async throws -> Organization {
        guard let code, !code.isEmpty else {
            throw StoreError.invalid([FieldProblem(field: "handling_org_code", value: "", reason: "请指定办理案件的工会")])
        }
        let org: Organization
        do {
            org = try await OrgService.find(code: code, scope: actor.scope, on: db)
        } catch StoreError.notFound {
            throw StoreError.invalid([FieldProblem(field: "handling_org_code", value: code, reason: "办理工会不存在或不在您的管辖范围内")])
        }
        guard org.status == .active else { throw StoreError.invalid([FieldProblem(field: "handling_org_code", value: code, reason: "办理工会已撤销")]) }
        return org
    }

    /// The employer's grassroots union in the registry, by the employer's credit code.
    static func employerUnion(creditCode: String?, on db: any SQLDatabase) async throws -> (id: Int64, path: String)? {
        guard let creditCode else { return nil }
        guard let row = try await db.raw("SELECT id, path FROM orgs WHERE credit_code = \(bind: creditCode) AND status = 'active' ORDER BY depth DESC LIMIT 1").first() else { return nil }
        return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "path", as: String.self))
    }

    static func duplicate(of intake: DisputeIntake, creditCode: String?, policy: PolicyBook, actor: Actor, on db: any SQLDatabase) async throws -> DisputeCase? {
        guard !intake.kind.isAnsweredAtOnce else { return nil }
        let window = DisputeClocks.days(DisputePolicy.duplicateWindowDays, on: intake.receivedOn, policy)
        let employer: SQLQueryString = creditCode.map { "c.employer_credit_code = \(bind: $0)" }
            ?? "c.employer_name = \(bind: intake.employer.name.trimmingCharacters(in: .whitespaces))"
        let q = caseSelect + " WHERE c.state <> 'closed' AND " + employer + " AND c.received_on >= \(bind: intake.receivedOn.adding(days: -window).iso) AND "
            + actor.scope.sql("o.path") + " ORDER BY c.id LIMIT 20"
        for row in try await db.raw(q).all() {
            let open = try await dispute(row, actor: actor, on: db)
            var probe = intake
            probe.employer.creditCode = creditCode
            if probe.duplicates(open, policy: policy) { return open }
        }
        return nil
    }

    static func insertCase(_ intake: DisputeIntake, creditCode: String?, org: Organization, employerUnionID: Int64?, policy: PolicyBook, actor: Actor,
                           on db: any SQLDatabase) async throws -> Int64 {
        let workflow = DisputeWorkflow(kind: intake.kind, receivedOn: intake.receivedOn)
        let limitation = DisputeClocks.limitationEnds(types: intake.types, learnedOn: intake.learnedOn, employmentEndedOn: intake.employmentEndedOn, policy: policy)
        let collective = DisputeClocks.isCollective(workers: intake.workersInvolved, on: intake.receivedOn, policy: policy)
        let claimed = intake.claims.reduce(Money.zero) { $0 + $1.amount }
        let now = Clock.nowMillis()
        let e = intake.employer
        func text(_ s: String?) -> String? { s.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        guard let row = try await db.raw("""
            INSERT INTO dispute_cases (province_id, case_no, channel, kind, org_id, employer_name, employer_credit_code, employer_region, employer_industry,
                employer_org_id, types, facts, learned_on, employment_ended_on, confidential, workers_involved, collective, amount_claimed_fen, state,
                received_on, extended_days, oral_application, recovered_fen, due_on, limitation_ends_on, created_by, version, created_at, updated_at)
            VALUES (\(bind: org.provinceID), \(bind: "new-" + UUID().uuidString), \(bind: intake.channel.rawValue), \(bind: intake.kind.rawValue), \(bind: org.id),
                \(bind: e.name.trimmingCharacters(in: .whitespaces)), \(bind: creditCode), \(bind: text(e.regionCode)), \(bind: text(e.industry)), \(bind: employerUnionID),
                \(bind: typesText(intake.types)), \(bind: intake.facts.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: intake.learnedOn?.iso),
                \(bind: intake.employmentEndedOn?.iso), \(bind: intake.confidential), \(bind: intake.workersInvolved), \(bind: collective), \(bind: claimed.fen),
                'received', \(bind: intake.receivedOn.iso), 0, \(bind: false), 0, \(bind: workflow.dueOn(policy: policy)?.iso), \(bind: limitation?.iso),
                \(bind: actor.displayName), 1, \(bind: now), \(bind: now))
            RETURNING id
            """).first() else { throw StoreError.conflict(code: "insert_failed", message: "案件未能保存") }
        return try row.decode(column: "id", as: Int64.self)
    }

    static func insertWorkers(_ workers: [DisputeWorkerDraft], caseID: Int64, provinceID: Int64, from start: Int, cipher: FieldCipher, on db: any SQLDatabase) async throws {
        for (i, w) in workers.enumerated() {
            let hash = w.idNumber.map { cipher.blindIndex($0.value, domain: "id") }
            var memberID: Int64?
            if let hash {
                memberID = try await db.raw("SELECT id FROM members WHERE id_hash = \(bind: hash)").first()?.decode(column: "id", as: Int64.self)
            }
            try await db.raw("""
                INSERT INTO dispute_workers (province_id, case_id, seq, name, id_enc, id_hash, id_masked, phone_enc, phone_masked, is_representative, member_id)
                VALUES (\(bind: provinceID), \(bind: caseID), \(bind: start + i), \(bind: w.name.trimmingCharacters(in: .whitespaces)),
                    \(bind: w.idNumber.map { cipher.seal($0.value) }), \(bind: hash), \(bind: w.idNumber?.masked),
                    \(bind: w.phone.map { cipher.seal($0.value) }), \(bind: w.phone?.masked), \(bind: w.isRepresentative), \(bind: memberID))
                """).run()
        }
    }

    /// The update lands only on the version read, so two officers cannot both move one case.
    static func guardedUpdate(id: Int64, version: Int, set: SQLQueryString, caseNo: String, on db: any SQLDatabase) async throws {
        let q: SQLQueryString = "UPDATE dispute_cases SET " + set + " WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id"
        guard try await db.raw(q).first() != nil else { throw StoreError.staleVersion(entity: "案件", key: caseNo) }
    }
}
