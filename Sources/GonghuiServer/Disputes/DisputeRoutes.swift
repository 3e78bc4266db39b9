import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Labor-dispute cases (劳动争议调处): intake, the worklist, steps, transfers and the policy
/// numbers. Amounts are integers in fen; ID numbers and phones travel only in request bodies and
/// come back masked.
struct DisputeRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("disputes", use: list)
        api.post("disputes", use: registerCase)
        api.get("disputes/policy", use: policy)
        api.post("disputes/policy", use: setPolicyRule)
        api.get("disputes/calendar", use: calendar)
        api.post("disputes/calendar", use: setCalendarDay)
        api.get("disputes/minimum-wages", use: minimumWages)
        api.post("disputes/minimum-wages", use: setMinimumWage)
        api.get("disputes/:id", use: show)
        api.post("disputes/:id/actions", use: act)
        api.post("disputes/:id/workers", use: addWorkers)
        api.post("disputes/:id/transfer", use: transfer)
        api.get("disputes/:id/history", use: history)
    }

    // GET disputes
    func list(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        var filter = DisputeFilter()
        filter.orgCode = q.string("org", maxLength: 64)
        if let state = q.choice("state", allowed: Vocab.disputeStates, { DisputeCaseState(rawValue: $0) }) { filter.states = [state] }
        filter.type = q.choice("type", allowed: Vocab.disputeTypes) { DisputeType(rawValue: $0) }
        filter.employer = q.string("employer", maxLength: 100)
        filter.overdueOnly = q.string("overdue", maxLength: 5) == "true"
        let limit = q.int("limit", default: 50, min: 1, max: 500)
        let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
        try q.check()
        let page = try await store.disputes.list(filter, actor: context.actor, limit: limit, offset: offset)
        let (policy, wages, today) = (try await store.disputes.policy(), try await store.disputes.minimumWages(), CivilDate.today())
        return try JSONResponse.make(CountedPageJSON(items: page.items.map { API.DisputeCase($0, policy: policy, wages: wages, today: today) }, total: page.total,
                                                     limit: page.limit, offset: page.offset))
    }

    // POST disputes
    func registerCase(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let intake = DisputeIntakeReader.read(&body)
        let allowDuplicate = body.bool("allowDuplicate") ?? false
        try body.check()
        let c = try await store.disputes.register(intake!, allowDuplicate: allowDuplicate, actor: context.actor)
        return try JSONResponse.created(try await json(c), at: "/api/v1/disputes/\(c.id)")
    }

    // GET disputes/:id
    func show(_ request: Request, context: APIOfficerContext) async throws -> Response {
        try JSONResponse.make(try await json(try await store.disputes.find(id: try context.pathID("id"), actor: context.actor)))
    }

    // POST disputes/:id/actions
    func act(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let version = body.int("version", min: 1)
        let date = body.date("date")
        if let date, date > .today() { body.problem("date", date.iso, "办理日期不能晚于今天") }
        let action = DisputeActionReader.read(&body, today: date ?? .today())
        let particulars = MediationParticularsReader.read(&body)
        try body.check()
        let c = try await store.disputes.act(id: id, action!, particulars: particulars, expectedVersion: version, actor: context.actor, today: date ?? .today())
        return try JSONResponse.make(try await json(c))
    }

    // POST disputes/:id/workers
    func addWorkers(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let workers = DisputeIntakeReader.workers(&body)
        let version = body.int("version", min: 1)
        if workers?.isEmpty == true { body.problem("workers", "", "请至少登记一名职工") }
        try body.check()
        let c = try await store.disputes.addWorkers(caseID: id, workers!, expectedVersion: version, actor: context.actor)
        return try JSONResponse.make(try await json(c))
    }

    // POST disputes/:id/transfer
    func transfer(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let code = body.string("orgCode", required: true, maxLength: 64)
        let reason = body.string("reason", required: true, maxLength: 500)
        let version = body.int("version", min: 1)
        try body.check()
        let c = try await store.disputes.transfer(id: id, toOrgCode: code!.trimmingCharacters(in: .whitespaces), reason: reason!, expectedVersion: version,
                                                  actor: context.actor)
        return try JSONResponse.make(try await json(c))
    }

    // GET disputes/:id/history
    func history(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let events = try await store.disputes.history(id: try context.pathID("id"), actor: context.actor)
        return try JSONResponse.make(ItemsJSON(items: events.map(API.DisputeEvent.init)))
    }

    // GET disputes/policy
    func policy(_ request: Request, context: APIOfficerContext) async throws -> Response {
        // The contract's keys are the dispute clocks' and the duty switch; the risk warning's and the
        // retention's numbers are kept on their pages.
        let keys = Set(DisputePolicy.defaults.rules.map(\.key) + [DutySeparation.key])
        return try JSONResponse.make(ItemsJSON(items: try await store.disputes.listedRules().rules.filter { keys.contains($0.key) }.map(API.PolicyRule.init)))
    }

    // POST disputes/policy
    func setPolicyRule(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let keys = Set(DisputePolicy.defaults.rules.map(\.key) + [DutySeparation.key]).sorted()
        let key = body.choice("key", required: true, allowed: keys) { keys.contains($0) ? $0 : nil }
        // The range of each key is the store's to check (the switch takes 0 or 1).
        let value = body.int("value", required: true, min: 0, max: 3650)
        let from = body.date("effectiveFrom", required: true)
        let source = body.string("source", required: true, maxLength: 200)
        let workingDays = body.bool("workingDays") ?? false
        try body.check()
        let rule = PolicyRule(key: key!, value: value!, effectiveFrom: from!, source: source!, workingDays: workingDays)
        try await store.disputes.setPolicyRule(rule, actor: context.actor)
        return try JSONResponse.make(API.PolicyRule(rule))
    }

    // GET disputes/calendar
    func calendar(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var query = QueryReader(request)
        let year = query.int("year", default: 0, min: 2000, max: 2100)
        try query.check()
        let days = try await store.disputes.calendar().days.values.filter { year == 0 || $0.date.year == year }.sorted { $0.date < $1.date }
        return try JSONResponse.make(ItemsJSON(items: days.map(API.CalendarDay.init)))
    }

    // POST disputes/calendar
    func setCalendarDay(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let date = body.date("date", required: true)
        let kinds = ["holiday", "workday", "normal"]
        let kind = body.choice("kind", required: true, allowed: kinds) { kinds.contains($0) ? $0 : nil }
        let name = body.string("name", maxLength: 30) ?? ""
        let source = body.string("source", required: true, maxLength: 200)
        try body.check()
        let dayKind = HolidayCalendar.DayKind(rawValue: kind!)
        try await store.disputes.setCalendarDay(date!, kind: dayKind, name: name, source: source!, actor: context.actor)
        return try JSONResponse.make(API.CalendarDay(date: date!.iso, kind: contractValue(kind!), name: name.trimmingCharacters(in: .whitespaces),
                                                     source: source!.trimmingCharacters(in: .whitespaces)))
    }

    // GET disputes/minimum-wages
    func minimumWages(_ request: Request, context: APIOfficerContext) async throws -> Response {
        try JSONResponse.make(ItemsJSON(items: try await store.disputes.minimumWages().wages.map(API.MinimumWage.init)))
    }

    // POST disputes/minimum-wages
    func setMinimumWage(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let region = body.string("regionCode", required: true, maxLength: 6)
        let from = body.date("effectiveFrom", required: true)
        let fen = body.int64("monthlyFen", required: true)
        if let fen, fen < 1 || fen > 10_000_000 { body.problem("monthlyFen", String(fen), "金额应为 0.01 至 100,000 元（以分计）") }
        let source = body.string("source", required: true, maxLength: 200)
        try body.check()
        let wage = MinimumWage(regionCode: region!, effectiveFrom: from!, monthly: Money(fen: fen!), source: source!)
        try await store.disputes.setMinimumWage(wage, actor: context.actor)
        return try JSONResponse.make(API.MinimumWage(wage))
    }

    private func json(_ c: DisputeCase) async throws -> API.DisputeCase {
        API.DisputeCase(c, policy: try await store.disputes.policy(), wages: try await store.disputes.minimumWages(), today: .today())
    }
}

