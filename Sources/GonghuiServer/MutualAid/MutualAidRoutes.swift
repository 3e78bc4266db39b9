import Foundation
import GonghuiAPI
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// The mutual-aid API: a unit's members enrolled in a round (all, or a list of ID numbers), the
/// claims of the caller's subtree, and a round's figures for a node.
struct MutualAidRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.post("mutual-aid/rounds/:id/enrollments", use: enroll)
        api.get("mutual-aid/rounds/:id/figures", use: figures)
        api.get("mutual-aid/claims", use: claims)
    }

    // POST mutual-aid/rounds/:id/enrollments
    func enroll(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var body = try await BodyReader.read(request, context: context)
        let unit = body.string("unitCode", required: true, maxLength: 64)
        let raw = body.strings("idNumbers", maxCount: 5000, maxLength: 18)
        var numbers: [IDNumber] = []
        for (i, text) in (raw ?? []).enumerated() {
            do { numbers.append(try IDNumber(text)) } catch { body.problem("idNumbers[\(i)]", text, error.message) }
        }
        if let raw, raw.isEmpty { body.problem("idNumbers", "[]", "名单为空：不给名单则为全部在会会员参保") }
        try body.check()
        let enrolled: Int
        do {
            enrolled = raw == nil ? try await store.mutualAid.enroll(roundID: id, unitCode: unit!, actor: context.actor)
                : try await store.mutualAid.enroll(roundID: id, unitCode: unit!, idNumbers: numbers, actor: context.actor)
        } catch StoreError.invalid(let problems) {
            // The API spells its fields in camelCase.
            throw StoreError.invalid(problems.map { p in
                var q = p
                q.field = p.field.replacingOccurrences(of: "id_numbers", with: "idNumbers").replacingOccurrences(of: "unit_code", with: "unitCode")
                return q
            })
        }
        let standing = try await store.mutualAid.standings(roundID: id, actor: context.actor).first { $0.unitCode == unit! }
        return try JSONResponse.make(API.MutualAidEnrollmentResult(enrolled: enrolled, unitCode: standing?.unitCode ?? unit!, unitName: standing?.unitName ?? unit!,
                                                                   unitEnrolled: standing?.enrolled ?? 0, unitPaid: standing?.paid ?? 0, dueFen: standing?.due.fen ?? 0,
                                                                   receivedFen: standing?.received.fen ?? 0), status: .created)
    }

    // GET mutual-aid/rounds/:id/figures?org=
    func figures(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let id = try context.pathID("id")
        var q = QueryReader(request)
        let code = q.string("org", maxLength: 64) ?? context.actor.orgCode
        try q.check()
        guard let code else { throw APIError.validation([FieldProblem(field: "org", value: "", reason: "请指定工会代码")]) }
        let r = try await store.mutualAid.report(roundID: id, orgCode: code, actor: context.actor)
        func breakdown(_ b: MutualAidBreakdown) -> API.MutualAidBreakdown {
            .init(key: b.key, title: b.title, claims: b.claims, claimsPaid: b.claimsPaid, benefitsPaidFen: b.benefitsPaidFen)
        }
        return try JSONResponse.make(API.MutualAidFigures(
            planCode: r.planCode, planName: r.planName, roundId: r.roundID, roundName: r.roundName, orgCode: r.orgCode, orgName: r.orgName,
            rows: r.rows.map { x in
                .init(orgCode: x.orgCode, orgName: x.orgName, enrolled: x.enrolled, units: x.units, contributionsDueFen: x.contributionsDueFen,
                      contributionsFen: x.contributionsFen, claims: x.claims, claimsApproved: x.claimsApproved, claimsRefused: x.claimsRefused,
                      claimsPaid: x.claimsPaid, benefitsPaidFen: x.benefitsPaidFen, payoutRatio: x.payoutRatio, averageDaysToPay: x.averageDaysToPay)
            },
            byBenefit: r.byBenefit.map(breakdown), byDiagnosis: r.byDiagnosis.map(breakdown)))
    }

    // GET mutual-aid/claims?round=&state=&limit=
    func claims(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        let round = q.int("round", default: 0, min: 0, max: Int.max)
        let state = q.choice("state", allowed: MutualAidClaimState.allCases.map(\.rawValue), MutualAidClaimState.init(rawValue:))
        let limit = q.int("limit", default: 50, min: 1, max: 500)
        try q.check()
        let items = try await store.mutualAid.claims(roundID: round == 0 ? nil : Int64(round), state: state, actor: context.actor, limit: limit)
        return try JSONResponse.make(ItemsJSON(items: items.map { c in
            API.MutualAidClaim(id: c.id, claimNo: c.claimNo, roundId: c.roundID, planCode: c.planCode, roundName: c.roundName, name: c.memberName,
                               idMasked: c.idNumberMasked, unitCode: c.unitCode, benefitCode: c.benefitCode, benefitTitle: c.benefitTitle,
                               eventKind: c.event.kind.rawValue, eventOn: c.event.on.iso, dischargedOn: c.event.dischargedOn?.iso, diagnosis: c.event.diagnosis,
                               filedOn: c.filedOn.iso, channel: c.channel, state: c.state.rawValue, amountFen: c.amount.fen, lines: c.lines, reason: c.reason,
                               accountMasked: c.accountMasked, paidOn: c.paidOn?.iso, version: c.version)
        }))
    }
}
