import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// Hardship archives (困难职工档案) and the province's 低保 table. Amounts are integers in fen;
/// ID numbers and bank accounts travel only in request bodies and come back masked.
struct HardshipRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("hardship/lines", use: lines)
        api.post("hardship/lines", use: setLine)
        api.get("hardship/archives", use: archives)
        api.post("hardship/archives", use: buildArchive)
        api.get("hardship/archives/:id", use: archive)
        api.put("hardship/archives/:id", use: updateArchive)
        api.post("hardship/archives/:id/actions", use: act)
        api.get("hardship/archives/:id/history", use: history)
        api.get("hardship/archives/:id/attachments", use: attachments)
        // The paper is the request body itself; its kind and name are query parameters.
        api.post("hardship/archives/:id/attachments", use: addAttachment)
        api.get("hardship/archives/:id/attachments/:aid", use: attachment)
    }

    // GET hardship/lines
    func lines(_ request: Request, context: APIOfficerContext) async throws -> Response {
        return try JSONResponse.make(ItemsJSON(items: try await store.hardship.subsistenceLines().map(API.SubsistenceLine.init)))
    }

    // POST hardship/lines
    func setLine(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var body = try await BodyReader.read(request, context: context)
        let region = body.string("regionCode", required: true, maxLength: 6)
        let from = body.date("effectiveFrom", required: true)
        let fen = body.int("monthlyFen", required: true, min: 1, max: 100_000_000)
        try body.check()
        let line = SubsistenceLine(regionCode: region!, effectiveFrom: from!, monthly: Money(fen: Int64(fen!)))
        try await store.hardship.setSubsistenceLine(line, actor: actor)
        return try JSONResponse.make(API.SubsistenceLine(line))
    }

    // GET hardship/archives
    func archives(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var q = QueryReader(request)
        var filter = HardshipFilter()
        filter.orgCode = q.string("org", maxLength: 64)
        filter.name = q.string("name", maxLength: 50)
        if let stage = q.choice("stage", allowed: Vocab.hardshipStages, { HardshipArchiveStage(rawValue: $0) }) { filter.stages = [stage] }
        filter.category = q.choice("category", allowed: Vocab.hardshipCategories) { HardshipCategory(parsing: $0) }
        filter.cause = q.choice("cause", allowed: HardshipCause.allCases.map { String($0.rawValue) }) { Int($0).flatMap(HardshipCause.init(rawValue:)) }
        filter.dueForReverification = q.string("due", maxLength: 5) == "true"
        filter.overdueOnly = q.string("overdue", maxLength: 5) == "true"
        let limit = q.int("limit", default: 50, min: 1, max: 500)
        let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
        try q.check()
        let page = try await store.hardship.list(filter, actor: actor, limit: limit, offset: offset)
        let today = CivilDate.today()
        return try JSONResponse.make(CountedPageJSON(items: page.items.map { API.HardshipArchiveSummary($0, today: today) }, total: page.total, limit: page.limit, offset: page.offset))
    }

    // POST hardship/archives
    func buildArchive(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var body = try await BodyReader.read(request, context: context)
        let memberID = body.int64("memberId")
        var person: HardshipArchiveDraft.Person?
        if let memberID {
            person = .member(id: memberID)
        } else if var p = body.object("person") {
            let name = p.string("name", required: true, maxLength: 50)
            let id = p.parse("idNumber", required: true, maxLength: 40) { try IDNumber($0) }
            let phone = p.parse("phone", maxLength: 30) { try PhoneNumber($0) }
            let org = p.string("orgCode", required: true, maxLength: 64)
            body.merge(p)
            if let name, let id, let org { person = .nonMember(name: name, idNumber: id, phone: phone, orgCode: org.trimmingCharacters(in: .whitespaces)) }
        } else {
            body.problem("memberId", "", "请给出会员 memberId，或非会员的 person（姓名、身份证号、建档工会）")
        }
        let appliedOn = body.date("appliedOn") ?? .today()
        let account = body.parse("bankAccount", required: true, maxLength: 40) { try BankAccountNumber($0) }
        let form = Self.readArchiveFields(&body)
        try body.check()
        let draft = HardshipArchiveDraft(person: person!, appliedOn: appliedOn, details: form.details!, bankAccount: account!, family: form.family,
                                         categoryOverride: form.override, overrideReason: form.reason)
        let archive = try await store.hardship.build(draft, actor: actor)
        return try JSONResponse.created(API.HardshipArchive(archive), at: "/api/v1/hardship/archives/\(archive.id)")
    }

    // GET hardship/archives/:id
    func archive(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(API.HardshipArchive(try await store.hardship.archive(id: try context.pathID("id"), actor: actor)))
    }

    // PUT hardship/archives/:id
    func updateArchive(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let account = body.parse("bankAccount", maxLength: 40) { try BankAccountNumber($0) }
        let version = body.int("version", min: 1)
        let form = Self.readArchiveFields(&body)
        try body.check()
        let revision = HardshipRevision(details: form.details!, bankAccount: account, family: form.family, categoryOverride: form.override,
                                        overrideReason: form.reason, expectedVersion: version)
        return try JSONResponse.make(API.HardshipArchive(try await store.hardship.revise(id: id, revision, actor: actor)))
    }

    // POST hardship/archives/:id/actions
    func act(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let name = body.choice("action", required: true, allowed: Vocab.hardshipActions) { Vocab.hardshipActions.contains($0) ? $0 : nil }
        let reason = body.string("reason", maxLength: 500) ?? ""
        let closing = body.choice("closingReason", allowed: HardshipClosingReason.allCases.map(\.rawValue)) { HardshipClosingReason(rawValue: $0) }
        let version = body.int("version", min: 1)
        // A step done on paper earlier may be recorded with its date, never a future one.
        let date = body.date("date")
        if let date, date > .today() { body.problem("date", date.iso, "办理日期不能晚于今天") }
        if name == "close" && closing == nil && !body.problems.contains(where: { $0.field == "closingReason" }) { body.missing("closingReason") }
        if name == "send_back" && reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && !body.has("reason") { body.missing("reason") }
        try body.check()
        let action: HardshipArchiveAction
        switch name! {
        case "submit_for_notice": action = .submitForNotice
        case "end_notice": action = .endNotice
        case "pass_recheck": action = .passRecheck
        case "approve": action = .approve
        case "send_back": action = .sendBack(reason: reason)
        case "reverify": action = .reverify
        default: action = .close(closing!, note: reason)
        }
        return try JSONResponse.make(API.HardshipArchive(try await store.hardship.act(id: id, action, expectedVersion: version, actor: actor, today: date ?? .today())))
    }

    // GET hardship/archives/:id/history
    func history(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(ItemsJSON(items: try await store.hardship.history(id: try context.pathID("id"), actor: actor).map(API.HardshipEvent.init)))
    }

    // GET hardship/archives/:id/attachments
    func attachments(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        return try JSONResponse.make(ItemsJSON(items: try await store.hardship.attachments(archiveID: try context.pathID("id"), actor: actor).map(API.HardshipAttachment.init)))
    }

    // POST hardship/archives/:id/attachments
    func addAttachment(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var q = QueryReader(request)
        let kind = q.choice("kind", allowed: HardshipAttachmentKind.allCases.map(\.rawValue)) { HardshipAttachmentKind(rawValue: $0) }
        let filename = q.string("filename", maxLength: 200)
        // Absent or empty is "required"; a value not in the list was reported by `choice`.
        if kind == nil && !q.problems.contains(where: { $0.field == "kind" }) { q.problems.append(FieldProblem(field: "kind", value: "", reason: "必填")) }
        if filename == nil { q.problems.append(FieldProblem(field: "filename", value: "", reason: "必填")) }
        try q.check()
        guard let kind, let filename else { throw APIError.validation([FieldProblem(field: "kind", value: "", reason: "必填")]) }
        var request = request
        let buffer = try await request.collectBody(upTo: HardshipService.maxAttachmentBytes + 1)
        let saved = try await store.hardship.addAttachment(archiveID: id, kind: kind, filename: filename, data: Array(buffer.readableBytesView), actor: actor)
        return try JSONResponse.created(API.HardshipAttachment(saved), at: "/api/v1/hardship/archives/\(id)/attachments/\(saved.id)")
    }

    // GET hardship/archives/:id/attachments/:aid
    func attachment(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let (meta, bytes) = try await store.hardship.attachmentData(archiveID: try context.pathID("id"), attachmentID: try context.pathID("aid"), actor: actor)
        var headers = HTTPFields()
        headers[.contentType] = meta.contentType
        headers[.contentDisposition] = Web.contentDisposition(meta.filename)
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    struct ArchiveFields {
        var details: HardshipDetails?
        var family: [HardshipFamilyMemberDraft] = []
        var override: HardshipCategory?
        var reason = ""
    }

    /// The fields shared by building and revising: `details`, `family`, the category override.
    static func readArchiveFields(_ body: inout BodyReader) -> ArchiveFields {
        var out = ArchiveFields()
        out.override = body.choice("categoryOverride", allowed: Vocab.hardshipCategories) { HardshipCategory(parsing: $0) }
        out.reason = body.string("overrideReason", maxLength: 500) ?? ""
        if var d = body.object("details") {
            let region = d.string("regionCode", required: true, maxLength: 6)
            let income = d.int("annualIncomeFen", required: true, min: 0, max: 10_000_000_000)
            let rigid = d.int("rigidExpensesFen", min: 0, max: 10_000_000_000) ?? 0
            let size = d.int("householdSize", required: true, min: 1, max: 30)
            let sudden = d.int("suddenCostsFen", min: 0, max: 10_000_000_000) ?? 0
            let own = d.int("ownMonthlyIncomeFen", min: 0, max: 1_000_000_000) ?? 0
            let main = d.int("mainCause", required: true, min: 1, max: 10)
            let secondary = d.ints("secondaryCauses", maxCount: 9, min: 1, max: 10) ?? []
            let health = d.string("health", maxLength: 20) ?? "健康"
            let illness = d.optionalText("majorIllness", maxLength: 40)
            let disability = d.optionalText("disabilityGrade", maxLength: 10)
            let housing = d.string("housing", maxLength: 20) ?? "自有住房"
            let marital = d.string("maritalStatus", maxLength: 10) ?? "已婚"
            let registration = d.string("householdRegistration", maxLength: 10) ?? "城镇"
            let insurance = d.string("medicalInsurance", maxLength: 20) ?? "职工医保"
            let bankName = d.string("bankName", required: true, maxLength: 100)
            let since = d.date("laborRelationSince")
            let note = d.string("note", maxLength: 2000) ?? ""
            let flags = ["singleParent", "canSelfHelp", "zeroEmployment", "isMigrantWorker"].map { d.bool($0) ?? false }
            let livesInCity = d.bool("livesInCity") ?? true
            body.merge(d)
            if let region, let income, let size, let main, let bankName {
                out.details = HardshipDetails(
                    regionCode: region, finances: HouseholdFinances(annualIncome: Money(fen: Int64(income)), rigidExpenses: Money(fen: Int64(rigid)),
                                                                    householdSize: size, suddenCosts: Money(fen: Int64(sudden))),
                    ownMonthlyIncome: Money(fen: Int64(own)),
                    causes: HardshipCauses(main: HardshipCause(rawValue: main)!, secondary: secondary.compactMap(HardshipCause.init(rawValue:))),
                    health: health, majorIllness: illness, disabilityGrade: disability, housing: housing, maritalStatus: marital,
                    singleParent: flags[0], householdRegistration: registration, medicalInsurance: insurance, canSelfHelp: flags[1],
                    zeroEmployment: flags[2], isMigrantWorker: flags[3], livesInCity: livesInCity, laborRelationSince: since, bankName: bankName, note: note)
            }
        } else {
            body.missing("details")
        }
        for var f in body.objects("family", maxCount: HardshipArchiveDraft.maxFamily) ?? [] {
            let name = f.string("name", required: true, maxLength: 50)
            let relation = f.string("relation", required: true, maxLength: 10)
            let id = f.parse("idNumber", maxLength: 40) { try IDNumber($0) }
            let health = f.string("health", maxLength: 20) ?? "健康"
            let income = f.int("monthlyIncomeFen", min: 0, max: 1_000_000_000) ?? 0
            let work = f.string("schoolOrWork", maxLength: 100) ?? ""
            body.merge(f)
            if let name, let relation {
                out.family.append(HardshipFamilyMemberDraft(name: name, relation: relation, idNumber: id, health: health, monthlyIncome: Money(fen: Int64(income)), schoolOrWork: work))
            }
        }
        return out
    }
}

