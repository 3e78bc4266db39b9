import Foundation
import GonghuiDomain
import SQLKit

/// Claims (理赔): filed by the unit for its member or by the worker in the portal, checked
/// (covered on the day, within the caps, not the same stay twice, within the time limit),
/// reviewed by the administering union with the amount computed, approved by the plan's owner
/// above its threshold, paid through the payment batches and never twice. The claim belongs to
/// the unit the member was enrolled by: the cover follows a member who moves, the claim stays
/// with the unions that took the contribution.
extension MutualAidService {
    static let claimSelect: SQLQueryString = """
        SELECT c.*, o.code AS unit_code, o.name AS unit_name, o.path AS unit_path, r.name AS round_name, r.terms, r.plan_id,
            p.code AS plan_code, p.name AS plan_name
        FROM mutual_aid_claims c JOIN orgs o ON o.id = c.org_id JOIN mutual_aid_rounds r ON r.id = c.round_id JOIN mutual_aid_plans p ON p.id = r.plan_id
        """

    // MARK: Filing

    /// A claim the unit (or a union above it) files for a member enrolled by it.
    public func fileClaim(memberID: Int64, _ draft: MutualAidClaimDraft, actor: Actor, today: CivilDate = .today()) async throws -> MutualAidClaim {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记理赔申请") }
        return try await file(memberID: memberID, draft, channel: "unit", actor: actor, today: today)
    }

    /// A claim the worker files for themselves in the portal; the unit's officers are told.
    public func fileClaimFromPortal(memberID: Int64, _ draft: MutualAidClaimDraft, today: CivilDate = .today()) async throws -> MutualAidClaim {
        let name = try await database.read { db in
            try await db.raw("SELECT name FROM members WHERE id = \(bind: memberID)").first()?.decode(column: "name", as: String.self)
        }
        guard let name else { throw StoreError.notFound(entity: "会员", key: String(memberID)) }
        return try await file(memberID: memberID, draft, channel: "portal", actor: .worker(memberID: memberID, name: name), today: today)
    }

