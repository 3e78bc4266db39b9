import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Following loans up in the console: a visit to the project, a guarantor's payment, the
/// write-off, the bank's repayment file (all rows or none), and the figures of a node with the
/// same as Excel or CSV.
extension LoanPages {
    func registerFollowUp(on router: RouterGroup<OfficerPageContext>) {
        router.post("loans/:id/visit", use: visit)
        router.post("loans/:id/recover", use: recover)
        router.post("loans/:id/write-off", use: writeOff)
        router.get("loans/repayments", use: repaymentsForm)
        router.post("loans/repayments", use: repaymentsFile)
        router.get("loans/figures", use: figures)
    }

    func visit(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let on = errors.date("visited_on", form["visited_on"])
        guard let on, errors.isEmpty else { return try await page(id: id, context: context, errors: errors, values: form.fields, status: .unprocessableContent) }
        return try await step(id, context: context, form: form, flash: "ln_visited") {
            try await store.loans.recordVisit(loanID: id, visitedOn: on, officer: form["officer"], note: form["note"], actor: context.actor)
        }
    }

    func recover(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let on = errors.date("paid_on", form["paid_on"])
        let principal = errors.money("principal", form["principal"], missing: UI.Loans.principal)
        let interest = errors.money("interest", form["interest"], missing: nil) ?? .zero
        guard let on, let principal, errors.isEmpty else {
            return try await page(id: id, context: context, errors: errors, values: form.fields, status: .unprocessableContent)
        }
        return try await step(id, context: context, form: form, flash: "ln_recovered") {
            _ = try await store.loans.recoverFromGuarantor(loanID: id, guarantor: form["guarantor"], paidOn: on, principal: principal, interest: interest,
                                                           reference: form["reference"], actor: context.actor)
        }
    }

    func writeOff(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let on = errors.date("written_off_on", form["written_off_on"])
        guard let on, errors.isEmpty else { return try await page(id: id, context: context, errors: errors, values: form.fields, status: .unprocessableContent) }
        return try await step(id, context: context, form: form, flash: "ln_written_off") {
            _ = try await store.loans.writeOff(loanID: id, on: on, reason: form["write_off_reason"], actor: context.actor)
        }
    }

    func repaymentsForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        guard context.actor.role.mayDecideTransfers else { throw StoreError.forbidden(UI.Loans.fileTitle) }
        return Web.page(LoanViews.repaymentsFile(actor: context.actor, csrf: context.csrf, done: nil, problems: []))
    }

    func repaymentsFile(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        var problems = [FieldProblem(field: "", value: "", reason: UI.Loans.fileMissing)]
        if let file = form.files["file"], !file.data.isEmpty {
            do {
                let rows = try LoanFiles.repayments(try TableReader(data: file.data, fileName: file.fileName))
                let r = try await store.loans.importRepayments(rows, fileName: file.fileName, actor: context.actor)
                let done = UI.Loans.fileDone(r.count, r.principal.groupedYuan, r.interest.groupedYuan, r.closed)
                return Web.page(LoanViews.repaymentsFile(actor: context.actor, csrf: context.csrf, done: done, problems: []))
            } catch let e as AssistanceFiles.ReadError {
                problems = e.problems
            } catch let e as StoreError {
                switch e {
                case .notFound, .forbidden: throw e
                case .invalid(let ps): problems = ps
                default: problems = [FieldProblem(field: "", value: "", reason: e.message)]
                }
            } catch let e as FileError {
                problems = [FieldProblem(field: "", value: "", reason: e.message)]
            }
        }
        return Web.page(LoanViews.repaymentsFile(actor: context.actor, csrf: context.csrf, done: nil, problems: problems), status: .unprocessableContent)
    }

    func figures(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let asked = q.string("org")
        guard let org = asked.isEmpty ? context.actor.orgCode : asked else { throw WebError.notFound }
        let today = CivilDate.today()
        let year = Int(q.string("year")).flatMap { (2000...today.year).contains($0) ? $0 : nil } ?? today.year
        let asOf = year == today.year ? today : CivilDate(year: year, month: 12, day: 31)!
        let f = try await store.loans.figures(orgCode: org, year: year, asOf: asOf, actor: context.actor)
        switch q.string("format") {
        case "xlsx":
            return Web.download(try LoanFiles.figures(f, format: .xlsx), fileName: "loans-\(f.year)-\(f.orgCode).xlsx",
                                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        case "csv":
            return Web.download(try LoanFiles.figures(f, format: .csv), fileName: "loans-\(f.year)-\(f.orgCode).csv", contentType: "text/csv; charset=utf-8")
        default:
            return Web.page(LoanViews.figures(actor: context.actor, csrf: context.csrf, figures: f))
        }
    }
}
