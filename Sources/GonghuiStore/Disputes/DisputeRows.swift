import Foundation
import GonghuiDomain
import SQLKit

/// Rows of the dispute tables mapped to Domain values, and the policy the clocks read.
extension DisputeService {
    static let caseSelect: SQLQueryString = """
        SELECT c.*, o.code AS org_code, o.name AS org_name, o.path AS org_path, eo.code AS employer_union_code, eo.path AS employer_union_path
        FROM dispute_cases c JOIN orgs o ON o.id = c.org_id LEFT JOIN orgs eo ON eo.id = c.employer_org_id
        """

    /// The laws' numbers with the province's own rules over them.
    static func policy(on db: any SQLDatabase) async throws -> PolicyBook {
        let rows = try await db.raw("SELECT key, effective_from, value, source, working_days FROM policy_rules ORDER BY key, effective_from").all()
        var book = DisputePolicy.defaults.merging(WarningPolicy.defaults.rules + LegalAidPolicy.defaults.rules + SupervisionPolicy.defaults.rules + LoanPolicy.defaults.rules + CardPolicy.defaults.rules).merging(try rows.map { row in
            PolicyRule(key: try row.decode(column: "key", as: String.self), value: try row.decode(column: "value", as: Int.self),
                       effectiveFrom: try Rows.date(row, "effective_from") ?? CivilDate(daysSinceEpoch: 0),
                       source: try row.decode(column: "source", as: String.self), workingDays: try row.decode(column: "working_days", as: Bool.self))
        })
        book.calendar = try await calendar(on: db)
        return book
    }

    /// Whether the actor sees a confidential case's workers masked: they act for the employer's
    /// own union or a union inside it.
    static func withholds(confidential: Bool, employerUnionPath: String?, from actor: Actor) -> Bool {
        guard confidential, let path = employerUnionPath else { return false }
        return actor.scope.path.hasPrefix(path)
    }

    /// A case row (from `caseSelect`) with its workers, claims and terms, as `actor` may see it.
    static func dispute(_ row: any SQLRow, actor: Actor, on db: any SQLDatabase) async throws -> DisputeCase {
        try await disputes([row], actor: actor, on: db)[0]
    }

