import Foundation
import GonghuiDomain
import SQLKit

/// Each union's officers on duty for the risk warning (预警值班人员): the alerts the union is told
/// of go to their phone by SMS and, when given, to their e-mail, through the outbox.
extension WarningService {
    /// Adds an officer on duty to the union `code` (the actor's own by default).
    public func addDuty(_ draft: WarningDutyDraft, orgCode code: String?, actor: Actor) async throws -> WarningDuty {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权维护预警值班人员") }
        let problems = draft.problems()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let (cipher, audit) = (self.cipher, self.audit)
        return try await database.write { db in
            let org = try await OrgService.find(code: code ?? actor.orgCode ?? "", scope: actor.scope, on: db)
            let email = draft.email.trimmingCharacters(in: .whitespaces)
            guard let row = try await db.raw("""
                INSERT INTO warning_duty (org_id, name, phone_enc, phone_masked, email_enc, email_masked, active, created_at)
                VALUES (\(bind: org.id), \(bind: draft.name.trimmingCharacters(in: .whitespaces)), \(bind: cipher.seal(draft.phone.value)), \(bind: draft.phone.masked),
                    \(bind: email.isEmpty ? nil : cipher.seal(email)), \(bind: email.isEmpty ? nil : WarningDutyDraft.masked(email: email)), \(bind: true), \(bind: Clock.nowMillis()))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "值班人员未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "warning.duty_add", entity: "warning_duty", entityID: String(id), orgID: org.id,
                                         orgPath: try await OrgService.path(of: org.id, on: db), summary: "预警值班人员：\(org.name) 增加 \(draft.name)"),
                                   actor: actor, on: db)
            return try await Self.duty(id: id, scope: .everything, on: db)
        }
    }

    /// Takes an officer off duty.
    public func removeDuty(id: Int64, actor: Actor) async throws {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权维护预警值班人员") }
        let audit = self.audit
        try await database.write { db in
            let d = try await Self.duty(id: id, scope: actor.scope, on: db)
            try await db.raw("UPDATE warning_duty SET active = \(bind: false) WHERE id = \(bind: id)").run()
            try await audit.append(.init(action: "warning.duty_remove", entity: "warning_duty", entityID: String(id), orgID: d.orgID,
                                         orgPath: try await OrgService.path(of: d.orgID, on: db), summary: "预警值班人员：移除 \(d.name)"), actor: actor, on: db)
        }
    }

    /// The officers on duty at the union `code`.
    public func duty(orgCode code: String, actor: Actor) async throws -> [WarningDuty] {
        try await database.read { db in
            let org = try await OrgService.find(code: code, scope: actor.scope, on: db)
            return try await db.raw(Self.dutySelect + " WHERE d.org_id = \(bind: org.id) AND d.active = \(bind: true) ORDER BY d.id").all().map(Self.duty)
        }
    }

    static let dutySelect: SQLQueryString = "SELECT d.*, o.code AS org_code FROM warning_duty d JOIN orgs o ON o.id = d.org_id"

    static func duty(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> WarningDuty {
        guard let row = try await db.raw(dutySelect + " WHERE d.id = \(bind: id) AND d.active = \(bind: true) AND " + scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "值班人员", key: String(id))
        }
        return try duty(row)
    }

    static func duty(_ row: any SQLRow) throws -> WarningDuty {
        WarningDuty(id: try row.decode(column: "id", as: Int64.self), orgID: try row.decode(column: "org_id", as: Int64.self),
                    orgCode: try row.decode(column: "org_code", as: String.self), name: try row.decode(column: "name", as: String.self),
                    phoneMasked: try row.decode(column: "phone_masked", as: String.self), emailMasked: try row.decode(column: "email_masked", as: String?.self))
    }
}
