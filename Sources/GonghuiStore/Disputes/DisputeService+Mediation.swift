import Foundation
import GonghuiDomain
import SQLKit

/// The mediation's record beyond its steps: the sessions, the particulars the documents print,
/// the agreement's number, and the dossier the documents are printed from.
extension DisputeService {
    /// The mediation as the case page and the API show it.
    public struct MediationRecord: Equatable, Sendable {
        public var particulars: MediationParticulars
        public var sessions: [MediationSession]
        public var agreementNo: String?
        public var agreementSignedOn: CivilDate?
    }

    public func mediation(id: Int64, actor: Actor) async throws -> MediationRecord {
        try await database.read { db in
            let (row, _) = try await Self.locate(id: id, scope: actor.scope, on: db)
            return try await Self.mediation(row, id: id, on: db)
        }
    }

    static func mediation(_ row: any SQLRow, id: Int64, on db: any SQLDatabase) async throws -> MediationRecord {
        func text(_ c: String) throws -> String { try row.decode(column: c, as: String?.self) ?? "" }
        let particulars = MediationParticulars(
            mediator: try text("mediator"), employerRepresentative: try text("employer_representative"), employerAgent: try text("employer_agent"),
            workerAgent: try text("worker_agent"), paymentMethod: try text("payment_method"), claimsWaived: try text("claims_waived"))
        let sessions = try await db.raw("SELECT held_on, place, attendees, notes, recorded_by FROM dispute_sessions WHERE case_id = \(bind: id) ORDER BY id").all().map { s in
            MediationSession(heldOn: try Rows.date(s, "held_on") ?? CivilDate(daysSinceEpoch: 0), place: try s.decode(column: "place", as: String.self),
                             attendees: try s.decode(column: "attendees", as: String.self), notes: try s.decode(column: "notes", as: String.self),
                             recordedBy: try s.decode(column: "recorded_by", as: String.self))
        }
        return MediationRecord(particulars: particulars, sessions: sessions, agreementNo: try row.decode(column: "agreement_no", as: String?.self),
                               agreementSignedOn: try Rows.date(row, "agreement_signed_on"))
    }

