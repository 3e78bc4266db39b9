import Foundation
import GonghuiDomain
import SQLKit

/// The worker's side of assistance: every read is keyed by the signed-in worker's own member id.
extension AssistanceService {
    /// Cycles accepting applications that the member may apply to: open, not yet past their end,
    /// and owned by the member's union or a union above it (a city's cycle is for that city's
    /// workers). Cycles that have not started yet are included; the caller says so.
    public func portalCycles(memberID: Int64, today: CivilDate = .today()) async throws -> [ProgramCycle] {
        try await database.read { db in
            let (_, memberPath) = try await MemberService.find(id: memberID, scope: .everything, on: db)
            // One read: the cycles with their owners' paths, kept where the owner is above the member.
            let rows = try await db.raw(Self.cycleSelect + " WHERE c.state = 'open' AND c.ends_on >= \(bind: today.iso) ORDER BY c.starts_on, c.id").all()
            return try rows.filter { Scope(path: try $0.decode(column: "owner_path", as: String.self)).contains(path: memberPath) }.map(Self.cycle)
        }
    }

    /// One cycle as the member sees it: run by the member's union or one above it; any other is
    /// "not found", open or closed.
    public func portalCycle(id: Int64, memberID: Int64) async throws -> ProgramCycle {
        try await database.read { db in
            let (_, memberPath) = try await MemberService.find(id: memberID, scope: .everything, on: db)
            let c = try await Self.cycle(id: id, on: db)
            guard Scope(path: c.ownerOrgPath).contains(path: memberPath) else { throw StoreError.notFound(entity: "帮扶项目批次", key: String(id)) }
            return c
        }
    }

    /// The facts the rules would see for the member with this declaration, and the filed
    /// archive's account (masked) that a grant would be paid into.
    public func portalFacts(memberID: Int64, declaration: Declaration) async throws -> PortalApplicantFacts {
        let cipher = self.cipher
        return try await database.read { db in
            let a = try await Self.applicant(memberID: memberID, scope: .everything, cipher: cipher, on: db)
            let hasAccount = a.accountEnc != nil && a.accountMasked != nil && a.bankName != nil
            return PortalApplicantFacts(facts: a.facts(declaration), archiveBankName: hasAccount ? a.bankName : nil,
                                        archiveAccountMasked: hasAccount ? a.accountMasked : nil)
        }
    }

    /// The steps of one of the member's own grants, oldest first. Another person's grant is
    /// "not found", exactly like one that does not exist.
    public func portalGrantHistory(grantID: Int64, memberID: Int64) async throws -> [PortalGrantEvent] {
        try await database.read { db in
            guard try await db.raw("SELECT id FROM grants WHERE id = \(bind: grantID) AND member_id = \(bind: memberID)").first() != nil else {
                throw StoreError.notFound(entity: "帮扶申请", key: String(grantID))
            }
            return try await db.raw("SELECT kind, at FROM grant_events WHERE grant_id = \(bind: grantID) ORDER BY id").all().map {
                PortalGrantEvent(kind: try $0.decode(column: "kind", as: String.self), at: try $0.decode(column: "at", as: Int64.self))
            }
        }
    }

    /// The worker takes back their own application before it is approved; the person may apply
    /// again in the cycle. Another person's grant is "not found".
    public func withdraw(grantID: Int64, memberID: Int64, worker: String) async throws -> Grant {
        let audit = self.audit
        return try await database.write { db in
            guard let row = try await db.raw("SELECT g.state, g.version, g.name, o.path FROM grants g JOIN orgs o ON o.id = g.org_id WHERE g.id = \(bind: grantID) AND g.member_id = \(bind: memberID)").first() else {
                throw StoreError.notFound(entity: "帮扶申请", key: String(grantID))
            }
            let state = GrantState(rawValue: try row.decode(column: "state", as: String.self)) ?? .submitted
            guard state == .submitted || state == .reviewed else {
                throw StoreError.conflict(code: "grant_state", message: "申请当前为“\(state.title)”，不能撤回")
            }
            let actor = Actor.worker(memberID: memberID, name: worker)
            let updated = try await db.raw("UPDATE grants SET state = 'withdrawn', version = version + 1, updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: grantID) AND state IN ('submitted', 'reviewed') RETURNING id").first()
            if updated == nil { throw StoreError.staleVersion(entity: "帮扶申请", key: String(grantID)) }
            try await db.raw("DELETE FROM grant_locks WHERE grant_id = \(bind: grantID)").run()
            try await Self.event(grantID, "withdrawn", "本人撤回申请", actor, on: db)
            try await audit.append(.init(action: "grant.withdrawn", entity: "grant", entityID: String(grantID), orgID: nil, orgPath: try row.decode(column: "path", as: String.self),
                                         summary: "\(try row.decode(column: "name", as: String.self)) 撤回帮扶申请", before: state.rawValue, after: "withdrawn"), actor: actor, on: db)
            return try await Self.grant(id: grantID, scope: .everything, on: db)
        }
    }
}
