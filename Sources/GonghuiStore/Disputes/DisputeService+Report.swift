import Foundation
import GonghuiDomain
import SQLKit

/// The figures of dispute work for a node and a period (`gonghui report disputes`).
extension DisputeService {
    /// The cases received from `from` to `to` (both included) in the subtree of `code`, each
    /// counted where its handling union is in today's tree; a row per node down to `depth`.
    public func report(code: String, from: CivilDate, to: CivilDate, depth: Int?, actor: Actor) async throws -> DisputeReport {
        guard from <= to else { throw StoreError.invalid([FieldProblem(field: "from", value: from.iso, reason: "开始日期不能晚于结束日期 \(to.iso)")]) }
        return try await database.read { db in
            let policy = try await Self.policy(on: db)
            let org = try await OrgService.find(code: code, scope: actor.scope, on: db)
            let scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            let nodes = try await db.raw("SELECT o.id, o.parent_id, o.code, o.name, o.kind FROM orgs o WHERE " + scope.sql("o.path")).all().map { row in
                DisputeReport.Node(id: try row.decode(column: "id", as: Int64.self), parentID: try row.decode(column: "parent_id", as: Int64?.self),
                                   code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                                   kind: OrgKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .grassroots)
            }
            let rows = try await db.raw("""
                SELECT c.org_id, c.kind, c.state, c.received_on, c.accepted_on, c.extended_days, c.mediation_applied_on, c.closed_on, c.outcome,
                    c.recovered_fen, c.collective, c.workers_involved, c.amount_claimed_fen, c.channel, c.types
                FROM dispute_cases c JOIN orgs o ON o.id = c.org_id
                WHERE c.received_on >= \(bind: from.iso) AND c.received_on <= \(bind: to.iso) AND
                """ + " " + scope.sql("o.path")).all()
            var own: [Int64: DisputeFigures] = [:]
            for row in rows {
                own[try row.decode(column: "org_id", as: Int64.self), default: DisputeFigures()].add(try Self.facts(row), policy: policy)
            }
            return DisputeReport.build(root: org.id, nodes: nodes, own: own, from: from, to: to, depth: depth)
        }
    }

    /// What the figures need of a case row.
    static func facts(_ row: any SQLRow) throws -> DisputeCaseFacts {
        let workflow = DisputeWorkflow(
            kind: DisputeRequestKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .request,
            state: DisputeCaseState(rawValue: try row.decode(column: "state", as: String.self)) ?? .received,
            receivedOn: try Rows.date(row, "received_on") ?? CivilDate(daysSinceEpoch: 0), acceptedOn: try Rows.date(row, "accepted_on"),
            extendedDays: try row.decode(column: "extended_days", as: Int.self), extensionReason: nil,
            mediationAppliedOn: try Rows.date(row, "mediation_applied_on"), oralApplication: false, terms: [],
            closedOn: try Rows.date(row, "closed_on"), outcome: try row.decode(column: "outcome", as: String?.self).flatMap(DisputeOutcome.init(rawValue:)),
            recovered: Money(fen: try row.decode(column: "recovered_fen", as: Int64.self)), note: nil)
        return DisputeCaseFacts(workflow: workflow, collective: try row.decode(column: "collective", as: Bool.self),
                                workersInvolved: try row.decode(column: "workers_involved", as: Int.self),
                                amountClaimed: Money(fen: try row.decode(column: "amount_claimed_fen", as: Int64.self)),
                                channel: try row.decode(column: "channel", as: String?.self).flatMap(DisputeChannel.init(rawValue:)),
                                types: types(try row.decode(column: "types", as: String.self)))
    }
}

extension DisputeService {
    /// The dashboard's dispute figures for the subtree of `code` (the actor's own when nil).
    public func summary(code: String?, today: CivilDate = .today(), actor: Actor) async throws -> DisputeSummary {
        try await database.read { db in
            let scope = try await OrgService.narrowed(actor.scope, to: code, on: db)
            let row = try await db.raw("""
                SELECT
                    CAST(COALESCE(SUM(CASE WHEN c.state <> 'closed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS open_cases,
                    CAST(COALESCE(SUM(CASE WHEN c.state <> 'closed' AND c.due_on < \(bind: today.iso) THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue_cases,
                    CAST(COALESCE(SUM(CASE WHEN c.received_on >= \(bind: today.startOfYear.iso) THEN 1 ELSE 0 END), 0) AS BIGINT) AS received_year,
                    CAST(COALESCE(SUM(CASE WHEN c.received_on >= \(bind: today.startOfYear.iso) THEN c.recovered_fen ELSE 0 END), 0) AS BIGINT) AS recovered_year
                FROM dispute_cases c JOIN orgs o ON o.id = c.org_id WHERE
                """ + " " + scope.sql("o.path")).first()
            return DisputeSummary(openCases: try row?.decode(column: "open_cases", as: Int.self) ?? 0,
                                  overdueCases: try row?.decode(column: "overdue_cases", as: Int.self) ?? 0,
                                  receivedThisYear: try row?.decode(column: "received_year", as: Int.self) ?? 0,
                                  recoveredThisYear: Money(fen: try row?.decode(column: "recovered_year", as: Int64.self) ?? 0))
        }
    }
}
