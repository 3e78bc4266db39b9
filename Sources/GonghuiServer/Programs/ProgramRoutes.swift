import Foundation
import GonghuiDomain
import GonghuiFiles
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Assistance programs (帮扶项目): cycles, budgets down the tree, grants from application to
/// bank result, and the cycle's report. Amounts are integers in fen.
struct AssistanceRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("programs", use: programs)
        api.post("programs", use: createProgram)
        api.get("cycles", use: cycles)
        api.post("cycles", use: openCycle)
        api.get("cycles/:id", use: cycle)
        api.post("cycles/:id/close", use: closeCycle)
        api.get("cycles/:id/budgets", use: budgets)
        api.post("cycles/:id/allocations", use: allocate)
        api.get("cycles/:id/grants", use: grants)
        api.post("cycles/:id/grants", use: apply)
        api.post("cycles/:id/grants/generate", use: generateGrants)
        api.get("cycles/:id/batches", use: batches)
        api.post("cycles/:id/batches", use: createBatch)
        api.get("cycles/:id/report", use: report)
        api.get("grants/:id", use: grant)
        api.get("grants/:id/history", use: grantHistory)
        for step in ["review", "approve", "reject"] {
            api.post("grants/:id/\(step)") { request, context in try await decide(step, request, context: context) }
        }
        api.post("grants/:id/requeue", use: requeue)
        // The second person's decision on a corrected account (双人复核).
        for answer in ["approve", "refuse"] {
            api.post("grants/:id/account-change/\(answer)") { request, context in try await decideAccountChange(answer, request, context: context) }
        }
        api.get("batches/:id", use: batch)
        api.get("batches/:id/file", use: batchFile)
        api.post("batches/:id/results", use: bankResults)
        api.post("batches/:id/approve", use: approveBatch)
        api.post("batches/:id/results/confirm", use: confirmBankResults)
    }

    // GET programs
    func programs(_ request: Request, context: APIOfficerContext) async throws -> Response {
        return try JSONResponse.make(ItemsJSON(items: try await store.assistance.programs().map(API.Program.init)))
    }

    // POST programs
    func createProgram(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var body = try await BodyReader.read(request, context: context)
        let code = body.string("code", required: true, maxLength: 32)
        let name = body.string("name", required: true, maxLength: 50)
        let kind = body.choice("kind", required: true, allowed: ProgramKind.allCases.map(\.rawValue)) { ProgramKind(rawValue: $0) }
        let description = body.string("description", maxLength: 2000) ?? ""
        try body.check()
        let p = try await store.assistance.createProgram(code: code!, name: name!, kind: kind!, description: description, actor: actor)
        return try JSONResponse.created(API.Program(p), at: "/api/v1/programs")
    }

    // GET cycles
    func cycles(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(ItemsJSON(items: try await store.assistance.cycles(actor: actor).map(API.Cycle.init)))
    }

    // POST cycles
    func openCycle(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var body = try await BodyReader.read(request, context: context)
        let program = body.string("programCode", required: true, maxLength: 32)
        let name = body.string("name", required: true, maxLength: 100)
        let starts = body.date("startsOn", required: true)
        let ends = body.date("endsOn", required: true)
        let budget = body.int("budgetFen", required: true, min: 1, max: 1_000_000_000_000)
        let owner = body.optionalText("ownerOrgCode", maxLength: 64)
        var rules: GrantRules?
        if body.has("rules") && !body.isNull("rules") {
            do {
                rules = try JSONDecoder().decode(GrantRules.self, from: JSONSerialization.data(withJSONObject: ["rules": body.fields["rules"]!.foundation]))
            } catch {
                body.problem("rules", "", "规则格式不正确：应为规则数组，每条含 name、conditions（kind 等）和 amount（kind、fen 或 percent 与 capFen）")
            }
        }
        try body.check()
        let c = try await store.assistance.openCycle(programCode: program!, name: name!, startsOn: starts!, endsOn: ends!, rules: rules,
                                                     budget: Money(fen: Int64(budget!)), ownerOrgCode: owner, actor: actor)
        return try JSONResponse.created(API.Cycle(c), at: "/api/v1/cycles/\(c.id)")
    }

    // GET cycles/:id
    func cycle(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(API.Cycle(try await store.assistance.cycle(id: try context.pathID("id"), actor: actor)))
    }

    // POST cycles/:id/close
    func closeCycle(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        try await store.assistance.closeCycle(id: id, actor: actor)
        return try JSONResponse.make(API.Cycle(try await store.assistance.cycle(id: id, actor: actor)))
    }

    // GET cycles/:id/budgets
    func budgets(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(ItemsJSON(items: try await store.assistance.budgets(cycleID: try context.pathID("id"), actor: actor).map(API.Budget.init)))
    }

    // POST cycles/:id/allocations
    func allocate(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let to = body.string("toOrgCode", required: true, maxLength: 64)
        let amount = body.int("amountFen", required: true, min: 1, max: 1_000_000_000_000)
        try body.check()
        let budgets = try await store.assistance.allocate(cycleID: id, toOrgCode: to!, amount: Money(fen: Int64(amount!)), actor: actor)
        return try JSONResponse.make(ItemsJSON(items: budgets.map(API.Budget.init)))
    }

    // GET cycles/:id/grants
    func grants(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var q = QueryReader(request)
        let state = q.choice("state", allowed: GrantState.allCases.map(\.rawValue)) { GrantState(rawValue: $0) }
        let org = q.string("org", maxLength: 64)
        let limit = q.int("limit", default: 100, min: 1, max: 1000)
        let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
        try q.check()
        let grants = try await store.assistance.grants(cycleID: try context.pathID("id"), state: state, orgCode: org, actor: actor, limit: limit, offset: offset)
        return try JSONResponse.make(PageJSON(items: grants.map(API.Grant.init), limit: limit, offset: offset))
    }

    // POST cycles/:id/grants
    func apply(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let memberID = body.int64("memberId", required: true)
        let declaration = Self.readDeclaration(&body)
        try body.check()
        let g = try await store.assistance.apply(cycleID: id, memberID: memberID!, declaration: declaration, actor: actor)
        return try JSONResponse.created(API.Grant(g), at: "/api/v1/grants/\(g.id)")
    }

    // POST cycles/:id/grants/generate
    func generateGrants(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let org = body.string("orgCode", required: true, maxLength: 64)
        try body.check()
        let (made, skipped) = try await store.assistance.generate(cycleID: id, orgCode: org!, actor: actor)
        return try JSONResponse.make(API.GrantsMade(made: made, skipped: skipped))
    }

    // GET cycles/:id/batches
    func batches(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(ItemsJSON(items: try await store.assistance.batches(cycleID: try context.pathID("id"), actor: actor).map(API.PaymentBatch.init)))
    }

    // POST cycles/:id/batches
    func createBatch(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let b = try await store.assistance.createBatch(cycleID: try context.pathID("id"), actor: actor)
        return try JSONResponse.created(API.PaymentBatch(b), at: "/api/v1/batches/\(b.id)")
    }

    // GET cycles/:id/report
    func report(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var q = QueryReader(request)
        let org = q.string("org", maxLength: 64)
        try q.check()
        let code = try org ?? actor.orgCode ?? { throw APIError.validation([FieldProblem(field: "org", value: "", reason: "必填")]) }()
        let r = try await store.assistance.report(cycleID: try context.pathID("id"), orgCode: code, actor: actor)
        return try JSONResponse.make(API.AssistanceReport(r))
    }

    // GET grants/:id
    func grant(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(API.Grant(try await store.assistance.grant(id: try context.pathID("id"), actor: actor)))
    }

    // GET grants/:id/history
    func grantHistory(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let events = try await store.assistance.grantHistory(id: try context.pathID("id"), actor: actor)
        return try JSONResponse.make(ItemsJSON(items: events.map { API.GrantEvent(kind: $0.kind, detail: $0.detail, actor: $0.actor, recordedAt: $0.at) }))
    }

    // POST grants/:id/review|approve|reject
    func decide(_ path: String, _ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let reason = body.string("reason", required: path == "reject", maxLength: 500) ?? ""
        let version = body.int("version", min: 1)
        try body.check()
        let decision: AssistanceService.Decision = path == "review" ? .review : path == "approve" ? .approve : .reject(reason: reason)
        return try JSONResponse.make(API.Grant(try await store.assistance.decide(grantID: id, decision, expectedVersion: version, actor: actor)))
    }

    // POST grants/:id/account-change/approve|refuse: the second person's decision on a corrected account (双人复核).
    func decideAccountChange(_ path: String, _ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let reason = body.string("reason", required: path == "refuse", maxLength: 500) ?? ""
        try body.check()
        return try JSONResponse.make(API.Grant(try await store.assistance.decideAccountChange(grantID: id, approve: path == "approve", reason: reason, actor: actor)))
    }

    // POST grants/:id/requeue
    func requeue(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let bank = body.optionalText("bankName", maxLength: 100)
        let account = body.parse("bankAccount", maxLength: 40) { try BankAccountNumber($0) }
        try body.check()
        return try JSONResponse.make(API.Grant(try await store.assistance.requeue(grantID: id, bankName: bank, bankAccount: account, actor: actor)))
    }

    // GET batches/:id
    func batch(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(API.PaymentBatch(try await store.assistance.batch(id: try context.pathID("id"), actor: actor)))
    }

    // GET batches/:id/file
    func batchFile(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var q = QueryReader(request)
        let format = q.choice("format", allowed: AssistanceFiles.Format.allCases.map(\.rawValue)) { AssistanceFiles.Format(rawValue: $0) } ?? .csv
        let gbk = q.string("encoding", maxLength: 10) == "gbk"
        try q.check()
        let (batch, lines) = try await store.assistance.exportBatch(id: try context.pathID("id"), actor: actor)
        var headers = HTTPFields()
        headers[.contentType] = format.contentType
        headers[.contentDisposition] = "attachment; filename=\"\(AssistanceFiles.paymentsFileName(batch, format: format))\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try AssistanceFiles.payments(batch, lines: lines, format: format, gbk: gbk))))
    }

    // POST batches/:id/results
    func bankResults(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context, limit: AppRequestContext.maxBankResultsBody)
        var results: [BankResult] = []
        for (i, var r) in (body.objects("results", maxCount: 100_000) ?? []).enumerated() {
            let reference = r.string("reference", required: true, maxLength: 64)
            let paid = r.bool("paid", required: true)
            let reason = r.optionalText("reason", maxLength: 200)
            let on = r.date("date")
            body.merge(r)
            if let reference, let paid { results.append(BankResult(row: i + 1, reference: reference, paid: paid, reason: reason, on: on)) }
        }
        if !body.has("results") { body.missing("results") }
        try body.check()
        let s = try await store.assistance.recordBankResults(batchID: id, results, actor: actor)
        return try JSONResponse.make(API.BankResultSummary(s))
    }

    // POST batches/:id/approve
    func approveBatch(_ request: Request, context: APIOfficerContext) async throws -> Response {
        try JSONResponse.make(API.PaymentBatch(try await store.assistance.approveBatch(id: try context.pathID("id"), actor: context.actor)))
    }

    // POST batches/:id/results/confirm
    func confirmBankResults(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let approve = body.bool("approve", required: true)
        let note = body.optionalText("note", maxLength: 500) ?? ""
        try body.check()
        let s = try await store.assistance.confirmBankResults(batchID: id, approve: approve ?? false, note: note, actor: context.actor)
        return try JSONResponse.make(API.BankResultSummary(s))
    }

    static func readDeclaration(_ body: inout BodyReader) -> AssistanceService.Declaration {
        AssistanceService.Declaration(
            childAdmission: body.choice("childAdmission", allowed: ChildAdmission.allCases.map(\.rawValue)) { ChildAdmission(rawValue: $0) },
            illness: body.optionalText("illness", maxLength: 40),
            outOfPocket: body.int("outOfPocketFen", min: 0, max: 10_000_000_000).map { Money(fen: Int64($0)) },
            outdoorWorker: body.bool("outdoorWorker") ?? false,
            bankName: body.optionalText("bankName", maxLength: 100),
            bankAccount: body.parse("bankAccount", maxLength: 40) { try BankAccountNumber($0) })
    }
}

