import Foundation
import GonghuiDomain
import SQLKit

/// Use cases on the organization tree (五级一张网), each scoped to the actor's subtree and audited.
public struct OrgService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    // MARK: Reading

    /// The org with this code, if it is inside the actor's subtree.
    public func org(code: String, actor: Actor) async throws -> Organization {
        try await database.read { db in try await Self.find(code: code, scope: actor.scope, on: db) }
    }

    /// The kind of an org by id (nil for none).
    static func kind(of id: Int64?, on db: any SQLDatabase) async throws -> OrgKind? {
        guard let id else { return nil }
        return try await db.raw("SELECT kind FROM orgs WHERE id = \(bind: id)").first().flatMap { OrgKind(rawValue: try $0.decode(column: "kind", as: String.self)) }
    }

    /// Refuses unless the actor edits the registry for a union of one of `kinds` (the province
    /// keeps the 低保 table, a county or higher runs program cycles). The system and system
    /// administrators may always.
    static func requireLevel(_ actor: Actor, _ kinds: [OrgKind], _ what: String, in database: Database) async throws {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权\(what)") }
        if actor.isSystem || actor.role == .systemAdmin { return }
        let own = try await database.read { db in try await Self.kind(of: actor.orgID, on: db) }
        guard let own, kinds.contains(own) else {
            throw StoreError.forbidden(kinds == [.province] ? "只有省总工会可以\(what)" : "只有\(kinds.map(\.title).joined(separator: "、"))可以\(what)")
        }
    }

    /// The org with this code in `scope`. Codes are matched without regard to case ("g01" finds
    /// G01); the exact spelling is tried first, so the usual look-up stays on the index.
    static func find(code: String, scope: Scope, on db: any SQLDatabase) async throws -> Organization {
        let q = Rows.orgSelect + " WHERE o.code = \(bind: code) AND " + scope.sql("o.path")
        if let row = try await db.raw(q).first() { return try Rows.org(row) }
        let folded = Rows.orgSelect + " WHERE LOWER(o.code) = \(bind: code.lowercased()) AND " + scope.sql("o.path") + " LIMIT 2"
        let rows = try await db.raw(folded).all()
        guard rows.count == 1 else { throw StoreError.notFound(entity: "组织", key: code) }
        return try Rows.org(rows[0])
    }

    /// A union's place in the tree (its parent, a merger, its dissolution) is changed by a union
    /// above it, never by its own officers.
    static func checkUpperLevel(_ org: Organization, actor: Actor, what: String) throws {
        if let own = actor.orgID, own == org.id {
            throw StoreError.forbidden("本组织的\(what)须由上级工会办理")
        }
    }

    /// Where a picker looks: the actor's subtree, or the whole network (a transfer's receiving
    /// union, which the actor otherwise does not see).
    public enum PickReach: String, Sendable { case scope, network }

    /// The orgs a picker offers for typed text: the org whose code it is (any case) first, then
    /// active orgs whose name contains it, nearest the top first. `holdingMembers` keeps only the
    /// units members are registered in (基层工会、联合会、分工会、小组).
    public func pick(_ text: String, reach: PickReach, holdingMembers: Bool, actor: Actor, limit: Int = 20) async throws -> [OrgChoice] {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return [] }
        return try await database.read { db in
            let like = "%" + Self.escapeLike(t) + "%"
            var q: SQLQueryString = """
                SELECT o.code, o.name, o.kind, p.name AS parent_name FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
                WHERE o.status = 'active' AND (LOWER(o.code) = \(bind: t.lowercased()) OR o.name LIKE \(bind: like) ESCAPE '\\')
                """
            if reach == .scope { q += " AND " + actor.scope.sql("o.path") }
            if holdingMembers { q += " AND o.kind IN (" + OrgKind.allCases.filter { !$0.isTerritorial }.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")" }
            q += " ORDER BY CASE WHEN LOWER(o.code) = \(bind: t.lowercased()) THEN 0 ELSE 1 END, o.depth, o.code LIMIT \(bind: min(max(limit, 1), 100))"
            return try await db.raw(q).all().map { row in
                OrgChoice(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                          kind: OrgKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .grassroots,
                          parentName: try row.decode(column: "parent_name", as: String?.self))
            }
        }
    }

    /// Any org by code regardless of scope: only for naming the other side of a transfer, whose
    /// details the actor does not otherwise see.
    static func findAnywhere(code: String, on db: any SQLDatabase) async throws -> Organization {
        try await find(code: code, scope: .everything, on: db)
    }

    /// The subtree of the union `code` when one is given (it must lie in `scope`, else "not
    /// found"), or `scope` itself: a list narrowed to one union's subtree.
    static func narrowed(_ scope: Scope, to code: String?, on db: any SQLDatabase) async throws -> Scope {
        guard let code, !code.isEmpty else { return scope }
        let org = try await find(code: code, scope: scope, on: db)
        return Scope(path: try await path(of: org.id, on: db))
    }

    /// The nearest county union at or above the union at `path` (the one that administers its
    /// mutual aid and holds its loan quota), or its parent where the tree has no county.
    static func nearestCounty(above path: String, on db: any SQLDatabase) async throws -> Int64 {
        let ids = path.split(separator: "/").compactMap { Int64($0) }
        guard !ids.isEmpty else { throw StoreError.notFound(entity: "工会", key: path) }
        let row = try await db.raw("SELECT id FROM orgs WHERE id IN (" + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ")
                                   + ") AND kind = 'county' ORDER BY depth DESC LIMIT 1").first()
        return try row?.decode(column: "id", as: Int64.self) ?? (ids.count > 1 ? ids[ids.count - 2] : ids[0])
    }

    static func path(of id: Int64, on db: any SQLDatabase) async throws -> String {
        guard let row = try await db.raw("SELECT path FROM orgs WHERE id = \(bind: id)").first() else {
            throw StoreError.notFound(entity: "组织", key: String(id))
        }
        return try row.decode(column: "path", as: String.self)
    }

    /// The actor's own node: where the navigator starts.
    public func root(actor: Actor) async throws -> [Organization] {
        try await database.read { db in
            if let id = actor.orgID {
                let q = Rows.orgSelect + " WHERE o.id = \(bind: id)"
                return try await db.raw(q).all().map(Rows.org)
            }
            let q = Rows.orgSelect + " WHERE o.parent_id IS NULL ORDER BY o.code"
            return try await db.raw(q).all().map(Rows.org)
        }
    }

    /// Direct children with their subtree counts, paged; a province has 100,000 unions, so the
    /// navigator expands one level at a time.
    public func children(of code: String, actor: Actor, includeEnded: Bool = false, limit: Int = 100, offset: Int = 0) async throws -> [OrgSummary] {
        try await database.read { db in
            let parent = try await Self.find(code: code, scope: actor.scope, on: db)
            var q = Rows.orgSelect + " WHERE o.parent_id = \(bind: parent.id)"
            if !includeEnded { q += " AND o.status = 'active'" }
            q += " ORDER BY o.code LIMIT \(bind: min(max(limit, 1), 500)) OFFSET \(bind: max(offset, 0))"
            let orgs = try await db.raw(q).all().map(Rows.org)
            var out: [OrgSummary] = []
            for org in orgs { out.append(try await Self.summary(of: org, on: db)) }
            return out
        }
    }

    public func summary(code: String, actor: Actor) async throws -> OrgSummary {
        try await database.read { db in
            try await Self.summary(of: try await Self.find(code: code, scope: actor.scope, on: db), on: db)
        }
    }

    static func summary(of org: Organization, on db: any SQLDatabase) async throws -> OrgSummary {
        let path = try await path(of: org.id, on: db)
        let scope = Scope(path: path)
        let children = try await db.raw("SELECT COUNT(*) AS n FROM orgs WHERE parent_id = \(bind: org.id) AND status = 'active'").first()
        let members = try await db.raw("SELECT COUNT(*) AS n FROM members m JOIN orgs o ON o.id = m.org_id WHERE " + scope.sql("o.path") + " AND m.status = 'active'").first()
        let employees = try await db.raw("SELECT CAST(COALESCE(SUM(employees), 0) AS BIGINT) AS n FROM orgs o WHERE " + scope.sql("o.path") + " AND o.status = 'active' AND o.kind IN ('grassroots', 'federation')").first()
        return OrgSummary(
            org: org,
            childCount: try children?.decode(column: "n", as: Int.self) ?? 0,
            members: try members?.decode(column: "n", as: Int.self) ?? 0,
            employees: try employees?.decode(column: "n", as: Int.self) ?? 0)
    }

    /// Search by name fragment or code prefix inside the subtree.
    public func search(_ text: String, actor: Actor, kind: OrgKind? = nil, limit: Int = 50, offset: Int = 0) async throws -> [Organization] {
        let t = text.trimmingCharacters(in: .whitespaces)
        return try await database.read { db in
            var q = Rows.orgSelect + " WHERE " + actor.scope.sql("o.path")
            if !t.isEmpty {
                let like = "%" + Self.escapeLike(t) + "%"
                q += " AND (o.name LIKE \(bind: like) ESCAPE '\\' OR o.code = \(bind: t.uppercased()) OR o.code = \(bind: t) OR o.credit_code = \(bind: t.uppercased()))"
            }
            if let kind { q += " AND o.kind = \(bind: kind.rawValue)" }
            q += " ORDER BY o.depth, o.code LIMIT \(bind: min(max(limit, 1), 500)) OFFSET \(bind: max(offset, 0))"
            return try await db.raw(q).all().map(Rows.org)
        }
    }

    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// Ancestors from the actor's node down to this one, for breadcrumbs.
    public func breadcrumbs(code: String, actor: Actor) async throws -> [Organization] {
        try await database.read { db in
            let org = try await Self.find(code: code, scope: actor.scope, on: db)
            let path = try await Self.path(of: org.id, on: db)
            let ids = path.split(separator: "/").compactMap { Int64($0) }
            var out: [Organization] = []
            for id in ids {
                let q = Rows.orgSelect + " WHERE o.id = \(bind: id) AND " + actor.scope.sql("o.path")
                if let row = try await db.raw(q).first() { out.append(try Rows.org(row)) }
            }
            return out
        }
    }

    public func history(code: String, actor: Actor) async throws -> [OrgEvent] {
        try await database.read { db in
            let org = try await Self.find(code: code, scope: actor.scope, on: db)
            let rows = try await db.raw("SELECT * FROM org_events WHERE org_id = \(bind: org.id) ORDER BY at, id").all()
            return try rows.map { row in
                let kind = try row.decode(column: "kind", as: String.self)
                return OrgEvent(
                    kind: kind, label: Self.eventLabel(kind),
                    onDate: try Rows.date(row, "on_date") ?? CivilDate(daysSinceEpoch: 0),
                    detail: try row.decode(column: "detail", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    recordedAt: try row.decode(column: "at", as: Int64.self))
            }
        }
    }

    static func eventLabel(_ kind: String) -> String {
        switch kind {
        case "created": "建立"
        case "edited": "信息变更"
        case "moved": "调整隶属关系"
        case "merged": "合并"
        case "absorbed": "并入其他组织"
        case "dissolved": "撤销"
        case "imported": "导入"
        default: kind
        }
    }

    // MARK: Writing

    public func create(_ draft: OrganizationDraft, on date: CivilDate, actor: Actor) async throws -> Organization {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权新建组织") }
        var problems = draft.validate()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit, cipher = self.cipher
        return try await database.write { db in
            if try await db.raw("SELECT id FROM orgs WHERE code = \(bind: draft.code)").first() != nil {
                throw StoreError.conflict(code: "duplicate_code", message: "组织代码 \(draft.code) 已被使用", field: "code")
            }
            var parent: Organization? = nil
            if let parentCode = draft.parentCode {
                do {
                    parent = try await Self.find(code: parentCode, scope: actor.scope, on: db)
                } catch StoreError.notFound {
                    problems.append(FieldProblem(field: "parent_code", value: parentCode, reason: "上级组织不存在或不在您的管辖范围内"))
                }
            } else if !actor.isSystem {
                throw StoreError.forbidden("只有系统操作可以建立新的省级根组织")
            }
            if let parent {
                if parent.status != .active {
                    problems.append(FieldProblem(field: "parent_code", value: parent.code, reason: "上级组织已\(parent.status.label)，不能在其下建立组织"))
                } else if !parent.kind.mayContain(draft.kind) {
                    problems.append(FieldProblem(field: "kind", value: draft.kind.label, reason: "\(parent.kind.title)下不能直接设立\(draft.kind.title)"))
                }
            }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let id = try await OrgWriter.insert(draft, parent: parent, cipher: cipher, on: db)
            try await OrgWriter.event(orgID: id, kind: "created", on: date, detail: "建立\(draft.kind.title)“\(draft.name)”", actor: actor, on: db)
            let org = try await Self.find(code: draft.code, scope: .everything, on: db)
            try await audit.append(.init(action: "org.create", entity: "org", entityID: org.code, orgID: org.id,
                                         orgPath: try await Self.path(of: org.id, on: db), summary: "新建组织 \(org.code) \(org.name)",
                                         after: Rows.json(org)), actor: actor, on: db)
            return org
        }
    }

    /// Edits the fields of an org (not its place in the tree: see ``move``). With
    /// `expectedVersion`, a concurrent edit is refused instead of silently overwritten. The
    /// chair's phone is stored encrypted and read back only masked, so a caller that does not
    /// know it passes `keepChairPhone` to leave it as it is.
    public func update(code: String, with draft: OrganizationDraft, keepChairPhone: Bool = false, expectedVersion: Int?, on date: CivilDate, actor: Actor) async throws -> Organization {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权修改组织") }
        let problems = draft.validate()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit, cipher = self.cipher
        return try await database.write { db in
            let before = try await Self.find(code: code, scope: actor.scope, on: db)
            if let v = expectedVersion, v != before.version { throw StoreError.staleVersion(entity: "组织", key: code) }
            if draft.code != code {
                throw StoreError.invalid([FieldProblem(field: "code", value: draft.code, reason: "组织代码不能修改")])
            }
            if draft.parentCode != before.parentCode {
                throw StoreError.invalid([FieldProblem(field: "parent_code", value: draft.parentCode ?? "", reason: "调整上级组织请使用“移动”功能")])
            }
            if draft.kind != before.kind {
                try await Self.checkKindChange(of: before, to: draft.kind, on: db)
            }
            try await OrgWriter.update(id: before.id, with: draft, keepChairPhone: keepChairPhone, cipher: cipher, on: db)
            try await OrgWriter.event(orgID: before.id, kind: "edited", on: date, detail: "修改组织信息", actor: actor, on: db)
            let after = try await Self.find(code: code, scope: .everything, on: db)
            try await audit.append(.init(action: "org.update", entity: "org", entityID: code, orgID: before.id,
                                         orgPath: try await Self.path(of: before.id, on: db), summary: "修改组织 \(code)",
                                         before: Rows.json(before), after: Rows.json(after)), actor: actor, on: db)
            return after
        }
    }

    static func checkKindChange(of org: Organization, to kind: OrgKind, on db: any SQLDatabase) async throws {
        if let parentID = org.parentID {
            let pq = Rows.orgSelect + " WHERE o.id = \(bind: parentID)"
            if let row = try await db.raw(pq).first(), !(try Rows.org(row)).kind.mayContain(kind) {
                throw StoreError.invalid([FieldProblem(field: "kind", value: kind.label, reason: "上级组织下不能设立\(kind.title)")])
            }
        }
        let kids = try await db.raw("SELECT DISTINCT kind FROM orgs WHERE parent_id = \(bind: org.id) AND status = 'active'").all()
        for k in kids {
            if let ck = OrgKind(rawValue: try k.decode(column: "kind", as: String.self)), !kind.mayContain(ck) {
                throw StoreError.invalid([FieldProblem(field: "kind", value: kind.label, reason: "该组织下已有\(ck.title)，不能改为\(kind.title)")])
            }
        }
    }

    /// Moves an org and its whole subtree under another parent (调整隶属关系). Both ends must be
    /// inside the actor's subtree, and a node cannot move below itself.
    public func move(code: String, toParent newParentCode: String, on date: CivilDate, actor: Actor) async throws -> Organization {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权调整组织隶属关系") }
        let audit = self.audit
        return try await database.write { db in
            let org = try await Self.find(code: code, scope: actor.scope, on: db)
            let newParent = try await Self.find(code: newParentCode, scope: actor.scope, on: db)
            guard org.parentID != nil else {
                throw StoreError.conflict(code: "cannot_move_root", message: "省级根组织不能移动")
            }
            try Self.checkUpperLevel(org, actor: actor, what: "调整隶属关系")
            let oldPath = try await Self.path(of: org.id, on: db)
            let parentPath = try await Self.path(of: newParent.id, on: db)
            if parentPath.hasPrefix(oldPath) {
                throw StoreError.conflict(code: "move_into_own_subtree", message: "不能把组织移动到它自己或其下级组织之下", field: "parent_code")
            }
            if newParent.id == org.parentID {
                throw StoreError.conflict(code: "same_parent", message: "该组织已隶属于 \(newParent.name)", field: "parent_code")
            }
            if newParent.status != .active {
                throw StoreError.conflict(code: "parent_not_active", message: "目标上级组织已\(newParent.status.label)", field: "parent_code")
            }
            if !newParent.kind.mayContain(org.kind) {
                throw StoreError.conflict(code: "kind_not_allowed", message: "\(newParent.kind.title)下不能直接设立\(org.kind.title)", field: "parent_code")
            }
            let newPath = parentPath + "\(org.id)/"
            try await OrgWriter.repath(from: oldPath, to: newPath, depthDelta: newParent.depth + 1 - org.depth, provinceID: newParent.provinceID, on: db)
            try await db.raw("UPDATE orgs SET parent_id = \(bind: newParent.id), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: org.id)").run()
            try await MemberWriter.setProvince(of: "org_id IN (SELECT id FROM orgs WHERE " + Scope(path: newPath).sql("path") + ")", to: newParent.provinceID, on: db)
            try await OrgWriter.event(orgID: org.id, kind: "moved", on: date, detail: "由 \(org.parentCode ?? "") 调整至 \(newParent.code) \(newParent.name)",
                                      fromParent: org.parentID, toParent: newParent.id, actor: actor, on: db)
            try await audit.append(.init(action: "org.move", entity: "org", entityID: code, orgID: org.id, orgPath: newPath,
                                         summary: "将组织 \(code) 由 \(org.parentCode ?? "") 移至 \(newParent.code)",
                                         before: Rows.json(["parent_code": org.parentCode ?? ""]), after: Rows.json(["parent_code": newParent.code])),
                                   actor: actor, on: db)
            return try await Self.find(code: code, scope: .everything, on: db)
        }
    }

    /// Merges `code` into `intoCode`: its members (with dated transfers in their history) and its
    /// child orgs go to the target; the org is kept, marked merged. Nothing is lost.
    public func merge(code: String, into intoCode: String, on date: CivilDate, actor: Actor) async throws -> Organization {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权合并组织") }
        let audit = self.audit
        return try await database.write { db in
            let org = try await Self.find(code: code, scope: actor.scope, on: db)
            try Self.checkUpperLevel(org, actor: actor, what: "合并")
            let target = try await Self.find(code: intoCode, scope: actor.scope, on: db)
            guard org.id != target.id else { throw StoreError.conflict(code: "merge_into_self", message: "不能与自身合并", field: "into_code") }
            guard org.status == .active else { throw StoreError.conflict(code: "org_not_active", message: "该组织已\(org.status.label)") }
            guard target.status == .active else { throw StoreError.conflict(code: "target_not_active", message: "目标组织已\(target.status.label)", field: "into_code") }
            guard org.kind == target.kind || (org.kind.countsAsGrassroots && target.kind.countsAsGrassroots) else {
                throw StoreError.conflict(code: "kind_mismatch", message: "只能与同类组织合并（\(org.kind.title) ≠ \(target.kind.title)）", field: "into_code")
            }
            let orgPath = try await Self.path(of: org.id, on: db)
            let targetPath = try await Self.path(of: target.id, on: db)
            if targetPath.hasPrefix(orgPath) {
                throw StoreError.conflict(code: "merge_into_own_subtree", message: "不能并入自己的下级组织", field: "into_code")
            }
            let open = try await db.raw("SELECT COUNT(*) AS n FROM transfers WHERE state = 'processing' AND (from_org_id = \(bind: org.id) OR to_org_id = \(bind: org.id))").first()
            if let n = try open?.decode(column: "n", as: Int.self), n > 0 {
                throw StoreError.conflict(code: "open_transfers", message: "该组织还有 \(n) 件办理中的会籍转接，请先办结")
            }
            let moved = try await MemberWriter.moveAllMembers(from: org, to: target, on: date, kind: .orgMerged,
                                                              detail: "\(org.name) 并入 \(target.name)", actor: actor, on: db)
            let kids = try await db.raw("SELECT code FROM orgs WHERE parent_id = \(bind: org.id) AND status = 'active'").all()
            for kid in kids {
                let kidCode = try kid.decode(column: "code", as: String.self)
                let child = try await Self.find(code: kidCode, scope: .everything, on: db)
                guard target.kind.mayContain(child.kind) else {
                    throw StoreError.conflict(code: "child_kind_not_allowed", message: "下级组织 \(child.code) 不能隶属于 \(target.name)")
                }
                let oldPath = try await Self.path(of: child.id, on: db)
                let newPath = targetPath + "\(child.id)/"
                try await OrgWriter.repath(from: oldPath, to: newPath, depthDelta: target.depth + 1 - child.depth, provinceID: target.provinceID, on: db)
                try await db.raw("UPDATE orgs SET parent_id = \(bind: target.id), version = version + 1 WHERE id = \(bind: child.id)").run()
                try await OrgWriter.event(orgID: child.id, kind: "moved", on: date, detail: "随 \(org.name) 并入 \(target.name)", fromParent: org.id, toParent: target.id, actor: actor, on: db)
            }
            try await db.raw("UPDATE orgs SET status = 'merged', merged_into_id = \(bind: target.id), ended_on = \(bind: date.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: org.id)").run()
            try await OrgWriter.event(orgID: org.id, kind: "merged", on: date, detail: "并入 \(target.code) \(target.name)，转移会员 \(moved) 人", actor: actor, on: db)
            try await OrgWriter.event(orgID: target.id, kind: "absorbed", on: date, detail: "\(org.code) \(org.name) 并入本组织，转入会员 \(moved) 人", actor: actor, on: db)
            try await audit.append(.init(action: "org.merge", entity: "org", entityID: code, orgID: org.id, orgPath: orgPath,
                                         summary: "组织 \(code) 并入 \(target.code)，转移会员 \(moved) 人"), actor: actor, on: db)
            return try await Self.find(code: code, scope: .everything, on: db)
        }
    }

    /// Dissolves an org (撤销). Refused while it still holds members or active child orgs: they
    /// are transferred first, so dissolving never loses a member (DOMAIN.md §2).
    public func dissolve(code: String, on date: CivilDate, reason: String, actor: Actor) async throws -> Organization {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权撤销组织") }
        let audit = self.audit
        return try await database.write { db in
            let org = try await Self.find(code: code, scope: actor.scope, on: db)
            guard org.parentID != nil else { throw StoreError.conflict(code: "cannot_dissolve_root", message: "省级根组织不能撤销") }
            try Self.checkUpperLevel(org, actor: actor, what: "撤销")
            guard org.status == .active else { throw StoreError.conflict(code: "org_not_active", message: "该组织已\(org.status.label)") }
            let members = try await db.raw("SELECT COUNT(*) AS n FROM members WHERE org_id = \(bind: org.id) AND status IN ('active', 'retained')").first()
            let m = try members?.decode(column: "n", as: Int.self) ?? 0
            if m > 0 {
                throw StoreError.conflict(code: "has_members", message: "该组织还有 \(m) 名会员，请先办理会籍转接（或并入其他组织）后再撤销")
            }
            let kids = try await db.raw("SELECT COUNT(*) AS n FROM orgs WHERE parent_id = \(bind: org.id) AND status = 'active'").first()
            let k = try kids?.decode(column: "n", as: Int.self) ?? 0
            if k > 0 {
                throw StoreError.conflict(code: "has_children", message: "该组织还有 \(k) 个下级组织，请先移动或撤销下级组织")
            }
            try await db.raw("UPDATE orgs SET status = 'dissolved', ended_on = \(bind: date.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: org.id)").run()
            try await OrgWriter.event(orgID: org.id, kind: "dissolved", on: date, detail: reason.isEmpty ? "撤销" : "撤销：\(reason)", actor: actor, on: db)
            try await audit.append(.init(action: "org.dissolve", entity: "org", entityID: code, orgID: org.id,
                                         orgPath: try await Self.path(of: org.id, on: db), summary: "撤销组织 \(code)：\(reason)"), actor: actor, on: db)
            return try await Self.find(code: code, scope: .everything, on: db)
        }
    }
}

