import Foundation
import GonghuiDomain
import SQLKit

/// Small guaranteed business loans (小额担保贷款) in the store: the application with its
/// guarantors, the union's credit check and feasibility assessment, the county union's approval
/// against its quota (never exceeded, however many approve at once), the bank's lending with the
/// schedule, repayments freeing the quota. A loan belongs to the county above the member's union.
public struct LoanService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    static let select: SQLQueryString = """
        SELECT l.*, o.code AS org_code, c.code AS county_code FROM loans l JOIN orgs o ON o.id = l.org_id JOIN orgs c ON c.id = l.county_org_id
        """

    /// An application for a member in the actor's subtree, checked by the rules in force today.
    public func apply(memberID: Int64, _ draft: LoanDraft, actor: Actor, today: CivilDate = .today()) async throws -> Loan {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记贷款申请") }
        var problems: [FieldProblem] = []
        let project = draft.projectName.trimmingCharacters(in: .whitespaces)
        if project.isEmpty || project.count > 100 { problems.append(FieldProblem(field: "project_name", value: project, reason: "请填写创业项目名称（最多 100 字）")) }
        if draft.jobsCreated < 0 { problems.append(FieldProblem(field: "jobs_created", value: String(draft.jobsCreated), reason: "带动就业人数不能为负")) }
        if draft.guarantors.isEmpty { problems.append(FieldProblem(field: "guarantors", value: "", reason: "至少需要一名担保人")) }
        for (i, g) in draft.guarantors.enumerated() {
            if g.name.trimmingCharacters(in: .whitespaces).isEmpty || g.idNumber == nil || g.employer.trimmingCharacters(in: .whitespaces).isEmpty || g.amount.fen <= 0 {
                problems.append(FieldProblem(field: "guarantors[\(i)]", value: g.name, reason: "担保人须写明姓名、身份证号、工作单位和担保金额"))
            }
        }
        let cipher = self.cipher, audit = self.audit
        let preliminary = problems
        return try await database.write { db in
            let (member, path) = try await MemberService.find(id: memberID, scope: actor.scope, on: db)
            guard member.status == .active else {
                throw StoreError.invalid(preliminary + [FieldProblem(field: "member", value: member.name, reason: "不是在会会员，不能申请工会会员小额担保贷款")])
            }
            var all = preliminary
            if draft.basis == .hardshipArchive || draft.basis == .archiveFamily {
                let filed = try await db.raw("SELECT 1 AS one FROM hardship_archives WHERE member_id = \(bind: memberID) AND stage = 'filed'").first() != nil
                if !filed { all.append(FieldProblem(field: "basis", value: draft.basis.title, reason: "会员家庭没有在档的困难职工档案")) }
            }
            let open = try await db.raw("SELECT loan_no FROM loans WHERE member_id = \(bind: memberID) AND state IN ('applied', 'assessed', 'approved', 'repaying')").first()
            var partners = Money.zero
            if let p = draft.partnershipNo {
                let row = try await db.raw("SELECT CAST(COALESCE(SUM(COALESCE(approved_fen, amount_fen)), 0) AS BIGINT) AS fen FROM loans WHERE partnership_no = \(bind: p) AND state IN ('applied', 'assessed', 'approved', 'repaying')").first()
                partners = Money(fen: try row?.decode(column: "fen", as: Int64.self) ?? 0)
            }
            let book = try await DisputeService.policy(on: db)
            all += LoanRules.problems(borrower: LoanBorrower(isGraduate: draft.isGraduate, isWoman: member.gender == .female, inPartnership: draft.partnershipNo != nil),
                                      amount: draft.amount, operatingSince: draft.operatingSince, badCredit: false, hasOpenLoan: open != nil,
                                      partnersAmount: partners, book: book, on: today)
            if !all.isEmpty { throw StoreError.invalid(all) }
            let county = try await OrgService.nearestCounty(above: path, on: db)
            let now = Clock.nowMillis()
            guard let row = try await db.raw("""
                INSERT INTO loans (province_id, loan_no, member_id, org_id, county_org_id, name, state, basis, graduate, woman, partnership_no, project_kind, project_name,
                    operating_since, jobs_created, amount_fen, applied_on, recorded_by, created_at, updated_at)
                VALUES (\(bind: member.provinceID), \(bind: "new-" + UUID().uuidString), \(bind: memberID), \(bind: member.orgID), \(bind: county), \(bind: member.name),
                    'applied', \(bind: draft.basis.rawValue), \(bind: draft.isGraduate), \(bind: member.gender == .female), \(bind: draft.partnershipNo),
                    \(bind: draft.projectKind.rawValue), \(bind: project), \(bind: draft.operatingSince.iso), \(bind: draft.jobsCreated), \(bind: draft.amount.fen),
                    \(bind: today.iso), \(bind: actor.username), \(bind: now), \(bind: now))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "贷款申请未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            let loanNo = String(format: "XD-%d-%06lld", today.year, id)
            try await db.raw("UPDATE loans SET loan_no = \(bind: loanNo) WHERE id = \(bind: id)").run()
            for g in draft.guarantors {
                let number = g.idNumber!
                try await db.raw("""
                    INSERT INTO loan_guarantors (loan_id, name, id_hash, id_enc, id_masked, employer, relation, amount_fen)
                    VALUES (\(bind: id), \(bind: g.name), \(bind: cipher.blindIndex(number.value, domain: "id")), \(bind: cipher.seal(number.value)), \(bind: number.masked),
                        \(bind: g.employer), \(bind: g.relation), \(bind: g.amount.fen))
                    """).run()
            }
            try await audit.append(.init(action: "loan.apply", entity: "loan", entityID: String(id), orgID: member.orgID, orgPath: path,
                                         summary: "\(loanNo) \(member.name) 申请小额担保贷款 \(draft.amount.groupedYuan) 元（\(draft.projectKind.title)：\(project)）"),
                                   actor: actor, on: db)
            return try await Self.loan(id: id, scope: .everything, on: db)
        }
    }

    /// The union's credit check and feasibility assessment: bad credit or not feasible, the loan
    /// is refused with the reason on record; otherwise it waits for the county's approval.
    public func assess(loanID: Int64, badCredit: Bool, feasibility: LoanFeasibility, officerName: String, actor: Actor, today: CivilDate = .today()) async throws -> Loan {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权评估贷款项目") }
        guard feasibility.answers.count == LoanFeasibility.checklist.count else {
            throw StoreError.invalid([FieldProblem(field: "answers", value: String(feasibility.answers.count), reason: "请逐项填写评估清单")])
        }
        if !feasibility.feasible && feasibility.note.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalid([FieldProblem(field: "note", value: "", reason: "评估为不可行时须写明理由")])
        }
        let audit = self.audit
        return try await database.write { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            guard l.state == .applied else { throw StoreError.conflict(code: "loan_state", message: "贷款当前为“\(l.state.title)”，不能再评估") }
            let refused = badCredit || !feasibility.feasible
            let reason: String? = badCredit ? "银行查询有不良信用记录，不予担保" : (feasibility.feasible ? nil : "项目不具备财务可行性：\(feasibility.note)")
            let json = String(decoding: try JSONEncoder().encode(feasibility), as: UTF8.self)
            let moved = try await db.raw("""
                UPDATE loans SET state = \(bind: refused ? "refused" : "assessed"), bad_credit = \(bind: badCredit), credit_checked_on = \(bind: today.iso),
                    feasibility_json = \(bind: json), feasible = \(bind: feasibility.feasible), assessed_by = \(bind: actor.username), assessed_by_name = \(bind: actor.displayName),
                    officer_name = \(bind: officerName), reason = \(bind: reason), version = version + 1, updated_at = \(bind: Clock.nowMillis())
                WHERE id = \(bind: loanID) AND version = \(bind: l.version) RETURNING id
                """).first()
            if moved == nil { throw StoreError.staleVersion(entity: "贷款", key: l.loanNo) }
            try await audit.append(.init(action: "loan.assess", entity: "loan", entityID: String(loanID), orgID: nil, orgPath: try await Self.path(loanID, on: db),
                                         summary: "\(l.loanNo) \(l.name)：\(refused ? reason! : "评估可行，报县级工会审批")（评估人 \(feasibility.officer)）"), actor: actor, on: db)
            return try await Self.loan(id: loanID, scope: .everything, on: db)
        }
    }

    /// The county union's approval: the guarantee issued and the county's quota held in one
    /// statement that lands only while enough is left; never by who recorded or assessed it.
    public func approve(loanID: Int64, actor: Actor, today: CivilDate = .today()) async throws -> Loan {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权审批担保贷款") }
        let audit = self.audit
        return try await database.write { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            guard l.state == .assessed else { throw StoreError.conflict(code: "loan_state", message: "贷款当前为“\(l.state.title)”，不能审批") }
            let row = try await db.raw("SELECT recorded_by, assessed_by, county_org_id, province_id FROM loans WHERE id = \(bind: loanID)").first()!
            if !actor.isSystem, try await AssistanceService.dutiesSeparated(on: db, today: today),
               let refusal = DutySeparation.refusal(approver: actor.username, parts: [(.recorded, try row.decode(column: "recorded_by", as: String?.self)),
                                                                                     (.reviewed, try row.decode(column: "assessed_by", as: String?.self))], what: "担保贷款") {
                throw StoreError.conflict(code: "duties_separated", message: refusal)
            }
            let county = try row.decode(column: "county_org_id", as: Int64.self)
            if let own = actor.orgID, !actor.isSystem, own != county {
                throw StoreError.forbidden("担保贷款由借款人所在县（市、区）总工会审批")
            }
            let book = try await DisputeService.policy(on: db)
            let quota = Money(yuan: Int64(LoanRules.value(LoanPolicy.countyQuota, book: book, on: today).value))
            let now = Clock.nowMillis()
            try await db.raw("""
                INSERT INTO loan_quotas (province_id, org_id, quota_fen, used_fen, updated_at) VALUES (\(bind: try row.decode(column: "province_id", as: Int64.self)), \(bind: county),
                    \(bind: quota.fen), 0, \(bind: now)) ON CONFLICT (org_id) DO NOTHING
                """).run()
            let held = try await db.raw("""
                UPDATE loan_quotas SET used_fen = used_fen + \(bind: l.amount.fen), updated_at = \(bind: now)
                WHERE org_id = \(bind: county) AND quota_fen - used_fen >= \(bind: l.amount.fen) RETURNING used_fen, quota_fen
                """).first()
            guard let held else {
                let q = try await db.raw("SELECT quota_fen, used_fen FROM loan_quotas WHERE org_id = \(bind: county)").first()!
                let left = try q.decode(column: "quota_fen", as: Int64.self) - (try q.decode(column: "used_fen", as: Int64.self))
                throw StoreError.conflict(code: "quota_exceeded", message: "本县担保贷款额度不足：尚余 \(Money(fen: left).groupedYuan) 元，不足以担保 \(l.amount.groupedYuan) 元")
            }
            let moved = try await db.raw("""
                UPDATE loans SET state = 'approved', approved_fen = amount_fen, approved_by = \(bind: actor.displayName), approved_on = \(bind: today.iso),
                    version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: loanID) AND state = 'assessed' RETURNING id
                """).first()
            if moved == nil { throw StoreError.staleVersion(entity: "贷款", key: l.loanNo) }
            let used = Money(fen: try held.decode(column: "used_fen", as: Int64.self)), total = Money(fen: try held.decode(column: "quota_fen", as: Int64.self))
            try await audit.append(.init(action: "loan.approve", entity: "loan", entityID: String(loanID), orgID: county, orgPath: try await Self.path(loanID, on: db),
                                         summary: "\(l.loanNo) \(l.name)：批准担保 \(l.amount.groupedYuan) 元，本县已用额度 \(used.groupedYuan) / \(total.groupedYuan) 元"),
                                   actor: actor, on: db)
            return try await Self.loan(id: loanID, scope: .everything, on: db)
        }
    }

    /// The bank's lending (放款): the amount (at most what was approved; the rest of the quota is
    /// freed), the day, the rate, the term and the method; the schedule written to the fen.
    public func recordLending(loanID: Int64, amount: Money, lentOn: CivilDate, rateBasisPoints: Int, months: Int, method: LoanRepaymentMethod,
                              subsidyBasisPoints: Int, bankName: String, actor: Actor, today: CivilDate = .today()) async throws -> [LoanInstalment] {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权登记放款") }
        var problems: [FieldProblem] = []
        if lentOn > today { problems.append(FieldProblem(field: "lent_on", value: lentOn.iso, reason: "放款日期不能晚于今天")) }
        if !(1...3_000).contains(rateBasisPoints) { problems.append(FieldProblem(field: "rate", value: String(rateBasisPoints), reason: "年利率应在 0.01% 至 30% 之间")) }
        if !(1...60).contains(months) { problems.append(FieldProblem(field: "months", value: String(months), reason: "期限应为 1 至 60 个月")) }
        if !(0...10_000).contains(subsidyBasisPoints) { problems.append(FieldProblem(field: "subsidy", value: String(subsidyBasisPoints), reason: "贴息比例应在 0 至 100% 之间")) }
        if bankName.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldProblem(field: "bank_name", value: "", reason: "请填写放款银行")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            guard l.state == .approved, let approved = l.approved else { throw StoreError.conflict(code: "loan_state", message: "贷款当前为“\(l.state.title)”，不能登记放款") }
            guard amount.fen > 0 && amount <= approved else {
                throw StoreError.invalid([FieldProblem(field: "amount", value: amount.yuanString, reason: "放款金额应大于 0 且不超过批准担保的 \(approved.groupedYuan) 元")])
            }
            let schedule = LoanSchedule.make(principal: amount, rateBasisPoints: rateBasisPoints, months: months, method: method, lentOn: lentOn,
                                             subsidyBasisPoints: subsidyBasisPoints)
            for i in schedule {
                try await db.raw("""
                    INSERT INTO loan_instalments (loan_id, seq, due_on, principal_fen, interest_fen, subsidy_fen)
                    VALUES (\(bind: loanID), \(bind: i.seq), \(bind: i.dueOn.iso), \(bind: i.principal.fen), \(bind: i.interest.fen), \(bind: i.subsidy.fen))
                    """).run()
            }
            let now = Clock.nowMillis()
            let county = try await db.raw("SELECT county_org_id FROM loans WHERE id = \(bind: loanID)").first()!.decode(column: "county_org_id", as: Int64.self)
            if amount < approved {
                try await db.raw("UPDATE loan_quotas SET used_fen = used_fen - \(bind: (approved - amount).fen), updated_at = \(bind: now) WHERE org_id = \(bind: county)").run()
            }
            try await db.raw("""
                UPDATE loans SET state = 'repaying', lent_fen = \(bind: amount.fen), lent_on = \(bind: lentOn.iso), rate_bp = \(bind: rateBasisPoints), term_months = \(bind: months),
                    method = \(bind: method.rawValue), subsidy_bp = \(bind: subsidyBasisPoints), bank_name = \(bind: bankName), version = version + 1, updated_at = \(bind: now)
                WHERE id = \(bind: loanID)
                """).run()
            try await audit.append(.init(action: "loan.lend", entity: "loan", entityID: String(loanID), orgID: county, orgPath: try await Self.path(loanID, on: db),
                                         summary: "\(l.loanNo) \(l.name)：\(bankName) \(lentOn.iso) 放款 \(amount.groupedYuan) 元，年利率 \(MutualAidAssessment.percent(rateBasisPoints))，\(months) 个月，\(method.title)，贴息 \(MutualAidAssessment.percent(subsidyBasisPoints))"),
                                   actor: actor, on: db)
            return schedule
        }
    }

    /// A repayment as the bank reports it (its reference once only): the principal frees the
    /// county's quota; the loan is closed when the principal is all repaid.
    @discardableResult
    public func recordRepayment(loanID: Int64, paidOn: CivilDate, principal: Money, interest: Money, reference: String, actor: Actor) async throws -> Loan {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权登记还款") }
        let ref = reference.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if ref.isEmpty || ref.count > 60 { problems.append(FieldProblem(field: "reference", value: ref, reason: "请填写银行流水号（最多 60 字）")) }
        if principal.isNegative || interest.isNegative || (principal + interest).isZero {
            problems.append(FieldProblem(field: "principal", value: principal.yuanString, reason: "还款本金、利息不能为负，且不能都为 0"))
        }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            try await Self.repay(l, paidOn: paidOn, principal: principal, interest: interest, reference: ref, source: .borrower, payer: nil, actor: actor, audit: audit, on: db)
            return try await Self.loan(id: loanID, scope: .everything, on: db)
        }
    }

    /// One repayment written: its reference once only, at most the principal owed; the principal
    /// frees the county's quota and closes the loan when nothing is left. A guarantor's payment
    /// (`source` .guarantor) is recorded the same way with the guarantor named.
    static func repay(_ l: Loan, paidOn: CivilDate, principal: Money, interest: Money, reference ref: String, source: LoanRepaymentSource, payer: String?,
                      actor: Actor, audit: AuditWriter, field: String = "reference", on db: any SQLDatabase) async throws {
        guard l.state == .repaying else { throw StoreError.conflict(code: "loan_state", message: "贷款\(l.loanNo)当前为“\(l.state.title)”，不能登记还款") }
        if try await db.raw("SELECT 1 AS one FROM loan_repayments WHERE reference = \(bind: ref)").first() != nil {
            throw StoreError.invalid([FieldProblem(field: field, value: ref, reason: "流水号 \(ref) 已登记过")])
        }
        guard principal <= l.outstanding else {
            throw StoreError.invalid([FieldProblem(field: field == "reference" ? "principal" : field, value: principal.yuanString,
                                                   reason: "还款本金 \(principal.groupedYuan) 元超过贷款\(l.loanNo)尚欠本金 \(l.outstanding.groupedYuan) 元")])
        }
        if paidOn > CivilDate.today() {
            throw StoreError.invalid([FieldProblem(field: field == "reference" ? "paid_on" : field, value: paidOn.iso, reason: "还款日期 \(paidOn.iso) 晚于今天")])
        }
        if let lentOn = l.lentOn, paidOn < lentOn {
            throw StoreError.invalid([FieldProblem(field: field == "reference" ? "paid_on" : field, value: paidOn.iso, reason: "还款日期早于放款日期 \(lentOn.iso)")])
        }
        let now = Clock.nowMillis()
        try await db.raw("""
            INSERT INTO loan_repayments (loan_id, paid_on, principal_fen, interest_fen, reference, recorded_by, created_at, source, payer)
            VALUES (\(bind: l.id), \(bind: paidOn.iso), \(bind: principal.fen), \(bind: interest.fen), \(bind: ref), \(bind: actor.displayName), \(bind: now),
                \(bind: source.rawValue), \(bind: payer))
            """).run()
        let closes = principal == l.outstanding
        let recovered: Int64 = source == .guarantor ? principal.fen + interest.fen : 0
        try await db.raw("""
            UPDATE loans SET repaid_principal_fen = repaid_principal_fen + \(bind: principal.fen), repaid_interest_fen = repaid_interest_fen + \(bind: interest.fen),
                recovered_fen = recovered_fen + \(bind: recovered),
                state = \(bind: closes ? "closed" : "repaying"), closed_on = \(bind: closes ? paidOn.iso : nil), version = version + 1, updated_at = \(bind: now)
            WHERE id = \(bind: l.id)
            """).run()
        try await db.raw("UPDATE loan_quotas SET used_fen = used_fen - \(bind: principal.fen), updated_at = \(bind: now) WHERE org_id = (SELECT county_org_id FROM loans WHERE id = \(bind: l.id))").run()
        let who = source == .guarantor ? "担保人\(payer ?? "")代偿" : "还款"
        try await audit.append(.init(action: source == .guarantor ? "loan.recover" : "loan.repay", entity: "loan", entityID: String(l.id), orgID: nil,
                                     orgPath: try await path(l.id, on: db),
                                     summary: "\(l.loanNo) \(l.name)：\(paidOn.iso) \(who)本金 \(principal.groupedYuan) 元、利息 \(interest.groupedYuan) 元（流水号 \(ref)）\(closes ? "，已结清" : "")"),
                               actor: actor, on: db)
    }

    /// Days overdue on `today` and the bucket, from the schedule and what was repaid.
    public func overdue(loanID: Int64, actor: Actor, today: CivilDate = .today()) async throws -> (days: Int, bucket: LoanOverdueBucket?) {
        try await database.read { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            let row = try await db.raw("SELECT repaid_interest_fen FROM loans WHERE id = \(bind: loanID)").first()!
            let schedule = try await Self.schedule(loanID, on: db)
            guard l.state == .repaying else { return (0, nil) }
            let days = LoanOverdueBucket.daysOverdue(schedule, repaidPrincipal: l.repaidPrincipal, repaidInterest: Money(fen: try row.decode(column: "repaid_interest_fen", as: Int64.self)),
                                                     today: today)
            return (days, LoanOverdueBucket.of(days: days))
        }
    }

    /// The county's quota and what its guarantees hold.
    public func quota(countyCode: String, actor: Actor, today: CivilDate = .today()) async throws -> (quota: Money, used: Money) {
        try await database.read { db in
            let county = try await OrgService.find(code: countyCode, scope: actor.scope, on: db)
            if let q = try await db.raw("SELECT quota_fen, used_fen FROM loan_quotas WHERE org_id = \(bind: county.id)").first() {
                return (Money(fen: try q.decode(column: "quota_fen", as: Int64.self)), Money(fen: try q.decode(column: "used_fen", as: Int64.self)))
            }
            let book = try await DisputeService.policy(on: db)
            return (Money(yuan: Int64(LoanRules.value(LoanPolicy.countyQuota, book: book, on: today).value)), .zero)
        }
    }

    /// The schedule as lent, the repayments, the guarantors (masked) and the assessment of a loan.
    public func details(loanID: Int64, actor: Actor) async throws -> LoanDetails {
        try await database.read { db in
            _ = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            let schedule = try await Self.schedule(loanID, on: db)
            let repayments = try await Self.repayments(loanID, on: db)
            let guarantors = try await db.raw("SELECT name, id_masked, employer, relation, amount_fen FROM loan_guarantors WHERE loan_id = \(bind: loanID) ORDER BY id").all().map { r in
                LoanGuarantor(name: try r.decode(column: "name", as: String.self), idNumber: nil, idMasked: try r.decode(column: "id_masked", as: String.self),
                              employer: try r.decode(column: "employer", as: String.self), relation: try r.decode(column: "relation", as: String.self),
                              amount: Money(fen: try r.decode(column: "amount_fen", as: Int64.self)))
            }
            let row = try await db.raw("SELECT feasibility_json, officer_name FROM loans WHERE id = \(bind: loanID)").first()!
            let feasibility = try row.decode(column: "feasibility_json", as: String?.self).flatMap { try? JSONDecoder().decode(LoanFeasibility.self, from: Data($0.utf8)) }
            let visits = try await db.raw("SELECT visited_on, officer_name, note, recorded_by FROM loan_visits WHERE loan_id = \(bind: loanID) ORDER BY visited_on DESC, id DESC").all().map { r in
                LoanVisit(visitedOn: try Rows.date(r, "visited_on") ?? CivilDate(daysSinceEpoch: 0), officer: try r.decode(column: "officer_name", as: String.self),
                          note: try r.decode(column: "note", as: String.self), recordedBy: try r.decode(column: "recorded_by", as: String.self))
            }
            let off = try await db.raw("SELECT written_off_on, write_off_reason FROM loans WHERE id = \(bind: loanID)").first()!
            return LoanDetails(schedule: schedule, repayments: repayments, guarantors: guarantors, feasibility: feasibility,
                               officer: try row.decode(column: "officer_name", as: String?.self), visits: visits,
                               writtenOffOn: try Rows.date(off, "written_off_on"), writeOffReason: try off.decode(column: "write_off_reason", as: String?.self))
        }
    }

    public func loans(state: LoanState? = nil, actor: Actor, limit: Int = 200) async throws -> [Loan] {
        try await database.read { db in
            var q = Self.select + " WHERE " + actor.scope.sql("o.path")
            if let state { q += " AND l.state = \(bind: state.rawValue)" }
            return try await db.raw(q + " ORDER BY l.id DESC LIMIT \(bind: min(max(limit, 1), 1000))").all().map(Self.loan)
        }
    }

    public func loan(id: Int64, actor: Actor) async throws -> Loan {
        try await database.read { db in try await Self.loan(id: id, scope: actor.scope, on: db) }
    }

    // MARK: Rows

    static func schedule(_ loanID: Int64, on db: any SQLDatabase) async throws -> [LoanInstalment] {
        try await db.raw("SELECT seq, due_on, principal_fen, interest_fen, subsidy_fen FROM loan_instalments WHERE loan_id = \(bind: loanID) ORDER BY seq").all().map(instalment)
    }

    static func instalment(_ r: any SQLRow) throws -> LoanInstalment {
        LoanInstalment(seq: try r.decode(column: "seq", as: Int.self), dueOn: try Rows.date(r, "due_on") ?? CivilDate(daysSinceEpoch: 0),
                       principal: Money(fen: try r.decode(column: "principal_fen", as: Int64.self)), interest: Money(fen: try r.decode(column: "interest_fen", as: Int64.self)),
                       subsidy: Money(fen: try r.decode(column: "subsidy_fen", as: Int64.self)))
    }

    static func repayments(_ loanID: Int64, on db: any SQLDatabase) async throws -> [LoanRepayment] {
        try await db.raw("SELECT paid_on, principal_fen, interest_fen, reference, source, payer FROM loan_repayments WHERE loan_id = \(bind: loanID) ORDER BY paid_on, id").all().map { r in
            LoanRepayment(paidOn: try Rows.date(r, "paid_on") ?? CivilDate(daysSinceEpoch: 0), principal: Money(fen: try r.decode(column: "principal_fen", as: Int64.self)),
                          interest: Money(fen: try r.decode(column: "interest_fen", as: Int64.self)), reference: try r.decode(column: "reference", as: String.self),
                          source: LoanRepaymentSource(rawValue: try r.decode(column: "source", as: String.self)) ?? .borrower, payer: try r.decode(column: "payer", as: String?.self))
        }
    }

    static func path(_ id: Int64, on db: any SQLDatabase) async throws -> String {
        try await db.raw("SELECT o.path FROM loans l JOIN orgs o ON o.id = l.org_id WHERE l.id = \(bind: id)").first()!.decode(column: "path", as: String.self)
    }

    static func loan(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> Loan {
        guard let row = try await db.raw(select + " WHERE l.id = \(bind: id) AND " + scope.sql("o.path")).first() else { throw StoreError.notFound(entity: "贷款", key: String(id)) }
        return try loan(row)
    }

    static func loan(_ r: any SQLRow) throws -> Loan {
        Loan(id: try r.decode(column: "id", as: Int64.self), loanNo: try r.decode(column: "loan_no", as: String.self), memberID: try r.decode(column: "member_id", as: Int64.self),
             name: try r.decode(column: "name", as: String.self), orgCode: try r.decode(column: "org_code", as: String.self),
             countyCode: try r.decode(column: "county_code", as: String.self), state: LoanState(rawValue: try r.decode(column: "state", as: String.self)) ?? .applied,
             basis: LoanBasis(rawValue: try r.decode(column: "basis", as: String.self)) ?? .registeredUnemployed,
             projectKind: LoanProjectKind(rawValue: try r.decode(column: "project_kind", as: String.self)) ?? .other,
             projectName: try r.decode(column: "project_name", as: String.self), amount: Money(fen: try r.decode(column: "amount_fen", as: Int64.self)),
             approved: try r.decode(column: "approved_fen", as: Int64?.self).map { Money(fen: $0) }, lent: try r.decode(column: "lent_fen", as: Int64?.self).map { Money(fen: $0) },
             lentOn: try Rows.date(r, "lent_on"), repaidPrincipal: Money(fen: try r.decode(column: "repaid_principal_fen", as: Int64.self)),
             reason: try r.decode(column: "reason", as: String?.self), version: try r.decode(column: "version", as: Int.self),
             officer: try r.decode(column: "officer_name", as: String?.self), jobsCreated: try r.decode(column: "jobs_created", as: Int.self),
             writtenOff: try r.decode(column: "written_off_fen", as: Int64?.self).map { Money(fen: $0) }, recovered: Money(fen: try r.decode(column: "recovered_fen", as: Int64.self)))
    }
}
