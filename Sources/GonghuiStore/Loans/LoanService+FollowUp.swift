import Foundation
import GonghuiDomain
import SQLKit

/// Following a loan up (跟踪管理): the officer's visits to the project, the bank's repayment file
/// (all rows or none), a guarantor's payment recovering what the borrower owes, and a write-off
/// once the guarantee fund has paid the bank — each keeping the loan's history.
extension LoanService {
    /// A visit to the project with the officer's notes; the officer named becomes the loan's
    /// follow-up officer (跟踪责任人).
    public func recordVisit(loanID: Int64, visitedOn: CivilDate, officer: String, note: String, actor: Actor, today: CivilDate = .today()) async throws {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记回访") }
        let name = officer.trimmingCharacters(in: .whitespaces), text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if visitedOn > today { problems.append(FieldProblem(field: "visited_on", value: visitedOn.iso, reason: "回访日期不能晚于今天")) }
        if name.isEmpty || name.count > 40 { problems.append(FieldProblem(field: "officer", value: name, reason: "请填写回访人（最多 40 字）")) }
        if text.isEmpty || text.count > 1000 { problems.append(FieldProblem(field: "note", value: "", reason: "请填写回访情况（最多 1000 字）")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        try await database.write { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            guard [.approved, .repaying, .closed, .writtenOff].contains(l.state) else {
                throw StoreError.conflict(code: "loan_state", message: "贷款当前为“\(l.state.title)”，尚未担保，不需回访")
            }
            try await db.raw("""
                INSERT INTO loan_visits (loan_id, visited_on, officer_name, note, recorded_by, created_at)
                VALUES (\(bind: loanID), \(bind: visitedOn.iso), \(bind: name), \(bind: text), \(bind: actor.displayName), \(bind: Clock.nowMillis()))
                """).run()
            try await db.raw("UPDATE loans SET officer_name = \(bind: name), updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: loanID)").run()
            try await audit.append(.init(action: "loan.visit", entity: "loan", entityID: String(loanID), orgID: nil, orgPath: try await Self.path(loanID, on: db),
                                         summary: "\(l.loanNo) \(l.name)：\(visitedOn.iso) \(name) 回访"), actor: actor, on: db)
        }
    }

    /// What a guarantor paid for the borrower (担保人代偿): while the loan is repaid it counts as a
    /// repayment (the quota freed, the loan closed when nothing is left); after a write-off it is
    /// what the fund recovered.
    public func recoverFromGuarantor(loanID: Int64, guarantor: String, paidOn: CivilDate, principal: Money, interest: Money, reference: String,
                                     actor: Actor, today: CivilDate = .today()) async throws -> Loan {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权登记代偿") }
        let ref = reference.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if ref.isEmpty || ref.count > 60 { problems.append(FieldProblem(field: "reference", value: ref, reason: "请填写银行流水号（最多 60 字）")) }
        if principal.isNegative || interest.isNegative || (principal + interest).isZero {
            problems.append(FieldProblem(field: "principal", value: principal.yuanString, reason: "代偿本金、利息不能为负，且不能都为 0"))
        }
        if paidOn > today { problems.append(FieldProblem(field: "paid_on", value: paidOn.iso, reason: "日期不能晚于今天")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            let names = try await db.raw("SELECT name FROM loan_guarantors WHERE loan_id = \(bind: loanID)").all().map { try $0.decode(column: "name", as: String.self) }
            guard names.contains(guarantor) else {
                throw StoreError.invalid([FieldProblem(field: "guarantor", value: guarantor, reason: "不是本笔贷款的担保人（担保人：\(names.joined(separator: "、"))）")])
            }
            switch l.state {
            case .repaying:
                try await Self.repay(l, paidOn: paidOn, principal: principal, interest: interest, reference: ref, source: .guarantor, payer: guarantor,
                                     actor: actor, audit: audit, on: db)
            case .writtenOff:
                if try await db.raw("SELECT 1 AS one FROM loan_repayments WHERE reference = \(bind: ref)").first() != nil {
                    throw StoreError.invalid([FieldProblem(field: "reference", value: ref, reason: "流水号 \(ref) 已登记过")])
                }
                let owed = (l.writtenOff ?? .zero) - l.recovered
                guard principal + interest <= owed else {
                    throw StoreError.invalid([FieldProblem(field: "principal", value: (principal + interest).yuanString,
                                                           reason: "超过担保基金代偿后尚未追回的 \(owed.groupedYuan) 元")])
                }
                let now = Clock.nowMillis()
                try await db.raw("""
                    INSERT INTO loan_repayments (loan_id, paid_on, principal_fen, interest_fen, reference, recorded_by, created_at, source, payer)
                    VALUES (\(bind: loanID), \(bind: paidOn.iso), \(bind: principal.fen), \(bind: interest.fen), \(bind: ref), \(bind: actor.displayName), \(bind: now),
                        'guarantor', \(bind: guarantor))
                    """).run()
                try await db.raw("""
                    UPDATE loans SET recovered_fen = recovered_fen + \(bind: (principal + interest).fen), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: loanID)
                    """).run()
                try await audit.append(.init(action: "loan.recover", entity: "loan", entityID: String(loanID), orgID: nil, orgPath: try await Self.path(loanID, on: db),
                                             summary: "\(l.loanNo) \(l.name)：核销后向担保人\(guarantor)追回 \((principal + interest).groupedYuan) 元（流水号 \(ref)）"),
                                       actor: actor, on: db)
            default:
                throw StoreError.conflict(code: "loan_state", message: "贷款当前为“\(l.state.title)”，不能登记代偿")
            }
            return try await Self.loan(id: loanID, scope: .everything, on: db)
        }
    }

    /// The write-off (核销): a loan overdue at least the province's days, the guarantee fund having
    /// paid the bank what was owed. The principal owed becomes the fund's loss, the quota is freed,
    /// the schedule and repayments stay; never by the officer who recorded the loan.
    public func writeOff(loanID: Int64, on day: CivilDate, reason: String, actor: Actor, today: CivilDate = .today()) async throws -> Loan {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权核销贷款") }
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if why.isEmpty || why.count > 500 { problems.append(FieldProblem(field: "write_off_reason", value: "", reason: "请写明核销理由和担保基金代偿情况（最多 500 字）")) }
        if day > today { problems.append(FieldProblem(field: "written_off_on", value: day.iso, reason: "核销日期不能晚于今天")) }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let l = try await Self.loan(id: loanID, scope: actor.scope, on: db)
            guard l.state == .repaying else { throw StoreError.conflict(code: "loan_state", message: "贷款当前为“\(l.state.title)”，不能核销") }
            let recorded = try await db.raw("SELECT recorded_by, repaid_interest_fen FROM loans WHERE id = \(bind: loanID)").first()!
            if !actor.isSystem, try await AssistanceService.dutiesSeparated(on: db, today: today),
               let refusal = DutySeparation.refusal(approver: actor.username, parts: [(.recorded, try recorded.decode(column: "recorded_by", as: String?.self))], what: "贷款核销") {
                throw StoreError.conflict(code: "duties_separated", message: refusal)
            }
            let days = LoanOverdueBucket.daysOverdue(try await Self.schedule(loanID, on: db), repaidPrincipal: l.repaidPrincipal,
                                                     repaidInterest: Money(fen: try recorded.decode(column: "repaid_interest_fen", as: Int64.self)), today: day)
            let rule = LoanRules.value(LoanPolicy.writeOffOverdueDays, book: try await DisputeService.policy(on: db), on: day)
            guard days >= rule.value else {
                throw StoreError.invalid([FieldProblem(field: "written_off_on", value: day.iso,
                                                       reason: "截至 \(day.iso) 逾期 \(days) 天，不足 \(rule.value) 天，不能代偿核销（\(rule.source)）")])
            }
            let owed = l.outstanding, now = Clock.nowMillis()
            try await db.raw("""
                UPDATE loans SET state = 'written_off', written_off_fen = \(bind: owed.fen), written_off_on = \(bind: day.iso), write_off_reason = \(bind: why),
                    closed_on = \(bind: day.iso), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: loanID) AND version = \(bind: l.version)
                """).run()
            try await db.raw("UPDATE loan_quotas SET used_fen = used_fen - \(bind: owed.fen), updated_at = \(bind: now) WHERE org_id = (SELECT county_org_id FROM loans WHERE id = \(bind: loanID))").run()
            try await audit.append(.init(action: "loan.write_off", entity: "loan", entityID: String(loanID), orgID: nil, orgPath: try await Self.path(loanID, on: db),
                                         summary: "\(l.loanNo) \(l.name)：逾期 \(days) 天，担保基金代偿本金 \(owed.groupedYuan) 元后核销（\(why)）"), actor: actor, on: db)
            return try await Self.loan(id: loanID, scope: .everything, on: db)
        }
    }

    /// The bank's repayment file, all rows or none: every row names its loan by number (and, if the
    /// file has it, the borrower's name, which must match); each problem names its row.
    public func importRepayments(_ rows: [LoanRepaymentRow], fileName: String, actor: Actor) async throws -> (count: Int, principal: Money, interest: Money, closed: Int) {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权登记还款") }
        let audit = self.audit
        return try await database.write { db -> (count: Int, principal: Money, interest: Money, closed: Int) in
            var problems: [FieldProblem] = []
            var seen: [String: Int] = [:]
            var loans: [String: Loan] = [:]
            for r in rows {
                let at = "第 \(r.row) 行"
                if let first = seen[r.reference] {
                    problems.append(FieldProblem(field: "\(at) 流水号", value: r.reference, reason: "与第 \(first) 行重复")); continue
                }
                seen[r.reference] = r.row
                var loan = loans[r.loanNo]
                if loan == nil {
                    guard let row = try await db.raw(Self.select + " WHERE l.loan_no = \(bind: r.loanNo) AND " + actor.scope.sql("o.path")).first() else {
                        problems.append(FieldProblem(field: "\(at) 贷款编号", value: r.loanNo, reason: "找不到这笔贷款（或不在本单位范围内）")); continue
                    }
                    loan = try Self.loan(row)
                }
                guard var l = loan else { continue }
                if let name = r.name, !name.isEmpty, name != l.name {
                    problems.append(FieldProblem(field: "\(at) 姓名", value: name, reason: "与贷款\(l.loanNo)的借款人“\(l.name)”不符")); continue
                }
                do {
                    try await Self.repay(l, paidOn: r.paidOn, principal: r.principal, interest: r.interest, reference: r.reference, source: .borrower, payer: nil,
                                         actor: actor, audit: audit, field: at, on: db)
                    l = try await Self.loan(id: l.id, scope: .everything, on: db)
                    loans[r.loanNo] = l
                } catch StoreError.invalid(let ps) {
                    problems += ps.map { FieldProblem(field: $0.field.hasPrefix("第") ? $0.field : "\(at) \($0.field)", value: $0.value, reason: $0.reason) }
                } catch StoreError.conflict(_, let message, _) {
                    problems.append(FieldProblem(field: "\(at) 贷款编号", value: r.loanNo, reason: message))
                }
            }
            if rows.isEmpty { problems.append(FieldProblem(field: "第 2 行", value: "", reason: "文件中没有还款记录")) }
            // Nothing is kept unless every row is good: the transaction rolls back.
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let principal = rows.reduce(Money.zero) { $0 + $1.principal }, interest = rows.reduce(Money.zero) { $0 + $1.interest }
            let closed = loans.values.filter { $0.state == .closed }.count
            try await audit.append(.init(action: "loan.repayments_file", entity: "loan", entityID: fileName, orgID: actor.orgID, orgPath: nil,
                                         summary: "导入银行还款明细 \(fileName)：\(rows.count) 笔，本金 \(principal.groupedYuan) 元，利息 \(interest.groupedYuan) 元，结清 \(closed) 笔"),
                                   actor: actor, on: db)
            return (rows.count, principal, interest, closed)
        }
    }
}