/// Low-level org writes shared by the service and the importer.
enum OrgWriter {
    static func insert(_ d: OrganizationDraft, parent: Organization?, cipher: FieldCipher, on db: any SQLDatabase, id explicitID: Int64? = nil) async throws -> Int64 {
        let now = Clock.nowMillis()
        let phoneEnc = d.chairPhone.map { cipher.seal($0.value) }
        let row = try await db.raw("""
            INSERT INTO orgs (\(unsafeRaw: explicitID == nil ? "" : "id, ")code, name, parent_id, kind, path, depth, credit_code, region_code, unit_nature, economic_type, industry,
                employees, women_employees, migrant_employees, founded_on, chair_name, chair_phone_enc, chair_phone_masked, full_time_staff,
                approval, women_committee, funds_audit_committee, workers_congress, factory_affairs_openness, labor_protection_committee,
                mediation_committee, created_at, updated_at, province_id)
            VALUES (\(unsafeRaw: explicitID.map { "\($0), " } ?? "")\(bind: d.code), \(bind: d.name), \(bind: parent?.id), \(bind: d.kind.rawValue), '/', \(bind: (parent?.depth ?? -1) + 1),
                \(bind: d.creditCode?.value), \(bind: d.regionCode?.value), \(bind: d.unitNature?.rawValue), \(bind: d.economicType), \(bind: d.industry),
                \(bind: d.employees), \(bind: d.womenEmployees), \(bind: d.migrantEmployees), \(bind: d.foundedOn?.iso), \(bind: d.chairName),
                \(bind: phoneEnc), \(bind: d.chairPhone?.masked), \(bind: d.fullTimeStaff), \(bind: d.approval.rawValue),
                \(bind: d.flags.womenCommittee), \(bind: d.flags.fundsAuditCommittee), \(bind: d.flags.workersCongress),
                \(bind: d.flags.factoryAffairsOpenness), \(bind: d.flags.laborProtectionCommittee), \(bind: d.flags.mediationCommittee),
                \(bind: now), \(bind: now), \(bind: parent?.provinceID))
            RETURNING id
            """).first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else {
            throw StoreError.conflict(code: "insert_failed", message: "组织写入失败")
        }
        var parentPath = "/"
        if let parent { parentPath = try await OrgService.path(of: parent.id, on: db) }
        let provinceID = parent?.provinceID ?? id
        try await db.raw("UPDATE orgs SET path = \(bind: parentPath + "\(id)/"), province_id = \(bind: provinceID) WHERE id = \(bind: id)").run()
        return id
    }

