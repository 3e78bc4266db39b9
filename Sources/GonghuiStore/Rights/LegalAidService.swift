import Foundation
import GonghuiDomain
import SQLKit

/// Legal aid (工会法律援助): applications (from a case, at a counter), the province's rules
/// assessed at the decision with the rule that decided, the lawyer assigned from the roster of
/// the handling union or a union above it, the outcome with the amount obtained and the fee the
/// union paid. Scoped like cases: an application is seen in the subtree that holds its union.
public struct LegalAidService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    static let select: SQLQueryString = """
        SELECT a.*, o.code AS org_code, o.name AS org_name, o.path AS org_path, c.case_no AS case_no,
            l.org_id AS l_org_id, lo.code AS l_org_code, l.name AS l_name, l.firm AS l_firm, l.licence_no AS l_licence_no,
            l.phone_masked AS l_phone_masked, l.phone_enc AS l_phone_enc, l.specialties AS l_specialties, l.active AS l_active
        FROM legal_aid_applications a JOIN orgs o ON o.id = a.org_id LEFT JOIN dispute_cases c ON c.id = a.case_id
        LEFT JOIN legal_aid_lawyers l ON l.id = a.lawyer_id LEFT JOIN orgs lo ON lo.id = l.org_id
        """

    // MARK: Applications

    /// Records an application and assesses it against the rules in force on its day.
    public func apply(_ draft: LegalAidDraft, actor: Actor, today: CivilDate = .today()) async throws -> LegalAidCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记法律援助申请") }
        let problems = draft.problems(today: today)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let (cipher, audit) = (self.cipher, self.audit)
        return try await database.write { db in
            var orgCode = draft.orgCode
            if let caseID = draft.caseID {
                let (row, _) = try await DisputeService.locate(id: caseID, scope: actor.scope, on: db)
                if orgCode == nil { orgCode = try row.decode(column: "org_code", as: String.self) }
            }
            let org = try await DisputeService.handlingOrg(orgCode ?? actor.orgCode, actor: actor, on: db)
            let hash = cipher.blindIndex(draft.idNumber.value, domain: "id")
            let (facts, memberID) = try await Self.facts(idHash: hash, caseID: draft.caseID, on: db)
            let policy = try await DisputeService.policy(on: db)
            let assessment = LegalAidAssessment.assess(facts, matter: draft.matter, on: draft.appliedOn, policy: policy)
            guard let row = try await db.raw("""
                INSERT INTO legal_aid_applications (province_id, application_no, org_id, member_id, case_id, name, id_enc, id_hash, id_masked, phone_enc, phone_masked,
                    matter, request, applied_on, state, assessment, obtained_fen, fee_fen, created_by, created_at, version)
                VALUES (\(bind: org.provinceID), \(bind: "new-" + UUID().uuidString), \(bind: org.id), \(bind: memberID), \(bind: draft.caseID),
                    \(bind: draft.name.trimmingCharacters(in: .whitespaces)), \(bind: cipher.seal(draft.idNumber.value)), \(bind: hash), \(bind: draft.idNumber.masked),
                    \(bind: draft.phone.map { cipher.seal($0.value) }), \(bind: draft.phone?.masked), \(bind: draft.matter.rawValue),
                    \(bind: draft.request.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: draft.appliedOn.iso), 'applied', \(bind: try Self.text(assessment)),
                    0, 0, \(bind: actor.displayName), \(bind: Clock.nowMillis()), 1)
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "申请未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            let number = String(format: "FY%04d-%06lld", draft.appliedOn.year, id)
            try await db.raw("UPDATE legal_aid_applications SET application_no = \(bind: number) WHERE id = \(bind: id)").run()
            try await audit.append(.init(action: "legal_aid.apply", entity: "legal_aid", entityID: String(id), orgID: org.id,
                                         orgPath: try await OrgService.path(of: org.id, on: db),
                                         summary: "登记法律援助申请 \(number)：\(draft.matter.title)" + (assessment.eligible ? "，符合援助条件" : "，不符合：\(assessment.decidingRule?.detail ?? "")")),
                                   actor: actor, on: db)
            return try await Self.locate(id, scope: .everything, on: db)
        }
    }

    /// Approves (only what the rules allow) or refuses (with a reason the worker is told) an
    /// application, assessing it again against the rules in force on the day of the decision.
    public func decide(id: Int64, approve: Bool, note: String, expectedVersion: Int? = nil, actor: Actor, today: CivilDate = .today()) async throws -> LegalAidCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权审查法律援助申请") }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve && text.isEmpty { throw StoreError.invalid([FieldProblem(field: "note", value: "", reason: "不予援助须写明理由，申请人会看到")]) }
        if text.count > 1000 { throw StoreError.invalid([FieldProblem(field: "note", value: "", reason: "最多 1000 字")]) }
        let audit = self.audit
        return try await database.write { db in
            let old = try await Self.locate(id, scope: actor.scope, on: db)
            try Self.expect(old, version: expectedVersion, states: [.applied], doing: approve ? "批准" : "不予援助")
            guard let hashRow = try await db.raw("SELECT id_hash FROM legal_aid_applications WHERE id = \(bind: id)").first() else { throw StoreError.notFound(entity: "法律援助申请", key: String(id)) }
            let (facts, _) = try await Self.facts(idHash: try hashRow.decode(column: "id_hash", as: String.self), caseID: old.caseID, on: db)
            let assessment = LegalAidAssessment.assess(facts, matter: old.matter, on: today, policy: try await DisputeService.policy(on: db))
            if approve, let rule = assessment.decidingRule {
                throw StoreError.conflict(code: "ineligible", message: "不符合援助条件（\(rule.rule)）：\(rule.detail)")
            }
            try await Self.update(id, version: old.version, set: """
                state = \(bind: approve ? LegalAidState.approved.rawValue : LegalAidState.refused.rawValue), assessment = \(bind: try Self.text(assessment)),
                decided_by = \(bind: actor.displayName), decided_on = \(bind: today.iso), decision_note = \(bind: text.isEmpty ? nil : text)
                """, on: db)
            try await audit.append(.init(action: approve ? "legal_aid.approve" : "legal_aid.refuse", entity: "legal_aid", entityID: String(id), orgID: old.orgID,
                                         orgPath: try await OrgService.path(of: old.orgID, on: db),
                                         summary: "\(old.applicationNo)：\(approve ? "批准援助" : "不予援助")" + (text.isEmpty ? "" : "（\(text)）")), actor: actor, on: db)
            return try await Self.locate(id, scope: .everything, on: db)
        }
    }

    /// Assigns (or changes) the lawyer of an approved application, from the roster of its union or
    /// a union above it.
    public func assign(id: Int64, lawyerID: Int64, expectedVersion: Int? = nil, actor: Actor, today: CivilDate = .today()) async throws -> LegalAidCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权指派律师") }
        let audit = self.audit
        return try await database.write { db in
            let old = try await Self.locate(id, scope: actor.scope, on: db)
            try Self.expect(old, version: expectedVersion, states: [.approved, .assigned], doing: "指派律师")
            let path = try await OrgService.path(of: old.orgID, on: db)
            guard let lawyer = try await db.raw("""
                SELECT l.name, l.firm FROM legal_aid_lawyers l JOIN orgs o ON o.id = l.org_id
                WHERE l.id = \(bind: lawyerID) AND l.active = \(bind: true) AND \(bind: path) LIKE o.path || '%'
                """).first() else {
                throw StoreError.invalid([FieldProblem(field: "lawyer_id", value: String(lawyerID), reason: "请从本工会或上级工会的在册律师中选择")])
            }
            try await Self.update(id, version: old.version, set: "state = 'assigned', lawyer_id = \(bind: lawyerID), assigned_on = \(bind: today.iso)", on: db)
            let name = try lawyer.decode(column: "name", as: String.self), firm = try lawyer.decode(column: "firm", as: String.self)
            try await audit.append(.init(action: "legal_aid.assign", entity: "legal_aid", entityID: String(id), orgID: old.orgID, orgPath: path,
                                         summary: "\(old.applicationNo)：指派 \(firm) \(name) 律师"), actor: actor, on: db)
            return try await Self.locate(id, scope: .everything, on: db)
        }
    }

    /// Records how the matter ended, the amount obtained for the worker and the fee the union paid
    /// the lawyer (both in fen).
    public func conclude(id: Int64, outcome: LegalAidOutcome, obtained: Money, fee: Money, note: String, concludedOn: CivilDate,
                         expectedVersion: Int? = nil, actor: Actor, today: CivilDate = .today()) async throws -> LegalAidCase {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记援助结果") }
        var problems: [FieldProblem] = []
        if obtained.isNegative { problems.append(FieldProblem(field: "obtained", value: obtained.yuanString, reason: "金额不能为负")) }
        if fee.isNegative { problems.append(FieldProblem(field: "fee", value: fee.yuanString, reason: "金额不能为负")) }
        if concludedOn > today { problems.append(FieldProblem(field: "concluded_on", value: concludedOn.iso, reason: "结案日期不能晚于今天")) }
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 1000 { problems.append(FieldProblem(field: "note", value: "", reason: "最多 1000 字")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let old = try await Self.locate(id, scope: actor.scope, on: db)
            try Self.expect(old, version: expectedVersion, states: [.assigned], doing: "登记援助结果")
            if let assigned = old.assignedOn, concludedOn < assigned {
                throw StoreError.invalid([FieldProblem(field: "concluded_on", value: concludedOn.iso, reason: "结案日期不能早于指派日期 \(assigned.iso)")])
            }
            try await Self.update(id, version: old.version, set: """
                state = 'concluded', outcome = \(bind: outcome.rawValue), obtained_fen = \(bind: obtained.fen), fee_fen = \(bind: fee.fen),
                concluded_on = \(bind: concludedOn.iso), outcome_note = \(bind: text.isEmpty ? nil : text)
                """, on: db)
            try await audit.append(.init(action: "legal_aid.conclude", entity: "legal_aid", entityID: String(id), orgID: old.orgID,
                                         orgPath: try await OrgService.path(of: old.orgID, on: db),
                                         summary: "\(old.applicationNo)：\(outcome.title)，为职工挽回 \(obtained.groupedYuan) 元，支付律师费 \(fee.groupedYuan) 元"),
                                   actor: actor, on: db)
            return try await Self.locate(id, scope: .everything, on: db)
        }
    }

    // MARK: Reading

    public func list(state: LegalAidState? = nil, actor: Actor, limit: Int = 100, offset: Int = 0) async throws -> (items: [LegalAidCase], total: Int) {
        try await database.read { db in
            var filter: SQLQueryString = " WHERE " + actor.scope.sql("o.path")
            if let state { filter = filter + " AND a.state = \(bind: state.rawValue)" }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM legal_aid_applications a JOIN orgs o ON o.id = a.org_id" + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw(Self.select + filter + " ORDER BY a.applied_on DESC, a.id DESC LIMIT \(bind: min(max(limit, 1), 500)) OFFSET \(bind: max(offset, 0))").all()
            return (try rows.map(Self.application), total)
        }
    }

    public func find(id: Int64, actor: Actor) async throws -> LegalAidCase {
        try await database.read { db in try await Self.locate(id, scope: actor.scope, on: db) }
    }

    /// The applications of one case the actor sees.
    public func applications(caseID: Int64, actor: Actor) async throws -> [LegalAidCase] {
        try await database.read { db in
            try await db.raw(Self.select + " WHERE a.case_id = \(bind: caseID) AND " + actor.scope.sql("o.path") + " ORDER BY a.id").all().map(Self.application)
        }
    }

    // MARK: Rows

    /// What the rules read: the applicant's membership and filed archive (by the ID's blind index)
    /// and the case's kind.
    static func facts(idHash: String, caseID: Int64?, on db: any SQLDatabase) async throws -> (LegalAidAssessment.Facts, Int64?) {
        let member = try await db.raw("SELECT id, status FROM members WHERE id_hash = \(bind: idHash)").first()
        let memberID = try member?.decode(column: "id", as: Int64.self)
        let active = try member?.decode(column: "status", as: String.self) == MemberStatus.active.rawValue
        let archive = try await db.raw("SELECT 1 AS one FROM hardship_archives WHERE id_hash = \(bind: idHash) AND stage = 'filed' LIMIT 1").first() != nil
        var collective = false, injury = false, arrears = false
        if let caseID, let c = try await db.raw("SELECT collective, types FROM dispute_cases WHERE id = \(bind: caseID)").first() {
            collective = try c.decode(column: "collective", as: Bool.self)
            let types = try c.decode(column: "types", as: String.self)
            injury = types.contains(",\(DisputeType.workInjury.rawValue),")
            arrears = types.contains(",\(DisputeType.wageArrears.rawValue),")
        }
        return (LegalAidAssessment.Facts(memberInGoodStanding: active, isMember: member != nil, filedHardshipArchive: archive,
                                         collectiveCase: collective, workInjury: injury, wageArrears: arrears), memberID)
    }

    static func text(_ a: LegalAidAssessment) throws -> String {
        String(decoding: try JSONEncoder().encode(a), as: UTF8.self)
    }

    static func expect(_ old: LegalAidCase, version: Int?, states: [LegalAidState], doing: String) throws {
        if let version, version != old.version { throw StoreError.staleVersion(entity: "法律援助申请", key: old.applicationNo) }
        guard states.contains(old.state) else { throw StoreError.conflict(code: "workflow", message: "申请当前为“\(old.state.title)”，不能\(doing)") }
    }

    static func update(_ id: Int64, version: Int, set: SQLQueryString, on db: any SQLDatabase) async throws {
        let q: SQLQueryString = "UPDATE legal_aid_applications SET " + set + ", version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id"
        guard try await db.raw(q).first() != nil else { throw StoreError.staleVersion(entity: "法律援助申请", key: String(id)) }
    }

    static func locate(_ id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> LegalAidCase {
        guard let row = try await db.raw(select + " WHERE a.id = \(bind: id) AND " + scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "法律援助申请", key: String(id))
        }
        return try application(row)
    }

    static func application(_ row: any SQLRow) throws -> LegalAidCase {
        let lawyerID = try row.decode(column: "lawyer_id", as: Int64?.self)
        let lawyer = try lawyerID.map { id in
            LegalAidLawyer(id: id, orgID: try row.decode(column: "l_org_id", as: Int64.self), orgCode: try row.decode(column: "l_org_code", as: String.self),
                           name: try row.decode(column: "l_name", as: String.self), firm: try row.decode(column: "l_firm", as: String.self),
                           licenceNo: try row.decode(column: "l_licence_no", as: String.self), phoneMasked: try row.decode(column: "l_phone_masked", as: String?.self),
                           specialties: try row.decode(column: "l_specialties", as: String.self), active: try row.decode(column: "l_active", as: Bool.self))
        }
        let assessment = try JSONDecoder().decode(LegalAidAssessment.self, from: Data(try row.decode(column: "assessment", as: String.self).utf8))
        return LegalAidCase(
            id: try row.decode(column: "id", as: Int64.self), applicationNo: try row.decode(column: "application_no", as: String.self),
            orgID: try row.decode(column: "org_id", as: Int64.self), orgCode: try row.decode(column: "org_code", as: String.self),
            orgName: try row.decode(column: "org_name", as: String.self), name: try row.decode(column: "name", as: String.self),
            idMasked: try row.decode(column: "id_masked", as: String.self), phoneMasked: try row.decode(column: "phone_masked", as: String?.self),
            memberID: try row.decode(column: "member_id", as: Int64?.self), caseID: try row.decode(column: "case_id", as: Int64?.self),
            caseNo: try row.decode(column: "case_no", as: String?.self),
            matter: LegalAidMatter(rawValue: try row.decode(column: "matter", as: String.self)) ?? .arbitration,
            request: try row.decode(column: "request", as: String.self), appliedOn: try Rows.date(row, "applied_on") ?? CivilDate(daysSinceEpoch: 0),
            state: LegalAidState(rawValue: try row.decode(column: "state", as: String.self)) ?? .applied, assessment: assessment,
            decidedBy: try row.decode(column: "decided_by", as: String?.self), decidedOn: try Rows.date(row, "decided_on"),
            decisionNote: try row.decode(column: "decision_note", as: String?.self), lawyer: lawyer, assignedOn: try Rows.date(row, "assigned_on"),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(LegalAidOutcome.init(rawValue:)),
            obtained: Money(fen: try row.decode(column: "obtained_fen", as: Int64.self)), fee: Money(fen: try row.decode(column: "fee_fen", as: Int64.self)),
            concludedOn: try Rows.date(row, "concluded_on"), outcomeNote: try row.decode(column: "outcome_note", as: String?.self),
            version: try row.decode(column: "version", as: Int.self))
    }
}

extension LegalAidService {
    /// What a printed paper shows of the applicant: the ID number and phone in full for an officer
    /// who handles applications (audited, as the mediation dossier is), masked for anyone else.
    public func paper(id: Int64, document: String, actor: Actor) async throws -> (application: LegalAidCase, idNumber: String, phone: String?) {
        let (cipher, audit) = (self.cipher, self.audit)
        return try await database.write { db in
            let a = try await Self.locate(id, scope: actor.scope, on: db)
            guard actor.role.mayEditRegistry else { return (a, a.idMasked, a.phoneMasked) }
            guard let row = try await db.raw("SELECT id_enc, phone_enc FROM legal_aid_applications WHERE id = \(bind: id)").first() else {
                throw StoreError.notFound(entity: "法律援助申请", key: String(id))
            }
            let full = try cipher.open(try row.decode(column: "id_enc", as: String.self))
            let phone = try row.decode(column: "phone_enc", as: String?.self).map { try cipher.open($0) }
            try await audit.append(.init(action: "legal_aid.document", entity: "legal_aid", entityID: String(id), orgID: a.orgID,
                                         orgPath: try await OrgService.path(of: a.orgID, on: db),
                                         summary: "\(a.applicationNo)：打印\(document)（含完整身份证号）"), actor: actor, on: db)
            return (a, full, phone)
        }
    }
}

extension LegalAidService {
    /// A worker's own applications for the portal: the state, the decision's reason when refused,
    /// the lawyer with the phone to reach them, the outcome.
    public func portalApplications(memberID: Int64) async throws -> [(application: LegalAidCase, lawyerPhone: String?)] {
        let cipher = self.cipher
        return try await database.read { db in
            let rows = try await db.raw(Self.select + " WHERE a.member_id = \(bind: memberID) ORDER BY a.applied_on DESC, a.id DESC").all()
            return try rows.map { row in
                (try Self.application(row), try row.decode(column: "l_phone_enc", as: String?.self).map { try cipher.open($0) })
            }
        }
    }
}

extension LegalAidService {
    /// A worker's own application from the portal: the applicant is the member (their sealed ID
    /// number and phone from the registry), for one of their cases or none. It goes to the case's
    /// handling union, else to the county union above the member's union (工会法律援助 is a county
    /// union's work), else the nearest union above; its officers find it in their inbox.
    public func applyFromPortal(memberID: Int64, matter: LegalAidMatter, request: String, caseID: Int64?, today: CivilDate = .today()) async throws -> LegalAidCase {
        let cipher = self.cipher
        let (name, idNumber, phone, handler) = try await database.read { db -> (String, IDNumber, PhoneNumber?, String) in
            guard let m = try await db.raw("SELECT m.name, m.id_enc, m.phone_enc, o.path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = \(bind: memberID)").first() else {
                throw StoreError.notFound(entity: "会员", key: String(memberID))
            }
            guard let id = try m.decode(column: "id_enc", as: String?.self).flatMap({ try? cipher.open($0) }).flatMap({ try? IDNumber($0, today: today) }) else {
                throw StoreError.invalid([FieldProblem(field: "id_number", value: "", reason: "会员档案中没有有效的身份证号，请到工会窗口申请")])
            }
            let phone = try m.decode(column: "phone_enc", as: String?.self).flatMap { try? cipher.open($0) }.flatMap { try? PhoneNumber($0) }
            if let caseID {
                guard let c = try await db.raw("""
                    SELECT o.code FROM dispute_workers w JOIN dispute_cases c ON c.id = w.case_id JOIN orgs o ON o.id = c.org_id
                    WHERE w.case_id = \(bind: caseID) AND w.member_id = \(bind: memberID)
                    """).first() else {
                    throw StoreError.invalid([FieldProblem(field: "case_id", value: String(caseID), reason: "请选择您本人的案件")])
                }
                return (try m.decode(column: "name", as: String.self), id, phone, try c.decode(column: "code", as: String.self))
            }
            let ids = try m.decode(column: "path", as: String.self).split(separator: "/").compactMap { Int64($0) }
            let orgs = try await db.raw("SELECT id, code, kind FROM orgs WHERE status = 'active' AND id IN (" + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")").all()
            var chain: [(code: String, kind: OrgKind)] = []
            for id in ids.reversed() {
                guard let o = try orgs.first(where: { try $0.decode(column: "id", as: Int64.self) == id }) else { continue }
                chain.append((try o.decode(column: "code", as: String.self), OrgKind(rawValue: try o.decode(column: "kind", as: String.self)) ?? .grassroots))
            }
            let above: Set<OrgKind> = [.county, .city, .province]
            guard let handler = chain.first(where: { $0.kind == .county }) ?? chain.first(where: { above.contains($0.kind) }) ?? chain.first else {
                throw StoreError.invalid([FieldProblem(field: "org", value: "", reason: "没有可以受理的工会")])
            }
            return (try m.decode(column: "name", as: String.self), id, phone, handler.code)
        }
        let actor = Actor(userID: nil, username: "worker:\(memberID)", displayName: "\(name)（网上申请）", role: .systemAdmin,
                          orgID: nil, orgCode: nil, orgName: nil, scope: .everything)
        let draft = LegalAidDraft(name: name, idNumber: idNumber, phone: phone, matter: matter, request: request, caseID: caseID, orgCode: handler, appliedOn: today)
        let a = try await apply(draft, actor: actor, today: today)
        try await database.write { db in
            try await NotificationService.notifyOfficers(orgID: a.orgID, kind: .todo, title: "新的法律援助申请 \(a.applicationNo)",
                                                         body: "\(name) 在网上申请工会法律援助（\(matter.title)），请审查。", link: "/legal-aid/\(a.id)",
                                                         dedupeKey: "legal-aid:\(a.id)", on: db)
        }
        return a
    }
}