extension Vocab {
    static let hardshipStages = HardshipArchiveStage.allCases.map(\.rawValue)
    static let hardshipCategories = HardshipCategory.allCases.map(\.rawValue)
    static let hardshipActions = ["submit_for_notice", "end_notice", "pass_recheck", "approve", "send_back", "reverify", "close"]
}

extension API.SubsistenceLine {
    init(_ l: SubsistenceLine) { self.init(regionCode: l.regionCode, effectiveFrom: l.effectiveFrom.iso, monthlyFen: l.monthly.fen) }
}

extension API.HardshipDetails {
    init(_ d: HardshipDetails) {
        self.init(regionCode: d.regionCode, annualIncomeFen: d.finances.annualIncome.fen, rigidExpensesFen: d.finances.rigidExpenses.fen,
                  householdSize: d.finances.householdSize, suddenCostsFen: d.finances.suddenCosts.fen,
                  ownMonthlyIncomeFen: d.ownMonthlyIncome.fen, mainCause: d.causes.main.rawValue, mainCauseLabel: d.causes.main.title,
                  secondaryCauses: d.causes.secondary.map(\.rawValue), health: contractValue(d.health), majorIllness: d.majorIllness,
                  disabilityGrade: d.disabilityGrade, housing: contractValue(d.housing), maritalStatus: contractValue(d.maritalStatus),
                  singleParent: d.singleParent, householdRegistration: contractValue(d.householdRegistration),
                  medicalInsurance: contractValue(d.medicalInsurance), canSelfHelp: d.canSelfHelp, zeroEmployment: d.zeroEmployment,
                  isMigrantWorker: d.isMigrantWorker, livesInCity: d.livesInCity, laborRelationSince: d.laborRelationSince?.iso,
                  bankName: d.bankName, note: d.note)
    }
}

