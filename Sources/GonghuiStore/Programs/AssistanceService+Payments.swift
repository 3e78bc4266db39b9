import Foundation
import GonghuiDomain
import SQLKit

/// Paying (发放): batches, the bank's file and results, failed payments put right.
extension AssistanceService {
    // MARK: Paying

    /// Puts every approved grant whose budget is the actor's union's (or, for the system, every
    /// approved grant of the cycle) into a new batch.
    /// `toCard`: lines of members holding an active member service card are paid to the card's
    /// account (会员服务卡) instead of the account on the application.
    public func createBatch(cycleID: Int64, toCard: Bool = false, actor: Actor) async throws -> PaymentBatch {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权生成发放批次") }
        let audit = self.audit
        return try await database.write { db in
            let c = try await Self.cycle(id: cycleID, scope: actor.scope, on: db)
            var q: SQLQueryString = "SELECT g.id, g.member_id, g.name, g.bank_name, g.bank_account_enc, g.bank_account_masked, g.amount_fen, g.attempts, g.budget_org_id FROM grants g WHERE g.cycle_id = \(bind: cycleID) AND g.state = 'approved'"
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
            var lines: [NewPaymentLine] = []
            for row in rows {
                let gid = try row.decode(column: "id", as: Int64.self)
                let attempt = try row.decode(column: "attempts", as: Int.self) + 1
                // The reference names the grant and the attempt: a result applies to one payment only.
                lines.append(NewPaymentLine(grantID: gid, claimID: nil, memberID: try row.decode(column: "member_id", as: Int64?.self), attempt: attempt, reference: String(format: "GH%06lld-%06lld-%d", cycleID, gid, attempt),
                                            name: try row.decode(column: "name", as: String.self), bankName: try row.decode(column: "bank_name", as: String.self),
                                            accountEnc: try row.decode(column: "bank_account_enc", as: String.self),
                                            accountMasked: try row.decode(column: "bank_account_masked", as: String.self),
                                            amount: try row.decode(column: "amount_fen", as: Int64.self)))
            }
            let (batchID, batchNo) = try await Self.insertBatch(cycleID: cycleID, roundID: nil, orgID: orgID, lines: try await Self.toCards(lines, toCard, on: db),
                                                                actor: actor, on: db)
            for line in lines {
                let gid = line.grantID!
                let moved = try await db.raw("UPDATE grants SET state = 'in_batch', batch_id = \(bind: batchID), attempts = \(bind: line.attempt), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: gid) AND state = 'approved' RETURNING id").first()
                if moved == nil { throw StoreError.staleVersion(entity: "帮扶申请", key: String(gid)) }
                try await Self.event(gid, "batched", "编入发放批次 \(batchNo)，参考号 \(line.reference)", actor, on: db)
            }
            try await audit.append(.init(action: "payment.batch", entity: "payment_batch", entityID: String(batchID), orgID: orgID, orgPath: actor.scope.path,
                                         summary: "\(c.name) 生成发放批次 \(batchNo)：\(rows.count) 笔，合计 \(Money(fen: total).yuanString) 元"), actor: actor, on: db)
            return try await Self.batch(id: batchID, on: db)
        }
    }

    /// A line about to be paid: a grant's or a claim's, with its attempt's reference.
    struct NewPaymentLine {
        var grantID: Int64?
        var claimID: Int64?
        var memberID: Int64?
        var attempt: Int
        var reference: String
        var name: String
        var bankName: String
        var accountEnc: String
        var accountMasked: String
        var amount: Int64
    }

    /// With `toCard`, each line whose member holds an active member service card is paid to the
    /// card: its sealed number, masked form and the card's name in place of the line's account.
    static func toCards(_ lines: [NewPaymentLine], _ toCard: Bool, on db: any SQLDatabase) async throws -> [NewPaymentLine] {
        guard toCard else { return lines }
        var out = lines
        for i in out.indices {
            guard let member = out[i].memberID,
                  let card = try await db.raw("SELECT card_enc, card_masked FROM member_cards WHERE member_id = \(bind: member) AND state = 'active' AND card_enc IS NOT NULL").first()
            else { continue }
            out[i].bankName = "工会会员服务卡"
            out[i].accountEnc = try card.decode(column: "card_enc", as: String.self)
            out[i].accountMasked = try card.decode(column: "card_masked", as: String.self)
        }
        return out
    }

