import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Assistance programmes (帮扶项目): programmes and their cycles, budgets down the tree,
/// applications on a worker's behalf, the worklist of review and approval, payment batches with
/// the bank's file and its results, and the report of a cycle. Who may do what is decided by
/// the store; the pages offer the buttons that can apply and show the store's answer beside the
/// form that asked. Forms: `ProgramForms.swift`; models: `ProgramPageModels.swift`; views:
/// `ProgramViews`, `CycleViews`, `GrantViews`, `BatchViews`.
struct ProgramPages {
    let store: Store

    func register(on router: RouterGroup<OfficerPageContext>) {
        router.get("programs", use: programs)
        router.post("programs", use: createProgram)
        router.post("cycles", use: openCycle)
        router.get("cycles/:id", use: cycle)
        router.post("cycles/:id/close", use: closeCycle)
        router.post("cycles/:id/allocate", use: allocate)
        router.post("cycles/:id/generate", use: generate)
        router.post("cycles/:id/apply", use: apply)
        router.post("cycles/:id/batches", use: createBatch)
        router.get("cycles/:id/grants", use: worklist)
        router.get("cycles/:id/report", use: report)
        router.get("cycles/:id/report/file", use: reportFile)
        router.get("grants/:id", use: grant)
        router.post("grants/:id/act", use: decide)
        router.post("grants/:id/requeue", use: requeue)
        router.post("grants/:id/account", use: decideAccount)
        router.get("batches/:id", use: batch)
        router.get("batches/:id/file", use: batchFile)
        router.post("batches/:id/results", use: bankResults)
        router.post("batches/:id/approve", use: approveBatch)
        router.post("batches/:id/results/confirm", use: confirmResults)
    }

    // MARK: Programmes and cycles

    @Sendable func programs(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let m = try await ProgramsPageModel.load(store, actor: context.actor, csrf: context.csrf, flash: PageQuery(request).string("ok"))
        return Web.page(ProgramViews.programs(m))
    }

