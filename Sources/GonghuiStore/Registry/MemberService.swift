import Foundation
import GonghuiDomain
import SQLKit

/// Use cases on members (会员实名制): register, edit, look up, change status, and transfer
/// (会籍转接) with approval on both sides. One person, one membership in the whole database.
public struct MemberService: Sendable {
    let database: Database
    let cipher: FieldCipher
    let audit: AuditWriter

    // MARK: Reading

    static func find(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> (Member, String) {
        let q = Rows.memberSelect + " WHERE m.id = \(bind: id) AND " + scope.sql("o.path")
        guard let row = try await db.raw(q).first() else { throw StoreError.notFound(entity: "会员", key: String(id)) }
        return (try Rows.member(row), try row.decode(column: "org_path", as: String.self))
    }

    public func member(id: Int64, actor: Actor) async throws -> Member {
        try await database.read { db in try await Self.find(id: id, scope: actor.scope, on: db).0 }
    }

    /// Exact look-up by ID number through the blind index, inside the actor's subtree.
    public func lookup(idNumber: IDNumber, actor: Actor) async throws -> Member {
        let hash = cipher.blindIndex(idNumber.value, domain: "id")
        return try await database.read { db in
            let q = Rows.memberSelect + " WHERE m.id_hash = \(bind: hash) AND " + actor.scope.sql("o.path")
            guard let row = try await db.raw(q).first() else { throw StoreError.notFound(entity: "会员", key: idNumber.masked) }
            return try Rows.member(row)
        }
    }

    public func lookup(phone: PhoneNumber, actor: Actor) async throws -> [Member] {
        let hash = cipher.blindIndex(phone.value, domain: "phone")
        return try await database.read { db in
            let q = Rows.memberSelect + " WHERE m.phone_hash = \(bind: hash) AND " + actor.scope.sql("o.path") + " LIMIT 50"
            return try await db.raw(q).all().map(Rows.member)
        }
    }

    /// Search inside the subtree (or inside one org of it) by name prefix, with paging.
    /// Fills the pinyin keys (`NameOrder`) of members written before they were kept, 5,000 at a
    /// time along the primary key, and all of them again when `NameOrder.version` changes. The
    /// version is recorded once every key is written, so an ordinary start reads one setting and
    /// does nothing more (every write of a member keeps its key).
    func fillNameKeys() async throws {
        let version = String(NameOrder.version)
        let kept = try await database.read { db in
            try await db.raw("SELECT value FROM settings WHERE key = 'name_order_version'").first()?.decode(column: "value", as: String.self)
        }
        if kept == version { return }
        if kept != nil { try await database.write { db in try await db.raw("UPDATE members SET name_key = NULL").run() } }
        var after: Int64 = 0
        while true {
            let rows = try await database.read { db in
                try await db.raw("SELECT id, name FROM members WHERE id > \(bind: after) AND name_key IS NULL ORDER BY id LIMIT 5000").all().map {
                    (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self))
                }
            }
            guard let last = rows.last?.0 else { break }
            try await database.write { db in
                for (id, name) in rows {
                    try await db.raw("UPDATE members SET name_key = \(bind: NameOrder.key(name)) WHERE id = \(bind: id)").run()
                }
            }
            after = last
        }
        try await database.write { db in
            try await db.raw("DELETE FROM settings WHERE key = 'name_order_version'").run()
            try await db.raw("INSERT INTO settings (key, value) VALUES ('name_order_version', \(bind: version))").run()
        }
    }

