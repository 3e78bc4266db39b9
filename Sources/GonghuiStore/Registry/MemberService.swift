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
    public func search(name: String?, orgCode: String?, status: MemberStatus?, actor: Actor, limit: Int = 50, offset: Int = 0) async throws -> MemberPage {
        let limit = min(max(limit, 1), 500), offset = max(offset, 0)
        return try await database.read { db in
            var scope = actor.scope
            if let orgCode, !orgCode.isEmpty {
                let org = try await OrgService.find(code: orgCode, scope: actor.scope, on: db)
                scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            }
            var filter: SQLQueryString = " WHERE " + scope.sql("o.path")
            if let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty {
                // Prefix range on the name index: names are typed from the surname.
                filter += " AND m.name >= \(bind: name) AND m.name < \(bind: name + "\u{10FFFF}")"
            }
            if let status { filter += " AND m.status = \(bind: status.rawValue)" }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM members m JOIN orgs o ON o.id = m.org_id" + filter).first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw(Rows.memberSelect + filter + " ORDER BY m.name, m.id LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
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
                SELECT e.kind, e.on_date, e.detail, e.actor, e.at, o.code, o.name FROM member_events e
                LEFT JOIN orgs o ON o.id = e.org_id WHERE e.member_id = \(bind: id) ORDER BY e.on_date, e.at, e.id
                """).all()
            var events = try rows.map { row in
                MemberEvent(
                    kind: MemberEvent.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .edited,
                    onDate: try Rows.date(row, "on_date") ?? member.joinedOn,
                    orgCode: try row.decode(column: "code", as: String?.self),
                    orgName: try row.decode(column: "name", as: String?.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    recordedAt: try row.decode(column: "at", as: Int64.self))
            }
            // Imported members have no per-row event: their first period says when they joined.
            if !events.contains(where: { $0.kind == .joined }) {
                let first = try await db.raw("""
                    SELECT p.valid_from, o.code, o.name FROM member_periods p JOIN orgs o ON o.id = p.org_id
                    WHERE p.member_id = \(bind: id) ORDER BY p.valid_from, p.id LIMIT 1
                    """).first()
                if let first {
                    events.insert(MemberEvent(kind: .joined, onDate: try Rows.date(first, "valid_from") ?? member.joinedOn,
                                              orgCode: try first.decode(column: "code", as: String.self), orgName: try first.decode(column: "name", as: String.self),
                                              detail: "入会（批量导入）", actor: "system:import", recordedAt: 0), at: 0)
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
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            var q: SQLQueryString = "UPDATE members SET version = version + 1, updated_at = \(bind: Clock.nowMillis())"
            if let v = patch.name { q += ", name = \(bind: v.trimmingCharacters(in: .whitespaces))" }
            if let v = patch.phone {
                if let p = v {
                    q += ", phone_enc = \(bind: cipher.seal(p.value)), phone_hash = \(bind: cipher.blindIndex(p.value, domain: "phone")), phone_masked = \(bind: p.masked)"
                } else {
                    q += ", phone_enc = NULL, phone_hash = NULL, phone_masked = NULL"
                }
            }
            if let v = patch.employmentType { q += ", employment_type = \(bind: v.rawValue)" }
            if let v = patch.isMigrant { q += ", is_migrant = \(bind: v)" }
            if let v = patch.ethnicity { q += ", ethnicity = \(bind: v)" }
            if let v = patch.education { q += ", education = \(bind: v)" }
            if let v = patch.skillLevel { q += ", skill_level = \(bind: v)" }
            if let v = patch.householdType { q += ", household_type = \(bind: v)" }
            if let v = patch.politicalStatus { q += ", political_status = \(bind: v)" }
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

    // MARK: Transfers (会籍转接)

    static let transferSelect: SQLQueryString = """
        SELECT t.*, m.name AS member_name, fo.code AS from_code, fo.name AS from_name, fo.path AS from_path,
               tto.code AS to_code, tto.name AS to_name, tto.path AS to_path
        FROM transfers t JOIN members m ON m.id = t.member_id JOIN orgs fo ON fo.id = t.from_org_id JOIN orgs tto ON tto.id = t.to_org_id
        """

    static func transfer(_ row: any SQLRow) throws -> MembershipTransfer {
        MembershipTransfer(
            id: try row.decode(column: "id", as: Int64.self),
            memberID: try row.decode(column: "member_id", as: Int64.self),
            memberName: try row.decode(column: "member_name", as: String.self),
            fromOrgCode: try row.decode(column: "from_code", as: String.self),
            fromOrgName: try row.decode(column: "from_name", as: String.self),
            toOrgCode: try row.decode(column: "to_code", as: String.self),
            toOrgName: try row.decode(column: "to_name", as: String.self),
            state: .init(rawValue: try row.decode(column: "state", as: String.self)) ?? .processing,
            outgoing: .init(rawValue: try row.decode(column: "outgoing", as: String.self)) ?? .pending,
            incoming: .init(rawValue: try row.decode(column: "incoming", as: String.self)) ?? .pending,
            requestedOn: try Rows.date(row, "requested_on") ?? CivilDate(daysSinceEpoch: 0),
            effectiveOn: try Rows.date(row, "effective_on"),
            reason: try row.decode(column: "reason", as: String.self),
            rejectionReason: try row.decode(column: "rejection_reason", as: String?.self),
            version: try row.decode(column: "version", as: Int.self))
    }

    /// A transfer the actor can see: one whose outgoing or receiving union is in their subtree.
    static func findTransfer(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> (MembershipTransfer, fromPath: String, toPath: String) {
        let q = transferSelect + " WHERE t.id = \(bind: id) AND ((" + scope.sql("fo.path") + ") OR (" + scope.sql("tto.path") + "))"
        guard let row = try await db.raw(q).first() else { throw StoreError.notFound(entity: "会籍转接", key: String(id)) }
        return (try transfer(row), try row.decode(column: "from_path", as: String.self), try row.decode(column: "to_path", as: String.self))
    }

    public func transfer(id: Int64, actor: Actor) async throws -> MembershipTransfer {
        try await database.read { db in try await Self.findTransfer(id: id, scope: actor.scope, on: db).0 }
    }

    public enum TransferBox: String, Sendable, CaseIterable { case incoming, outgoing, all }

    /// The worklist (待办): incoming ones wait for the receiving union, outgoing ones for the releasing one.
    public func transfers(box: TransferBox, state: MembershipTransfer.State?, actor: Actor, limit: Int = 50, offset: Int = 0) async throws -> [MembershipTransfer] {
        try await database.read { db in
            var q = Self.transferSelect + " WHERE "
            switch box {
            case .incoming: q += actor.scope.sql("tto.path")
            case .outgoing: q += actor.scope.sql("fo.path")
            case .all: q += "((" + actor.scope.sql("fo.path") + ") OR (" + actor.scope.sql("tto.path") + "))"
            }
            if let state { q += " AND t.state = \(bind: state.rawValue)" }
            q += " ORDER BY t.id DESC LIMIT \(bind: min(max(limit, 1), 500)) OFFSET \(bind: max(offset, 0))"
            return try await db.raw(q).all().map(Self.transfer)
        }
    }

    /// Starts a transfer of a member of the actor's subtree to another union, anywhere in the
    /// network (一次入会、动态接转).
    public func requestTransfer(memberID: Int64, toOrgCode: String, on date: CivilDate, reason: String, actor: Actor, today: CivilDate = .today()) async throws -> MembershipTransfer {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权发起会籍转接") }
        if date > today { throw StoreError.invalid([FieldProblem(field: "date", value: date.iso, reason: "申请日期不能晚于今天")]) }
        let audit = self.audit
        return try await database.write { db in
            let (member, path) = try await Self.find(id: memberID, scope: actor.scope, on: db)
            guard member.status == .active || member.status == .retained else {
                throw StoreError.conflict(code: "member_not_transferable", message: "会员状态为“\(member.status.label)”，不能办理会籍转接")
            }
            let target: Organization
            do {
                target = try await OrgService.findAnywhere(code: toOrgCode, on: db)
            } catch StoreError.notFound {
                throw StoreError.invalid([FieldProblem(field: "to_org_code", value: toOrgCode, reason: "转入工会不存在")])
            }
            guard target.id != member.orgID else {
                throw StoreError.invalid([FieldProblem(field: "to_org_code", value: toOrgCode, reason: "转入工会与当前所在工会相同")])
            }
            try MemberWriter.checkMayHoldMembers(target, field: "to_org_code")
            let id = try await MemberWriter.openTransfer(member: member, path: path, to: target, on: date, reason: reason, actor: actor,
                                                         busy: "该会员已有办理中的会籍转接", requestedBy: "", audit: audit, on: db)
            return try await Self.findTransfer(id: id, scope: .everything, on: db).0
        }
    }

    /// One side's decision. The releasing union decides first (the member becomes 转出, awaiting
    /// transfer-in); then the receiving union. Either may refuse, with a reason; a refusal after
    /// release returns the member to good standing where they were.
    public func decideTransfer(id: Int64, approve: Bool, on date: CivilDate, reason: String, actor: Actor, today: CivilDate = .today()) async throws -> MembershipTransfer {
        guard actor.role.mayDecideTransfers else { throw StoreError.forbidden("当前角色无权审核会籍转接") }
        if date > today { throw StoreError.invalid([FieldProblem(field: "date", value: date.iso, reason: "审核日期不能晚于今天")]) }
        if !approve && reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalid([FieldProblem(field: "reason", value: "", reason: "不同意时必须填写理由")])
        }
        let audit = self.audit
        return try await database.write { db in
            let (t, fromPath, toPath) = try await Self.findTransfer(id: id, scope: actor.scope, on: db)
            guard t.state == .processing else {
                throw StoreError.conflict(code: "transfer_closed", message: "该会籍转接已\(t.state.label)")
            }
            if date < t.requestedOn {
                throw StoreError.invalid([FieldProblem(field: "date", value: date.iso, reason: "审核日期不能早于申请日期 \(t.requestedOn.iso)")])
            }
            let (member, _) = try await Self.find(id: t.memberID, scope: .everything, on: db)
            let fromID = member.orgID
            let toID = try await db.raw("SELECT to_org_id FROM transfers WHERE id = \(bind: id)").first()!.decode(column: "to_org_id", as: Int64.self)
            let now = Clock.nowMillis()
            let side: String
            if t.outgoing == .pending {
                guard actor.scope.contains(path: fromPath) else {
                    throw StoreError.conflict(code: "awaiting_outgoing", message: "等待转出工会（\(t.fromOrgName)）审核")
                }
                side = "outgoing"
                if approve {
                    let guardRow = try await db.raw("UPDATE transfers SET outgoing = 'approved', version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id) AND outgoing = 'pending' RETURNING id").first()
                    guard guardRow != nil else { throw StoreError.staleVersion(entity: "会籍转接", key: String(id)) }
                    try await MemberWriter.setStatus(memberID: t.memberID, provinceID: member.provinceID, orgID: fromID, to: .transferredOut, on: date, on: db)
                    try await MemberWriter.event(memberID: t.memberID, provinceID: member.provinceID, kind: .transferredOut, on: date, orgID: fromID,
                                                 detail: "\(t.fromOrgName) 同意转出，待 \(t.toOrgName) 接收", actor: actor, on: db)
                } else {
                    try await db.raw("UPDATE transfers SET outgoing = 'rejected', state = 'rejected', rejection_reason = \(bind: reason), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)").run()
                    try await MemberWriter.event(memberID: t.memberID, provinceID: member.provinceID, kind: .transferRejected, on: date, orgID: fromID,
                                                 detail: "\(t.fromOrgName) 不同意转出：\(reason)", actor: actor, on: db)
                }
            } else {
                guard actor.scope.contains(path: toPath) else {
                    throw StoreError.conflict(code: "awaiting_incoming", message: "等待转入工会（\(t.toOrgName)）审核")
                }
                side = "incoming"
                if approve {
                    let guardRow = try await db.raw("UPDATE transfers SET incoming = 'approved', state = 'approved', effective_on = \(bind: date.iso), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id) AND state = 'processing' RETURNING id").first()
                    guard guardRow != nil else { throw StoreError.staleVersion(entity: "会籍转接", key: String(id)) }
                    let provinceID = try await db.raw("SELECT province_id FROM orgs WHERE id = \(bind: toID)").first()!.decode(column: "province_id", as: Int64.self)
                    try await MemberWriter.relocate(memberID: t.memberID, provinceID: provinceID, toOrgID: toID, on: date, on: db)
                    try await MemberWriter.event(memberID: t.memberID, provinceID: provinceID, kind: .transferredIn, on: date, orgID: toID,
                                                 detail: "由 \(t.fromOrgName) 转入 \(t.toOrgName)", actor: actor, on: db)
                } else {
                    try await db.raw("UPDATE transfers SET incoming = 'rejected', state = 'rejected', rejection_reason = \(bind: reason), version = version + 1, updated_at = \(bind: now) WHERE id = \(bind: id)").run()
                    try await MemberWriter.setStatus(memberID: t.memberID, provinceID: member.provinceID, orgID: fromID, to: .active, on: date, on: db)
                    try await MemberWriter.event(memberID: t.memberID, provinceID: member.provinceID, kind: .transferRejected, on: date, orgID: fromID,
                                                 detail: "\(t.toOrgName) 不同意接收：\(reason)；会籍留在 \(t.fromOrgName)", actor: actor, on: db)
                }
            }
            try await audit.append(.init(action: approve ? "transfer.approve" : "transfer.reject", entity: "transfer", entityID: String(id),
                                         orgID: side == "outgoing" ? fromID : toID, orgPath: side == "outgoing" ? fromPath : toPath,
                                         summary: "\(side == "outgoing" ? "转出方" : "转入方")\(approve ? "同意" : "不同意")会员 \(member.name) 的会籍转接" + (reason.isEmpty ? "" : "：\(reason)")),
                                   actor: actor, on: db)
            return try await Self.findTransfer(id: id, scope: .everything, on: db).0
        }
    }

    /// Withdraws a transfer before the releasing union has decided.
    public func cancelTransfer(id: Int64, actor: Actor, today: CivilDate = .today()) async throws -> MembershipTransfer {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权撤回会籍转接") }
        let audit = self.audit
        return try await database.write { db in
            let (t, fromPath, _) = try await Self.findTransfer(id: id, scope: actor.scope, on: db)
            guard actor.scope.contains(path: fromPath) else { throw StoreError.forbidden("只有转出方可以撤回会籍转接") }
            guard t.state == .processing, t.outgoing == .pending else {
                throw StoreError.conflict(code: "transfer_not_cancellable", message: "转出工会已审核，不能撤回")
            }
            try await db.raw("UPDATE transfers SET state = 'cancelled', version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)").run()
            try await audit.append(.init(action: "transfer.cancel", entity: "transfer", entityID: String(id), orgID: nil, orgPath: fromPath,
                                         summary: "撤回会员 \(t.memberName) 的会籍转接"), actor: actor, on: db)
            return try await Self.findTransfer(id: id, scope: .everything, on: db).0
        }
    }
}

/// Low-level member writes shared by the services and the importer.
enum MemberWriter {
    /// Opens a transfer of `member` to `target` (refused while another is in progress), with its
    /// member event and audit entry; returns the transfer's id. `requestedBy` says who asked, in
    /// the event and audit texts ("本人" for the worker in the portal, empty for an officer).
    static func openTransfer(member: Member, path: String, to target: Organization, on date: CivilDate, reason: String, actor: Actor,
                             busy: String, requestedBy: String, audit: AuditWriter, on db: any SQLDatabase) async throws -> Int64 {
        if try await db.raw("SELECT id FROM transfers WHERE member_id = \(bind: member.id) AND state = 'processing'").first() != nil {
            throw StoreError.conflict(code: "transfer_in_progress", message: busy)
        }
        let now = Clock.nowMillis()
        let row = try await db.raw("""
            INSERT INTO transfers (province_id, member_id, from_org_id, to_org_id, state, outgoing, incoming, requested_on, reason, requested_by, created_at, updated_at)
            VALUES (\(bind: member.provinceID), \(bind: member.id), \(bind: member.orgID), \(bind: target.id), 'processing', 'pending', 'pending',
                    \(bind: date.iso), \(bind: reason), \(bind: actor.username), \(bind: now), \(bind: now)) RETURNING id
            """).first()
        let id = try row!.decode(column: "id", as: Int64.self)
        try await event(memberID: member.id, provinceID: member.provinceID, kind: .transferRequested, on: date, orgID: member.orgID,
                        detail: "\(requestedBy)申请由 \(member.orgName) 转至 \(target.name)" + (reason.isEmpty ? "" : "：\(reason)"), actor: actor, on: db)
        try await audit.append(.init(action: "transfer.request", entity: "transfer", entityID: String(id), orgID: member.orgID, orgPath: path,
                                     summary: "会员 \(member.name) \(requestedBy)申请由 \(member.orgCode) 转至 \(target.code)"), actor: actor, on: db)
        return id
    }

    static func checkMayHoldMembers(_ org: Organization, field: String = "org_code") throws {
        guard !org.kind.isTerritorial else {
            throw StoreError.invalid([FieldProblem(field: field, value: org.code, reason: "会员只能登记在基层工会、联合会、分工会或小组，不能登记在\(org.kind.title)")])
        }
        guard org.status == .active else {
            throw StoreError.invalid([FieldProblem(field: field, value: org.code, reason: "\(org.name)已\(org.status.label)")])
        }
    }

    static func insert(_ d: MemberDraft, org: Organization, cipher: FieldCipher, on db: any SQLDatabase) async throws -> Int64 {
        let now = Clock.nowMillis()
        let row = try await db.raw("""
            INSERT INTO members (province_id, org_id, id_hash, id_enc, id_masked, name, gender, birth_date, phone_hash, phone_enc, phone_masked,
                ethnicity, education, skill_level, household_type, is_migrant, employment_type, political_status, workplace, card_number,
                joined_on, status, status_since, created_at, updated_at)
            VALUES (\(bind: org.provinceID), \(bind: org.id), \(bind: cipher.blindIndex(d.idNumber.value, domain: "id")), \(bind: cipher.seal(d.idNumber.value)),
                \(bind: d.idNumber.masked), \(bind: d.name.trimmingCharacters(in: .whitespaces)), \(bind: d.idNumber.gender.rawValue), \(bind: d.idNumber.birthDate.iso),
                \(bind: d.phone.map { cipher.blindIndex($0.value, domain: "phone") }), \(bind: d.phone.map { cipher.seal($0.value) }), \(bind: d.phone?.masked),
                \(bind: d.ethnicity), \(bind: d.education), \(bind: d.skillLevel), \(bind: d.householdType), \(bind: d.isMigrant), \(bind: d.employmentType.rawValue),
                \(bind: d.politicalStatus), \(bind: d.workplace), \(bind: d.cardNumber), \(bind: d.joinedOn.iso), 'active', \(bind: d.joinedOn.iso), \(bind: now), \(bind: now))
            RETURNING id
            """).first()
        return try row!.decode(column: "id", as: Int64.self)
    }

    static func openPeriod(memberID: Int64, provinceID: Int64, orgID: Int64, status: MemberStatus, from: CivilDate, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO member_periods (province_id, member_id, org_id, status, valid_from, gender, is_migrant, employment_type, joined_on)
            SELECT \(bind: provinceID), m.id, \(bind: orgID), \(bind: status.rawValue), \(bind: from.iso), m.gender, m.is_migrant, m.employment_type, m.joined_on
            FROM members m WHERE m.id = \(bind: memberID)
            """).run()
    }

    /// Closes the open period on `date` and opens a new one with the new status in the same org.
    static func setStatus(memberID: Int64, provinceID: Int64, orgID: Int64, to status: MemberStatus, on date: CivilDate, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE member_periods SET valid_to = \(bind: date.iso) WHERE member_id = \(bind: memberID) AND valid_to IS NULL").run()
        try await openPeriod(memberID: memberID, provinceID: provinceID, orgID: orgID, status: status, from: date, on: db)
        try await db.raw("UPDATE members SET status = \(bind: status.rawValue), status_since = \(bind: date.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: memberID)").run()
        // Periods that open and close on the same day carry no membership; drop them so as-of
        // queries stay simple.
        try await db.raw("DELETE FROM member_periods WHERE member_id = \(bind: memberID) AND valid_to IS NOT NULL AND valid_to <= valid_from").run()
    }

    static func relocate(memberID: Int64, provinceID: Int64, toOrgID: Int64, on date: CivilDate, on db: any SQLDatabase) async throws {
        try await db.raw("UPDATE member_periods SET valid_to = \(bind: date.iso) WHERE member_id = \(bind: memberID) AND valid_to IS NULL").run()
        try await openPeriod(memberID: memberID, provinceID: provinceID, orgID: toOrgID, status: .active, from: date, on: db)
        try await db.raw("UPDATE members SET org_id = \(bind: toOrgID), province_id = \(bind: provinceID), status = 'active', status_since = \(bind: date.iso), version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: memberID)").run()
        try await db.raw("DELETE FROM member_periods WHERE member_id = \(bind: memberID) AND valid_to IS NOT NULL AND valid_to <= valid_from").run()
    }

    /// Moves every member of `from` to `to` on `date`, each with a dated period and event.
    static func moveAllMembers(from: Organization, to: Organization, on date: CivilDate, kind: MemberEvent.Kind, detail: String, actor: Actor, on db: any SQLDatabase) async throws -> Int {
        let rows = try await db.raw("SELECT id, status FROM members WHERE org_id = \(bind: from.id) AND status IN ('active', 'retained')").all()
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let status = MemberStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .active
            try await db.raw("UPDATE member_periods SET valid_to = \(bind: date.iso) WHERE member_id = \(bind: id) AND valid_to IS NULL").run()
            try await openPeriod(memberID: id, provinceID: to.provinceID, orgID: to.id, status: status, from: date, on: db)
            try await db.raw("DELETE FROM member_periods WHERE member_id = \(bind: id) AND valid_to IS NOT NULL AND valid_to <= valid_from").run()
            try await event(memberID: id, provinceID: to.provinceID, kind: kind, on: date, orgID: to.id, detail: detail, actor: actor, on: db)
        }
        try await db.raw("UPDATE members SET org_id = \(bind: to.id), province_id = \(bind: to.provinceID), version = version + 1 WHERE org_id = \(bind: from.id) AND status IN ('active', 'retained')").run()
        return rows.count
    }

    static func event(memberID: Int64, provinceID: Int64, kind: MemberEvent.Kind, on date: CivilDate, orgID: Int64?, detail: String, actor: Actor, on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO member_events (province_id, member_id, kind, on_date, org_id, detail, actor, at)
            VALUES (\(bind: provinceID), \(bind: memberID), \(bind: kind.rawValue), \(bind: date.iso), \(bind: orgID), \(bind: detail), \(bind: actor.username), \(bind: Clock.nowMillis()))
            """).run()
    }
}