extension JSONValue {
    /// The value as Foundation objects, for `JSONSerialization`.
    var foundation: Any {
        switch self {
        case .null: NSNull()
        case .bool(let b): b
        case .int(let i): i
        case .double(let d): d
        case .string(let s): s
        case .array(let a): a.map(\.foundation)
        case .object(let o): o.mapValues(\.foundation)
        }
    }
}

extension API.Program {
    init(_ p: AssistanceProgram) {
        self.init(id: p.id, code: p.code, name: p.name, kind: p.kind.rawValue, kindLabel: p.kind.title, description: p.description)
    }
}

extension API.GrantRule {
    /// A Domain rule encodes itself in the document's shape (`GrantRules` is read from the same
    /// JSON when a cycle is made), so it is read back as the contract's type.
    init(_ rule: GrantRule) {
        do {
            self = try JSONDecoder().decode(Self.self, from: JSONEncoder().encode(rule))
        } catch {
            preconditionFailure("a grant rule does not match openapi.yaml: \(error)")
        }
    }
}

extension API.Cycle {
    init(_ c: ProgramCycle) {
        self.init(id: c.id, programCode: c.programCode, programName: c.programName, kind: c.kind.rawValue, name: c.name,
                  startsOn: c.startsOn.iso, endsOn: c.endsOn.iso, open: c.isOpen, ownerOrgCode: c.ownerOrgCode,
                  ownerOrgName: c.ownerOrgName, rules: c.rules.rules.map(API.GrantRule.init))
    }
}

