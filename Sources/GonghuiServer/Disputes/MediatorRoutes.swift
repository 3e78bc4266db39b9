import Foundation
import GonghuiDomain
import GonghuiStore
import HTTPTypes
import Hummingbird

/// The mediator roster over the API (调解员名册): a union's roster, adding a mediator and
/// correcting one or taking them off it.
struct MediatorRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("disputes/mediators", use: list)
        api.post("disputes/mediators", use: add)
        api.patch("disputes/mediators/:id", use: update)
    }

    // GET disputes/mediators
    func list(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        let code = q.string("org", maxLength: 64)
        try q.check()
        let (org, mediators) = try await store.disputes.mediators(orgCode: code, actor: context.actor)
        return try JSONResponse.make(RosterJSON(orgCode: org.code, orgName: org.name, items: mediators.map(API.Mediator.init)))
    }

    // POST disputes/mediators
    func add(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let orgCode = body.string("orgCode", maxLength: 64)
        let draft = Self.draft(&body)
        try body.check()
        let m = try await store.disputes.addMediator(draft!, orgCode: orgCode, actor: context.actor)
        return try JSONResponse.created(API.Mediator(m), at: "/api/v1/disputes/mediators/\(m.id)")
    }

    // PATCH disputes/mediators/:id
    func update(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let version = body.int("version", min: 1)
        let draft = Self.draft(&body)
        try body.check()
        return try JSONResponse.make(API.Mediator(try await store.disputes.updateMediator(id: id, draft!, expectedVersion: version, actor: context.actor)))
    }

    /// The mediator's fields (nil only when the body has problems, which `check` then reports).
    static func draft(_ body: inout BodyReader) -> MediatorDraft? {
        let name = body.string("name", required: true, maxLength: 30)
        let roles = MediatorRole.allCases.map(\.rawValue)
        let role = body.choice("role", required: true, allowed: roles) { MediatorRole(rawValue: $0) }
        let phone = body.parse("phone", maxLength: 20) { try PhoneNumber($0) }
        var types: [DisputeType] = []
        for raw in body.strings("specialties", maxCount: 8, maxLength: 40) ?? [] {
            if let t = DisputeType(rawValue: raw) { if !types.contains(t) { types.append(t) } }
            else { body.problem("specialties", raw, "应为以下之一：\(Vocab.disputeTypes.joined(separator: "、"))") }
        }
        let note = body.string("note", maxLength: 200) ?? ""
        let active = body.bool("active") ?? true
        guard let name, let role else { return nil }
        let draft = MediatorDraft(name: name, role: role, phone: phone, specialties: types, note: note, active: active)
        for p in draft.problems() { body.problem(p.field, p.value, p.reason) }
        return draft
    }

    struct RosterJSON: Encodable {
        var orgCode: String
        var orgName: String
        var items: [API.Mediator]
    }
}

extension API.Mediator {
    init(_ m: Mediator) {
        self.init(id: m.id, orgCode: m.orgCode, orgName: m.orgName, name: m.name, role: contractValue(m.role.rawValue), phone: m.phone,
                  specialties: m.specialties.map { contractValue($0.rawValue) }, note: m.note, active: m.active, version: m.version,
                  mediating: m.mediating, agreements: m.agreements)
    }
}
