import Foundation
import GonghuiDomain
import SQLKit

/// The worker's side of dispute work (我的维权): the cases a member is a worker of, filing one
/// from the phone, rating it once closed, and downloading its agreement. Every read is keyed by
/// the signed-in member; another person's case is "not found".
extension DisputeService {
    /// The member's cases, newest first.
    public func portalCases(memberID: Int64) async throws -> [PortalDispute] {
        try await database.read { db in
            let ids = try await db.raw("SELECT DISTINCT case_id FROM dispute_workers WHERE member_id = \(bind: memberID) ORDER BY case_id DESC LIMIT 100").all()
                .map { try $0.decode(column: "case_id", as: Int64.self) }
            var out: [PortalDispute] = []
            for id in ids { out.append(try await Self.portalCase(id: id, memberID: memberID, steps: false, on: db)) }
            return out
        }
    }

    public func portalCase(id: Int64, memberID: Int64) async throws -> PortalDispute {
        try await database.read { db in try await Self.portalCase(id: id, memberID: memberID, steps: true, on: db) }
    }

    /// `memberID` nil: the caller has already found the case for its person (a guest's lookup).
    static func portalCase(id: Int64, memberID: Int64?, steps: Bool, on db: any SQLDatabase) async throws -> PortalDispute {
        if let memberID, try await db.raw("SELECT 1 AS x FROM dispute_workers WHERE case_id = \(bind: id) AND member_id = \(bind: memberID)").first() == nil {
            throw StoreError.notFound(entity: "案件", key: String(id))
        }
        guard let row = try await db.raw(caseSelect + " WHERE c.id = \(bind: id)").first() else {
            throw StoreError.notFound(entity: "案件", key: String(id))
        }
        let policy = try await Self.policy(on: db)
        let c = try await dispute(row, actor: .system("portal"), on: db)
        var events: [PortalDispute.Step] = []
        if steps {
            events = try await db.raw("SELECT kind, on_date, state FROM dispute_events WHERE case_id = \(bind: id) ORDER BY id").all().map { e in
                PortalDispute.Step(kind: try e.decode(column: "kind", as: String.self), onDate: try Rows.date(e, "on_date") ?? c.workflow.receivedOn,
                                   state: DisputeCaseState(rawValue: try e.decode(column: "state", as: String.self)) ?? .received)
            }
        }
        let rating = try await db.raw("SELECT score, comment, at FROM dispute_ratings WHERE case_id = \(bind: id)").first().map { r in
            DisputeRating(score: try r.decode(column: "score", as: Int.self), comment: try r.decode(column: "comment", as: String.self),
                          ratedAt: try r.decode(column: "at", as: Int64.self))
        }
        return PortalDispute(id: id, caseNo: c.caseNo, channel: c.channel, kind: c.workflow.kind, types: c.types, employerName: c.employer.name,
                             handlingOrgName: c.handlingOrgName, workflow: c.workflow, dueOn: c.workflow.dueOn(policy: policy), steps: events,
                             agreementNo: try row.decode(column: "agreement_no", as: String?.self), rating: rating)
    }

    /// Files a complaint or a request for mediation for the member, routed by `DisputeRouting`.
    /// When the union already has an open case against the employer about the same type, the
    /// member joins it rather than opening another. Returns the case the member is now in.
    public func file(_ filing: PortalDisputeFiling, memberID: Int64, today: CivilDate = .today()) async throws -> PortalDispute {
        let cipher = self.cipher
        let (person, chain) = try await database.read { db -> ((name: String, id: IDNumber?, phone: PhoneNumber?), [DisputeRouting.Candidate]) in
            guard let m = try await db.raw("SELECT m.name, m.id_enc, m.phone_enc, o.path FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = \(bind: memberID)").first() else {
                throw StoreError.notFound(entity: "会员", key: String(memberID))
            }
            let path = try m.decode(column: "path", as: String.self)
            let ids = path.split(separator: "/").compactMap { Int64($0) }
            let orgs = try await db.raw("SELECT id, code, kind, mediation_committee FROM orgs WHERE id IN (" + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")").all()
            var byID: [Int64: DisputeRouting.Candidate] = [:]
            for o in orgs {
                byID[try o.decode(column: "id", as: Int64.self)] = DisputeRouting.Candidate(
                    code: try o.decode(column: "code", as: String.self), kind: OrgKind(rawValue: try o.decode(column: "kind", as: String.self)) ?? .grassroots,
                    hasMediationCommittee: try o.decode(column: "mediation_committee", as: Bool.self))
            }
            let idNumber = try m.decode(column: "id_enc", as: String?.self).flatMap { try? cipher.open($0) }.flatMap { try? IDNumber($0, today: today) }
            let phone = try m.decode(column: "phone_enc", as: String?.self).flatMap { try? cipher.open($0) }.flatMap { try? PhoneNumber($0) }
            return ((try m.decode(column: "name", as: String.self), idNumber, phone), ids.reversed().compactMap { byID[$0] })
        }
        guard let handler = DisputeRouting.handler(chain: chain, confidentialAgainstOwnUnion: filing.confidential) else {
            throw StoreError.invalid([FieldProblem(field: "org", value: "", reason: "没有可以受理的工会")])
        }
        let actor = Actor(userID: nil, username: "worker:\(memberID)", displayName: "\(person.name)（网上申请）", role: .systemAdmin,
                          orgID: nil, orgCode: nil, orgName: nil, scope: .everything)
        let intake = filing.intake(name: person.name, idNumber: person.id, phone: person.phone, receivedOn: today, handlingOrgCode: handler)
        let caseID: Int64
        do {
            caseID = try await register(intake, actor: actor, today: today).id
        } catch StoreError.conflict(let code, _, _) where code == "duplicate" {
            // The same employer and matter is open: the member joins that case.
            guard let open = try await database.read({ db in try await Self.duplicate(of: intake, creditCode: intake.employer.creditCode, policy: try await Self.policy(on: db), actor: actor, on: db) }) else {
                throw StoreError.conflict(code: "duplicate", message: "同一用人单位、同一争议类型已有在办案件")
            }
            caseID = try await addWorkers(caseID: open.id, intake.workers, actor: actor, today: today).id
        }
        return try await portalCase(id: caseID, memberID: memberID)
    }