extension API.Budget {
    init(_ b: CycleBudget) {
        self.init(orgCode: b.orgCode, orgName: b.orgName, parentCode: b.parentCode, allocatedFen: b.allocated.fen,
                  suballocatedFen: b.suballocated.fen, reservedFen: b.reserved.fen, paidFen: b.paid.fen, leftFen: b.left.fen)
    }
}

extension API.Grant {
    init(_ g: Grant) {
        self.init(id: g.id, cycleId: g.cycleID, orgCode: g.orgCode, orgName: g.orgName, memberId: g.memberID, archiveId: g.archiveID,
                  name: g.name, idNumberMasked: g.idNumberMasked, category: g.category?.rawValue, ruleName: g.ruleName,
                  amountFen: g.amount.fen, explanation: g.explanation, state: contractValue(g.state.rawValue), stateLabel: g.state.title,
                  channel: contractValue(g.channel), appliedOn: g.appliedOn.iso, budgetOrgCode: g.budgetOrgCode, reason: g.reason,
                  bankName: g.bankName, bankAccountMasked: g.bankAccountMasked, batchId: g.batchID, attempts: g.attempts,
                  paidOn: g.paidOn?.iso, failureReason: g.failureReason, version: g.version, proposedBankName: g.proposedBankName,
                  proposedAccountMasked: g.proposedAccountMasked, proposedBy: g.proposedBy)
    }
}