    /// Case rows (from `caseSelect`) with their workers, claims and terms, as `actor` may see
    /// them, in the rows' order: one query for the workers of every case, one for the claims and
    /// one for the terms, however many cases (a worklist page reads 3 queries, not 3 per case).
    static func disputes(_ rows: [any SQLRow], actor: Actor, on db: any SQLDatabase) async throws -> [DisputeCase] {
        if rows.isEmpty { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        let idList = SQLQueryString("(") + ids.map { "\(bind: $0)" as SQLQueryString }.joined(separator: ", ") + ")"
        var workers: [Int64: [DisputeWorker]] = [:], claims: [Int64: [DisputeClaim]] = [:], terms: [Int64: [AgreementTerm]] = [:]
        for w in try await db.raw("SELECT case_id, name, id_masked, phone_masked, is_representative, member_id FROM dispute_workers WHERE case_id IN " + idList + " ORDER BY case_id, seq, id").all() {
            workers[try w.decode(column: "case_id", as: Int64.self), default: []].append(DisputeWorker(
                name: try w.decode(column: "name", as: String.self), idNumberMasked: try w.decode(column: "id_masked", as: String?.self),
                phoneMasked: try w.decode(column: "phone_masked", as: String?.self),
                isRepresentative: try w.decode(column: "is_representative", as: Bool.self), memberID: try w.decode(column: "member_id", as: Int64?.self)))
        }
        for c in try await db.raw("SELECT case_id, type, description, amount_fen FROM dispute_claims WHERE case_id IN " + idList + " ORDER BY case_id, seq, id").all() {
            claims[try c.decode(column: "case_id", as: Int64.self), default: []].append(DisputeClaim(
                type: DisputeType(rawValue: try c.decode(column: "type", as: String.self)) ?? .other,
                description: try c.decode(column: "description", as: String.self), amount: Money(fen: try c.decode(column: "amount_fen", as: Int64.self))))
        }
        for t in try await db.raw("SELECT case_id, description, amount_fen, due_on, performed_on, amount_performed_fen FROM dispute_terms WHERE case_id IN " + idList + " ORDER BY case_id, seq, id").all() {
            terms[try t.decode(column: "case_id", as: Int64.self), default: []].append(AgreementTerm(
                description: try t.decode(column: "description", as: String.self), amount: Money(fen: try t.decode(column: "amount_fen", as: Int64.self)),
                dueOn: try Rows.date(t, "due_on") ?? CivilDate(daysSinceEpoch: 0), performedOn: try Rows.date(t, "performed_on"),
                amountPerformed: Money(fen: try t.decode(column: "amount_performed_fen", as: Int64.self))))
        }
        return try zip(rows, ids).map { row, id in
            try dispute(row, id: id, workers: workers[id] ?? [], claims: claims[id] ?? [], terms: terms[id] ?? [], actor: actor)
        }
    }

    /// A case row with its workers, claims and terms already read.
    private static func dispute(_ row: any SQLRow, id: Int64, workers: [DisputeWorker], claims: [DisputeClaim], terms: [AgreementTerm],
                                actor: Actor) throws -> DisputeCase {
        let kind = DisputeRequestKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .request
        let workflow = DisputeWorkflow(
            kind: kind, state: DisputeCaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .received,
            receivedOn: try Rows.date(row, "received_on") ?? CivilDate(daysSinceEpoch: 0), acceptedOn: try Rows.date(row, "accepted_on"),
            extendedDays: try row.decode(column: "extended_days", as: Int.self), extensionReason: try row.decode(column: "extension_reason", as: String?.self),
            mediationAppliedOn: try Rows.date(row, "mediation_applied_on"), oralApplication: try row.decode(column: "oral_application", as: Bool.self),
            terms: terms, closedOn: try Rows.date(row, "closed_on"),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(DisputeOutcome.init(rawValue:)),
            recovered: Money(fen: try row.decode(column: "recovered_fen", as: Int64.self)), note: try row.decode(column: "note", as: String?.self))
        let confidential = try row.decode(column: "confidential", as: Bool.self)
        let c = DisputeCase(
            id: id, caseNo: try row.decode(column: "case_no", as: String.self),
            channel: DisputeChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .visit,
            handlingOrgCode: try row.decode(column: "org_code", as: String.self), handlingOrgName: try row.decode(column: "org_name", as: String.self),
            workers: workers, workersInvolved: try row.decode(column: "workers_involved", as: Int.self),
            employer: DisputeEmployer(name: try row.decode(column: "employer_name", as: String.self),
                                      creditCode: try row.decode(column: "employer_credit_code", as: String?.self),
                                      regionCode: try row.decode(column: "employer_region", as: String?.self),
                                      industry: try row.decode(column: "employer_industry", as: String?.self),
                                      unionCode: try row.decode(column: "employer_union_code", as: String?.self)),
            types: Self.types(try row.decode(column: "types", as: String.self)), claims: claims,
            facts: try row.decode(column: "facts", as: String.self), learnedOn: try Rows.date(row, "learned_on"),
            employmentEndedOn: try Rows.date(row, "employment_ended_on"), confidential: confidential, workflow: workflow,
            limitationEndsOn: try Rows.date(row, "limitation_ends_on"), collective: try row.decode(column: "collective", as: Bool.self),
            version: try row.decode(column: "version", as: Int.self))
        let employerPath = try row.decode(column: "employer_union_path", as: String?.self)
        return withholds(confidential: confidential, employerUnionPath: employerPath, from: actor) ? c.withheld() : c
    }

    static func types(_ stored: String) -> [DisputeType] {
        stored.split(separator: ",").compactMap { DisputeType(rawValue: String($0)) }
    }

    static func typesText(_ types: [DisputeType]) -> String {
        // Bounded by commas so one type is found with LIKE '%,wage_arrears,%'.
        "," + types.map(\.rawValue).joined(separator: ",") + ","
    }

    /// The case (id, handling union's path and number) when it lies in `scope`.
    static func locate(id: Int64, scope: Scope, on db: any SQLDatabase) async throws -> (row: any SQLRow, path: String) {
        guard let row = try await db.raw(caseSelect + " WHERE c.id = \(bind: id) AND " + scope.sql("o.path")).first() else {
            throw StoreError.notFound(entity: "案件", key: String(id))
        }
        return (row, try row.decode(column: "org_path", as: String.self))
    }

    static func event(_ caseID: Int64, provinceID: Int64, kind: String, on date: CivilDate, state: DisputeCaseState, detail: String, actor: Actor,
                      on db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO dispute_events (province_id, case_id, kind, on_date, state, detail, actor, at)
            VALUES (\(bind: provinceID), \(bind: caseID), \(bind: kind), \(bind: date.iso), \(bind: state.rawValue), \(bind: detail), \(bind: actor.displayName), \(bind: Clock.nowMillis()))
            """).run()
    }
}