    func file(memberID: Int64, _ draft: MutualAidClaimDraft, channel: String, actor: Actor, today: CivilDate) async throws -> MutualAidClaim {
        var problems: [FieldProblem] = []
        let bankName = draft.bankName.trimmingCharacters(in: .whitespaces)
        if bankName.isEmpty || bankName.count > 60 { problems.append(FieldProblem(field: "bank_name", value: bankName, reason: "请填写开户银行（最多 60 字）")) }
        var account: BankAccountNumber?
        do { account = try BankAccountNumber(draft.bankAccount) } catch {
            problems.append(FieldProblem(field: "bank_account", value: draft.bankAccount, reason: error.message))
        }
        if draft.papers.isEmpty {
            problems.append(FieldProblem(field: "papers", value: "", reason: "请上传理赔材料（出院小结、费用发票、医保结算单或诊断证明等）"))
        }
        if draft.papers.count > PaperFile.maxPerWorker {
            problems.append(FieldProblem(field: "papers", value: String(draft.papers.count), reason: "每份申请最多 \(PaperFile.maxPerWorker) 份材料"))
        }
        var papers: [(MutualAidPaperKind, String, String, [UInt8], [UInt8])] = []
        for p in draft.papers {
            let (name, type, paperProblems) = PaperFile.check(filename: p.filename, data: p.data)
            problems += paperProblems
            if let type { papers.append((p.kind, name, type, p.data, try cipher.sealBytes(p.data))) }
        }
        let cipher = self.cipher, audit = self.audit
        let forPortal = channel == "portal"
        let preliminary = problems
        return try await database.write { db in
            let (plan, round) = try await Self.round(id: draft.roundID, actor: forPortal ? .system("portal") : actor, on: db)
            guard let enrollment = try await db.raw("""
                SELECT e.org_id, o.path, m.name, m.id_masked, m.province_id FROM mutual_aid_enrollments e JOIN orgs o ON o.id = e.org_id JOIN members m ON m.id = e.member_id
                WHERE e.round_id = \(bind: round.id) AND e.member_id = \(bind: memberID)
                """).first() else {
                throw StoreError.invalid(preliminary + [FieldProblem(field: "round", value: round.name, reason: "未参加\(plan.name)“\(round.name)”，不能申请本轮互助金")])
            }
            let unitPath = try enrollment.decode(column: "path", as: String.self)
            if !forPortal && !actor.scope.contains(path: unitPath) { throw StoreError.notFound(entity: "会员", key: String(memberID)) }
            var all = preliminary
            let check = try await Self.check(memberID: memberID, draft.benefitCode, draft.event, round: round, filedOn: today, excluding: nil, on: db)
            all += check.problems
            if !all.isEmpty { throw StoreError.invalid(all) }
            let unitID = try enrollment.decode(column: "org_id", as: Int64.self)
            let name = try enrollment.decode(column: "name", as: String.self)
            let now = Clock.nowMillis()
            let e = draft.event
            guard let row = try await db.raw("""
                INSERT INTO mutual_aid_claims (province_id, claim_no, round_id, member_id, org_id, name, id_masked, benefit_code, event_kind, event_on, discharged_on,
                    diagnosis, disability_grade, total_cost_fen, insurance_paid_fen, filed_on, channel, state, amount_fen, lines_json, bank_name, bank_account_enc,
                    bank_account_masked, recorded_by, recorded_by_name, created_at, updated_at)
                VALUES (\(bind: try enrollment.decode(column: "province_id", as: Int64.self)), \(bind: "new-" + UUID().uuidString), \(bind: round.id), \(bind: memberID),
                    \(bind: unitID), \(bind: name), \(bind: try enrollment.decode(column: "id_masked", as: String.self)), \(bind: draft.benefitCode), \(bind: e.kind.rawValue),
                    \(bind: e.on.iso), \(bind: e.dischargedOn?.iso), \(bind: e.diagnosis), \(bind: e.disabilityGrade), \(bind: e.totalCost.fen), \(bind: e.insurancePaid.fen),
                    \(bind: today.iso), \(bind: channel), 'filed', \(bind: check.assessment!.amount.fen), \(bind: try Self.json(check.assessment!.lines)), \(bind: bankName),
                    \(bind: cipher.seal(account!.value)), \(bind: account!.masked), \(bind: forPortal ? nil : actor.username), \(bind: forPortal ? nil : actor.displayName), \(bind: now), \(bind: now))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "理赔申请未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            let claimNo = String(format: "MA-%d-%06lld", today.year, id)
            try await db.raw("UPDATE mutual_aid_claims SET claim_no = \(bind: claimNo) WHERE id = \(bind: id)").run()
            let uploader = forPortal ? "\(name)（职工上传）" : actor.displayName
            for (kind, filename, type, data, sealed) in papers {
                try await db.raw("""
                    INSERT INTO mutual_aid_claim_papers (claim_id, kind, filename, content_type, size, sha256, data, uploaded_by, uploaded_at)
                    VALUES (\(bind: id), \(bind: kind.rawValue), \(bind: filename), \(bind: type), \(bind: data.count), \(bind: FileDigest.sha256Hex(Data(data))),
                        \(bind: Data(sealed)), \(bind: uploader), \(bind: now))
                    """).run()
            }
            try await audit.append(.init(action: "mutual_aid.claim", entity: "mutual_aid_claim", entityID: String(id), orgID: unitID, orgPath: unitPath,
                                         summary: "\(claimNo) \(name) 申请\(plan.name)“\(round.name)”\(check.benefit!.title)（\(e.kind.title) \(e.on.iso)），测算 \(check.assessment!.amount.groupedYuan) 元\(forPortal ? "（职工在线申请）" : "")"),
                                   actor: actor, on: db)
            try await NotificationService.notifyOfficers(orgID: try await OrgService.nearestCounty(above: unitPath, on: db), kind: .todo, title: "\(claimNo) \(name) 的互助理赔申请待审核",
                                               body: "\(check.benefit!.title)，测算给付 \(check.assessment!.amount.groupedYuan) 元。请在“医疗互助 → 理赔”中审核。",
                                               link: "/mutual-aid/claims/\(id)", dedupeKey: "ma-claim-\(id)", on: db)
            return try await Self.claim(id: id, scope: .everything, on: db)
        }
    }

    /// What a claim would be paid, checked as at filing: the problems that stop it, or the
    /// benefit and the computed amount.
    static func check(memberID: Int64, _ benefitCode: String, _ event: MutualAidEvent, round: MutualAidRound, filedOn: CivilDate, excluding: Int64?,
                      on db: any SQLDatabase) async throws -> (problems: [FieldProblem], benefit: MutualAidBenefit?, assessment: MutualAidAssessment?) {
        guard let benefit = round.terms.benefits.first(where: { $0.code == benefitCode }) else {
            return ([FieldProblem(field: "benefit", value: benefitCode, reason: "本轮没有这一给付项目")], nil, nil)
        }
        var problems = event.problems(benefit: benefit, filedOn: filedOn)
        if !problems.isEmpty { return (problems, benefit, nil) }
        if !round.contains(event.on) {
            problems.append(FieldProblem(field: "event_on", value: event.on.iso, reason: "事发日不在本轮（\(round.startsOn.iso) 至 \(round.endsOn.iso)）内，请选择事发当时的轮次"))
        }
        let enrollment = try await enrollment(memberID: memberID, roundID: round.id, on: db)
        if let why = MutualAidCover.problem(enrollment, round: round, event: event.kind, on: event.on) {
            problems.append(FieldProblem(field: "event_on", value: event.on.iso, reason: why))
        }
        let last = MutualAidClaimRules.lastDayToFile(event, terms: round.terms)
        if filedOn > last {
            problems.append(FieldProblem(field: event.dischargedOn == nil ? "event_on" : "discharged_on", value: event.endsOn.iso,
                                         reason: "已超过申请时效：应在\(event.dischargedOn == nil ? "事发" : "出院")后 \(round.terms.claimLimitDays) 天内申请，最后一天为 \(last.iso)"))
        }
        let others = try await db.raw("""
            SELECT id, claim_no, benefit_code, event_kind, event_on, discharged_on, diagnosis, amount_fen, state, round_id FROM mutual_aid_claims
            WHERE member_id = \(bind: memberID) AND state <> 'refused'
            """).all()
        var paidThisRound = Money.zero
        var diagnosisPaid = false
        for o in others {
            let id = try o.decode(column: "id", as: Int64.self)
            if id == excluding { continue }
            let kind = MutualAidEventKind(rawValue: try o.decode(column: "event_kind", as: String.self)) ?? .hospitalStay
            let other = MutualAidEvent(kind: kind, on: try Rows.date(o, "event_on") ?? event.on, dischargedOn: try Rows.date(o, "discharged_on"))
            if event.overlaps(other) {
                problems.append(FieldProblem(field: "event_on", value: event.on.iso,
                                             reason: "与已申请的 \(try o.decode(column: "claim_no", as: String.self))（住院 \(other.on.iso) 至 \(other.endsOn.iso)）日期重叠，同一次住院不能重复申请"))
            }
            let state = MutualAidClaimState(rawValue: try o.decode(column: "state", as: String.self)) ?? .filed
            guard try o.decode(column: "round_id", as: Int64.self) == round.id, try o.decode(column: "benefit_code", as: String.self) == benefit.code,
                  MutualAidClaimState.holdingMoney.contains(state) else { continue }
            paidThisRound = paidThisRound + Money(fen: try o.decode(column: "amount_fen", as: Int64.self))
            if kind == .majorIllness, try o.decode(column: "diagnosis", as: String?.self) == event.diagnosis { diagnosisPaid = true }
        }
        let assessment = MutualAidAssessment.compute(event, benefit: benefit, paidThisRound: paidThisRound, diagnosisAlreadyPaid: diagnosisPaid)
        if problems.isEmpty && assessment.amount.isZero {
            problems.append(FieldProblem(field: "benefit", value: benefit.title, reason: assessment.lines.first { $0.contains("已给付过") } ?? assessment.lines.dropLast().last ?? "核定金额为 0"))
        }
        return (problems, benefit, assessment)
    }

    static func enrollment(memberID: Int64, roundID: Int64, on db: any SQLDatabase) async throws -> MutualAidEnrollment? {
        guard let r = try await db.raw("""
            SELECT e.enrolled_on, e.paid_on, e.renewal, m.status, m.status_since FROM mutual_aid_enrollments e JOIN members m ON m.id = e.member_id
            WHERE e.round_id = \(bind: roundID) AND e.member_id = \(bind: memberID)
            """).first() else { return nil }
        let status = try r.decode(column: "status", as: String.self)
        let since = try Rows.date(r, "status_since")
        let exit: (MutualAidEnrollment.Exit, CivilDate)? = switch status {
        case MemberStatus.withdrawn.rawValue: since.map { (.withdrawn, $0) }
        case MemberStatus.deceased.rawValue: since.map { (.deceased, $0) }
        default: nil
        }
        return MutualAidEnrollment(enrolledOn: try Rows.date(r, "enrolled_on") ?? CivilDate(daysSinceEpoch: 0), paidOn: try Rows.date(r, "paid_on"),
                                   renewal: try r.decode(column: "renewal", as: Bool.self), exit: exit.map { (kind: $0.0, on: $0.1) })
    }

    // MARK: Deciding

    /// The administering union's review (审核): a county union or above over the unit, never who
    /// recorded the claim. Approved, the amount is computed again as things stand; above the
    /// plan's threshold it goes to the plan's owner. Refused, the reason is what the worker sees.
    public func review(claimID: Int64, approve: Bool, reason: String = "", actor: Actor, today: CivilDate = .today()) async throws -> MutualAidClaim {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权审核理赔申请") }
        let audit = self.audit, engine = database.engine
        return try await database.write { db in
            let c = try await Self.claim(id: claimID, scope: actor.scope, on: db)
            guard c.state == .filed else { throw StoreError.conflict(code: "claim_state", message: "理赔申请当前为“\(c.state.title)”，不能再审核") }
            if !actor.isSystem, let code = actor.orgCode {
                let own = try await OrgService.find(code: code, scope: .everything, on: db)
                guard [.province, .city, .county].contains(own.kind) else {
                    throw StoreError.forbidden("理赔由县级及以上工会审核，基层工会可登记申请和补充材料")
                }
            }
            if !actor.isSystem, try await AssistanceService.dutiesSeparated(on: db, today: today),
               let refusal = DutySeparation.refusal(approver: actor.username, parts: [(.recorded, c.recordedBy)], what: "理赔申请") {
                throw StoreError.conflict(code: "duties_separated", message: refusal)
            }
            let path = try await Self.claimPath(claimID, on: db)
            guard approve else {
                return try await Self.refuse(c, reason: reason, step: "审核", actor: actor, path: path, today: today, audit: audit, on: db)
            }
            let (_, round) = try await Self.round(id: c.roundID, actor: .system("review"), on: db)
            try await Self.lockMember(c.memberID, roundID: c.roundID, engine: engine, on: db)
            let check = try await Self.check(memberID: c.memberID, c.benefitCode, c.event, round: round, filedOn: c.filedOn, excluding: c.id, on: db)
            if !check.problems.isEmpty { throw StoreError.invalid(check.problems) }
            let assessment = check.assessment!
            let owner = MutualAidClaimRules.needsOwnerApproval(assessment.amount, terms: round.terms)
            let state: MutualAidClaimState = owner ? .awaitingOwner : .approved
            try await Self.move(c, to: state, set: "amount_fen = \(bind: assessment.amount.fen), lines_json = \(bind: try Self.json(assessment.lines)), reviewed_by = \(bind: actor.isSystem ? nil : actor.username), reviewed_by_name = \(bind: actor.displayName)"
                                + (owner ? "" : ", decided_by = \(bind: actor.displayName), decided_on = \(bind: today.iso)"), on: db)
            let detail = owner ? "审核通过，核定 \(assessment.amount.groupedYuan) 元，超过 \(round.terms.ownerApprovalAbove.groupedYuan) 元，报\(c.planName)所属工会审批"
                               : "审核通过，核定给付 \(assessment.amount.groupedYuan) 元，待发放"
            try await audit.append(.init(action: "mutual_aid.claim_review", entity: "mutual_aid_claim", entityID: String(claimID), orgID: nil, orgPath: path,
                                         summary: "\(c.claimNo) \(c.memberName)：\(detail)", before: c.state.rawValue), actor: actor, on: db)
            if !owner {
                try await Self.tellMember(c, "您的互助理赔申请 \(c.claimNo) 已批准", "核定给付 \(assessment.amount.groupedYuan) 元，将转入您尾号 \(c.accountMasked.suffix(4)) 的账户。", on: db)
            }
            if owner {
                let ownerID = try await db.raw("SELECT owner_org_id FROM mutual_aid_plans WHERE code = \(bind: c.planCode)").first()!.decode(column: "owner_org_id", as: Int64.self)
                try await NotificationService.notifyOfficers(orgID: ownerID, kind: .todo, title: "\(c.claimNo) 互助金 \(assessment.amount.groupedYuan) 元待审批",
                                                   body: "\(c.unitName) \(c.memberName) 的\(c.benefitTitle)，审核核定 \(assessment.amount.groupedYuan) 元，超过审批限额。",
                                                   link: "/mutual-aid/claims/\(claimID)", dedupeKey: "ma-owner-\(claimID)", on: db)
            }
            return try await Self.claim(id: claimID, scope: .everything, on: db)
        }
    }

    /// The plan owner's approval (审批) of a claim above the threshold: an officer of the owner
    /// (or above it) who neither recorded nor reviewed it.
    public func ownerDecide(claimID: Int64, approve: Bool, reason: String = "", actor: Actor, today: CivilDate = .today()) async throws -> MutualAidClaim {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权审批理赔申请") }
        let audit = self.audit, engine = database.engine
        return try await database.write { db in
            let c = try await Self.claim(id: claimID, scope: actor.scope, on: db)
            guard c.state == .awaitingOwner else { throw StoreError.conflict(code: "claim_state", message: "理赔申请当前为“\(c.state.title)”，不在待审批状态") }
            let (plan, ownerPath) = try await Self.plan(code: c.planCode, actor: .system("owner"), on: db)
            guard actor.scope.contains(path: ownerPath) else { throw StoreError.forbidden("超过限额的理赔由计划所属工会（\(plan.ownerName)）审批") }
            if !actor.isSystem, try await AssistanceService.dutiesSeparated(on: db, today: today),
               let refusal = DutySeparation.refusal(approver: actor.username, parts: [(.recorded, c.recordedBy), (.reviewed, c.reviewedBy)], what: "理赔申请") {
                throw StoreError.conflict(code: "duties_separated", message: refusal)
            }
            let path = try await Self.claimPath(claimID, on: db)
            guard approve else {
                return try await Self.refuse(c, reason: reason, step: "审批", actor: actor, path: path, today: today, audit: audit, on: db)
            }
            let (_, round) = try await Self.round(id: c.roundID, actor: .system("owner"), on: db)
            try await Self.lockMember(c.memberID, roundID: c.roundID, engine: engine, on: db)
            let check = try await Self.check(memberID: c.memberID, c.benefitCode, c.event, round: round, filedOn: c.filedOn, excluding: c.id, on: db)
            if !check.problems.isEmpty { throw StoreError.invalid(check.problems) }
            let amount = min(check.assessment!.amount, c.amount)
            try await Self.move(c, to: .approved, set: "amount_fen = \(bind: amount.fen), decided_by = \(bind: actor.displayName), decided_on = \(bind: today.iso)", on: db)
            try await audit.append(.init(action: "mutual_aid.claim_approve", entity: "mutual_aid_claim", entityID: String(claimID), orgID: nil, orgPath: path,
                                         summary: "\(c.claimNo) \(c.memberName)：\(plan.ownerName)批准给付 \(amount.groupedYuan) 元", before: c.state.rawValue), actor: actor, on: db)
            try await Self.tellMember(c, "您的互助理赔申请 \(c.claimNo) 已批准", "核定给付 \(amount.groupedYuan) 元，将转入您尾号 \(c.accountMasked.suffix(4)) 的账户。", on: db)
            return try await Self.claim(id: claimID, scope: .everything, on: db)
        }
    }

    static func refuse(_ c: MutualAidClaim, reason: String, step: String, actor: Actor, path: String, today: CivilDate, audit: AuditWriter,
                       on db: any SQLDatabase) async throws -> MutualAidClaim {
        let r = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !r.isEmpty, r.count <= 500 else { throw StoreError.invalid([FieldProblem(field: "reason", value: "", reason: "请填写不予给付的理由（职工可以看到，最多 500 字）")]) }
        try await move(c, to: .refused, set: "reason = \(bind: r), decided_by = \(bind: actor.displayName), decided_on = \(bind: today.iso)"
                       + (step == "审核" ? ", reviewed_by = \(bind: actor.isSystem ? nil : actor.username), reviewed_by_name = \(bind: actor.displayName)" : ""), on: db)
        try await audit.append(.init(action: "mutual_aid.claim_refuse", entity: "mutual_aid_claim", entityID: String(c.id), orgID: nil, orgPath: path,
                                     summary: "\(c.claimNo) \(c.memberName)：\(step)不予给付——\(r)", before: c.state.rawValue), actor: actor, on: db)
        try await tellMember(c, "您的互助理赔申请 \(c.claimNo) 不予给付", "理由：\(r)。如有疑问，请联系所在工会。", on: db)
        return try await claim(id: c.id, scope: .everything, on: db)
    }

    static func move(_ c: MutualAidClaim, to state: MutualAidClaimState, set: SQLQueryString, on db: any SQLDatabase) async throws {
        let moved = try await db.raw("UPDATE mutual_aid_claims SET state = \(bind: state.rawValue), " + set
                                     + ", version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: c.id) AND version = \(bind: c.version) RETURNING id").first()
        if moved == nil { throw StoreError.staleVersion(entity: "理赔申请", key: c.claimNo) }
    }

    /// On PostgreSQL, two decisions on one member's claims take turns (the caps are read, then
    /// spent); SQLite's one writer already makes them.
    static func lockMember(_ memberID: Int64, roundID: Int64, engine: SQLEngine, on db: any SQLDatabase) async throws {
        guard engine == .postgres else { return }
        _ = try await db.raw("SELECT id FROM mutual_aid_enrollments WHERE round_id = \(bind: roundID) AND member_id = \(bind: memberID) FOR UPDATE").all()
    }

    // MARK: Paying

    /// Puts the round's approved claims in the actor's subtree into a payment batch of the
    /// actor's union: the bank's file, approval and results are the assistance batches' own.
    /// `toCard`: members holding an active member service card are paid to it.
    public func createBatch(roundID: Int64, toCard: Bool = false, actor: Actor) async throws -> PaymentBatch {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权生成发放批次") }
        let audit = self.audit
        return try await database.write { db in
            let (plan, round) = try await Self.round(id: roundID, actor: actor, on: db)
            let rows = try await db.raw("""
                SELECT c.id, c.member_id, c.name, c.bank_name, c.bank_account_enc, c.bank_account_masked, c.amount_fen, c.attempts FROM mutual_aid_claims c JOIN orgs o ON o.id = c.org_id
                WHERE c.round_id = \(bind: roundID) AND c.state = 'approved' AND
                """ + " " + actor.scope.sql("o.path") + " ORDER BY c.id").all()
            guard !rows.isEmpty else { throw StoreError.conflict(code: "nothing_to_pay", message: "没有已批准待发放的理赔") }
            let orgID: Int64
            if let own = actor.orgID, !actor.isSystem { orgID = own } else {
                orgID = try await db.raw("SELECT owner_org_id FROM mutual_aid_plans WHERE id = \(bind: plan.id)").first()!.decode(column: "owner_org_id", as: Int64.self)
            }
            var lines: [AssistanceService.NewPaymentLine] = []
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self)
                let attempt = try row.decode(column: "attempts", as: Int.self) + 1
                lines.append(.init(grantID: nil, claimID: id, memberID: try row.decode(column: "member_id", as: Int64.self), attempt: attempt, reference: String(format: "MA%06lld-%06lld-%d", roundID, id, attempt),
                                   name: try row.decode(column: "name", as: String.self), bankName: try row.decode(column: "bank_name", as: String.self),
                                   accountEnc: try row.decode(column: "bank_account_enc", as: String.self),
                                   accountMasked: try row.decode(column: "bank_account_masked", as: String.self), amount: try row.decode(column: "amount_fen", as: Int64.self)))
            }
            let (batchID, batchNo) = try await AssistanceService.insertBatch(cycleID: nil, roundID: roundID, orgID: orgID,
                                                                             lines: try await AssistanceService.toCards(lines, toCard, on: db), actor: actor, on: db)
            for line in lines {
                let moved = try await db.raw("""
                    UPDATE mutual_aid_claims SET state = 'in_batch', batch_id = \(bind: batchID), attempts = \(bind: line.attempt), version = version + 1,
                        updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: line.claimID!) AND state = 'approved' RETURNING id
                    """).first()
                if moved == nil { throw StoreError.staleVersion(entity: "理赔申请", key: String(line.claimID!)) }
            }
            let total = lines.reduce(Int64(0)) { $0 + $1.amount }
            try await audit.append(.init(action: "payment.batch", entity: "payment_batch", entityID: String(batchID), orgID: orgID, orgPath: actor.scope.path,
                                         summary: "\(plan.name)“\(round.name)”生成互助金发放批次 \(batchNo)：\(lines.count) 笔，合计 \(Money(fen: total).yuanString) 元"),
                                   actor: actor, on: db)
            return try await AssistanceService.batch(id: batchID, on: db)
        }
    }

    /// The batches that paid the round's claims, in the actor's subtree.
    public func batches(roundID: Int64, actor: Actor) async throws -> [PaymentBatch] {
        try await database.read { db in
            try await db.raw(AssistanceService.batchSelect + " WHERE b.round_id = \(bind: roundID) AND " + actor.scope.sql("o.path") + " ORDER BY b.id").all()
                .map(AssistanceService.batch)
        }
    }

    /// The bank's result for a claim's line: paid once (a claim already paid is never paid
    /// again), or failed with the bank's reason, to be paid in a later batch.
    static func applyBankResult(claimID: Int64, paid: Bool, on day: CivilDate, reason: String?, reference: String, on db: any SQLDatabase) async throws {
        let now = Clock.nowMillis()
        let moved = paid
            ? try await db.raw("UPDATE mutual_aid_claims SET state = 'paid', paid_on = \(bind: day.iso), failure_reason = NULL, version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: claimID) AND state = 'in_batch' RETURNING member_id").first()
            : try await db.raw("UPDATE mutual_aid_claims SET state = 'failed', failure_reason = \(bind: reason), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: claimID) AND state = 'in_batch' RETURNING member_id").first()
        guard moved != nil else { throw StoreError.conflict(code: "claim_state", message: "参考号 \(reference) 对应的理赔不在发放中") }
        let c = try await claim(id: claimID, scope: .everything, on: db)
        if !paid {
            try await tellMember(c, "互助金 \(c.amount.groupedYuan) 元未能转入您的账户", "\(c.claimNo)：银行退回（\(reason ?? "")）。工会核实后会重新发放；如账户有变，请联系所在工会。", on: db)
        }
        if paid {
            try await tellMember(c, "互助金 \(c.amount.groupedYuan) 元已发放", "\(c.claimNo) 的\(c.benefitTitle)已于 \(day.iso) 转入您尾号 \(c.accountMasked.suffix(4)) 的账户。", on: db)
        }
    }

    /// A failed payment made ready for the next batch, to the same account (the member's own).
    public func requeue(claimID: Int64, actor: Actor) async throws -> MutualAidClaim {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权重新发放") }
        let audit = self.audit
        return try await database.write { db in
            let c = try await Self.claim(id: claimID, scope: actor.scope, on: db)
            guard c.state == .failed else { throw StoreError.conflict(code: "claim_state", message: "只有发放失败的理赔可以重新发放，当前为“\(c.state.title)”") }
            try await Self.move(c, to: .approved, set: "batch_id = NULL", on: db)
            try await audit.append(.init(action: "mutual_aid.claim_requeue", entity: "mutual_aid_claim", entityID: String(claimID), orgID: nil,
                                         orgPath: try await Self.claimPath(claimID, on: db), summary: "\(c.claimNo) \(c.memberName) 的互助金待下一批次重新发放"),
                                   actor: actor, on: db)
            return try await Self.claim(id: claimID, scope: .everything, on: db)
        }
    }

    // MARK: Reading

    public func claims(roundID: Int64? = nil, state: MutualAidClaimState? = nil, actor: Actor, limit: Int = 200) async throws -> [MutualAidClaim] {
        try await database.read { db in
            var q = Self.claimSelect + " WHERE " + actor.scope.sql("o.path")
            if let roundID { q += " AND c.round_id = \(bind: roundID)" }
            if let state { q += " AND c.state = \(bind: state.rawValue)" }
            return try await db.raw(q + " ORDER BY c.id DESC LIMIT \(bind: min(max(limit, 1), 1000))").all().map(Self.claim)
        }
    }

    /// The round's claims in the actor's subtree by state: how many and how much.
    public func claimCounts(roundID: Int64, actor: Actor) async throws -> [MutualAidClaimState: (Int, Money)] {
        try await database.read { db in
            let rows = try await db.raw("""
                SELECT c.state, COUNT(*) AS n, CAST(SUM(c.amount_fen) AS BIGINT) AS fen FROM mutual_aid_claims c JOIN orgs o ON o.id = c.org_id
                WHERE c.round_id = \(bind: roundID) AND
                """ + " " + actor.scope.sql("o.path") + " GROUP BY c.state").all()
            var out: [MutualAidClaimState: (Int, Money)] = [:]
            for r in rows {
                guard let s = MutualAidClaimState(rawValue: try r.decode(column: "state", as: String.self)) else { continue }
                out[s] = (try r.decode(column: "n", as: Int.self), Money(fen: try r.decode(column: "fen", as: Int64.self)))
            }
            return out
        }
    }

    /// Claims waiting for the actor: those to review in its subtree, and those above the
    /// threshold of the plans its union owns.
    /// With `claimID`, only that claim if it waits for the actor (its page's question).
    public func claimsAwaiting(actor: Actor, claimID: Int64? = nil) async throws -> [MutualAidClaim] {
        try await database.read { db in
            let one: SQLQueryString = claimID.map { " AND c.id = \(bind: $0)" } ?? ""
            let review = try await db.raw(Self.claimSelect + " WHERE c.state = 'filed' AND " + actor.scope.sql("o.path") + one + " ORDER BY c.id LIMIT 200").all().map(Self.claim)
            let owner = try await db.raw(Self.claimSelect + " JOIN orgs po ON po.id = p.owner_org_id WHERE c.state = 'awaiting_owner' AND "
                                         + actor.scope.sql("po.path") + one + " ORDER BY c.id LIMIT 200").all().map(Self.claim)
            return owner + review
        }
    }

    public func claim(id: Int64, actor: Actor) async throws -> MutualAidClaim {
        try await database.read { db in try await Self.claim(id: id, scope: actor.scope, on: db) }
    }

    /// A member's own claims, newest first (the portal).
    public func portalClaims(memberID: Int64) async throws -> [MutualAidClaim] {
        try await database.read { db in
            try await db.raw(Self.claimSelect + " WHERE c.member_id = \(bind: memberID) ORDER BY c.id DESC").all().map(Self.claim)
        }
    }

    public func portalClaim(id: Int64, memberID: Int64) async throws -> MutualAidClaim {
        try await database.read { db in
            guard let row = try await db.raw(Self.claimSelect + " WHERE c.id = \(bind: id) AND c.member_id = \(bind: memberID)").first() else {
                throw StoreError.notFound(entity: "理赔申请", key: String(id))
            }
            return try Self.claim(row)
        }
    }

    /// The member's cover in every round they are enrolled in whose end is not yet a year past:
    /// from when to when, and what is left of each benefit's cap.
    public func portalCover(memberID: Int64, today: CivilDate = .today()) async throws -> [MutualAidCoverView] {
        try await database.read { db in
            let rows = try await db.raw("""
                SELECT r.id FROM mutual_aid_enrollments e JOIN mutual_aid_rounds r ON r.id = e.round_id
                WHERE e.member_id = \(bind: memberID) AND r.ends_on >= \(bind: today.adding(days: -366).iso) ORDER BY r.starts_on DESC
                """).all()
            var out: [MutualAidCoverView] = []
            for row in rows {
                let (plan, round) = try await Self.round(id: try row.decode(column: "id", as: Int64.self), actor: .system("portal"), on: db)
                guard let e = try await Self.enrollment(memberID: memberID, roundID: round.id, on: db) else { continue }
                let received = try await db.raw("""
                    SELECT benefit_code, CAST(SUM(amount_fen) AS BIGINT) AS fen FROM mutual_aid_claims
                    WHERE member_id = \(bind: memberID) AND round_id = \(bind: round.id) AND state IN ('awaiting_owner', 'approved', 'in_batch', 'paid', 'failed')
                    GROUP BY benefit_code
                    """).all()
                var byCode: [String: Money] = [:]
                for r in received { byCode[try r.decode(column: "benefit_code", as: String.self)] = Money(fen: try r.decode(column: "fen", as: Int64.self)) }
                let benefits = round.terms.benefits.map { b in
                    let got = byCode[b.code] ?? .zero
                    return MutualAidCoverView.Left(benefit: b, received: got, left: max(.zero, b.perRoundCap - got))
                }
                out.append(MutualAidCoverView(plan: plan, round: round, enrolledOn: e.enrolledOn, coveredFrom: MutualAidCover.from(e, round: round),
                                              coveredTo: MutualAidCover.to(e, round: round, for: .hospitalStay),
                                              waitingEnds: MutualAidCover.waitingEnds(e, terms: round.terms), benefits: benefits))
            }
            return out
        }
    }

    /// A claim's papers (names and sizes).
    public func claimPapers(claimID: Int64, actor: Actor) async throws -> [(id: Int64, kind: MutualAidPaperKind, filename: String, size: Int, uploadedBy: String)] {
        try await database.read { db in
            _ = try await Self.claim(id: claimID, scope: actor.scope, on: db)
            return try await db.raw("SELECT id, kind, filename, size, uploaded_by FROM mutual_aid_claim_papers WHERE claim_id = \(bind: claimID) ORDER BY id").all().map { r in
                (try r.decode(column: "id", as: Int64.self), MutualAidPaperKind(rawValue: try r.decode(column: "kind", as: String.self)) ?? .other,
                 try r.decode(column: "filename", as: String.self), try r.decode(column: "size", as: Int.self), try r.decode(column: "uploaded_by", as: String.self))
            }
        }
    }

    /// A paper itself, for the officers who handle the claim; every download audited.
    public func claimPaper(claimID: Int64, paperID: Int64, actor: Actor) async throws -> (filename: String, contentType: String, data: [UInt8]) {
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let c = try await Self.claim(id: claimID, scope: actor.scope, on: db)
            guard let p = try await db.raw("SELECT filename, content_type, kind, data FROM mutual_aid_claim_papers WHERE id = \(bind: paperID) AND claim_id = \(bind: claimID)").first() else {
                throw StoreError.notFound(entity: "理赔材料", key: String(paperID))
            }
            let name = try p.decode(column: "filename", as: String.self)
            let bytes = try cipher.openBytes([UInt8](try p.decode(column: "data", as: Data.self)))
            try await audit.append(.init(action: "mutual_aid.paper_download", entity: "mutual_aid_claim", entityID: String(claimID), orgID: nil,
                                         orgPath: try await Self.claimPath(claimID, on: db), summary: "下载 \(c.claimNo) 的理赔材料“\(name)”"), actor: actor, on: db)
            return (name, try p.decode(column: "content_type", as: String.self), bytes)
        }
    }

    static func claim(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> MutualAidClaim {
        guard let row = try await db.raw(claimSelect + " WHERE c.id = \(bind: id) AND " + scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "理赔申请", key: String(id))
        }
        return try claim(row)
    }

    /// Tells the worker in the portal's inbox what became of their claim.
    static func tellMember(_ c: MutualAidClaim, _ title: String, _ body: String, on db: any SQLDatabase) async throws {
        try await NotificationService.notifyMember(c.memberID, phoneSealed: nil, title: title, body: body, link: "/my/mutual-aid/claims/\(c.id)",
                                                   template: "mutual_aid_claim", values: [:], dedupeKey: nil, on: db)
    }

    static func claimPath(_ id: Int64, on db: any SQLDatabase) async throws -> String {
        try await db.raw("SELECT o.path FROM mutual_aid_claims c JOIN orgs o ON o.id = c.org_id WHERE c.id = \(bind: id)").first()!.decode(column: "path", as: String.self)
    }

    static func json(_ lines: [String]) throws -> String { String(decoding: try JSONEncoder().encode(lines), as: UTF8.self) }

    static func claim(_ r: any SQLRow) throws -> MutualAidClaim {
        let terms = try JSONDecoder().decode(MutualAidTerms.self, from: Data(try r.decode(column: "terms", as: String.self).utf8))
        let code = try r.decode(column: "benefit_code", as: String.self)
        let event = MutualAidEvent(kind: MutualAidEventKind(rawValue: try r.decode(column: "event_kind", as: String.self)) ?? .hospitalStay,
                                   on: try Rows.date(r, "event_on") ?? CivilDate(daysSinceEpoch: 0), dischargedOn: try Rows.date(r, "discharged_on"),
                                   diagnosis: try r.decode(column: "diagnosis", as: String?.self), disabilityGrade: try r.decode(column: "disability_grade", as: Int?.self),
                                   totalCost: Money(fen: try r.decode(column: "total_cost_fen", as: Int64.self)),
                                   insurancePaid: Money(fen: try r.decode(column: "insurance_paid_fen", as: Int64.self)))
        return MutualAidClaim(
            id: try r.decode(column: "id", as: Int64.self), claimNo: try r.decode(column: "claim_no", as: String.self), roundID: try r.decode(column: "round_id", as: Int64.self),
            planCode: try r.decode(column: "plan_code", as: String.self), planName: try r.decode(column: "plan_name", as: String.self),
            roundName: try r.decode(column: "round_name", as: String.self), memberID: try r.decode(column: "member_id", as: Int64.self),
            memberName: try r.decode(column: "name", as: String.self), idNumberMasked: try r.decode(column: "id_masked", as: String.self),
            unitCode: try r.decode(column: "unit_code", as: String.self), unitName: try r.decode(column: "unit_name", as: String.self),
            benefitCode: code, benefitTitle: terms.benefits.first { $0.code == code }?.title ?? code, event: event,
            filedOn: try Rows.date(r, "filed_on") ?? CivilDate(daysSinceEpoch: 0), channel: try r.decode(column: "channel", as: String.self),
            state: MutualAidClaimState(rawValue: try r.decode(column: "state", as: String.self)) ?? .filed, amount: Money(fen: try r.decode(column: "amount_fen", as: Int64.self)),
            lines: try JSONDecoder().decode([String].self, from: Data(try r.decode(column: "lines_json", as: String.self).utf8)),
            reason: try r.decode(column: "reason", as: String?.self), bankName: try r.decode(column: "bank_name", as: String.self),
            accountMasked: try r.decode(column: "bank_account_masked", as: String.self), paidOn: try Rows.date(r, "paid_on"),
            failureReason: try r.decode(column: "failure_reason", as: String?.self), recordedBy: try r.decode(column: "recorded_by", as: String?.self),
            reviewedBy: try r.decode(column: "reviewed_by", as: String?.self), reviewerName: try r.decode(column: "reviewed_by_name", as: String?.self),
            recorderName: try r.decode(column: "recorded_by_name", as: String?.self), decidedBy: try r.decode(column: "decided_by", as: String?.self),
            decidedOn: try Rows.date(r, "decided_on"), version: try r.decode(column: "version", as: Int.self))
    }
}
