import Foundation
import GonghuiDomain
import SQLKit

/// Merchants under contract (普惠商户): signed by a city's or the province's union, found by members
/// by city and category, their contracts' end watched.
extension CardService {
    static let merchantSelect: SQLQueryString = "SELECT k.*, o.code AS org_code, o.name AS org_name FROM card_merchants k JOIN orgs o ON o.id = k.org_id"

    /// A merchant and its contract, signed by the actor's union or one below it.
    public func addMerchant(orgCode: String, _ draft: CardMerchantDraft, actor: Actor) async throws -> CardMerchant {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记签约商户") }
        if !draft.problems.isEmpty { throw StoreError.invalid(draft.problems) }
        let audit = self.audit
        return try await database.write { db in
            let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let path = try await OrgService.path(of: org.id, on: db)
            if try await db.raw("SELECT 1 AS one FROM card_merchants WHERE org_id = \(bind: org.id) AND contract_no = \(bind: draft.contractNo)").first() != nil {
                throw StoreError.invalid([FieldProblem(field: "contract_no", value: draft.contractNo, reason: "本工会已有合同编号为 \(draft.contractNo) 的商户")])
            }
            let now = Clock.nowMillis()
            guard let row = try await db.raw("""
                INSERT INTO card_merchants (org_id, name, category, address, phone, discount, contract_no, contract_from, contract_to, created_by, created_at, updated_at)
                VALUES (\(bind: org.id), \(bind: draft.name.trimmingCharacters(in: .whitespaces)), \(bind: draft.category.rawValue), \(bind: draft.address.trimmingCharacters(in: .whitespaces)),
                    \(bind: draft.phone.trimmingCharacters(in: .whitespaces)), \(bind: draft.discount.trimmingCharacters(in: .whitespaces)), \(bind: draft.contractNo.trimmingCharacters(in: .whitespaces)),
                    \(bind: draft.contractFrom.iso), \(bind: draft.contractTo.iso), \(bind: actor.username), \(bind: now), \(bind: now)) RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "商户未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "card.merchant", entity: "card_merchant", entityID: String(id), orgID: org.id, orgPath: path,
                                         summary: "\(org.name) 签约商户 \(draft.name)（\(draft.category.title)，合同 \(draft.contractNo)，\(draft.contractFrom.iso) 至 \(draft.contractTo.iso)）"),
                                   actor: actor, on: db)
            return try await Self.merchant(id: id, on: db)!
        }
    }

    /// The merchants the actor's members may use: signed by the actor's union, one above it (the
    /// city's, the province's) or one below it; those whose contract ends soonest first.
    public func merchants(actor: Actor, limit: Int = 500) async throws -> [CardMerchant] {
        try await database.read { db in
            try await db.raw(Self.merchantSelect + " WHERE (" + actor.scope.sql("o.path") + " OR \(bind: actor.scope.path) LIKE o.path || '%')"
                             + " ORDER BY k.contract_to, k.id LIMIT \(bind: limit)").all().map(Self.merchant)
        }
    }

    /// What a member finds: merchants in force today signed by a union above `orgCode`'s (the city's
    /// or the province's), or by `cityCode`'s union and those below it, of a category if given.
    public func merchantsFor(memberID: Int64, cityCode: String?, category: MerchantCategory?, today: CivilDate = .today()) async throws -> [CardMerchant] {
        try await database.read { db in
            let memberOrgPath = try await db.raw("SELECT o.path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = \(bind: memberID)").first()!
                .decode(column: "path", as: String.self)
            var q = Self.merchantSelect + " WHERE k.contract_from <= \(bind: today.iso) AND k.contract_to >= \(bind: today.iso)"
            if let cityCode, let city = try await db.raw("SELECT path FROM orgs WHERE code = \(bind: cityCode)").first() {
                q += " AND o.path LIKE \(bind: try city.decode(column: "path", as: String.self) + "%")"
            } else {
                q += " AND \(bind: memberOrgPath) LIKE o.path || '%'"
            }
            if let category { q += " AND k.category = \(bind: category.rawValue)" }
            return try await db.raw(q + " ORDER BY k.category, k.name LIMIT 200").all().map(Self.merchant)
        }
    }

    /// The city unions of the member's province, to look for merchants in another city.
    public func cities(memberID: Int64) async throws -> [(code: String, name: String)] {
        try await database.read { db in
            try await db.raw("""
                SELECT o.code, o.name FROM orgs o JOIN members m ON m.province_id = o.province_id WHERE m.id = \(bind: memberID) AND o.kind = 'city' ORDER BY o.code
                """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self)) }
        }
    }

    public func merchant(id: Int64) async throws -> CardMerchant? {
        try await database.read { db in try await Self.merchant(id: id, on: db) }
    }

    static func merchant(id: Int64, on db: any SQLDatabase) async throws -> CardMerchant? {
        try await db.raw(merchantSelect + " WHERE k.id = \(bind: id)").first().map(merchant)
    }

    static func merchant(_ r: any SQLRow) throws -> CardMerchant {
        CardMerchant(id: try r.decode(column: "id", as: Int64.self), orgCode: try r.decode(column: "org_code", as: String.self), orgName: try r.decode(column: "org_name", as: String.self),
                     name: try r.decode(column: "name", as: String.self), category: MerchantCategory(rawValue: try r.decode(column: "category", as: String.self)) ?? .shopping,
                     address: try r.decode(column: "address", as: String.self), phone: try r.decode(column: "phone", as: String.self),
                     discount: try r.decode(column: "discount", as: String.self), contractNo: try r.decode(column: "contract_no", as: String.self),
                     contractFrom: try Rows.date(r, "contract_from") ?? CivilDate(daysSinceEpoch: 0), contractTo: try Rows.date(r, "contract_to") ?? CivilDate(daysSinceEpoch: 0))
    }
}