extension API.HardshipArchive.FamilyPayloadPayload {
    init(_ f: HardshipFamilyMember) {
        self.init(name: f.name, relation: f.relation, idNumberMasked: f.idNumberMasked, health: f.health,
                  monthlyIncomeFen: f.monthlyIncome.fen, schoolOrWork: f.schoolOrWork)
    }
}

extension API.HardshipArchive {
    init(_ a: HardshipArchive, today: CivilDate = .today()) {
        let w = a.workflow
        let assessment = a.assessment
        self.init(id: a.id, archiveNo: a.archiveNo, orgCode: a.orgCode, orgName: a.orgName, memberId: a.memberID, name: a.name,
                  idNumberMasked: a.idNumberMasked, phoneMasked: a.phoneMasked, details: API.HardshipDetails(a.details),
                  bankAccountMasked: a.bankAccountMasked, family: a.family.map(FamilyPayloadPayload.init),
                  category: a.category.map { contractValue($0.rawValue) }, categoryLabel: a.category?.title,
                  overrideReason: a.overrideReason, hardshipMigrantWorker: a.isHardshipMigrant(on: today),
                  assessment: AssessmentPayload(perCapitaMonthlyFen: assessment.perCapitaMonthly.fen,
                                                computedCategory: a.computedCategory.map { contractValue($0.rawValue) },
                                                line: API.SubsistenceLine(a.line), steps: assessment.steps),
                  stage: contractValue(w.stage.rawValue), stageLabel: w.stage.title, appliedOn: w.appliedOn.iso,
                  noticeStartedOn: w.noticeStartedOn?.iso, noticeDays: w.noticeDays, filedOn: w.filedOn?.iso,
                  verifiedOn: w.verifiedOn?.iso, closedOn: w.closedOn?.iso, dueOn: w.dueOn?.iso, overdue: w.isOverdue(on: today),
                  returnReason: w.returnReason, closingReason: a.closingReason?.rawValue, closingNote: a.closingNote,
                  builtBy: a.builtBy, version: a.version, createdAt: a.createdAt, updatedAt: a.updatedAt)
    }
}