    /// Writes a batch and its lines, for a cycle's grants or a round's claims. Made by an officer
    /// while duties are separated, the batch waits for another to approve it; a system job, or a
    /// province that does not separate them, approves it in making.
    static func insertBatch(cycleID: Int64?, roundID: Int64?, orgID: Int64, lines: [NewPaymentLine], actor: Actor, on db: any SQLDatabase) async throws -> (Int64, String) {
        let now = Clock.nowMillis()
        let total = lines.reduce(Int64(0)) { $0 + $1.amount }
        let separated = try await dutiesSeparated(on: db)
        let approved = actor.isSystem || !separated
        let batchID = try await db.raw("""
            INSERT INTO payment_batches (batch_no, cycle_id, round_id, org_id, state, line_count, total_fen, created_by, created_by_user, created_at, approved_by, approved_by_user, approved_at)
            VALUES (\(bind: "new-" + UUID().uuidString), \(bind: cycleID), \(bind: roundID), \(bind: orgID), \(bind: approved ? "approved" : "open"), \(bind: lines.count), \(bind: total),
                    \(bind: actor.displayName), \(bind: actor.username), \(bind: now), \(bind: approved ? actor.displayName : nil), \(bind: approved ? actor.username : nil),
                    \(bind: approved ? now : nil)) RETURNING id
            """).first()!.decode(column: "id", as: Int64.self)
        let batchNo = String(format: "PB%06lld", batchID)
        try await db.raw("UPDATE payment_batches SET batch_no = \(bind: batchNo) WHERE id = \(bind: batchID)").run()
        for line in lines {
            try await db.raw("""
                INSERT INTO payment_lines (batch_id, grant_id, claim_id, reference, name, bank_name, account_enc, account_masked, amount_fen, result)
                VALUES (\(bind: batchID), \(bind: line.grantID), \(bind: line.claimID), \(bind: line.reference), \(bind: line.name), \(bind: line.bankName),
                        \(bind: line.accountEnc), \(bind: line.accountMasked), \(bind: line.amount), 'pending')
                """).run()
        }
        return (batchID, batchNo)
    }

    public func batches(cycleID: Int64, actor: Actor) async throws -> [PaymentBatch] {
        try await database.read { db in
            try await db.raw(Self.batchSelect + " WHERE b.cycle_id = \(bind: cycleID) AND " + actor.scope.sql("o.path") + " ORDER BY b.id").all().map(Self.batch)
        }
    }

    public func batch(id: Int64, actor: Actor) async throws -> PaymentBatch {
        try await database.read { db in try await Self.batch(id: id, scope: actor.scope, on: db) }
    }

    /// Approves a batch someone else made (职责分离): its file may then go to the bank.
    public func approveBatch(id: Int64, actor: Actor) async throws -> PaymentBatch {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权批准发放批次") }
        let audit = self.audit
        return try await database.write { db in
            let b = try await Self.batch(id: id, scope: actor.scope, on: db)
            guard b.state == "open" else { throw StoreError.conflict(code: "batch_not_open", message: "发放批次 \(b.batchNo) 已批准") }
            if !actor.isSystem, try await Self.dutiesSeparated(on: db),
               let refusal = DutySeparation.refusal(approver: actor.username, parts: [(.made, b.createdByUser)], what: "发放批次") {
                throw StoreError.conflict(code: "duties_separated", message: refusal)
            }
            let now = Clock.nowMillis()
            let moved = try await db.raw("""
                UPDATE payment_batches SET state = 'approved', approved_by = \(bind: actor.displayName), approved_by_user = \(bind: actor.username), approved_at = \(bind: now)
                WHERE id = \(bind: id) AND state = 'open' RETURNING id
                """).first()
            guard moved != nil else { throw StoreError.staleVersion(entity: "发放批次", key: String(id)) }
            try await audit.append(.init(action: "payment.approve", entity: "payment_batch", entityID: String(id), orgID: nil, orgPath: actor.scope.path,
                                         summary: "批准发放批次 \(b.batchNo)：\(b.lineCount) 笔，合计 \(b.total.yuanString) 元（生成：\(b.createdBy)）"), actor: actor, on: db)
            return try await Self.batch(id: id, on: db)
        }
    }

