import Foundation
import GonghuiAPI
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// The loans API: the loans of the caller's subtree, one loan with its schedule and repayments,
/// a node's figures, and the bank's repayments recorded all or none.
struct LoanRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("loans", use: list)
        api.get("loans/figures", use: figures)
        api.post("loans/repayments", use: repayments)
        api.get("loans/:id", use: loan)
    }

    static func json(_ l: Loan) -> API.Loan {
        API.Loan(id: l.id, loanNo: l.loanNo, name: l.name, orgCode: l.orgCode, countyCode: l.countyCode, state: l.state.rawValue, basis: l.basis.rawValue,
                 projectKind: l.projectKind.rawValue, projectName: l.projectName, amountFen: l.amount.fen, approvedFen: l.approved?.fen, lentFen: l.lent?.fen,
                 lentOn: l.lentOn?.iso, outstandingFen: l.outstanding.fen, jobsCreated: l.jobsCreated, officer: l.officer, reason: l.reason,
                 writtenOffFen: l.writtenOff?.fen, recoveredFen: l.recovered.fen, version: l.version)
    }

    // GET loans?state=&limit=
    func list(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        let state = q.choice("state", allowed: LoanState.allCases.map(\.rawValue), LoanState.init(rawValue:))
        let limit = q.int("limit", default: 50, min: 1, max: 500)
        try q.check()
        let items = try await store.loans.loans(state: state, actor: context.actor, limit: limit)
        return try JSONResponse.make(ItemsJSON(items: items.map(Self.json)))
    }

    // GET loans/:id
    func loan(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        let l = try await store.loans.loan(id: id, actor: context.actor)
        let d = try await store.loans.details(loanID: id, actor: context.actor)
        let overdue = try await store.loans.overdue(loanID: id, actor: context.actor)
        return try JSONResponse.make(API.LoanDetail(
            loan: Self.json(l),
            schedule: d.schedule.map { .init(seq: $0.seq, dueOn: $0.dueOn.iso, principalFen: $0.principal.fen, interestFen: $0.interest.fen, subsidyFen: $0.subsidy.fen,
                                             borrowerPaysFen: $0.borrowerPays.fen) },
            repayments: d.repayments.map { .init(paidOn: $0.paidOn.iso, principalFen: $0.principal.fen, interestFen: $0.interest.fen, reference: $0.reference,
                                                 source: $0.source.rawValue, payer: $0.payer) },
            overdueDays: overdue.days, overdueBucket: overdue.bucket?.rawValue))
    }

    // GET loans/figures?org=&year=
    func figures(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        let code = q.string("org", maxLength: 64) ?? context.actor.orgCode
        let today = CivilDate.today()
        let year = q.int("year", default: today.year, min: 2000, max: 2100)
        try q.check()
        guard let code else { throw APIError.validation([FieldProblem(field: "org", value: "", reason: "请指定工会代码")]) }
        guard year <= today.year else { throw APIError.validation([FieldProblem(field: "year", value: String(year), reason: "不能晚于今年")]) }
        let f = try await store.loans.figures(orgCode: code, year: year, asOf: year == today.year ? today : CivilDate(year: year, month: 12, day: 31)!,
                                              actor: context.actor)
        return try JSONResponse.make(API.LoanFigures(orgCode: f.orgCode, orgName: f.orgName, year: f.year, asOf: f.asOf.iso, rows: f.rows.map { r in
            .init(orgCode: r.orgCode, orgName: r.orgName, grantedLoans: r.grantedLoans, grantedFen: r.grantedFen, peopleHelped: r.peopleHelped,
                  jobsCreated: r.jobsCreated, outstandingLoans: r.outstandingLoans, outstandingFen: r.outstandingFen,
                  overdueLoans: .init(additionalProperties: r.overdueLoans), overdueFen: .init(additionalProperties: r.overdueFen), overdueRate: r.overdueRate,
                  writtenOffFen: r.writtenOffFen, recoveredFen: r.recoveredFen, quotaFen: r.quotaFen, quotaUsedFen: r.quotaUsedFen)
        }))
    }

    // POST loans/repayments
    func repayments(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let fileName = body.string("fileName", maxLength: 200) ?? "API"
        var rows: [LoanRepaymentRow] = []
        let items = body.objects("rows", maxCount: 5000)
        if items == nil { body.missing("rows") }
        if let items, items.isEmpty { body.problem("rows", "[]", "至少一笔还款") }
        for (i, var item) in (items ?? []).enumerated() {
            let loanNo = item.string("loanNo", required: true, maxLength: 40)
            let name = item.string("name", maxLength: 40)
            let on = item.date("paidOn", required: true)
            let principal = item.int64("principalFen", required: true)
            let interest = item.int64("interestFen") ?? 0
            let reference = item.string("reference", required: true, maxLength: 60)
            item.checkFen("principalFen", principal)
            item.checkFen("interestFen", interest)
            if let principal, (0...BodyReader.maxFen).contains(principal), (0...BodyReader.maxFen).contains(interest), principal + interest == 0 {
                item.problem("principalFen", "0", "本金和利息不能都为 0")
            }
            if let reference, reference.trimmingCharacters(in: .whitespaces).isEmpty { item.problem("reference", reference, "不能为空") }
            body.merge(item)
            if let loanNo, let on, let principal, let reference {
                rows.append(LoanRepaymentRow(row: i + 1, loanNo: loanNo, name: name, paidOn: on, principal: Money(fen: principal), interest: Money(fen: interest),
                                             reference: reference.trimmingCharacters(in: .whitespaces)))
            }
        }
        try body.check()
        do {
            let r = try await store.loans.importRepayments(rows, fileName: fileName, actor: context.actor)
            return try JSONResponse.make(API.LoanRepaymentsResult(count: r.count, principalFen: r.principal.fen, interestFen: r.interest.fen, closed: r.closed),
                                         status: .created)
        } catch StoreError.invalid(let problems) {
            throw StoreError.apiRows(problems)
        }
    }
}