extension API.HardshipArchiveSummary {
    init(_ s: HardshipArchiveSummary, today: CivilDate) {
        self.init(id: s.id, archiveNo: s.archiveNo, orgCode: s.orgCode, orgName: s.orgName, memberId: s.memberID, name: s.name,
                  idNumberMasked: s.idNumberMasked, category: s.category.map { contractValue($0.rawValue) },
                  categoryOverridden: s.categoryOverridden, mainCause: s.mainCause.rawValue, stage: contractValue(s.stage.rawValue),
                  appliedOn: s.appliedOn.iso, dueOn: s.dueOn?.iso, overdue: s.isOverdue(on: today), verifiedOn: s.verifiedOn?.iso,
                  perCapitaMonthlyFen: s.perCapitaMonthly.fen, returnReason: s.returnReason, version: s.version)
    }
}

extension API.HardshipEvent {
    init(_ e: HardshipEvent) {
        self.init(kind: e.kind, onDate: e.onDate.iso, stage: contractValue(e.stage.rawValue), detail: e.detail, actor: e.actor,
                  recordedAt: e.recordedAt)
    }
}

extension API.HardshipAttachment {
    init(_ a: HardshipAttachment) {
        self.init(id: a.id, kind: contractValue(a.kind.rawValue), kindLabel: a.kind.title, filename: a.filename,
                  contentType: contractValue(a.contentType), size: a.size, sha256: a.sha256, uploadedBy: a.uploadedBy,
                  uploadedAt: a.uploadedAt)
    }
}
