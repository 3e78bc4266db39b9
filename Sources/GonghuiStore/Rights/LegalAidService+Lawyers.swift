import Foundation
import GonghuiDomain
import SQLKit

/// Each union's roster of legal-aid lawyers (法律援助律师名册): kept by the union (and those above
/// it); an application is assigned a lawyer from its union's roster or a roster above it.
extension LegalAidService {
    static let lawyerSelect: SQLQueryString = """
        SELECT l.*, o.code AS org_code FROM legal_aid_lawyers l JOIN orgs o ON o.id = l.org_id
        """

    /// Adds a lawyer to the roster of the union `code` (the actor's own by default).
    public func addLawyer(_ draft: LegalAidLawyerDraft, orgCode code: String?, actor: Actor) async throws -> LegalAidLawyer {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权维护律师名册") }
        let problems = draft.problems()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let (cipher, audit) = (self.cipher, self.audit)
        return try await database.write { db in
            let org = try await OrgService.find(code: code ?? actor.orgCode ?? "", scope: actor.scope, on: db)
            let licence = draft.licenceNo.trimmingCharacters(in: .whitespaces)
            if try await db.raw("SELECT 1 AS one FROM legal_aid_lawyers WHERE org_id = \(bind: org.id) AND licence_no = \(bind: licence)").first() != nil {
                throw StoreError.invalid([FieldProblem(field: "licence_no", value: licence, reason: "名册中已有此执业证号的律师")])
            }
            guard let row = try await db.raw("""
                INSERT INTO legal_aid_lawyers (org_id, name, firm, licence_no, phone_enc, phone_masked, specialties, active, created_at)
                VALUES (\(bind: org.id), \(bind: draft.name.trimmingCharacters(in: .whitespaces)), \(bind: draft.firm.trimmingCharacters(in: .whitespaces)),
                    \(bind: licence), \(bind: draft.phone.map { cipher.seal($0.value) }), \(bind: draft.phone?.masked),
                    \(bind: draft.specialties.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: true), \(bind: Clock.nowMillis()))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "律师未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "legal_aid.lawyer_add", entity: "legal_aid_lawyer", entityID: String(id), orgID: org.id,
                                         orgPath: try await OrgService.path(of: org.id, on: db),
                                         summary: "法律援助律师名册：\(org.name) 增加 \(draft.firm) \(draft.name)"), actor: actor, on: db)
            return try await Self.lawyer(id: id, scope: .everything, on: db)
        }
    }

    /// Takes a lawyer off the roster (or back on); their past assignments keep their name.
    public func setLawyerActive(id: Int64, active: Bool, actor: Actor) async throws -> LegalAidLawyer {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权维护律师名册") }
        let audit = self.audit
        return try await database.write { db in
            let old = try await Self.lawyer(id: id, scope: actor.scope, on: db)
            try await db.raw("UPDATE legal_aid_lawyers SET active = \(bind: active) WHERE id = \(bind: id)").run()
            try await audit.append(.init(action: "legal_aid.lawyer_update", entity: "legal_aid_lawyer", entityID: String(id), orgID: old.orgID,
                                         orgPath: try await OrgService.path(of: old.orgID, on: db),
                                         summary: "法律援助律师名册：\(old.firm) \(old.name) \(active ? "恢复在册" : "移出名册")"), actor: actor, on: db)
            return try await Self.lawyer(id: id, scope: .everything, on: db)
        }
    }

    /// The lawyers a union may assign: its own roster first, then those above it, nearest first;
    /// `activeOnly` for the assignment, all for the roster page.
    public func lawyers(forOrgCode code: String, activeOnly: Bool) async throws -> [LegalAidLawyer] {
        try await database.read { db in
            let org = try await OrgService.findAnywhere(code: code, on: db)
            let path = try await OrgService.path(of: org.id, on: db)
            let active: SQLQueryString = activeOnly ? " AND l.active = \(bind: true)" : ""
            return try await db.raw(Self.lawyerSelect + " WHERE \(bind: path) LIKE o.path || '%'" + active + " ORDER BY o.depth DESC, l.active DESC, l.name").all().map(Self.lawyer)
        }
    }

    static func lawyer(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> LegalAidLawyer {
        guard let row = try await db.raw(lawyerSelect + " WHERE l.id = \(bind: id) AND " + scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "律师", key: String(id))
        }
        return try lawyer(row)
    }

    static func lawyer(_ row: any SQLRow) throws -> LegalAidLawyer {
        LegalAidLawyer(id: try row.decode(column: "id", as: Int64.self), orgID: try row.decode(column: "org_id", as: Int64.self),
                       orgCode: try row.decode(column: "org_code", as: String.self), name: try row.decode(column: "name", as: String.self),
                       firm: try row.decode(column: "firm", as: String.self), licenceNo: try row.decode(column: "licence_no", as: String.self),
                       phoneMasked: try row.decode(column: "phone_masked", as: String?.self), specialties: try row.decode(column: "specialties", as: String.self),
                       active: try row.decode(column: "active", as: Bool.self))
    }
}
