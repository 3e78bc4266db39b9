import Foundation
import GonghuiDomain
import SQLKit

/// The mediator roster of each union (调解员名册): who a union can call to mediate, kept by its
/// officers; a case's mediation picks from the rosters of its handling union and the unions above.
extension DisputeService {
    static let mediatorSelect: SQLQueryString = """
        SELECT m.id, m.org_id, m.name, m.role, m.phone_enc, m.specialties, m.note, m.active, m.version, o.code AS org_code, o.name AS org_name
        FROM dispute_mediators m JOIN orgs o ON o.id = m.org_id
        """

    /// The roster of the union `code` (the actor's own by default), inactive mediators included,
    /// with each one's cases at that union. A union in the actor's subtree, or one above the
    /// actor (whose mediators the actor may call on); any other is "not found".
    public func mediators(orgCode code: String?, actor: Actor) async throws -> (org: Organization, mediators: [Mediator]) {
        let cipher = self.cipher
        return try await database.read { db in
            let org = try await Self.rosterOrg(code ?? actor.orgCode, actor: actor, forWriting: false, on: db)
            let rows = try await db.raw(Self.mediatorSelect + " WHERE m.org_id = \(bind: org.id) ORDER BY m.active DESC, m.name").all()
            var list = try rows.map { try Self.mediator($0, cipher: cipher) }
            // A mediation may name several mediators ("李明、王芳"): its cases count for each.
            var mediating: [String: Int] = [:], agreements: [String: Int] = [:]
            for row in try await db.raw("""
                SELECT mediator, state, outcome FROM dispute_cases WHERE org_id = \(bind: org.id) AND mediator IS NOT NULL AND mediator <> ''
                """).all() {
                let names = MediationParticulars(mediator: try row.decode(column: "mediator", as: String.self)).mediatorNames
                let state = try row.decode(column: "state", as: String.self), outcome = try row.decode(column: "outcome", as: String?.self)
                for n in Set(names) {
                    if state == DisputeCaseState.mediating.rawValue { mediating[n, default: 0] += 1 }
                    if state == DisputeCaseState.performing.rawValue || outcome == DisputeOutcome.agreement.rawValue { agreements[n, default: 0] += 1 }
                }
            }
            for i in list.indices {
                list[i].mediating = mediating[list[i].name] ?? 0
                list[i].agreements = agreements[list[i].name] ?? 0
            }
            return (org, list)
        }
    }

    /// One mediator of a roster in the actor's subtree (to correct); any other is "not found".
    public func mediator(id: Int64, actor: Actor) async throws -> Mediator {
        let cipher = self.cipher
        return try await database.read { db in
            guard let row = try await db.raw(Self.mediatorSelect + " WHERE m.id = \(bind: id) AND " + actor.scope.sql("o.path")).first() else {
                throw StoreError.notFound(entity: "调解员", key: String(id))
            }
            return try Self.mediator(row, cipher: cipher)
        }
    }

    /// The active mediators a case handled by `orgCode`'s union may name: its own roster first,
    /// then those of the unions above it, nearest first.
    public func mediatorChoices(handlingOrgCode code: String) async throws -> [Mediator] {
        let cipher = self.cipher
        return try await database.read { db in
            let org = try await OrgService.findAnywhere(code: code, on: db)
            let path = try await OrgService.path(of: org.id, on: db)
            let rows = try await db.raw(Self.mediatorSelect + """
                 WHERE m.active = \(bind: true) AND \(bind: path) LIKE o.path || '%' ORDER BY o.depth DESC, m.name
                """).all()
            return try rows.map { try Self.mediator($0, cipher: cipher) }
        }
    }

    /// Adds a mediator to the roster of the union `code` (the actor's own by default).
    public func addMediator(_ draft: MediatorDraft, orgCode code: String?, actor: Actor) async throws -> Mediator {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权维护调解员名册") }
        let problems = draft.problems()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let (cipher, audit) = (self.cipher, self.audit)
        return try await database.write { db in
            let org = try await Self.rosterOrg(code ?? actor.orgCode, actor: actor, forWriting: true, on: db)
            let name = draft.name.trimmingCharacters(in: .whitespaces)
            try await Self.refuseDuplicateName(name, orgID: org.id, except: nil, on: db)
            let now = Clock.nowMillis()
            guard let row = try await db.raw("""
                INSERT INTO dispute_mediators (province_id, org_id, name, role, phone_enc, specialties, note, active, version, created_by, created_at, updated_at)
                VALUES (\(bind: org.provinceID), \(bind: org.id), \(bind: name), \(bind: draft.role.rawValue), \(bind: draft.phone.map { cipher.seal($0.value) }),
                    \(bind: Self.typesText(draft.specialties)), \(bind: draft.note.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: draft.active), 1, \(bind: actor.username), \(bind: now), \(bind: now))
                RETURNING id
                """).first() else { throw StoreError.conflict(code: "insert_failed", message: "调解员未能保存") }
            let id = try row.decode(column: "id", as: Int64.self)
            try await audit.append(.init(action: "mediator.add", entity: "mediator", entityID: String(id), orgID: org.id,
                                         orgPath: try await OrgService.path(of: org.id, on: db),
                                         summary: "调解员名册：\(org.name) 增加 \(name)（\(draft.role.title)）"),
                                   actor: actor, on: db)
            return try await Self.mediator(id: id, cipher: cipher, on: db)
        }
    }

