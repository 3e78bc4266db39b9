import Foundation
import GonghuiDomain
import SQLKit

/// Labor-law supervision (工会劳动法律监督, 一函两书): a supervision opened against an employer
/// with its first letter; the next letters in turn, each numbered and with its day to answer
/// counted on the holiday calendar by the rule in force on issue; the employer's written answers;
/// the proposal to the labor department and its decision. Scoped like cases: a supervision is
/// seen and handled in the subtree that holds its union.
public struct SupervisionService: Sendable {
    let database: Database
    let audit: AuditWriter

    static let select: SQLQueryString = """
        SELECT m.*, o.code AS org_code, o.name AS org_name, c.case_no AS case_no
        FROM supervision_matters m JOIN orgs o ON o.id = m.org_id LEFT JOIN dispute_cases c ON c.id = m.case_id
        """

    // MARK: Opening and letters

    /// Opens a supervision of an employer, issuing its first letter (a reminder, or an opinion
    /// straight away when the violation is plain).
    public func open(_ draft: SupervisionDraft, orgCode: String? = nil, actor: Actor, today: CivilDate = .today()) async throws -> SupervisionMatter {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权发出劳动法律监督文书") }
        let problems = draft.problems(today: today)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            if let caseID = draft.caseID { _ = try await DisputeService.locate(id: caseID, scope: actor.scope, on: db) }
            let org = try await DisputeService.handlingOrg(orgCode ?? actor.orgCode, actor: actor, on: db)
            let name = draft.employerName.trimmingCharacters(in: .whitespaces)
            let department = draft.laborDepartment.trimmingCharacters(in: .whitespaces)
            guard let row = try await db.raw("""
                INSERT INTO supervision_matters (province_id, matter_no, org_id, employer_name, employer_credit_code, case_id, violation, legal_basis, correction,
                    labor_department, opened_on, state, created_by, created_at, version)
                VALUES (\(bind: org.provinceID), \(bind: "new-" + UUID().uuidString), \(bind: org.id), \(bind: name), \(bind: draft.employerCreditCode?.value),
                    \(bind: draft.caseID), \(bind: Self.clean(draft.violation)), \(bind: Self.clean(draft.legalBasis)), \(bind: Self.clean(draft.correction)),
                    \(bind: department.isEmpty ? nil : department), \(bind: draft.issuedOn.iso), 'open', \(bind: actor.displayName), \(bind: Clock.nowMillis()), 1)
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "监督事项未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            let number = String(format: "JD%04d-%06lld", draft.issuedOn.year, id)
            try await db.raw("UPDATE supervision_matters SET matter_no = \(bind: number) WHERE id = \(bind: id)").run()
            let path = try await OrgService.path(of: org.id, on: db)
            try await audit.append(.init(action: "supervision.open", entity: "supervision", entityID: String(id), orgID: org.id, orgPath: path,
                                         summary: "对\(name)开展劳动法律监督 \(number)"), actor: actor, on: db)
            var matter = try await Self.locate(id, scope: .everything, on: db)
            try await Self.issue(draft.firstLetter, in: &matter, on: draft.issuedOn, recipient: nil, actor: actor, audit: audit, on: db)
            return try await Self.locate(id, scope: .everything, on: db)
        }
    }

    /// Issues the next letter of a supervision: an opinion after a reminder, a proposal to the
    /// labor department after an opinion. What it says is the supervision's record (violation,
    /// basis, correction), revised when the officer gives new text.
    public func issue(_ kind: SupervisionLetterKind, matterID: Int64, issuedOn: CivilDate, recipient: String? = nil, violation: String? = nil,
                      legalBasis: String? = nil, correction: String? = nil, expectedVersion: Int? = nil, actor: Actor,
                      today: CivilDate = .today()) async throws -> SupervisionMatter {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权发出劳动法律监督文书") }
        var problems: [FieldProblem] = []
        if issuedOn > today { problems.append(FieldProblem(field: "issued_on", value: issuedOn.iso, reason: "发文日期不能晚于今天")) }
        for (field, text) in [("violation", violation), ("legal_basis", legalBasis), ("correction", correction)] {
            if let text, text.count > 2000 { problems.append(FieldProblem(field: field, value: "", reason: "最多 2000 字")) }
        }
        if let recipient, recipient.count > 100 { problems.append(FieldProblem(field: "recipient", value: recipient, reason: "最多 100 字")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            var matter = try await Self.locate(matterID, scope: actor.scope, on: db)
            if let expectedVersion, expectedVersion != matter.version { throw StoreError.staleVersion(entity: "监督事项", key: matter.matterNo) }
            guard matter.issuable.contains(kind) else {
                throw StoreError.conflict(code: "workflow", message: matter.state != .open ? "监督事项当前为“\(matter.state.title)”，不能再发出文书"
                                          : "现在不能发出\(kind.shortTitle)：\(kind == .proposal ? "须先发出监督意见书" : "已发出过同类或后续文书")")
            }
            if let last = matter.latest, issuedOn < last.issuedOn {
                throw StoreError.invalid([FieldProblem(field: "issued_on", value: issuedOn.iso, reason: "发文日期不能早于上一份文书的日期 \(last.issuedOn.iso)")])
            }
            var revised: [SQLQueryString] = []
            for (column, text) in [("violation", violation), ("legal_basis", legalBasis), ("correction", correction)] {
                guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
                revised.append("\(ident: column) = \(bind: Self.clean(text))")
            }
            if !revised.isEmpty {
                try await Self.update(matterID, version: matter.version, set: revised.joined(separator: ", "), on: db)
                matter = try await Self.locate(matterID, scope: .everything, on: db)
            }
            try await Self.issue(kind, in: &matter, on: issuedOn, recipient: recipient, actor: actor, audit: audit, on: db)
            return try await Self.locate(matterID, scope: .everything, on: db)
        }
    }

    /// Numbers and records a letter of `kind`; a proposal refers the supervision to the labor
    /// department (recorded as the recipient, or the one named on the supervision).
    static func issue(_ kind: SupervisionLetterKind, in matter: inout SupervisionMatter, on issuedOn: CivilDate, recipient: String?, actor: Actor,
                      audit: AuditWriter, on db: any SQLDatabase) async throws {
        var to = recipient?.trimmingCharacters(in: .whitespaces) ?? ""
        if to.isEmpty { to = kind == .proposal ? (matter.laborDepartment ?? "") : matter.employerName }
        if to.isEmpty {
            throw StoreError.invalid([FieldProblem(field: "recipient", value: "", reason: "请填写受文的劳动行政部门（如 某区人力资源和社会保障局）")])
        }
        let year = issuedOn.year
        let seq = (try await db.raw("""
            SELECT MAX(seq) AS n FROM supervision_letters WHERE org_id = \(bind: matter.orgID) AND kind = \(bind: kind.rawValue) AND year = \(bind: year)
            """).first()?.decode(column: "n", as: Int?.self) ?? 0) + 1
        let number = kind.number(year: year, sequence: seq)
        let due = SupervisionPolicy.answerDue(kind, issuedOn: issuedOn, policy: try await DisputeService.policy(on: db))
        try await db.raw("""
            INSERT INTO supervision_letters (matter_id, org_id, kind, year, seq, letter_no, issued_on, due_on, recipient, violation, legal_basis, correction, issued_by, created_at)
            VALUES (\(bind: matter.id), \(bind: matter.orgID), \(bind: kind.rawValue), \(bind: year), \(bind: seq), \(bind: number), \(bind: issuedOn.iso),
                \(bind: due?.iso), \(bind: to), \(bind: matter.violation), \(bind: matter.legalBasis), \(bind: matter.correction), \(bind: actor.displayName),
                \(bind: Clock.nowMillis()))
            """).run()
        if kind == .proposal {
            try await update(matter.id, version: matter.version, set: "state = 'referred', referred_on = \(bind: issuedOn.iso), labor_department = \(bind: to)", on: db)
        } else {
            try await update(matter.id, version: matter.version, set: "state = 'open'", on: db)
        }
        matter.version += 1
        try await audit.append(.init(action: "supervision.letter", entity: "supervision", entityID: String(matter.id), orgID: matter.orgID,
                                     orgPath: try await OrgService.path(of: matter.orgID, on: db),
                                     summary: "\(matter.matterNo)：向\(to)发出\(kind.shortTitle)（\(number)）" + (due.map { "，限 \($0.iso) 前答复" } ?? "")),
                               actor: actor, on: db)
    }

    /// Records the employer's written answer to the last letter; corrected, the supervision ends.
    public func answer(matterID: Int64, answeredOn: CivilDate, result: SupervisionAnswerResult, text: String, expectedVersion: Int? = nil,
                       actor: Actor, today: CivilDate = .today()) async throws -> SupervisionMatter {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记用人单位答复") }
        let note = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if note.isEmpty || note.count > 2000 { problems.append(FieldProblem(field: "answer", value: "", reason: "请摘录用人单位书面答复的内容（最多 2000 字）")) }
        if answeredOn > today { problems.append(FieldProblem(field: "answered_on", value: answeredOn.iso, reason: "答复日期不能晚于今天")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let matter = try await Self.locate(matterID, scope: actor.scope, on: db)
            if let expectedVersion, expectedVersion != matter.version { throw StoreError.staleVersion(entity: "监督事项", key: matter.matterNo) }
            guard matter.state == .open, let letter = matter.latest, letter.kind != .proposal, letter.answeredOn == nil else {
                throw StoreError.conflict(code: "workflow", message: "没有待用人单位答复的文书")
            }
            if answeredOn < letter.issuedOn {
                throw StoreError.invalid([FieldProblem(field: "answered_on", value: answeredOn.iso, reason: "答复日期不能早于发文日期 \(letter.issuedOn.iso)")])
            }
            try await db.raw("""
                UPDATE supervision_letters SET answered_on = \(bind: answeredOn.iso), answer_result = \(bind: result.rawValue), answer = \(bind: note)
                WHERE id = \(bind: letter.id)
                """).run()
            let corrected = result == .corrected
            try await Self.update(matterID, version: matter.version,
                                  set: corrected ? "state = 'corrected', closed_on = \(bind: answeredOn.iso)" : "state = 'open'", on: db)
            let late = letter.dueOn.map { answeredOn > $0 } ?? false
            try await audit.append(.init(action: "supervision.answer", entity: "supervision", entityID: String(matterID), orgID: matter.orgID,
                                         orgPath: try await OrgService.path(of: matter.orgID, on: db),
                                         summary: "\(matter.matterNo)：用人单位于 \(answeredOn.iso) 书面答复\(letter.kind.shortTitle)（\(result.title)）\(late ? "，已逾期" : "")"),
                                   actor: actor, on: db)
            return try await Self.locate(matterID, scope: .everything, on: db)
        }
    }

    /// Records what the labor department did with the proposal; the supervision ends there.
    public func decide(matterID: Int64, decidedOn: CivilDate, decision: LaborDepartmentDecision, note: String, expectedVersion: Int? = nil,
                       actor: Actor, today: CivilDate = .today()) async throws -> SupervisionMatter {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记劳动行政部门处理结果") }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if text.count > 2000 { problems.append(FieldProblem(field: "decision_note", value: "", reason: "最多 2000 字")) }
        if decidedOn > today { problems.append(FieldProblem(field: "decided_on", value: decidedOn.iso, reason: "处理日期不能晚于今天")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let matter = try await Self.locate(matterID, scope: actor.scope, on: db)
            if let expectedVersion, expectedVersion != matter.version { throw StoreError.staleVersion(entity: "监督事项", key: matter.matterNo) }
            guard matter.state == .referred, let letter = matter.latest, letter.kind == .proposal else {
                throw StoreError.conflict(code: "workflow", message: "监督事项还没有提请劳动行政部门处理")
            }
            if decidedOn < letter.issuedOn {
                throw StoreError.invalid([FieldProblem(field: "decided_on", value: decidedOn.iso, reason: "处理日期不能早于建议书发文日期 \(letter.issuedOn.iso)")])
            }
            try await db.raw("UPDATE supervision_letters SET answered_on = \(bind: decidedOn.iso), answer = \(bind: text.isEmpty ? decision.title : text) WHERE id = \(bind: letter.id)").run()
            try await Self.update(matterID, version: matter.version, set: """
                state = 'decided', closed_on = \(bind: decidedOn.iso), decision = \(bind: decision.rawValue), decision_note = \(bind: text.isEmpty ? nil : text)
                """, on: db)
            try await audit.append(.init(action: "supervision.decide", entity: "supervision", entityID: String(matterID), orgID: matter.orgID,
                                         orgPath: try await OrgService.path(of: matter.orgID, on: db),
                                         summary: "\(matter.matterNo)：\(letter.recipient)\(decision.title)"), actor: actor, on: db)
            return try await Self.locate(matterID, scope: .everything, on: db)
        }
    }

    // MARK: Reading

    public func list(state: SupervisionState? = nil, actor: Actor, limit: Int = 100, offset: Int = 0) async throws -> (items: [SupervisionMatter], total: Int) {
        try await database.read { db in
            var filter: SQLQueryString = " WHERE " + actor.scope.sql("o.path")
            if let state { filter = filter + " AND m.state = \(bind: state.rawValue)" }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM supervision_matters m JOIN orgs o ON o.id = m.org_id" + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw(Self.select + filter + " ORDER BY m.opened_on DESC, m.id DESC LIMIT \(bind: min(max(limit, 1), 500)) OFFSET \(bind: max(offset, 0))").all()
            return (try await Self.matters(rows, on: db), total)
        }
    }

    /// The open supervisions of the actor's subtree whose next letter is due, overdue first, then
    /// the proposals waiting for the labor department.
    public func worklist(actor: Actor, today: CivilDate = .today()) async throws -> [(matter: SupervisionMatter, step: SupervisionNextStep)] {
        try await database.read { db in
            let rows = try await db.raw(Self.select + " WHERE m.state IN ('open', 'referred') AND " + actor.scope.sql("o.path") + " ORDER BY m.id").all()
            let open = try await Self.matters(rows, on: db)
            let due = open.compactMap { m in m.nextStep(today: today).flatMap { $0.isDue ? (m, $0) : nil } }
            let waiting = open.compactMap { m -> (SupervisionMatter, SupervisionNextStep)? in
                guard let step = m.nextStep(today: today), case .awaitingDecision = step else { return nil }
                return (m, step)
            }
            return due.sorted { ($0.0.latest?.dueOn ?? today) < ($1.0.latest?.dueOn ?? today) } + waiting
        }
    }

    public func find(id: Int64, actor: Actor) async throws -> SupervisionMatter {
        try await database.read { db in try await Self.locate(id, scope: actor.scope, on: db) }
    }

    /// Employers found by name (a part of it) or by credit code among the cases and supervisions of
    /// the actor's subtree, each with its cases and supervisions.
    public func employers(matching query: String, actor: Actor, limit: Int = 20) async throws -> [SupervisionEmployer] {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        let code = (try? CreditCode(q))?.value
        return try await database.read { db in
            let scope = actor.scope.sql("o.path")
            let match: SQLQueryString = code.map { "employer_credit_code = \(bind: $0)" } ?? "employer_name LIKE \(bind: "%" + Self.likeEscaped(q) + "%") ESCAPE '\\'"
            let cases = try await db.raw("""
                SELECT c.id, c.case_no, c.received_on, c.state, c.workers_involved, c.types, c.amount_claimed_fen, c.employer_name, c.employer_credit_code
                FROM dispute_cases c JOIN orgs o ON o.id = c.org_id WHERE
                """ + " c." + match + " AND " + scope + " ORDER BY c.received_on DESC, c.id DESC LIMIT 500").all()
            let matters = try await db.raw("""
                SELECT m.id, m.matter_no, m.state, m.employer_name, m.employer_credit_code FROM supervision_matters m JOIN orgs o ON o.id = m.org_id WHERE
                """ + " m." + match + " AND " + scope + " ORDER BY m.id DESC").all()
            var found: [String: SupervisionEmployer] = [:]
            var order: [String] = []
            func key(_ name: String, _ code: String?) -> String { code ?? "name:" + name }
            for row in cases {
                let name = try row.decode(column: "employer_name", as: String.self), credit = try row.decode(column: "employer_credit_code", as: String?.self)
                let k = key(name, credit)
                if found[k] == nil { found[k] = SupervisionEmployer(name: name, creditCode: credit, cases: [], matters: []); order.append(k) }
                found[k]!.cases.append(.init(
                    id: try row.decode(column: "id", as: Int64.self), caseNo: try row.decode(column: "case_no", as: String.self),
                    receivedOn: try Rows.date(row, "received_on") ?? CivilDate(daysSinceEpoch: 0),
                    stateTitle: DisputeCaseState(rawValue: try row.decode(column: "state", as: String.self))?.title ?? "",
                    workers: try row.decode(column: "workers_involved", as: Int.self), types: DisputeService.types(try row.decode(column: "types", as: String.self)),
                    amountClaimed: Money(fen: try row.decode(column: "amount_claimed_fen", as: Int64.self))))
            }
            for row in matters {
                let name = try row.decode(column: "employer_name", as: String.self), credit = try row.decode(column: "employer_credit_code", as: String?.self)
                let k = key(name, credit)
                if found[k] == nil { found[k] = SupervisionEmployer(name: name, creditCode: credit, cases: [], matters: []); order.append(k) }
                found[k]!.matters.append((try row.decode(column: "id", as: Int64.self), try row.decode(column: "matter_no", as: String.self),
                                          SupervisionState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open))
            }
            return order.prefix(limit).compactMap { found[$0] }
        }
    }

    /// Puts the worklist's proposals of `today` in the inbox of the handling union's officers: the
    /// next letter once the employer has not answered by its day or answered without correcting.
    /// Each lands once per letter. Returns how many supervisions are due.
    @discardableResult
    public func remindDue(today: CivilDate = .today()) async throws -> Int {
        try await database.write { db in
            let rows = try await db.raw(Self.select + " WHERE m.state = 'open' ORDER BY m.id").all()
            var due = 0
            for m in try await Self.matters(rows, on: db) {
                guard let step = m.nextStep(today: today), case .propose(let next, let reason) = step, let letter = m.latest else { continue }
                due += 1
                let why = switch reason {
                case .notAnswered(let day, _): "\(letter.kind.shortTitle)（\(letter.number)）的答复期限 \(day.iso) 已过，用人单位未书面答复"
                case .notCorrected(let result): "用人单位对\(letter.kind.shortTitle)（\(letter.number)）答复“\(result.title)”"
                }
                try await NotificationService.notifyOfficers(orgID: m.orgID, kind: .todo, title: "\(m.employerName)：建议发出\(next.shortTitle)",
                                                             body: "\(m.matterNo)：\(why)，建议发出\(next.shortTitle)。", link: "/supervision/\(m.id)",
                                                             dedupeKey: "supervision:\(letter.id)", on: db)
            }
            return due
        }
    }

    // MARK: Rows

    static func clean(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    static func likeEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    static func update(_ id: Int64, version: Int, set: SQLQueryString, on db: any SQLDatabase) async throws {
        let q: SQLQueryString = "UPDATE supervision_matters SET " + set + ", version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id"
        guard try await db.raw(q).first() != nil else { throw StoreError.staleVersion(entity: "监督事项", key: String(id)) }
    }

    static func locate(_ id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> SupervisionMatter {
        guard let row = try await db.raw(select + " WHERE m.id = \(bind: id) AND " + scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "监督事项", key: String(id))
        }
        return try await matters([row], on: db)[0]
    }

    /// The matters of `rows` with their letters, read in one query.
    static func matters(_ rows: [any SQLRow], on db: any SQLDatabase) async throws -> [SupervisionMatter] {
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        var letters: [Int64: [SupervisionLetter]] = [:]
        let letterRows = try await db.raw("SELECT * FROM supervision_letters WHERE matter_id IN (" + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ") ORDER BY id").all()
        for r in letterRows {
            letters[try r.decode(column: "matter_id", as: Int64.self), default: []].append(SupervisionLetter(
                id: try r.decode(column: "id", as: Int64.self), kind: SupervisionLetterKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .reminder,
                number: try r.decode(column: "letter_no", as: String.self), issuedOn: try Rows.date(r, "issued_on") ?? CivilDate(daysSinceEpoch: 0),
                dueOn: try Rows.date(r, "due_on"), recipient: try r.decode(column: "recipient", as: String.self),
                violation: try r.decode(column: "violation", as: String.self), legalBasis: try r.decode(column: "legal_basis", as: String.self),
                correction: try r.decode(column: "correction", as: String.self), issuedBy: try r.decode(column: "issued_by", as: String.self),
                answeredOn: try Rows.date(r, "answered_on"),
                answerResult: try r.decode(column: "answer_result", as: String?.self).flatMap(SupervisionAnswerResult.init(rawValue:)),
                answer: try r.decode(column: "answer", as: String?.self)))
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return SupervisionMatter(
                id: id, matterNo: try row.decode(column: "matter_no", as: String.self), orgID: try row.decode(column: "org_id", as: Int64.self),
                orgCode: try row.decode(column: "org_code", as: String.self), orgName: try row.decode(column: "org_name", as: String.self),
                employerName: try row.decode(column: "employer_name", as: String.self), employerCreditCode: try row.decode(column: "employer_credit_code", as: String?.self),
                caseID: try row.decode(column: "case_id", as: Int64?.self), caseNo: try row.decode(column: "case_no", as: String?.self),
                violation: try row.decode(column: "violation", as: String.self), legalBasis: try row.decode(column: "legal_basis", as: String.self),
                correction: try row.decode(column: "correction", as: String.self), laborDepartment: try row.decode(column: "labor_department", as: String?.self),
                openedOn: try Rows.date(row, "opened_on") ?? CivilDate(daysSinceEpoch: 0),
                state: SupervisionState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open, closedOn: try Rows.date(row, "closed_on"),
                decision: try row.decode(column: "decision", as: String?.self).flatMap(LaborDepartmentDecision.init(rawValue:)),
                decisionNote: try row.decode(column: "decision_note", as: String?.self), letters: letters[id] ?? [], version: try row.decode(column: "version", as: Int.self))
        }
    }
}
