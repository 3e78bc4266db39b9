import Foundation
import GonghuiAPI
import GonghuiDomain
import GonghuiStore
import Hummingbird

/// The card API: a node's measures, its sleeping cards, the uses a bank's or merchant's system
/// sends (all rows or none), the merchants under contract.
struct CardRoutes {
    let store: Store

    func register(on api: RouterGroup<APIOfficerContext>) {
        api.get("cards/measures", use: measures)
        api.get("cards/sleeping", use: sleeping)
        api.post("cards/usage", use: usage)
        api.get("cards/merchants", use: merchants)
    }

    // GET cards/measures?org=&asOf=
    func measures(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        let code = q.string("org", maxLength: 64) ?? context.actor.orgCode
        let asOf = q.date("asOf") ?? .today()
        try q.check()
        guard let code else { throw APIError.validation([FieldProblem(field: "org", value: "", reason: "请指定工会代码")]) }
        guard asOf >= CivilDate(year: 2000, month: 1, day: 1)! && asOf <= .today() else {
            throw APIError.validation([FieldProblem(field: "asOf", value: asOf.iso, reason: "应在 2000-01-01 与今天之间")])
        }
        let m = try await store.cards.measures(orgCode: code, asOf: asOf, actor: context.actor)
        return try JSONResponse.make(API.CardMeasures(orgCode: m.orgCode, orgName: m.orgName, asOf: m.asOf.iso, rows: m.rows.map { r in
            .init(orgCode: r.orgCode, orgName: r.orgName, issued: r.issued, activated: r.activated, used: r.used, lasting: r.lasting, sleeping: r.sleeping,
                  target: r.target, activationRate: r.activationRate, usageRate: r.usageRate, lastingRate: r.lastingRate, targetDone: r.targetDone)
        }))
    }

    // GET cards/sleeping?org=&limit=
    func sleeping(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var q = QueryReader(request)
        let code = q.string("org", maxLength: 64) ?? context.actor.orgCode
        let limit = q.int("limit", default: 50, min: 1, max: 500)
        try q.check()
        guard let code else { throw APIError.validation([FieldProblem(field: "org", value: "", reason: "请指定工会代码")]) }
        let items = try await store.cards.sleeping(orgCode: code, actor: context.actor, limit: limit)
        return try JSONResponse.make(ItemsJSON(items: items.map { s in
            API.SleepingCard(memberId: s.card.memberID, name: s.card.name, orgCode: s.card.orgCode, state: s.card.state.rawValue, cardMasked: s.card.cardMasked,
                             issuedOn: s.card.issuedOn?.iso, activatedOn: s.card.activatedOn?.iso, lastUsedOn: s.card.lastUsedOn?.iso, why: s.why.title)
        }))
    }

    // POST cards/usage
    func usage(_ request: Request, context: APIOfficerContext) async throws -> Response {
        var body = try await BodyReader.read(request, context: context)
        let fileName = body.string("fileName", maxLength: 200) ?? "API"
        let items = body.objects("rows", maxCount: 5000)
        if items == nil { body.missing("rows") }
        if let items, items.isEmpty { body.problem("rows", "[]", "至少一笔用卡记录") }
        var rows: [CardUsageRow] = []
        for (i, var item) in (items ?? []).enumerated() {
            let number = item.parse("cardNumber", required: true, maxLength: 30) { try CardNumber($0) }
            let on = item.date("usedOn", required: true)
            let merchant = item.string("merchant", required: true, maxLength: 100)
            let amount = item.int64("amountFen", required: true)
            let discount = item.int64("discountFen") ?? 0
            let reference = item.string("reference", required: true, maxLength: 60)
            item.checkFen("amountFen", amount)
            item.checkFen("discountFen", discount)
            if let merchant, merchant.trimmingCharacters(in: .whitespaces).isEmpty { item.problem("merchant", merchant, "不能为空") }
            if let reference, reference.trimmingCharacters(in: .whitespaces).isEmpty { item.problem("reference", reference, "不能为空") }
            body.merge(item)
            if let number, let on, let merchant, let amount, let reference {
                rows.append(CardUsageRow(row: i + 1, cardNumber: number, usedOn: on, merchant: merchant, amount: Money(fen: amount), discount: Money(fen: discount),
                                         reference: reference.trimmingCharacters(in: .whitespaces)))
            }
        }
        try body.check()
        var batches = [rows]
        do {
            let r = try await store.cards.importUsage(next: { batches.isEmpty ? nil : batches.removeFirst() }, fileName: fileName, actor: context.actor)
            return try JSONResponse.make(API.CardUsageResult(rows: r.rows, cards: r.cards), status: .created)
        } catch StoreError.invalid(let problems) {
            throw StoreError.apiRows(problems)
        }
    }

    // GET cards/merchants
    func merchants(_ request: Request, context: APIOfficerContext) async throws -> Response {
        let items = try await store.cards.merchants(actor: context.actor)
        return try JSONResponse.make(ItemsJSON(items: items.map { k in
            API.CardMerchant(id: k.id, orgCode: k.orgCode, orgName: k.orgName, name: k.name, category: k.category.rawValue, address: k.address, phone: k.phone,
                             discount: k.discount, contractNo: k.contractNo, contractFrom: k.contractFrom.iso, contractTo: k.contractTo.iso)
        }))
    }
}