    /// Corrects a mediator, or takes them off the roster (`active` false) or back on. The update
    /// lands only on the version read.
    public func updateMediator(id: Int64, _ draft: MediatorDraft, expectedVersion: Int?, actor: Actor) async throws -> Mediator {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权维护调解员名册") }
        let problems = draft.problems()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let (cipher, audit) = (self.cipher, self.audit)
        return try await database.write { db in
            let old = try await Self.mediator(id: id, cipher: cipher, on: db)
            let org = try await Self.rosterOrg(old.orgCode, actor: actor, forWriting: true, on: db)
            let name = draft.name.trimmingCharacters(in: .whitespaces)
            try await Self.refuseDuplicateName(name, orgID: org.id, except: id, on: db)
            let version = expectedVersion ?? old.version
            guard try await db.raw("""
                UPDATE dispute_mediators SET name = \(bind: name), role = \(bind: draft.role.rawValue), phone_enc = \(bind: draft.phone.map { cipher.seal($0.value) }),
                    specialties = \(bind: Self.typesText(draft.specialties)), note = \(bind: draft.note.trimmingCharacters(in: .whitespacesAndNewlines)), active = \(bind: draft.active),
                    version = version + 1, updated_at = \(bind: Clock.nowMillis())
                WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id
                """).first() != nil else { throw StoreError.staleVersion(entity: "调解员", key: old.name) }
            let change = old.active == draft.active ? "更正" : draft.active ? "恢复" : "移出名册"
            try await audit.append(.init(action: "mediator.update", entity: "mediator", entityID: String(id), orgID: org.id,
                                         orgPath: try await OrgService.path(of: org.id, on: db),
                                         summary: "调解员名册：\(org.name) \(change) \(name)（\(draft.role.title)）"),
                                   actor: actor, on: db)
            return try await Self.mediator(id: id, cipher: cipher, on: db)
        }
    }

    /// The union whose roster is read or written: in the actor's subtree, or (reading only) above it.
    static func rosterOrg(_ code: String?, actor: Actor, forWriting: Bool, on db: any SQLDatabase) async throws -> Organization {
        guard let code, !code.isEmpty else {
            throw StoreError.invalid([FieldProblem(field: "org_code", value: "", reason: "请指定调解员名册所属的工会")])
        }
        if let org = try? await OrgService.find(code: code, scope: actor.scope, on: db) {
            if forWriting && org.status != .active {
                throw StoreError.invalid([FieldProblem(field: "org_code", value: code, reason: "该工会已撤销")])
            }
            return org
        }
        if !forWriting, let org = try? await OrgService.findAnywhere(code: code, on: db),
           actor.scope.path.hasPrefix(try await OrgService.path(of: org.id, on: db)) {
            return org
        }
        throw StoreError.notFound(entity: "工会", key: code)
    }

    static func refuseDuplicateName(_ name: String, orgID: Int64, except id: Int64?, on db: any SQLDatabase) async throws {
        if let row = try await db.raw("SELECT id FROM dispute_mediators WHERE org_id = \(bind: orgID) AND name = \(bind: name)").first(),
           try row.decode(column: "id", as: Int64.self) != id {
            throw StoreError.conflict(code: "duplicate", message: "名册中已有调解员 \(name)；同名的请在姓名后注明以示区别，例如 \(name)（律师）", field: "name")
        }
    }

    static func mediator(id: Int64, cipher: FieldCipher, on db: any SQLDatabase) async throws -> Mediator {
        guard let row = try await db.raw(mediatorSelect + " WHERE m.id = \(bind: id)").first() else {
            throw StoreError.notFound(entity: "调解员", key: String(id))
        }
        return try mediator(row, cipher: cipher)
    }

    static func mediator(_ row: any SQLRow, cipher: FieldCipher) throws -> Mediator {
        Mediator(id: try row.decode(column: "id", as: Int64.self), orgCode: try row.decode(column: "org_code", as: String.self),
                 orgName: try row.decode(column: "org_name", as: String.self), name: try row.decode(column: "name", as: String.self),
                 role: MediatorRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .officer,
                 phone: try row.decode(column: "phone_enc", as: String?.self).map { try cipher.open($0) },
                 specialties: types(try row.decode(column: "specialties", as: String.self)), note: try row.decode(column: "note", as: String.self),
                 active: try row.decode(column: "active", as: Bool.self), version: try row.decode(column: "version", as: Int.self))
    }
}
