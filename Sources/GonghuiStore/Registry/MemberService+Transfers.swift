import Foundation
import GonghuiDomain
import SQLKit

extension MemberService {
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

    /// The member's transfer in progress (转接办理中), if any, for an actor who may see the member.
    public func openTransfer(memberID: Int64, actor: Actor) async throws -> MembershipTransfer? {
        try await database.read { db in
            _ = try await Self.find(id: memberID, scope: actor.scope, on: db)
            return try await db.raw(Self.transferSelect + " WHERE t.member_id = \(bind: memberID) AND t.state = 'processing' ORDER BY t.id DESC LIMIT 1")
                .first().map(Self.transfer)
        }
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

    /// One side's decision. The releasing union decides first, then the receiving union; either
    /// may refuse, with a reason. Until the receiving union accepts, the member stays where they
    /// are, in the standing they had (在会 or 保留会籍), counted by the releasing union; acceptance
    /// moves them on its date. A refusal at either side leaves them where they were.
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