    /// The bank's file: accounts in full, only once the batch is approved. Audited; the batch
    /// is marked as sent.
    public func exportBatch(id: Int64, actor: Actor) async throws -> (PaymentBatch, [PaymentLine]) {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权导出银行发放文件") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let b = try await Self.batch(id: id, scope: actor.scope, on: db)
            guard b.state != "open" else {
                throw StoreError.conflict(code: "batch_not_approved", message: "发放批次 \(b.batchNo) 尚未批准，批准后才能导出银行文件")
            }
            let lines = try await db.raw("SELECT reference, name, bank_name, account_enc, amount_fen, result, failure_reason FROM payment_lines WHERE batch_id = \(bind: id) ORDER BY id").all().map { row in
                PaymentLine(reference: try row.decode(column: "reference", as: String.self), name: try row.decode(column: "name", as: String.self),
                            bankName: try row.decode(column: "bank_name", as: String.self), account: try cipher.open(try row.decode(column: "account_enc", as: String.self)),
                            amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)), result: try row.decode(column: "result", as: String.self),
                            failureReason: try row.decode(column: "failure_reason", as: String?.self))
            }
            if b.state == "approved" { try await db.raw("UPDATE payment_batches SET state = 'exported' WHERE id = \(bind: id)").run() }
            try await audit.append(.init(action: "payment.export", entity: "payment_batch", entityID: String(id), orgID: nil, orgPath: actor.scope.path,
                                         summary: "导出发放批次 \(b.batchNo) 的银行文件：\(lines.count) 笔，合计 \(b.total.yuanString) 元（含完整账号）"), actor: actor, on: db)
            return (try await Self.batch(id: id, on: db), lines)
        }
    }

    /// Records the bank's results, all or nothing: every row must name a line of this batch,
    /// and a line already paid stays paid (the same result again is counted, not applied twice).
    /// Recorded by an officer while duties are separated, the results wait for another officer
    /// to confirm them (`confirmBankResults`); a system job's apply at once.
    public func recordBankResults(batchID: Int64, _ results: [BankResult], fileName: String? = nil, actor: Actor) async throws -> BankResultSummary {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权登记银行回单") }
        let audit = self.audit
        return try await database.write { db in
            let b = try await Self.batch(id: batchID, scope: actor.scope, on: db)
            guard b.state != "open" else { throw StoreError.conflict(code: "batch_not_approved", message: "发放批次 \(b.batchNo) 尚未批准，不能登记银行回单") }
            if b.pendingResults != nil {
                throw StoreError.conflict(code: "results_pending", message: "发放批次 \(b.batchNo) 已有一份银行回单等待复核，请先复核或退回")
            }
            let (plan, already) = try await Self.plan(results, batch: b, on: db)
            let rule = try await Self.dutiesSeparated(on: db)
            // Results that change nothing (all recorded before) need no second person.
            if !actor.isSystem && rule && !plan.isEmpty {
                let paid = plan.filter { $0.0.paid }
                let paidFen = paid.reduce(Int64(0)) { $0 + $1.amount }
                let json = String(decoding: try JSONEncoder().encode(results), as: UTF8.self)
                try await db.raw("""
                    INSERT INTO bank_result_uploads (batch_id, file_name, results_json, paid_count, failed_count, paid_fen, recorded_by, recorded_by_user, recorded_at)
                    VALUES (\(bind: batchID), \(bind: fileName), \(bind: json), \(bind: paid.count), \(bind: plan.count - paid.count), \(bind: paidFen),
                            \(bind: actor.displayName), \(bind: actor.username), \(bind: Clock.nowMillis()))
                    """).run()
                try await audit.append(.init(action: "payment.results_recorded", entity: "payment_batch", entityID: String(batchID), orgID: nil, orgPath: actor.scope.path,
                                             summary: "登记发放批次 \(b.batchNo) 的银行回单（待复核）：成功 \(paid.count) 笔 \(Money(fen: paidFen).yuanString) 元，失败 \(plan.count - paid.count) 笔"),
                                       actor: actor, on: db)
                return BankResultSummary(paid: paid.count, failed: plan.count - paid.count, alreadyRecorded: already, paidTotal: Money(fen: paidFen),
                                         batchReconciled: false, awaitingConfirmation: true)
            }
            return try await Self.apply(plan, already: already, batch: b, actor: actor, audit: audit, on: db)
        }
    }

    /// Confirms (or sends back) bank results another officer recorded: confirmed, they are
    /// applied to the grants as they stood when checked again now.
    public func confirmBankResults(batchID: Int64, approve: Bool, note: String = "", actor: Actor) async throws -> BankResultSummary {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权复核银行回单") }
        if !approve && note.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalid([FieldProblem(field: "note", value: "", reason: "退回时必须填写理由")])
        }
        let audit = self.audit
        return try await database.write { db in
            let b = try await Self.batch(id: batchID, scope: actor.scope, on: db)
            guard let pending = b.pendingResults else {
                throw StoreError.conflict(code: "no_pending_results", message: "发放批次 \(b.batchNo) 没有等待复核的银行回单")
            }
            if !actor.isSystem, try await Self.dutiesSeparated(on: db),
               let refusal = DutySeparation.refusal(approver: actor.username, parts: [(.recorded, pending.recordedByUser)], what: "银行回单") {
                throw StoreError.conflict(code: "duties_separated", message: refusal)
            }
            let now = Clock.nowMillis()
            let decided = try await db.raw("""
                UPDATE bank_result_uploads SET state = \(bind: approve ? "confirmed" : "returned"), decided_by_user = \(bind: actor.username), decided_at = \(bind: now),
                    note = \(bind: note.isEmpty ? nil : note) WHERE id = \(bind: pending.id) AND state = 'pending' RETURNING results_json
                """).first()
            guard let decided else { throw StoreError.staleVersion(entity: "银行回单", key: String(pending.id)) }
            guard approve else {
                try await audit.append(.init(action: "payment.results_returned", entity: "payment_batch", entityID: String(batchID), orgID: nil, orgPath: actor.scope.path,
                                             summary: "退回发放批次 \(b.batchNo) 的银行回单（登记：\(pending.recordedBy)）：\(note)"), actor: actor, on: db)
                return BankResultSummary(paid: 0, failed: 0, alreadyRecorded: 0, paidTotal: .zero, batchReconciled: false)
            }
            let results = try JSONDecoder().decode([BankResult].self, from: Data(try decided.decode(column: "results_json", as: String.self).utf8))
            let (plan, already) = try await Self.plan(results, batch: b, on: db)
            return try await Self.apply(plan, already: already, batch: b, actor: actor, audit: audit, confirming: pending, on: db)
        }
    }

    typealias ResultPlan = [(BankResult, lineID: Int64, grantID: Int64?, claimID: Int64?, amount: Int64)]

    /// Checks every result against the batch: all or nothing, each problem named by its row.
    static func plan(_ results: [BankResult], batch b: PaymentBatch, on db: any SQLDatabase) async throws -> (ResultPlan, already: Int) {
        var problems: [FieldProblem] = []
        var seen = Set<String>()
        var plan: ResultPlan = []
        var already = 0
        for r in results {
            let field = "第 \(r.row) 行"
            guard seen.insert(r.reference).inserted else { problems.append(FieldProblem(field: field, value: r.reference, reason: "参考号在文件中重复")); continue }
            guard let line = try await db.raw("SELECT id, grant_id, claim_id, amount_fen, result FROM payment_lines WHERE batch_id = \(bind: b.id) AND reference = \(bind: r.reference)").first() else {
                problems.append(FieldProblem(field: field, value: r.reference, reason: "参考号不属于发放批次 \(b.batchNo)")); continue
            }
            let current = try line.decode(column: "result", as: String.self)
            switch r.check(current: current, batchMadeOn: CivilDate(daysSinceEpoch: Int(b.createdAt / 86_400_000)), today: CivilDate.today()) {
            case .alreadyRecorded: already += 1; continue
            case .refused(let value, let reason): problems.append(FieldProblem(field: field, value: value, reason: reason)); continue
            case .apply: break
            }
            plan.append((r, try line.decode(column: "id", as: Int64.self), try line.decode(column: "grant_id", as: Int64?.self), try line.decode(column: "claim_id", as: Int64?.self),
                        try line.decode(column: "amount_fen", as: Int64.self)))
        }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        return (plan, already)
    }

    /// Applies checked results: lines and grants paid or failed, the budget's paid total, the
    /// batch reconciled once no line waits.
    static func apply(_ plan: ResultPlan, already: Int, batch b: PaymentBatch, actor: Actor, audit: AuditWriter, confirming: PendingBankResults? = nil,
                      on db: any SQLDatabase) async throws -> BankResultSummary {
        let batchID = b.id
        let now = Clock.nowMillis()
        let today = CivilDate.today()
        var paid = 0, failed = 0
        var paidTotal: Int64 = 0
        for (r, lineID, grantID, claimID, amount) in plan {
            let reason = r.reason?.trimmingCharacters(in: .whitespaces)
            try await db.raw("UPDATE payment_lines SET result = \(bind: r.paid ? "paid" : "failed"), failure_reason = \(bind: r.paid ? nil : reason), result_at = \(bind: now) WHERE id = \(bind: lineID) AND result = 'pending'").run()
            if let claimID {
                try await MutualAidService.applyBankResult(claimID: claimID, paid: r.paid, on: r.on ?? today, reason: reason, reference: r.reference, on: db)
                if r.paid { paid += 1; paidTotal += amount } else { failed += 1 }
                continue
            }
            guard let grantID else { continue }
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
        let by = confirming.map { "（登记：\($0.recordedBy)，复核确认）" } ?? ""
        try await audit.append(.init(action: "payment.results", entity: "payment_batch", entityID: String(batchID), orgID: nil, orgPath: actor.scope.path,
                                     summary: "登记发放批次 \(b.batchNo) 的银行回单\(by)：成功 \(paid) 笔 \(Money(fen: paidTotal).yuanString) 元，失败 \(failed) 笔，已登记过 \(already) 笔"),
                               actor: actor, on: db)
        return BankResultSummary(paid: paid, failed: failed, alreadyRecorded: already, paidTotal: Money(fen: paidTotal), batchReconciled: pending == 0)
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

    /// The lines of a batch in the actor's scope, accounts masked.
    public func batchLines(id: Int64, actor: Actor) async throws -> [PaymentLineView] {
        try await database.read { db in
            _ = try await Self.batch(id: id, scope: actor.scope, on: db)
            return try await db.raw("SELECT grant_id, claim_id, reference, name, bank_name, account_masked, amount_fen, result, failure_reason FROM payment_lines WHERE batch_id = \(bind: id) ORDER BY id").all().map { row in
                PaymentLineView(grantID: try row.decode(column: "grant_id", as: Int64?.self), claimID: try row.decode(column: "claim_id", as: Int64?.self), reference: try row.decode(column: "reference", as: String.self),
                                name: try row.decode(column: "name", as: String.self), bankName: try row.decode(column: "bank_name", as: String.self),
                                accountMasked: try row.decode(column: "account_masked", as: String.self),
                                amount: Money(fen: try row.decode(column: "amount_fen", as: Int64.self)), result: try row.decode(column: "result", as: String.self),
                                failureReason: try row.decode(column: "failure_reason", as: String?.self))
            }
        }
    }
}