    static func update(id: Int64, with d: OrganizationDraft, keepChairPhone: Bool, cipher: FieldCipher, on db: any SQLDatabase) async throws {
        var q: SQLQueryString = """
            UPDATE orgs SET name = \(bind: d.name), kind = \(bind: d.kind.rawValue), credit_code = \(bind: d.creditCode?.value),
                region_code = \(bind: d.regionCode?.value), unit_nature = \(bind: d.unitNature?.rawValue), economic_type = \(bind: d.economicType),
                industry = \(bind: d.industry), employees = \(bind: d.employees), women_employees = \(bind: d.womenEmployees),
                migrant_employees = \(bind: d.migrantEmployees), founded_on = \(bind: d.foundedOn?.iso), chair_name = \(bind: d.chairName),
                full_time_staff = \(bind: d.fullTimeStaff), approval = \(bind: d.approval.rawValue),
                women_committee = \(bind: d.flags.womenCommittee), funds_audit_committee = \(bind: d.flags.fundsAuditCommittee),
                workers_congress = \(bind: d.flags.workersCongress), factory_affairs_openness = \(bind: d.flags.factoryAffairsOpenness),
                labor_protection_committee = \(bind: d.flags.laborProtectionCommittee), mediation_committee = \(bind: d.flags.mediationCommittee),
                version = version + 1, updated_at = \(bind: Clock.nowMillis())
            """
        if keepChairPhone {
            // Left as stored.
        } else if let phone = d.chairPhone {
            q += ", chair_phone_enc = \(bind: cipher.seal(phone.value)), chair_phone_masked = \(bind: phone.masked)"
        } else {
            q += ", chair_phone_enc = NULL, chair_phone_masked = NULL"
        }
        q += " WHERE id = \(bind: id)"
        try await db.raw(q).run()
    }

    /// Rewrites the materialized path of a whole subtree in one statement.
    static func repath(from oldPath: String, to newPath: String, depthDelta: Int, provinceID: Int64, on db: any SQLDatabase) async throws {
        let scope = Scope(path: oldPath)
        try await db.raw("""
            UPDATE orgs SET path = \(bind: newPath) || substr(path, CAST(\(bind: oldPath.utf8.count + 1) AS INTEGER)), depth = depth + \(bind: depthDelta),
                province_id = \(bind: provinceID) WHERE
            """ + " " + scope.sql("path")).run()
    }

    static func event(orgID: Int64, kind: String, on date: CivilDate, detail: String, fromParent: Int64? = nil, toParent: Int64? = nil, actor: Actor, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO org_events (province_id, org_id, kind, on_date, from_parent_id, to_parent_id, detail, actor, at)
            SELECT province_id, id, \(bind: kind), \(bind: date.iso), \(bind: fromParent), \(bind: toParent), \(bind: detail), \(bind: actor.username), \(bind: Clock.nowMillis())
            FROM orgs WHERE id = \(bind: orgID)
            """).run()
    }
}