    public func search(name: String?, orgCode: String?, status: MemberStatus?, actor: Actor, limit: Int = 50, offset: Int = 0,
                       sort: MemberSort = .name) async throws -> MemberPage {
        let limit = min(max(limit, 1), 500), offset = max(offset, 0)
        return try await database.read { db in
            let scope = try await OrgService.narrowed(actor.scope, to: orgCode, on: db)
            var filter: SQLQueryString = " WHERE " + scope.sql("o.path")
            if let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                // Prefix range on the name index: names are typed from the surname.
                filter += " AND m.name >= \(bind: name) AND m.name < \(bind: name + "\u{10FFFF}")"
            }
            if let status { filter += " AND m.status = \(bind: status.rawValue)" }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM members m JOIN orgs o ON o.id = m.org_id" + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw(Rows.memberSelect + filter + " ORDER BY " + sort.orderBy + " LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            return MemberPage(items: try rows.map(Rows.member), total: total, limit: limit, offset: offset)
        }
    }

    public func identifiers(id: Int64, actor: Actor) async throws -> MemberIdentifiers {
        guard actor.role.maySeeIdentifiers else { throw StoreError.forbidden("当前角色无权查看完整证件号码和手机号") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (member, path) = try await Self.find(id: id, scope: actor.scope, on: db)
            guard let row = try await db.raw("SELECT id_enc, phone_enc FROM members WHERE id = \(bind: id)").first() else {
                throw StoreError.notFound(entity: "会员", key: String(id))
            }
            let idNumber = try cipher.open(try row.decode(column: "id_enc", as: String.self))
            let phone = try row.decode(column: "phone_enc", as: String?.self).map { try cipher.open($0) }
            try await audit.append(.init(action: "member.reveal", entity: "member", entityID: String(id), orgID: member.orgID, orgPath: path,
                                         summary: "查看会员 \(member.name)（\(member.idNumberMasked)）的完整证件号码和手机号"), actor: actor, on: db)
            return MemberIdentifiers(idNumber: idNumber, phone: phone)
        }
    }

    public func history(id: Int64, actor: Actor) async throws -> [MemberEvent] {
        try await database.read { db in
            let (member, _) = try await Self.find(id: id, scope: actor.scope, on: db)
            let rows = try await db.raw("""
                SELECT e.kind, e.on_date, e.detail, e.actor, e.at, o.code, o.name, u.display_name AS actor_name, u.role AS actor_role FROM member_events e
                LEFT JOIN orgs o ON o.id = e.org_id LEFT JOIN users u ON u.username = e.actor WHERE e.member_id = \(bind: id) ORDER BY e.on_date, e.at, e.id
                """).all()
            var events = try rows.map { row in
                var e = MemberEvent(
                    kind: MemberEvent.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .edited,
                    onDate: try Rows.date(row, "on_date") ?? member.joinedOn,
                    orgCode: try row.decode(column: "code", as: String?.self),
                    orgName: try row.decode(column: "name", as: String?.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    recordedAt: try row.decode(column: "at", as: Int64.self))
                e.actorName = try row.decode(column: "actor_name", as: String?.self)
                e.actorRole = try row.decode(column: "actor_role", as: String?.self).flatMap(Role.init(rawValue:))
                return e
            }
            // Imported members have no per-row event: their first period says when they joined,
            // and the import that wrote them (the first members' import ending after the member
            // was written) says from which file and by whom.
            if !events.contains(where: { $0.kind == .joined }) {
                let first = try await db.raw("""
                    SELECT p.valid_from, o.code, o.name FROM member_periods p JOIN orgs o ON o.id = p.org_id
                    WHERE p.member_id = \(bind: id) ORDER BY p.valid_from, p.id LIMIT 1
                    """).first()
                let run = try await db.raw("""
                    SELECT r.file_name, r.actor, r.at, u.display_name, u.role FROM import_runs r LEFT JOIN users u ON u.username = r.actor
                    WHERE r.kind = 'members' AND r.at >= (SELECT created_at FROM members WHERE id = \(bind: id)) ORDER BY r.at LIMIT 1
                    """).first()
                if let first {
                    let file = try run?.decode(column: "file_name", as: String.self)
                    var e = MemberEvent(kind: .joined, onDate: try Rows.date(first, "valid_from") ?? member.joinedOn,
                                        orgCode: try first.decode(column: "code", as: String.self), orgName: try first.decode(column: "name", as: String.self),
                                        detail: file.map { "入会（批量导入：\($0)）" } ?? "入会（批量导入）",
                                        actor: try run?.decode(column: "actor", as: String.self) ?? "system:import",
                                        recordedAt: try run?.decode(column: "at", as: Int64.self) ?? 0)
                    e.actorName = try run?.decode(column: "display_name", as: String?.self)
                    e.actorRole = try run?.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:))
                    events.insert(e, at: 0)
                }
            }
            return events
        }
    }

    /// Who was a member of the org on the date: from the membership periods, so a member who has
    /// transferred since still shows where they were. Retained members count as members.
    public func members(of orgCode: String, asOf date: CivilDate, actor: Actor, limit: Int = 100, offset: Int = 0) async throws -> [MembershipOnDate] {
        try await database.read { db in
            let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
            let d = date.iso
            let rows = try await db.raw("""
                SELECT p.status AS period_status, p.valid_from AS period_from, m.id, m.province_id, m.org_id, o.code AS org_code, o.name AS org_name,
                    m.name, m.id_masked, m.gender, m.birth_date, m.phone_masked, m.ethnicity, m.education, m.skill_level, m.household_type,
                    m.is_migrant, m.employment_type, m.political_status, m.workplace, m.card_number, m.joined_on, m.status, m.status_since, m.version
                FROM member_periods p JOIN members m ON m.id = p.member_id JOIN orgs o ON o.id = m.org_id
                WHERE p.org_id = \(bind: org.id) AND p.status IN ('active', 'retained')
                  AND p.valid_from <= \(bind: d) AND (p.valid_to IS NULL OR p.valid_to > \(bind: d))
                ORDER BY m.name, m.id LIMIT \(bind: min(max(limit, 1), 1000)) OFFSET \(bind: max(offset, 0))
                """).all()
            return try rows.map { row in
                MembershipOnDate(member: try Rows.member(row),
                                 statusOnDate: MemberStatus(rawValue: try row.decode(column: "period_status", as: String.self)) ?? .active,
                                 since: try Rows.date(row, "period_from") ?? date)
            }
        }
    }

    // MARK: Writing

    public func register(_ draft: MemberDraft, actor: Actor, today: CivilDate = .today()) async throws -> Member {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权登记会员") }
        let problems = draft.validate(today: today)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let org: Organization
            do {
                org = try await OrgService.find(code: draft.orgCode, scope: actor.scope, on: db)
            } catch StoreError.notFound {
                throw StoreError.invalid([FieldProblem(field: "org_code", value: draft.orgCode, reason: "所属工会不存在或不在您的管辖范围内")])
            }
            try MemberWriter.checkMayHoldMembers(org)
            let hash = cipher.blindIndex(draft.idNumber.value, domain: "id")
            if let existing = try await db.raw("SELECT m.status, o.path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id_hash = \(bind: hash)").first() {
                // Someone outside the actor's subtree is not described at all (neither their
                // status nor their union): only that they cannot be registered here.
                guard actor.scope.contains(path: try existing.decode(column: "path", as: String.self)) else {
                    throw StoreError.conflict(code: "already_member", message: "身份证号 \(draft.idNumber.masked) 无法在此登记：一人只能有一个会籍，请联系上级工会核实，如需调动请办理会籍转接", field: "id_number")
                }
                let status = MemberStatus(rawValue: try existing.decode(column: "status", as: String.self))?.label ?? ""
                throw StoreError.conflict(code: "already_member", message: "身份证号 \(draft.idNumber.masked) 已在本辖区登记为会员（状态：\(status)），一人只能有一个会籍；如需调动请办理会籍转接", field: "id_number")
            }
            let id = try await MemberWriter.insert(draft, org: org, cipher: cipher, on: db)
            try await MemberWriter.openPeriod(memberID: id, provinceID: org.provinceID, orgID: org.id, status: .active, from: draft.joinedOn, on: db)
            try await MemberWriter.event(memberID: id, provinceID: org.provinceID, kind: .joined, on: draft.joinedOn, orgID: org.id, detail: "加入\(org.name)", actor: actor, on: db)
            if draft.status != .active {
                try await MemberWriter.setStatus(memberID: id, provinceID: org.provinceID, orgID: org.id, to: draft.status, on: today, on: db)
                try await MemberWriter.event(memberID: id, provinceID: org.provinceID, kind: .statusChanged, on: today, orgID: org.id, detail: "登记为\(draft.status.label)", actor: actor, on: db)
            }
            let (member, path) = try await Self.find(id: id, scope: .everything, on: db)
            try await audit.append(.init(action: "member.create", entity: "member", entityID: String(id), orgID: org.id, orgPath: path,
                                         summary: "登记会员 \(member.name)（\(member.idNumberMasked)）", after: Rows.json(member)), actor: actor, on: db)
            return member
        }
    }

    public func update(id: Int64, patch: MemberPatch, expectedVersion: Int?, actor: Actor, today: CivilDate = .today()) async throws -> Member {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权修改会员信息") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (before, path) = try await Self.find(id: id, scope: actor.scope, on: db)
            if let v = expectedVersion, v != before.version { throw StoreError.staleVersion(entity: "会员", key: String(id)) }
            var problems: [FieldProblem] = []
            if let name = patch.name, name.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldProblem(field: "name", value: name, reason: "姓名不能为空"))
            }
            if let j = patch.joinedOn {
                if j > today { problems.append(FieldProblem(field: "joined_on", value: j.iso, reason: "入会日期不能晚于今天")) }
                if j < before.birthDate.adding(years: 16) { problems.append(FieldProblem(field: "joined_on", value: j.iso, reason: "入会日期早于本人年满 16 周岁")) }
            }
            for (field, value) in [("ethnicity", patch.ethnicity), ("education", patch.education), ("political_status", patch.politicalStatus),
                                   ("household_type", patch.householdType)] {
                if let p = NationalCodes.problem(field, value ?? nil) { problems.append(p) }
            }
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            var q: SQLQueryString = "UPDATE members SET version = version + 1, updated_at = \(bind: Clock.nowMillis())"
            if let v = patch.name { q += ", name = \(bind: v.trimmingCharacters(in: .whitespaces)), name_key = \(bind: NameOrder.key(v))" }
            if let v = patch.phone {
                if let p = v {
                    q += ", phone_enc = \(bind: cipher.seal(p.value)), phone_hash = \(bind: cipher.blindIndex(p.value, domain: "phone")), phone_masked = \(bind: p.masked)"
                } else {
                    q += ", phone_enc = NULL, phone_hash = NULL, phone_masked = NULL"
                }
            }
            if let v = patch.employmentType { q += ", employment_type = \(bind: v.rawValue)" }
            if let v = patch.isMigrant { q += ", is_migrant = \(bind: v)" }
            if let v = patch.ethnicity { q += ", ethnicity = \(bind: NationalCodes.coded("ethnicity", v))" }
            if let v = patch.education { q += ", education = \(bind: NationalCodes.coded("education", v))" }
            if let v = patch.skillLevel { q += ", skill_level = \(bind: v)" }
            if let v = patch.householdType { q += ", household_type = \(bind: NationalCodes.coded("household_type", v))" }
            if let v = patch.politicalStatus { q += ", political_status = \(bind: NationalCodes.coded("political_status", v))" }
            if let v = patch.workplace { q += ", workplace = \(bind: v)" }
            if let v = patch.cardNumber { q += ", card_number = \(bind: v)" }
            if let v = patch.joinedOn {
                q += ", joined_on = \(bind: v.iso)"
                // The first period starts on the joining date.
                try await db.raw("""
                    UPDATE member_periods SET valid_from = \(bind: v.iso) WHERE id = (SELECT MIN(id) FROM member_periods WHERE member_id = \(bind: id))
                    """).run()
            }
            q += " WHERE id = \(bind: id)"
            try await db.raw(q).run()
            let (after, _) = try await Self.find(id: id, scope: .everything, on: db)
            try await MemberWriter.event(memberID: id, provinceID: after.provinceID, kind: .edited, on: today, orgID: after.orgID, detail: Self.describeChanges(before, after), actor: actor, on: db)
            try await audit.append(.init(action: "member.update", entity: "member", entityID: String(id), orgID: after.orgID, orgPath: path,
                                         summary: "修改会员 \(after.name) 的信息", before: Rows.json(before), after: Rows.json(after)), actor: actor, on: db)
            return after
        }
    }

    static func describeChanges(_ a: Member, _ b: Member) -> String {
        var parts: [String] = []
        if a.name != b.name { parts.append("姓名 \(a.name) → \(b.name)") }
        if a.phoneMasked != b.phoneMasked { parts.append("手机号 \(a.phoneMasked ?? "无") → \(b.phoneMasked ?? "无")") }
        if a.employmentType != b.employmentType { parts.append("用工形式 \(a.employmentType.label) → \(b.employmentType.label)") }
        if a.isMigrant != b.isMigrant { parts.append("农民工 \(a.isMigrant ? "是" : "否") → \(b.isMigrant ? "是" : "否")") }
        if a.joinedOn != b.joinedOn { parts.append("入会日期 \(a.joinedOn.iso) → \(b.joinedOn.iso)") }
        if a.cardNumber != b.cardNumber { parts.append("会员卡号变更") }
        return parts.isEmpty ? "修改其他信息" : parts.joined(separator: "；")
    }

    /// Records 保留会籍, 退会, 去世 or a return to 在会, dated.
    public func changeStatus(id: Int64, to status: MemberStatus, on date: CivilDate, reason: String, actor: Actor, today: CivilDate = .today()) async throws -> Member {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权变更会员状态") }
        if date > today { throw StoreError.invalid([FieldProblem(field: "date", value: date.iso, reason: "变更日期不能晚于今天")]) }
        let audit = self.audit
        return try await database.write { db in
            let (before, path) = try await Self.find(id: id, scope: actor.scope, on: db)
            guard MemberStatusRule.mayChange(from: before.status, to: status) else {
                throw StoreError.conflict(code: "status_change_not_allowed", message: "会员状态不能由“\(before.status.label)”变更为“\(status.label)”", field: "status")
            }
            if date < before.statusSince {
                throw StoreError.invalid([FieldProblem(field: "date", value: date.iso, reason: "变更日期不能早于当前状态的起始日期 \(before.statusSince.iso)")])
            }
            if try await db.raw("SELECT id FROM transfers WHERE member_id = \(bind: id) AND state = 'processing'").first() != nil {
                throw StoreError.conflict(code: "transfer_in_progress", message: "该会员有办理中的会籍转接，请先办结或撤回")
            }
            try await MemberWriter.setStatus(memberID: id, provinceID: before.provinceID, orgID: before.orgID, to: status, on: date, on: db)
            let detail = before.status == .withdrawn && status == .active ? "重新入会" : "\(before.status.label) → \(status.label)" + (reason.isEmpty ? "" : "：\(reason)")
            try await MemberWriter.event(memberID: id, provinceID: before.provinceID, kind: status == .active && before.status == .withdrawn ? .reinstated : .statusChanged,
                                         on: date, orgID: before.orgID, detail: detail, actor: actor, on: db)
            let (after, _) = try await Self.find(id: id, scope: .everything, on: db)
            try await audit.append(.init(action: "member.status", entity: "member", entityID: String(id), orgID: before.orgID, orgPath: path,
                                         summary: "会员 \(before.name) 状态 \(before.status.label) → \(status.label)",
                                         before: Rows.json(["status": before.status.rawValue]), after: Rows.json(["status": status.rawValue, "reason": reason])),
                                   actor: actor, on: db)
            return after
        }
    }
}
