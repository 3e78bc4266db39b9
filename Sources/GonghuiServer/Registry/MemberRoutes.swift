import Foundation
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// Members (会员实名制): search, look-up by ID number, history, registration and edits.
/// ID numbers travel only in request bodies, never in URLs (they would end up in logs).
struct MemberRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("members") { request, context in
            let actor = context.actor
            var q = QueryReader(request)
            let name = q.string("name", maxLength: 50)
            let org = q.string("org", maxLength: 64)
            let status = q.choice("status", allowed: Vocab.memberStatuses) { MemberStatus(parsing: $0) }
            let limit = q.int("limit", default: 50, min: 1, max: 500)
            let offset = q.int("offset", default: 0, min: 0, max: 10_000_000)
            try q.check()
            let page = try await store.members.search(name: name, orgCode: org, status: status, actor: actor, limit: limit, offset: offset)
            return try JSONResponse.make(CountedPageJSON(items: page.items.map(API.Member.init), total: page.total, limit: page.limit, offset: page.offset))
        }
        api.post("members") { request, context in try await registerMember(request, context) }
        api.post("members/lookup") { request, context in
            let actor = context.actor
            var body = try await BodyReader.read(request, context: context)
            let id = body.parse("idNumber", required: true, maxLength: 40) { try IDNumber($0) }
            try body.check()
            return try JSONResponse.make(API.Member(try await store.members.lookup(idNumber: id!, actor: actor)))
        }
        api.get("members/:id") { _, context in
            let actor = context.actor
            return try JSONResponse.make(API.Member(try await store.members.member(id: try context.pathID("id"), actor: actor)))
        }
        api.patch("members/:id") { request, context in try await update(request, context) }
        api.get("members/:id/history") { _, context in
            let actor = context.actor
            let events = try await store.members.history(id: try context.pathID("id"), actor: actor)
            return try JSONResponse.make(ItemsJSON(items: events.map(API.MemberEvent.init)))
        }
        api.post("members/:id/identifiers") { _, context in
            let actor = context.actor
            let ids = try await store.members.identifiers(id: try context.pathID("id"), actor: actor)
            var headers = HTTPFields()
            headers[.cacheControl] = "no-store"
            return try JSONResponse.make(API.Identifiers(idNumber: ids.idNumber, phone: ids.phone), headers: headers)
        }
        api.post("members/:id/status") { request, context in
            let actor = context.actor
            let id = try context.pathID("id")
            var body = try await BodyReader.read(request, context: context)
            let status = body.choice("status", required: true, allowed: Vocab.memberStatuses) { MemberStatus(parsing: $0) }
            let date = body.date("date")
            let reason = body.string("reason", maxLength: 500) ?? ""
            try body.check()
            let member = try await store.members.changeStatus(id: id, to: status!, on: date ?? .today(), reason: reason.trimmingCharacters(in: .whitespaces), actor: actor)
            return try JSONResponse.make(API.Member(member))
        }
    }

    func registerMember(_ request: Request, _ context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        var body = try await BodyReader.read(request, context: context)
        let idNumber = body.parse("idNumber", required: true, maxLength: 40) { try IDNumber($0) }
        let name = body.string("name", required: true, maxLength: 100)
        let phone = body.parse("phone", maxLength: 30) { try PhoneNumber($0) }
        let orgCode = body.string("orgCode", required: true, maxLength: 64)
        let joinedOn = body.date("joinedOn", required: true)
        let employment = body.choice("employmentType", required: true, allowed: Vocab.employmentTypes) { EmploymentType(parsing: $0) }
        let isMigrant = body.bool("isMigrant") ?? false
        let status = body.choice("status", allowed: Vocab.memberStatuses) { MemberStatus(parsing: $0) } ?? .active
        var texts: [String: String] = [:]
        for key in ["ethnicity", "education", "skillLevel", "householdType", "politicalStatus", "workplace", "cardNumber"] {
            if let v = body.optionalText(key, maxLength: key == "workplace" ? 200 : 50) { texts[key] = v }
        }
        try body.check()
        let draft = MemberDraft(
            idNumber: idNumber!, name: name!.trimmingCharacters(in: .whitespaces), phone: phone, orgCode: orgCode!.trimmingCharacters(in: .whitespaces),
            joinedOn: joinedOn!, employmentType: employment!, isMigrant: isMigrant, status: status,
            ethnicity: texts["ethnicity"], education: texts["education"], skillLevel: texts["skillLevel"],
            householdType: texts["householdType"], politicalStatus: texts["politicalStatus"], workplace: texts["workplace"],
            cardNumber: texts["cardNumber"])
        let member = try await store.members.register(draft, actor: actor)
        return try JSONResponse.created(API.Member(member), at: "/api/v1/members/\(member.id)")
    }

    func update(_ request: Request, _ context: APIOfficerContext) async throws -> Response {
        let actor = context.actor
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let version = body.int("version", min: 1)
        var patch = MemberPatch()
        if body.has("name") {
            if body.isNull("name") { body.problem("name", "null", "姓名不能为空") } else { patch.name = body.string("name", required: true, maxLength: 100) }
        }
        if body.has("phone") {
            if body.isNull("phone") { patch.phone = .some(nil) }
            else if let p = body.parse("phone", maxLength: 30, { try PhoneNumber($0) }) { patch.phone = .some(p) }
        }
        if body.has("employmentType") {
            patch.employmentType = body.choice("employmentType", required: true, allowed: Vocab.employmentTypes) { EmploymentType(parsing: $0) }
        }
        if body.has("isMigrant") { patch.isMigrant = body.bool("isMigrant", required: true) }
        if body.has("joinedOn") { patch.joinedOn = body.date("joinedOn", required: true) }
        let texts: [(String, WritableKeyPath<MemberPatch, String??>)] = [
            ("ethnicity", \.ethnicity), ("education", \.education), ("skillLevel", \.skillLevel), ("householdType", \.householdType),
            ("politicalStatus", \.politicalStatus), ("workplace", \.workplace), ("cardNumber", \.cardNumber),
        ]
        for (key, path) in texts where body.has(key) {
            let before = body.problems.count
            let v = body.optionalText(key, maxLength: key == "workplace" ? 200 : 50)
            if body.problems.count == before { patch[keyPath: path] = .some(v) }
        }
        for key in ["idNumber", "orgCode", "status"] where body.has(key) {
            body.problem(key, body.fields[key]!.text,
                         key == "idNumber" ? "证件号码不能修改" : key == "orgCode" ? "调整所属工会请办理会籍转接" : "变更状态请使用 POST /api/v1/members/{id}/status")
        }
        try body.check()
        let member = try await store.members.update(id: id, patch: patch, expectedVersion: version, actor: actor)
        return try JSONResponse.make(API.Member(member))
    }
}