extension API.PaymentBatch {
    init(_ b: PaymentBatch) {
        self.init(id: b.id, batchNo: b.batchNo, cycleId: b.cycleID ?? 0, orgCode: b.orgCode, state: contractValue(b.state),
                  lineCount: b.lineCount, totalFen: b.total.fen, createdBy: b.createdBy, createdAt: b.createdAt,
                  approvedBy: b.approvedBy, approvedAt: b.approvedAt, resultsAwaitingConfirmation: b.pendingResults != nil)
    }
}

extension API.BankResultSummary {
    init(_ s: BankResultSummary) {
        self.init(paid: s.paid, failed: s.failed, alreadyRecorded: s.alreadyRecorded, paidTotalFen: s.paidTotal.fen, batchReconciled: s.batchReconciled,
                  awaitingConfirmation: s.awaitingConfirmation)
    }
}

extension API.AssistanceReportRow {
    init(_ r: AssistanceReport.Row) {
        self.init(key: r.key, label: r.label, approvedPeople: r.approvedPeople, approvedFen: r.approved.fen, paidPeople: r.paidPeople,
                  paidFen: r.paid.fen)
    }
}

extension API.AssistanceReport {
    init(_ r: AssistanceReport) {
        self.init(cycleId: r.cycle.id, cycleName: r.cycle.name, orgCode: r.orgCode, orgName: r.orgName, headline: AssistanceFiles.headline(r),
                  byChild: r.byChild.map(API.AssistanceReportRow.init), byCategory: r.byCategory.map(API.AssistanceReportRow.init),
                  total: API.AssistanceReportRow(r.total))
    }
}