    @Sendable func createProgram(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = ProgramForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let p = form.parse(into: &errors) {
            do {
                _ = try await store.assistance.createProgram(code: p.code, name: p.name, kind: p.kind, description: p.description, actor: context.actor)
                return Web.redirect("/programs?ok=pg_program")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: ProgramForm.fields)
            }
        }
        var m = try await ProgramsPageModel.load(store, actor: context.actor, csrf: context.csrf)
        m.programValues = form.values
        m.programErrors = errors
        return Web.page(ProgramViews.programs(m), status: .unprocessableContent)
    }

    @Sendable func openCycle(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let form = CycleForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let c = form.parse(into: &errors) {
            do {
                let cycle = try await store.assistance.openCycle(programCode: c.programCode, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn,
                                                                 rules: c.rules, budget: c.budget, actor: context.actor)
                return Web.redirect("/cycles/\(cycle.id)?ok=pg_cycle")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                errors.add(e, fields: CycleForm.fields)
            }
        }
        var m = try await ProgramsPageModel.load(store, actor: context.actor, csrf: context.csrf)
        m.cycleValues = form.values
        m.cycleErrors = errors
        return Web.page(ProgramViews.programs(m), status: .unprocessableContent)
    }

    @Sendable func cycle(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await cyclePage(id: try context.pathInt("id"), request: request, context: context)
    }

    /// The cycle page, with the forms as they came back from a refused POST.
    func cyclePage(id: Int64, request: Request, context: OfficerPageContext, form: CycleFormState = CycleFormState(),
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let q = PageQuery(request)
        var m = try await CyclePageModel.load(store, id: id, actor: context.actor, csrf: context.csrf,
                                              who: q.string("who", maxLength: 50), member: q.string("member", maxLength: 20))
        m.form = form
        if q.string("ok") == "pg_generated" {
            m.generated = (q.int("made", default: 0, range: 0...10_000_000), q.int("skipped", default: 0, range: 0...10_000_000))
        } else {
            m.flash = q.string("ok")
        }
        return Web.page(CycleViews.cycle(m), status: status)
    }

    @Sendable func closeCycle(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        try await store.assistance.closeCycle(id: id, actor: context.actor)
        return Web.redirect("/cycles/\(id)?ok=pg_closed")
    }

    @Sendable func allocate(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = AllocationForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let amount = form.parse(into: &errors) {
            do {
                _ = try await store.assistance.allocate(cycleID: id, toOrgCode: form.toOrgCode, amount: amount, actor: context.actor)
                return Web.redirect("/cycles/\(id)?ok=pg_allocated#h-budget")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                if case .notFound = e { errors.add("to_org_code", UI.Programs.orgNotFound(form.toOrgCode)) } else { errors.add(e, fields: AllocationForm.fields) }
            }
        }
        return try await cyclePage(id: id, request: request, context: context,
                                   form: CycleFormState(allocate: form.values, allocateErrors: errors), status: .unprocessableContent)
    }

    @Sendable func generate(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        guard let org = context.actor.orgCode else { throw WebError.forbidden(UI.Programs.systemHasNoOrg) }
        let (made, skipped) = try await store.assistance.generate(cycleID: id, orgCode: org, actor: context.actor)
        return Web.redirect("/cycles/\(id)?ok=pg_generated&made=\(made)&skipped=\(skipped)")
    }

    @Sendable func apply(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor, id = try context.pathInt("id")
        let form = GrantApplicationForm(try await WebForm.read(request))
        var errors = FieldErrors()
        var decision: GrantDecision?
        if let a = form.parse(into: &errors) {
            do {
                let g = try await store.assistance.apply(cycleID: id, memberID: a.memberID, declaration: a.declaration, actor: actor)
                return Web.redirect("/grants/\(g.id)?ok=pg_applied")
            } catch let e as StoreError {
                if case .forbidden = e { throw e }
                switch e {
                case .notFound: errors.add("member_id", UI.Programs.memberNotFound(a.memberID))
                case .invalid(let ps) where ps.contains(where: { $0.field == "eligibility" }):
                    decision = try? await store.assistance.preview(cycleID: id, memberID: a.memberID, declaration: a.declaration, scope: actor.scope)
                    errors.general.append(UI.Programs.notEligible)
                default: errors.add(e, fields: GrantApplicationForm.fields)
                }
            }
        }
        return try await cyclePage(id: id, request: request, context: context,
                                   form: CycleFormState(apply: form.values, applyErrors: errors, decision: decision), status: .unprocessableContent)
    }

    @Sendable func createBatch(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        do {
            let form = try await WebForm.read(request)
            let b = try await store.assistance.createBatch(cycleID: id, toCard: form["to_card"] == "1", actor: context.actor)
            return Web.redirect("/batches/\(b.id)?ok=pg_batch")
        } catch let e as StoreError {
            guard case .conflict = e else { throw e }
            return try await cyclePage(id: id, request: request, context: context, form: CycleFormState(batchError: e.message), status: .unprocessableContent)
        }
    }

    // MARK: Report

    @Sendable func report(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let m = try await CycleReportPageModel.load(store, cycleID: try context.pathInt("id"), org: PageQuery(request).string("org", maxLength: 64),
                                                    actor: context.actor, csrf: context.csrf)
        return Web.page(BatchViews.report(m))
    }

    @Sendable func reportFile(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor, id = try context.pathInt("id")
        let q = PageQuery(request)
        let cycle = try await store.assistance.cycle(id: id, actor: actor)
        let code = CycleReportPageModel.orgCode(asked: q.string("org", maxLength: 64), actor: actor, cycle: cycle)
        let format = AssistanceFiles.Format(rawValue: q.string("format", maxLength: 8)) ?? .csv
        let r = try await store.assistance.report(cycleID: id, orgCode: code, actor: actor)
        return Web.download(try AssistanceFiles.report(r, format: format), fileName: "assistance-\(id)-\(code).\(format.rawValue)", contentType: format.contentType)
    }

    // MARK: Grants

    @Sendable func worklist(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await worklistPage(cycleID: try context.pathInt("id"), request: request, context: context)
    }

    func worklistPage(cycleID: Int64, request: Request, context: OfficerPageContext, state: String? = nil, problem: GrantProblem? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let q = PageQuery(request)
        var m = try await WorklistPageModel.load(store, cycleID: cycleID, state: state ?? q.string("state", maxLength: 20),
                                                 offset: q.int("offset", default: 0, range: 0...10_000_000), actor: context.actor, csrf: context.csrf)
        m.problem = problem
        m.flash = q.string("ok")
        return Web.page(GrantViews.worklist(m), status: status)
    }

    @Sendable func grant(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await grantPage(id: try context.pathInt("id"), context: context, flash: PageQuery(request).string("ok"))
    }

    func grantPage(id: Int64, context: OfficerPageContext, flash: String? = nil, problem: GrantProblem? = nil,
                   requeue: ([String: String], FieldErrors)? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var m = try await GrantPageModel.load(store, id: id, actor: context.actor, csrf: context.csrf)
        m.flash = flash
        m.problem = problem
        m.requeue = requeue
        return Web.page(GrantViews.grant(m), status: status)
    }

    @Sendable func decide(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let actor = context.actor, id = try context.pathInt("id")
        let form = GrantDecisionForm(try await WebForm.read(request))
        let decision = try form.parse()
        do {
            let g = try await store.assistance.decide(grantID: id, decision, expectedVersion: form.version, actor: actor)
            if form.fromList { return Web.redirect(URLText.with("/cycles/\(g.cycleID)/grants", [("state", form.state), ("ok", form.flash)])) }
            return Web.redirect("/grants/\(id)?ok=\(form.flash)")
        } catch let e as StoreError {
            let (problem, status) = try Self.problem(e, grantID: id, step: form.step)
            if form.fromList {
                let g = try await store.assistance.grant(id: id, actor: actor)
                return try await worklistPage(cycleID: g.cycleID, request: request, context: context, state: form.state, problem: problem, status: status)
            }
            return try await grantPage(id: id, context: context, problem: problem, status: status)
        }
    }

    /// What a refused step shows, and with which status; not found and forbidden are pages of their own.
    static func problem(_ e: StoreError, grantID: Int64, step: String) throws -> (GrantProblem, HTTPResponse.Status) {
        var problem = GrantProblem(grantID: grantID, action: step, field: nil, message: e.message)
        switch e {
        case .staleVersion:
            problem.message = UI.Programs.handledByOthers(e.message)
            return (problem, .conflict)
        case .invalid(let ps):
            problem.message = ps.map(\.reason).joined(separator: UI.Programs.listSeparator)
            if ps.contains(where: { $0.field == "reason" }) { problem.field = "reason" }
            return (problem, .unprocessableContent)
        case .conflict(let code, let message, _):
            problem.message = message
            return (problem, code == "budget_exceeded" || code == "duties_separated" ? .conflict : .unprocessableContent)
        default:
            throw e
        }
    }

    @Sendable func requeue(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = RequeueForm(try await WebForm.read(request))
        var errors = FieldErrors()
        if let r = form.parse(into: &errors) {
            do {
                let g = try await store.assistance.requeue(grantID: id, bankName: r.bankName, bankAccount: r.bankAccount, actor: context.actor)
                return Web.redirect("/grants/\(id)?ok=\(g.proposedBy == nil ? "pg_requeued" : "pg_account_proposed")")
            } catch let e as StoreError {
                if case .notFound = e { throw e }
                if case .forbidden = e { throw e }
                errors.add(e, fields: RequeueForm.fields)
            }
        }
        return try await grantPage(id: id, context: context, requeue: (form.values, errors), status: .unprocessableContent)
    }

    @Sendable func decideAccount(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = AccountDecisionForm(try await WebForm.read(request))
        do {
            _ = try await store.assistance.decideAccountChange(grantID: id, approve: form.approve, reason: form.reason, actor: context.actor)
            return Web.redirect("/grants/\(id)?ok=\(form.approve ? "pg_account_approved" : "pg_account_refused")")
        } catch let e as StoreError {
            if case .notFound = e { throw e }
            return try await grantPage(id: id, context: context, problem: GrantProblem(grantID: id, action: "account", field: nil, message: e.message),
                                       status: e.code == "forbidden" ? .forbidden : .unprocessableContent)
        }
    }

    // MARK: Batches

    @Sendable func batch(_ request: Request, context: OfficerPageContext) async throws -> Response {
        try await batchPage(id: try context.pathInt("id"), request: request, context: context)
    }

    func batchPage(id: Int64, request: Request, context: OfficerPageContext, uploadProblems: [FieldProblem] = [], decisionProblem: String? = nil,
                   status: HTTPResponse.Status = .ok) async throws -> Response {
        let q = PageQuery(request)
        var m = try await BatchPageModel.load(store, id: id, actor: context.actor, csrf: context.csrf)
        m.uploadProblems = uploadProblems
        m.decisionProblem = decisionProblem
        if q.string("ok") == "pg_results" {
            let count = { (key: String) in q.int(key, default: 0, range: 0...10_000_000) }
            m.recorded = (count("paid"), count("failed"), count("already"))
        } else {
            m.flash = q.string("ok")
        }
        return Web.page(BatchViews.batch(m), status: status)
    }

    @Sendable func batchFile(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let q = PageQuery(request)
        let format = AssistanceFiles.Format(rawValue: q.string("format", maxLength: 8)) ?? .csv
        let gbk = format == .csv && q.string("encoding", maxLength: 8) == "gbk"
        let (batch, lines) = try await store.assistance.exportBatch(id: try context.pathInt("id"), actor: context.actor)
        let data = try AssistanceFiles.payments(batch, lines: lines, format: format, gbk: gbk)
        let contentType = gbk ? "text/csv; charset=gb18030" : format.contentType
        let name = gbk ? "payments-\(batch.batchNo)-gbk.csv" : AssistanceFiles.paymentsFileName(batch, format: format)
        return Web.download(data, fileName: name, contentType: contentType)
    }

    @Sendable func bankResults(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = BankResultsForm(try await WebForm.read(request))
        var problems = BankResultsForm.missing
        do {
            if let results = try form.parse() {
                let s = try await store.assistance.recordBankResults(batchID: id, results, fileName: form.file?.fileName, actor: context.actor)
                if s.awaitingConfirmation { return Web.redirect("/batches/\(id)?ok=pg_results_pending") }
                return Web.redirect("/batches/\(id)?ok=pg_results&paid=\(s.paid)&failed=\(s.failed)&already=\(s.alreadyRecorded)")
            }
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
        return try await batchPage(id: id, request: request, context: context, uploadProblems: problems, status: .unprocessableContent)
    }

    /// Approves a batch another officer made; the maker is told why they may not.
    @Sendable func approveBatch(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        do {
            _ = try await store.assistance.approveBatch(id: id, actor: context.actor)
            return Web.redirect("/batches/\(id)?ok=pg_batch_approved")
        } catch let e as StoreError {
            if case .notFound = e { throw e }
            return try await batchPage(id: id, request: request, context: context, decisionProblem: e.message,
                                       status: e.code == "forbidden" ? .forbidden : e.code == "duties_separated" ? .conflict : .unprocessableContent)
        }
    }

    /// Confirms, or sends back with a reason, bank results another officer recorded.
    @Sendable func confirmResults(_ request: Request, context: OfficerPageContext) async throws -> Response {
        let id = try context.pathInt("id")
        let form = try await WebForm.read(request)
        let approve = form["decision"] == "confirm"
        do {
            let s = try await store.assistance.confirmBankResults(batchID: id, approve: approve, note: String(form["note"].prefix(500)), actor: context.actor)
            if !approve { return Web.redirect("/batches/\(id)?ok=pg_results_returned") }
            return Web.redirect("/batches/\(id)?ok=pg_results&paid=\(s.paid)&failed=\(s.failed)&already=\(s.alreadyRecorded)")
        } catch let e as StoreError {
            if case .notFound = e { throw e }
            return try await batchPage(id: id, request: request, context: context, decisionProblem: e.message,
                                       status: e.code == "forbidden" ? .forbidden : e.code == "duties_separated" ? .conflict : .unprocessableContent)
        }
    }
}