extension Vocab {
    static let disputeChannels = DisputeChannel.allCases.map(\.rawValue)
    static let disputeKinds = DisputeRequestKind.allCases.map(\.rawValue)
    static let disputeTypes = DisputeType.allCases.map(\.rawValue)
    static let disputeStates = DisputeCaseState.allCases.map(\.rawValue)
    static let disputeActions = ["answer", "accept", "refuse", "extend", "start_mediation", "record_agreement", "record_performance", "end_mediation", "resolve"]
    static let mediationEndings = [DisputeOutcome.noAgreement, .withdrawn, .arbitration].map(\.rawValue)
}

/// The intake's fields from a JSON body, every problem named by its field.
enum DisputeIntakeReader {
    static func read(_ body: inout BodyReader) -> DisputeIntake? {
        let channel = body.choice("channel", required: true, allowed: Vocab.disputeChannels) { DisputeChannel(rawValue: $0) }
        let kind = body.choice("kind", required: true, allowed: Vocab.disputeKinds) { DisputeRequestKind(rawValue: $0) }
        let receivedOn = body.date("receivedOn") ?? .today()
        let workers = Self.workers(&body)
        let involved = body.int("workersInvolved", min: 1, max: 100_000)
        var employer: DisputeEmployer?
        if var e = body.object("employer") {
            let name = e.string("name", required: true, maxLength: 100)
            let code = e.string("creditCode", maxLength: 40)
            let region = e.string("regionCode", maxLength: 6)
            let industry = e.string("industry", maxLength: 50)
            body.merge(e)
            if let name { employer = DisputeEmployer(name: name, creditCode: code, regionCode: region, industry: industry, unionCode: nil) }
        } else {
            body.missing("employer")
        }
        var types: [DisputeType] = []
        for raw in body.strings("types", maxCount: 8, maxLength: 40) ?? [] {
            if let t = DisputeType(rawValue: raw) { if !types.contains(t) { types.append(t) } }
            else { body.problem("types", raw, "应为以下之一：\(Vocab.disputeTypes.joined(separator: "、"))") }
        }
        var claims: [DisputeClaim] = []
        for var c in body.objects("claims", maxCount: 20) ?? [] {
            let type = c.choice("type", required: true, allowed: Vocab.disputeTypes) { DisputeType(rawValue: $0) }
            let description = c.string("description", maxLength: 500) ?? ""
            let fen = c.int64("amountFen", required: true)
            if let fen, fen < 0 || fen > 100_000_000_000 { c.problem("amountFen", String(fen), "金额应为 0 至 1,000,000,000 元（以分计）") }
            body.merge(c)
            if let type, let fen { claims.append(DisputeClaim(type: type, description: description, amount: Money(fen: fen))) }
        }
        let facts = body.string("facts", required: true, maxLength: 5000)
        let learnedOn = body.date("learnedOn")
        let endedOn = body.date("employmentEndedOn")
        let confidential = body.bool("confidential") ?? false
        let handling = body.string("handlingOrgCode", maxLength: 64)
        guard let channel, let kind, let workers, let employer, let facts else { return nil }
        return DisputeIntake(channel: channel, kind: kind, receivedOn: receivedOn, workers: workers, workersInvolved: involved ?? workers.count,
                             employer: employer, types: types, claims: claims, facts: facts, learnedOn: learnedOn, employmentEndedOn: endedOn,
                             confidential: confidential, handlingOrgCode: handling?.trimmingCharacters(in: .whitespaces))
    }