    /// Records a mediation session while the case is being mediated or its agreement performed.
    public func recordSession(caseID: Int64, _ session: MediationSession, actor: Actor, today: CivilDate = .today()) async throws -> MediationRecord {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        let audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let c = try await Self.dispute(row, actor: .system("read"), on: db)
            guard [.mediating, .performing].contains(c.workflow.state) else {
                throw StoreError.conflict(code: "workflow", message: "案件当前为“\(c.workflow.state.title)”，只有调解中的案件可以记录调解过程")
            }
            let problems = session.problems(receivedOn: c.workflow.receivedOn, today: today)
            if !problems.isEmpty { throw StoreError.invalid(problems) }
            let provinceID = try row.decode(column: "province_id", as: Int64.self)
            try await db.raw("""
                INSERT INTO dispute_sessions (province_id, case_id, held_on, place, attendees, notes, recorded_by, at)
                VALUES (\(bind: provinceID), \(bind: caseID), \(bind: session.heldOn.iso), \(bind: session.place.trimmingCharacters(in: .whitespacesAndNewlines)),
                    \(bind: session.attendees.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: session.notes.trimmingCharacters(in: .whitespacesAndNewlines)),
                    \(bind: actor.displayName), \(bind: Clock.nowMillis()))
                """).run()
            let detail = "记录调解过程（\(session.heldOn.iso)，\(session.place.trimmingCharacters(in: .whitespaces))）"
            try await Self.event(caseID, provinceID: provinceID, kind: "session", on: session.heldOn, state: c.workflow.state, detail: detail, actor: actor, on: db)
            try await audit.append(.init(action: "dispute.session", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(c.caseNo)：\(detail)"), actor: actor, on: db)
            return try await Self.mediation(try await Self.locate(id: caseID, scope: .everything, on: db).row, id: caseID, on: db)
        }
    }

    /// Records or corrects what the documents print beyond the case (the fields given replace the
    /// ones recorded; empty ones keep them).
    public func setParticulars(caseID: Int64, _ particulars: MediationParticulars, actor: Actor) async throws -> MediationRecord {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权办理案件") }
        let (cleaned, problems) = particulars.cleaned()
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: caseID, scope: actor.scope, on: db)
            let c = try await Self.dispute(row, actor: .system("read"), on: db)
            guard c.workflow.mediationAppliedOn != nil else {
                throw StoreError.conflict(code: "workflow", message: "案件还没有收到调解申请")
            }
            try await Self.writeParticulars(cleaned, over: row, caseID: caseID, on: db)
            try await audit.append(.init(action: "dispute.particulars", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(c.caseNo)：记录调解文书事项"), actor: actor, on: db)
            return try await Self.mediation(try await Self.locate(id: caseID, scope: .everything, on: db).row, id: caseID, on: db)
        }
    }

    static func writeParticulars(_ p: MediationParticulars, over row: any SQLRow, caseID: Int64, on db: any SQLDatabase) async throws {
        let merged = try await mediation(row, id: caseID, on: db).particulars.updated(with: p)
        func v(_ s: String) -> String? { s.isEmpty ? nil : s }
        try await db.raw("""
            UPDATE dispute_cases SET mediator = \(bind: v(merged.mediator)), employer_representative = \(bind: v(merged.employerRepresentative)),
                employer_agent = \(bind: v(merged.employerAgent)), worker_agent = \(bind: v(merged.workerAgent)),
                payment_method = \(bind: v(merged.paymentMethod)), claims_waived = \(bind: v(merged.claimsWaived))
            WHERE id = \(bind: caseID)
            """).run()
    }

    /// The agreement's number: the next of the signing union's sequence for the year.
    static func numberAgreement(caseID: Int64, orgID: Int64, orgCode: String, signedOn: CivilDate, on db: any SQLDatabase) async throws {
        let next = try await db.raw("""
            SELECT COALESCE(MAX(agreement_seq), 0) + 1 AS n FROM dispute_cases WHERE agreement_org_id = \(bind: orgID) AND agreement_year = \(bind: signedOn.year)
            """).first()?.decode(column: "n", as: Int.self) ?? 1
        let number = DisputeDossier.agreementNumber(year: signedOn.year, orgCode: orgCode, sequence: next)
        try await db.raw("""
            UPDATE dispute_cases SET agreement_org_id = \(bind: orgID), agreement_year = \(bind: signedOn.year), agreement_seq = \(bind: next),
                agreement_no = \(bind: number), agreement_signed_on = \(bind: signedOn.iso)
            WHERE id = \(bind: caseID)
            """).run()
    }

    /// Everything a document of the case prints, the workers' ID numbers and phones in full: only
    /// for officers who handle cases, never for the employer's own union on a confidential case,
    /// and every printing audited (个人信息保护法 art. 51: access to personal information recorded).
    public func dossier(id: Int64, document: String, actor: Actor) async throws -> DisputeDossier {
        guard actor.role.mayEditRegistry else { throw StoreError.forbidden("当前角色无权打印案件文书") }
        let cipher = self.cipher, audit = self.audit
        return try await database.write { db in
            let (row, path) = try await Self.locate(id: id, scope: actor.scope, on: db)
            let c = try await Self.dispute(row, actor: actor, on: db)
            if c.namesWithheld { throw StoreError.forbidden("保密案件的文书只能由办理工会打印") }
            let parties = try await db.raw("SELECT name, id_enc, phone_enc, is_representative FROM dispute_workers WHERE case_id = \(bind: id) ORDER BY seq").all().map { w in
                DocumentParty(name: try w.decode(column: "name", as: String.self),
                              idNumber: try w.decode(column: "id_enc", as: String?.self).flatMap { try? cipher.open($0) },
                              phone: try w.decode(column: "phone_enc", as: String?.self).flatMap { try? cipher.open($0) },
                              isRepresentative: try w.decode(column: "is_representative", as: Bool.self))
            }
            let record = try await Self.mediation(row, id: id, on: db)
            try await audit.append(.init(action: "dispute.document", entity: "dispute_case", entityID: String(id), orgID: nil, orgPath: path,
                                         summary: "\(c.caseNo)：打印\(document)"), actor: actor, on: db)
            return DisputeDossier(dispute: c, parties: parties, particulars: record.particulars, sessions: record.sessions, agreementNo: record.agreementNo,
                                  agreementSignedOn: record.agreementSignedOn,
                                  mediationRecordedAt: try row.decode(column: "mediation_recorded_at", as: Int64?.self))
        }
    }
}
