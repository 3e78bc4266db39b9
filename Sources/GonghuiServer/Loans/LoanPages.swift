import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// 小额担保贷款 in the console: the county's quota and its loans, the application an officer
/// records for a member, and a loan's page with the step it waits for — the assessment, the
/// approval, the bank's lending, the repayments — and its schedule.
struct LoanPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("loans", use: list)
        router.get("loans/new", use: newForm)
        router.post("loans/new", use: apply)
        router.get("loans/:id", use: loanPage)
        router.post("loans/:id/assess", use: assess)
        router.post("loans/:id/approve", use: approve)
        router.post("loans/:id/lend", use: lend)
        router.post("loans/:id/repay", use: repay)
        registerFollowUp(on: router)
    }

    func list(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let state = LoanState(rawValue: PageQuery(request).string("state"))
        let loans = try await store.loans.loans(state: state, actor: context.actor)
        var quota: (String, Money, Money)?
        if let code = context.actor.orgCode, let org = try? await store.orgs.org(code: code, actor: context.actor), org.kind == .county {
            let q = try await store.loans.quota(countyCode: code, actor: context.actor)
            quota = (org.name, q.quota, q.used)
        }
        return Web.page(LoanViews.list(actor: context.actor, csrf: context.csrf, flash: PageQuery(request).string("ok"), loans: loans, state: state, quota: quota))
    }

    func newForm(_ request: Request, context: OfficerPageContext) async throws -> Response {
        Web.page(LoanViews.new(actor: context.actor, csrf: context.csrf, values: [:], errors: FieldErrors()))
    }

    func apply(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = try await WebForm.read(request)
        let fields = ["id_number", "basis", "project_kind", "project_name", "operating_since", "jobs_created", "amount", "partnership_no", "g_name", "g_id_number",
                      "g_employer", "g_relation", "g_amount", "graduate"]
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0, form[$0]) })
        var errors = FieldErrors()
        let id = errors.parse("id_number", form["id_number"], missing: UI.Loans.idNumber) { try IDNumber($0) }
        let basis = LoanBasis(rawValue: form["basis"]), kind = LoanProjectKind(rawValue: form["project_kind"])
        if basis == nil { errors.add("basis", UI.Loans.choose) }
        if kind == nil { errors.add("project_kind", UI.Loans.choose) }
        let since = errors.date("operating_since", form["operating_since"])
        let amount = errors.money("amount", form["amount"], missing: UI.Loans.amount)
        let jobs = Int(form["jobs_created"].isEmpty ? "0" : form["jobs_created"])
        if jobs == nil { errors.add("jobs_created", UI.Loans.wholeNumber) }
        let gID = errors.parse("g_id_number", form["g_id_number"], missing: UI.Loans.guarantorID) { try IDNumber($0) }
        let gAmount = errors.money("g_amount", form["g_amount"], missing: UI.Loans.guarantorAmount)
        if let id, let basis, let kind, let since, let amount, let jobs, let gID, let gAmount, errors.isEmpty {
            let draft = LoanDraft(basis: basis, isGraduate: form["graduate"] == "1", partnershipNo: form["partnership_no"].isEmpty ? nil : form["partnership_no"],
                                  projectKind: kind, projectName: form["project_name"], operatingSince: since, jobsCreated: jobs, amount: amount,
                                  guarantors: [LoanGuarantor(name: form["g_name"], idNumber: gID, idMasked: gID.masked, employer: form["g_employer"],
                                                             relation: form["g_relation"], amount: gAmount)])
            if let member = try? await store.members.lookup(idNumber: id, actor: context.actor) {
                do {
                    let loan = try await store.loans.apply(memberID: member.id, draft, actor: context.actor)
                    return Web.redirect("/loans/\(loan.id)?ok=ln_applied")
                } catch let e as StoreError {
                    if case .forbidden = e { throw e }
                    errors.add(e, fields: Set(fields + ["member", "credit", "guarantors"]))
                }
            } else {
                errors.add("id_number", UI.Loans.memberNotFound)
            }
        }
        return Web.page(LoanViews.new(actor: context.actor, csrf: context.csrf, values: values, errors: errors), status: .unprocessableContent)
    }

    func loanPage(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await page(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func page(id: Int64, context: OfficerPageContext, flash: String = "", errors: FieldErrors = FieldErrors(), values: [String: String] = [:],
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let loan = try await store.loans.loan(id: id, actor: context.actor)
        let d = try await store.loans.details(loanID: id, actor: context.actor)
        let overdue = try await store.loans.overdue(loanID: id, actor: context.actor)
        let m = LoanPageModel(actor: context.actor, csrf: context.csrf, flash: flash, loan: loan, details: d, overdue: overdue, errors: errors, values: values, today: .today())
        return Web.page(LoanViews.loan(m), status: status)
    }

    func assess(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        let answers = LoanFeasibility.checklist.indices.map { form["check_\($0)"] == "1" }
        let feasibility = LoanFeasibility(answers: answers, feasible: form["feasible"] == "1", note: String(form["note"].prefix(500)), officer: context.actor.displayName)
        return try await step(id, context: context, form: form, flash: "ln_assessed") {
            _ = try await store.loans.assess(loanID: id, badCredit: form["bad_credit"] == "1", feasibility: feasibility, officerName: form["officer_name"],
                                             actor: context.actor)
        }
    }

    func approve(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        return try await step(id, context: context, form: form, flash: "ln_approved") { _ = try await store.loans.approve(loanID: id, actor: context.actor) }
    }

    func lend(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let amount = errors.money("amount", form["amount"], missing: UI.Loans.amount)
        let on = errors.date("lent_on", form["lent_on"])
        let rate = errors.parse("rate", form["rate"], missing: UI.Loans.rate) { try LoanRules.basisPoints(percent: $0) }
        let subsidy = errors.parse("subsidy", form["subsidy"], missing: UI.Loans.subsidy) { try LoanRules.basisPoints(percent: $0) }
        let months = Int(form["months"])
        if months == nil { errors.add("months", UI.Loans.wholeNumber) }
        let method = LoanRepaymentMethod(rawValue: form["method"]) ?? .equalInstalments
        guard let amount, let on, let rate, let subsidy, let months, errors.isEmpty else {
            return try await page(id: id, context: context, errors: errors, values: form.fields, status: .unprocessableContent)
        }
        return try await step(id, context: context, form: form, flash: "ln_lent") {
            _ = try await store.loans.recordLending(loanID: id, amount: amount, lentOn: on, rateBasisPoints: rate, months: months, method: method,
                                                    subsidyBasisPoints: subsidy, bankName: form["bank_name"], actor: context.actor)
        }
    }

    func repay(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        var errors = FieldErrors()
        let on = errors.date("paid_on", form["paid_on"])
        let principal = errors.money("principal", form["principal"], missing: UI.Loans.principal)
        let interest = errors.money("interest", form["interest"], missing: nil) ?? .zero
        guard let on, let principal, errors.isEmpty else {
            return try await page(id: id, context: context, errors: errors, values: form.fields, status: .unprocessableContent)
        }
        return try await step(id, context: context, form: form, flash: "ln_repaid") {
            _ = try await store.loans.recordRepayment(loanID: id, paidOn: on, principal: principal, interest: interest, reference: form["reference"], actor: context.actor)
        }
    }

    /// A step from the loan's page: done, back with its flash; refused by the rules, the page again
    /// with the reasons beside the fields.
    func step(_ id: Int64, context: OfficerPageContext, form: WebForm, flash: String, _ act: () async throws -> Void) async throws -> Response {
        do {
            try await act()
            return Web.redirect("/loans/\(id)?ok=\(flash)")
        } catch let e as StoreError {
            switch e {
            case .forbidden, .notFound: throw e
            default:
                var errors = FieldErrors()
                errors.add(e, fields: ["amount", "lent_on", "rate", "months", "subsidy", "bank_name", "paid_on", "principal", "reference", "note", "answers",
                                       "visited_on", "officer", "guarantor", "written_off_on", "write_off_reason"])
                return try await page(id: id, context: context, errors: errors, values: form.fields, status: .unprocessableContent)
            }
        }
    }
}

struct LoanPageModel {
    var actor: Actor
    var csrf: String?
    var flash: String
    var loan: Loan
    var details: LoanDetails
    var overdue: (days: Int, bucket: LoanOverdueBucket?)
    var errors: FieldErrors
    var values: [String: String]
    var today: CivilDate

    func value(_ field: String, _ fallback: String = "") -> String { values[field] ?? fallback }
}
