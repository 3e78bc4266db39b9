import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// The organization tree (五级一张网): search, navigate, history, and the registry changes.
struct OrgRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("orgs") { request, context in try await search(request, context) }
        api.post("orgs") { request, context in try await create(request, context) }
        api.get("orgs/root") { _, context in
            let actor = context.actor
            return try JSONResponse.make(ItemsJSON(items: try await store.orgs.root(actor: actor).map(API.Org.init)))
        }
        api.get("orgs/:code") { _, context in
            let actor = context.actor
            return try JSONResponse.make(API.Org(try await store.orgs.org(code: try context.path("code"), actor: actor)))
        }
        api.patch("orgs/:code") { request, context in try await update(request, context) }
        api.get("orgs/:code/summary") { _, context in
            let actor = context.actor
            return try JSONResponse.make(API.OrgSummary(try await store.orgs.summary(code: try context.path("code"), actor: actor)))
        }
        api.get("orgs/:code/children") { request, context in
            let actor = context.actor
            var q = QueryReader(request)
            let limit = q.int("limit", default: 100, min: 1, max: 500)
            let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
            let includeEnded = q.choice("includeEnded", allowed: ["true", "false"]) { ["true": true, "false": false][$0] } ?? false
            try q.check()
            let kids = try await store.orgs.children(of: try context.path("code"), actor: actor, includeEnded: includeEnded, limit: limit, offset: offset)
            return try JSONResponse.make(PageJSON(items: kids.map(API.OrgSummary.init), limit: limit, offset: offset))
        }
        api.get("orgs/:code/history") { _, context in
            let actor = context.actor
            return try JSONResponse.make(ItemsJSON(items: try await store.orgs.history(code: try context.path("code"), actor: actor).map(API.OrgEvent.init)))
        }
        api.get("orgs/:code/breadcrumbs") { _, context in
            let actor = context.actor
            return try JSONResponse.make(ItemsJSON(items: try await store.orgs.breadcrumbs(code: try context.path("code"), actor: actor).map(API.Org.init)))
        }
        api.get("orgs/:code/members") { request, context in
            let actor = context.actor
            var q = QueryReader(request)
            let asOf = q.date("asOf") ?? .today()
            let limit = q.int("limit", default: 100, min: 1, max: 1000)
            let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
            try q.check()
            let rows = try await store.members.members(of: try context.path("code"), asOf: asOf, actor: actor, limit: limit, offset: offset)
            return try JSONResponse.make(AsOfPageJSON(asOf: asOf, items: rows.map(API.MembershipOnDate.init), limit: limit, offset: offset))
        }
        api.post("orgs/:code/move") { request, context in
            let actor = context.actor
            let code = try context.path("code")
            var body = try await BodyReader.read(request, context: context)
            let parent = body.string("parentCode", required: true, maxLength: 64)
            let date = body.date("date")
            try body.check()
            try checkNotFuture(date)
            let org = try await store.orgs.move(code: code, toParent: parent!, on: date ?? .today(), actor: actor)
            return try JSONResponse.make(API.Org(org))
        }
        api.post("orgs/:code/merge") { request, context in
            let actor = context.actor
            let code = try context.path("code")
            var body = try await BodyReader.read(request, context: context)
            let into = body.string("intoCode", required: true, maxLength: 64)
            let date = body.date("date")
            try body.check()
            try checkNotFuture(date)
            let org = try await store.orgs.merge(code: code, into: into!, on: date ?? .today(), actor: actor)
            return try JSONResponse.make(API.Org(org))
        }
        api.post("orgs/:code/dissolve") { request, context in
            let actor = context.actor
            let code = try context.path("code")
            var body = try await BodyReader.read(request, context: context)
            let reason = body.string("reason", required: true, maxLength: 500)
            let date = body.date("date")
            try body.check()
            try checkNotFuture(date)
            let org = try await store.orgs.dissolve(code: code, on: date ?? .today(), reason: reason!.trimmingCharacters(in: .whitespaces), actor: actor)
            return try JSONResponse.make(API.Org(org))
        }
    }

    func search(_ request: Request, _ context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var q = QueryReader(request)
        let text = q.string("q", maxLength: 100) ?? ""
        let kind = q.choice("kind", allowed: Vocab.orgKinds) { OrgKind(parsing: $0) }
        let limit = q.int("limit", default: 50, min: 1, max: 500)
        let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
        try q.check()
        let orgs = try await store.orgs.search(text, actor: actor, kind: kind, limit: limit, offset: offset)
        return try JSONResponse.make(PageJSON(items: orgs.map(API.Org.init), limit: limit, offset: offset))
    }

    func create(_ request: Request, _ context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var body = try await BodyReader.read(request, context: context)
        let code = body.string("code", required: true, maxLength: 64)
        let name = body.string("name", required: true, maxLength: 200)
        let parentCode = body.optionalText("parentCode", maxLength: 64)
        let kind = body.choice("kind", required: true, allowed: Vocab.orgKinds) { OrgKind(parsing: $0) }
        let date = body.date("date")
        var draft = OrganizationDraft(code: (code ?? "").trimmingCharacters(in: .whitespaces), name: (name ?? "").trimmingCharacters(in: .whitespaces),
                                      parentCode: parentCode, kind: kind ?? .grassroots)
        readFields(into: &draft, from: &body, creating: true)
        try body.check()
        try checkNotFuture(date)
        let org = try await store.orgs.create(draft, on: date ?? .today(), actor: actor)
        return try JSONResponse.created(API.Org(org), at: "/api/v1/orgs/\(org.code)")
    }

    func update(_ request: Request, _ context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let code = try context.path("code")
        var body = try await BodyReader.read(request, context: context)
        let version = body.int("version", min: 1)
        let name = body.string("name", maxLength: 200)
        if body.has("name"), body.isNull("name") { body.problem("name", "null", "组织名称不能为空") }
        let kind = body.choice("kind", allowed: Vocab.orgKinds) { OrgKind(parsing: $0) }
        for key in ["code", "parentCode"] where body.has(key) {
            body.problem(key, body.fields[key]!.text, key == "code" ? "组织代码不能修改" : "调整上级组织请使用 POST /api/v1/orgs/{code}/move")
        }
        // Read the current org first so the patch is merged onto what is stored now.
        let current = try await store.orgs.org(code: code, actor: actor)
        var draft = OrganizationDraft(
            code: current.code, name: name?.trimmingCharacters(in: .whitespaces) ?? current.name, parentCode: current.parentCode,
            kind: kind ?? current.kind, creditCode: current.creditCode.flatMap { try? CreditCode($0) },
            regionCode: current.regionCode.flatMap { try? RegionCode($0) }, unitNature: current.unitNature,
            economicType: current.economicType, industry: current.industry, employees: current.employees,
            womenEmployees: current.womenEmployees, migrantEmployees: current.migrantEmployees, foundedOn: current.foundedOn,
            chairName: current.chairName, chairPhone: nil, fullTimeStaff: current.fullTimeStaff, approval: current.approval,
            flags: current.flags)
        readFields(into: &draft, from: &body, creating: false)
        try body.check()
        let org = try await store.orgs.update(code: code, with: draft, keepChairPhone: !body.has("chairPhone"),
                                              expectedVersion: version, on: .today(), actor: actor)
        return try JSONResponse.make(API.Org(org))
    }

    /// The optional fields of an org, for create (absent = empty) and patch (absent = unchanged,
    /// null = cleared).
    func readFields(into d: inout OrganizationDraft, from body: inout BodyReader, creating: Bool) {
        if body.has("creditCode") {
            d.creditCode = body.parse("creditCode", maxLength: 40) { try CreditCode($0.trimmingCharacters(in: .whitespaces)) }
        }
        if body.has("regionCode") {
            d.regionCode = body.parse("regionCode", maxLength: 20) { try RegionCatalog.builtIn.validate($0.trimmingCharacters(in: .whitespaces)) }
        }
        if body.has("unitNature") {
            d.unitNature = body.choice("unitNature", allowed: Vocab.unitNatures) { UnitNature(parsing: $0) }
        }
        if body.has("economicType") { d.economicType = body.optionalText("economicType", maxLength: 50) }
        if body.has("industry") { d.industry = body.optionalText("industry", maxLength: 50) }
        if body.has("chairName") { d.chairName = body.optionalText("chairName", maxLength: 50) }
        if body.has("chairPhone") {
            d.chairPhone = body.parse("chairPhone", maxLength: 30) { try PhoneNumber($0) }
        }
        if body.has("foundedOn") {
            d.foundedOn = body.date("foundedOn")
            if let f = d.foundedOn, f > .today() { body.problem("foundedOn", f.iso, "建会日期不能晚于今天") }
        }
        let counts: [(String, WritableKeyPath<OrganizationDraft, Int>)] = [
            ("employees", \.employees), ("womenEmployees", \.womenEmployees),
            ("migrantEmployees", \.migrantEmployees), ("fullTimeStaff", \.fullTimeStaff),
        ]
        for (key, path) in counts where body.has(key) {
            if body.isNull(key) {
                if creating { d[keyPath: path] = 0 } else { body.problem(key, "null", "应为整数") }
            } else if let n = body.int(key, min: 0, max: 100_000_000) {
                d[keyPath: path] = n
            }
        }
        if body.has("approval") {
            if let a = body.choice("approval", allowed: Vocab.approvals, { FoundingApproval(rawValue: $0) }) { d.approval = a }
        }
        if body.has("flags") {
            if var f = body.object("flags") {
                let keys: [(String, WritableKeyPath<OrgFlags, Bool>)] = [
                    ("womenCommittee", \.womenCommittee), ("fundsAuditCommittee", \.fundsAuditCommittee),
                    ("workersCongress", \.workersCongress), ("factoryAffairsOpenness", \.factoryAffairsOpenness),
                    ("laborProtectionCommittee", \.laborProtectionCommittee), ("mediationCommittee", \.mediationCommittee),
                ]
                for (key, path) in keys where f.has(key) {
                    if let b = f.bool(key) { d.flags[keyPath: path] = b } else if f.isNull(key) { f.problem(key, "null", "应为 true 或 false") }
                }
                body.merge(f)
            } else if body.isNull("flags"), !creating {
                body.problem("flags", "null", "应为对象")
            }
        }
    }
}

/// Dates of things that happened (moves, signatures, report dates) cannot lie ahead.
func checkNotFuture(_ date: CivilDate?, field: String = "date") throws {
    if let date, date > .today() {
        throw APIError.validation([FieldProblem(field: field, value: date.iso, reason: "日期不能晚于今天")])
    }
}
