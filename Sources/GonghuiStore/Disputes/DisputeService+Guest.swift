import Foundation
import GonghuiDomain
import SQLKit

/// Unions serve all workers: someone who is not a member files online too, giving a name, ID
/// number and phone, and choosing the county union to handle it; an officer confirms the person's
/// identity at the first contact. The person follows the case by its number and their ID number.
extension DisputeService {
    /// The county unions a person may address, by code.
    public func guestHandlers() async throws -> [(code: String, name: String)] {
        try await database.read { db in
            try await db.raw("SELECT code, name FROM orgs WHERE kind = 'county' AND status = 'active' ORDER BY code").all().map {
                (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self))
            }
        }
    }

    public func fileAsGuest(_ filing: PortalDisputeFiling, name: String, idNumber: IDNumber, phone: PhoneNumber, countyCode: String,
                            today: CivilDate = .today()) async throws -> PortalDispute {
        let county = try await database.read { db in
            try await db.raw("SELECT code FROM orgs WHERE code = \(bind: countyCode) AND kind = 'county' AND status = 'active'").first()
        }
        guard county != nil else { throw StoreError.invalid([FieldProblem(field: "org_code", value: countyCode, reason: "请选择受理的区县总工会")]) }
        let actor = Actor(userID: nil, username: "guest", displayName: "\(name)（网上申请，非会员）", role: .systemAdmin, orgID: nil, orgCode: nil, orgName: nil,
                          scope: .everything)
        let intake = filing.intake(name: name, idNumber: idNumber, phone: phone, receivedOn: today, handlingOrgCode: countyCode)
        let c = try await register(intake, allowDuplicate: true, actor: actor, today: today)
        try await database.write { db in
            try await db.raw("UPDATE dispute_cases SET identity_pending = \(bind: true) WHERE id = \(bind: c.id)").run()
        }
        return try await guestCase(caseNo: c.caseNo, idNumber: idNumber)
    }

    /// The case as the person who filed it follows it: found only by its number together with an
    /// ID number of one of its workers; anything else is "not found".
    public func guestCase(caseNo: String, idNumber: IDNumber) async throws -> PortalDispute {
        let hash = cipher.blindIndex(idNumber.value, domain: "id")
        return try await database.read { db in
            guard let row = try await db.raw("""
                SELECT c.id, w.member_id FROM dispute_cases c JOIN dispute_workers w ON w.case_id = c.id
                WHERE c.case_no = \(bind: caseNo.trimmingCharacters(in: .whitespaces)) AND w.id_hash = \(bind: hash) LIMIT 1
                """).first() else { throw StoreError.notFound(entity: "案件", key: caseNo) }
            let id = try row.decode(column: "id", as: Int64.self)
            var c = try await Self.portalCase(id: id, memberID: nil, steps: true, on: db)
            c.rating = nil
            return c
        }
    }

    /// Whether the case still waits for an officer to confirm who filed it.
    public func identityPending(caseID: Int64, actor: Actor) async throws -> Bool {
        try await database.read { db in
            let (row, _) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            return try row.decode(column: "identity_pending", as: Bool.self)
        }
    }

    /// The officer has checked the person's ID card at the first contact.
    public func confirmIdentity(caseID: Int64, actor: Actor, today: CivilDate = .today()) async throws {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        let audit = self.audit
        try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            guard try row.decode(column: "identity_pending", as: Bool.self) else { return }
            try await db.raw("UPDATE dispute_cases SET identity_pending = \(bind: false) WHERE id = \(bind: caseID)").run()
            let caseNo = try row.decode(column: "case_no", as: String.self)
            let state = DisputeCaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .received
            try await Self.event(caseID, provinceID: try row.decode(column: "province_id", as: Int64.self), kind: "identity_confirmed", on: today, state: state,
                                 detail: "已当面核实申请人身份", actor: actor, on: db)
            try await audit.append(.init(action: "dispute.identity_confirmed", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(caseNo)：核实申请人身份"), actor: actor, on: db)
        }
    }
}