    /// The member's rating of a closed case, once.
    public func rate(caseID: Int64, memberID: Int64, score: Int, comment: String) async throws -> PortalDispute {
        let problems = DisputeRating.problems(score: score, comment: comment)
        if !problems.isEmpty { throw StoreError.invalid(problems) }
        let audit = self.audit
        try await database.write { db in
            let c = try await Self.portalCase(id: caseID, memberID: memberID, steps: false, on: db)
            guard c.workflow.state == .closed else { throw StoreError.conflict(code: "workflow", message: "案件办结后才能评价") }
            guard c.rating == nil else { throw StoreError.conflict(code: "rated", message: "您已评价过这个案件") }
            try await db.raw("""
                INSERT INTO dispute_ratings (case_id, member_id, score, comment, at)
                VALUES (\(bind: caseID), \(bind: memberID), \(bind: score), \(bind: comment.trimmingCharacters(in: .whitespacesAndNewlines)), \(bind: Clock.nowMillis()))
                """).run()
            let (_, path) = try await Self.locate(id: caseID, scope: .everything, on: db)
            try await audit.append(.init(action: "dispute.rated", entity: "dispute_case", entityID: String(caseID), orgID: nil, orgPath: path,
                                         summary: "\(c.caseNo)：职工评价 \(score) 分"), actor: .worker(memberID: memberID, name: "职工"), on: db)
        }
        return try await portalCase(id: caseID, memberID: memberID)
    }

    /// The agreement as the member may download it: their own ID number in full, the other
    /// workers' masked and without phones.
    public func portalDossier(caseID: Int64, memberID: Int64) async throws -> DisputeDossier {
        let cipher = self.cipher
        return try await database.read { db in
            _ = try await Self.portalCase(id: caseID, memberID: memberID, steps: false, on: db)
            let (row, _) = try await Self.locate(id: caseID, scope: .everything, on: db)
            let c = try await Self.dispute(row, actor: .system("portal"), on: db)
            let parties = try await db.raw("SELECT name, id_enc, id_masked, phone_enc, is_representative, member_id FROM dispute_workers WHERE case_id = \(bind: caseID) ORDER BY seq").all().map { w in
                let own = try w.decode(column: "member_id", as: Int64?.self) == memberID
                return DocumentParty(name: try w.decode(column: "name", as: String.self),
                                     idNumber: own ? try w.decode(column: "id_enc", as: String?.self).flatMap { try? cipher.open($0) } : try w.decode(column: "id_masked", as: String?.self),
                                     phone: own ? try w.decode(column: "phone_enc", as: String?.self).flatMap { try? cipher.open($0) } : nil,
                                     isRepresentative: try w.decode(column: "is_representative", as: Bool.self))
            }
            let record = try await Self.mediation(row, id: caseID, on: db)
            return DisputeDossier(dispute: c, parties: parties, particulars: record.particulars, sessions: [], agreementNo: record.agreementNo,
                                  agreementSignedOn: record.agreementSignedOn, mediationRecordedAt: nil)
        }
    }
}

extension DisputeService {
    /// The workers' ratings of the cases received in the period in the subtree of `code`
    /// (满意度): how many rated, and the average score rounded to one place; nil without ratings.
    public func satisfaction(code: String, from: CivilDate, to: CivilDate, actor: Actor) async throws -> (rated: Int, average: String?) {
        try await database.read { db in
            let scope = try await OrgService.narrowed(actor.scope, to: code, on: db)
            let row = try await db.raw("""
                SELECT COUNT(r.id) AS n, CAST(COALESCE(SUM(r.score), 0) AS BIGINT) AS total
                FROM dispute_ratings r JOIN dispute_cases c ON c.id = r.case_id JOIN orgs o ON o.id = c.org_id
                WHERE c.received_on >= \(bind: from.iso) AND c.received_on <= \(bind: to.iso) AND
                """ + " " + scope.sql("o.path")).first()
            let n = try row?.decode(column: "n", as: Int.self) ?? 0, total = try row?.decode(column: "total", as: Int.self) ?? 0
            guard n > 0 else { return (0, nil) }
            // Half up to one place, in integers: tenths = round(10 × total / n).
            let tenths = (total * 20 + n) / (2 * n)
            return (n, "\(tenths / 10).\(tenths % 10)")
        }
    }
}