    static func workers(_ body: inout BodyReader) -> [DisputeWorkerDraft]? {
        guard let items = body.objects("workers", maxCount: DisputeIntake.maxWorkers) else { body.missing("workers"); return nil }
        var out: [DisputeWorkerDraft] = []
        for var w in items {
            let name = w.string("name", required: true, maxLength: 50)
            let id = w.parse("idNumber", maxLength: 40) { try IDNumber($0) }
            let phone = w.parse("phone", maxLength: 30) { try PhoneNumber($0) }
            let representative = w.bool("representative") ?? false
            body.merge(w)
            if let name { out.append(DisputeWorkerDraft(name: name, idNumber: id, phone: phone, isRepresentative: representative)) }
        }
        return out
    }
}

/// A step from a JSON body: the action's name and the fields it needs.
enum DisputeActionReader {
    static func read(_ body: inout BodyReader, today: CivilDate) -> DisputeAction? {
        guard let name = body.choice("action", required: true, allowed: Vocab.disputeActions, { Vocab.disputeActions.contains($0) ? $0 : nil }) else { return nil }
        switch name {
        case "answer": return body.string("reply", required: true, maxLength: 2000).map { .answer(reply: $0) }
        case "accept": return .accept
        case "refuse": return body.string("reason", required: true, maxLength: 500).map { .refuse(reason: $0) }
        case "extend":
            let days = body.int("days", required: true, min: 1, max: 3650)
            let reason = body.string("reason", required: true, maxLength: 500)
            guard let days, let reason else { return nil }
            return .extend(days: days, reason: reason)
        case "start_mediation":
            let applied = body.date("appliedOn") ?? today
            if applied > .today() { body.problem("appliedOn", applied.iso, "申请日期不能晚于今天") }
            return .startMediation(appliedOn: applied, oral: body.bool("oral") ?? false, note: body.string("note", maxLength: 2000) ?? "")
        case "record_agreement": return terms(&body).map { .recordAgreement(terms: $0) }
        case "record_performance":
            let term = body.int("term", required: true, min: 1, max: 20)
            let fen = body.int64("amountFen", required: true)
            if let fen, fen < 0 || fen > 100_000_000_000 { body.problem("amountFen", String(fen), "金额应为 0 至 1,000,000,000 元（以分计）") }
            guard let term, let fen else { return nil }
            return .recordPerformance(term: term - 1, performedOn: today, amount: Money(fen: fen))
        case "end_mediation":
            let outcome = body.choice("outcome", required: true, allowed: Vocab.mediationEndings) { DisputeOutcome(rawValue: $0) }
            let note = body.string("note", required: true, maxLength: 2000)
            guard let outcome, let note else { return nil }
            return .endMediation(outcome, note: note)
        default:
            let note = body.string("note", required: true, maxLength: 2000)
            let fen = body.int64("amountFen") ?? 0
            if fen < 0 || fen > 100_000_000_000 { body.problem("amountFen", String(fen), "金额应为 0 至 1,000,000,000 元（以分计）") }
            return note.map { .resolve(note: $0, recovered: Money(fen: fen)) }
        }
    }

    static func terms(_ body: inout BodyReader) -> [AgreementTerm]? {
        guard let items = body.objects("terms", maxCount: 20) else { body.missing("terms"); return nil }
        var out: [AgreementTerm] = []
        for var t in items {
            let description = t.string("description", required: true, maxLength: 500)
            let fen = t.int64("amountFen", required: true)
            if let fen, fen < 0 || fen > 100_000_000_000 { t.problem("amountFen", String(fen), "金额应为 0 至 1,000,000,000 元（以分计）") }
            let due = t.date("dueOn", required: true)
            body.merge(t)
            if let description, let fen, let due { out.append(AgreementTerm(description: description, amount: Money(fen: fen), dueOn: due)) }
        }
        return out
    }
}
