import Foundation
import GonghuiDomain
import SQLKit

/// The figures of dispute work for a node and a period (`gonghui report disputes`).
extension DisputeService {
    /// The cases received from `from` to `to` (both included) in the subtree of `code`, each
    /// counted where its handling union is in today's tree; a row per node down to `depth`.
    ///
    /// Every case is added by `DisputeFigures.add`, with the province's policy and calendar, as
    /// it arrives: the rows are read by position (SQLKit decodes each value by column name, which
    /// for a province's year of half a million cases took most of the time), each distinct date
    /// and set of types is parsed once, and a case is added straight to the listed node it counts
    /// under (itself, or its ancestor on the last listed level), so that the tree is summed over
    /// the listed nodes only, not over every union of the province. A province's cases are found
    /// by the day they came in (`dispute_cases_received`, by `province_id`, as the annual report
    /// finds a province's rows), another node's union by union.
    public func report(code: String, from: CivilDate, to: CivilDate, depth: Int?, actor: Actor) async throws -> DisputeReport {
        guard from <= to else { throw StoreError.invalid([FieldProblem(field: "from", value: from.iso, reason: "开始日期不能晚于结束日期 \(to.iso)")]) }
        return try await database.readPlain { reader in
            let db = reader.sql
            let policy = try await Self.policy(on: db)
            let org = try await OrgService.find(code: code, scope: actor.scope, on: db)
            let scope = Scope(path: try await OrgService.path(of: org.id, on: db))
            let nodeColumns: SQLQueryString = "SELECT o.id, o.parent_id, o.code, o.name, o.kind FROM orgs o WHERE "
            let nodes: [DisputeReport.Node]
            var countsAt: [Int64: Int64] = [:]
            if let depth {
                // Where each union's cases count: the listed node it is, or its ancestor on the
                // last listed level (levels counted down the parent links, as `build` does).
                let tree = try await reader.rows("SELECT o.id, o.parent_id FROM orgs o WHERE " + scope.sql("o.path")) { row in
                    (try row.int64(0), try row.optionalInt64(1))
                }
                var children: [Int64: [Int64]] = [:]
                for (id, parent) in tree { if let parent { children[parent, default: []].append(id) } }
                var listed: [Int64] = []
                var level: [(id: Int64, at: Int64?)] = [(org.id, nil)], l = 0
                while !level.isEmpty {
                    var next: [(id: Int64, at: Int64?)] = []
                    for (id, at) in level {
                        let here = at ?? id
                        countsAt[id] = here
                        if l <= depth { listed.append(id) }
                        for child in children[id] ?? [] { next.append((child, l < depth ? nil : here)) }
                    }
                    level = next
                    l += 1
                }
                var found: [DisputeReport.Node] = []
                for start in stride(from: 0, to: listed.count, by: 500) {
                    let ids = listed[start..<min(start + 500, listed.count)].map { "\(bind: $0)" as SQLQueryString }
                    found += try await reader.rows(nodeColumns + "o.id IN (" + ids.joined(separator: ", ") + ")") { try Self.node($0) }
                }
                nodes = found
            } else {
                nodes = try await reader.rows(nodeColumns + scope.sql("o.path")) { try Self.node($0) }
                for n in nodes { countsAt[n.id] = n.id }
            }
            var cases: SQLQueryString = """
                SELECT c.org_id, c.kind, c.state, c.received_on, c.accepted_on, c.extended_days, c.mediation_applied_on, c.closed_on, c.outcome,
                    c.recovered_fen, c.collective, c.workers_involved, c.amount_claimed_fen, c.channel, c.types
                FROM dispute_cases c
                """
            if org.parentID == nil {
                cases += " WHERE c.province_id = \(bind: org.id) AND "
            } else {
                cases += " JOIN orgs o ON o.id = c.org_id WHERE " + scope.sql("o.path") + " AND "
            }
            cases += "c.received_on >= \(bind: from.iso) AND c.received_on <= \(bind: to.iso)"
            let tally = Tally(countsAt: countsAt, policy: policy)
            _ = try await reader.rows(cases) { row in try tally.add(row) }
            return DisputeReport.build(root: org.id, nodes: nodes, own: tally.figures, from: from, to: to, depth: depth)
        }
    }

    /// An org row (id, parent_id, code, name, kind) as the report's tree reads it.
    static func node(_ row: PlainRow) throws -> DisputeReport.Node {
        DisputeReport.Node(id: try row.int64(0), parentID: try row.optionalInt64(1), code: try row.string(2), name: try row.string(3),
                           kind: OrgKind(rawValue: try row.string(4)) ?? .grassroots)
    }

    /// The report's cases summed as they arrive (one row at a time, on the reader's thread).
    private final class Tally: @unchecked Sendable {
        /// The node each union of the tree counts its cases under.
        let countsAt: [Int64: Int64]
        let policy: PolicyBook
        private(set) var figures: [Int64: DisputeFigures] = [:]
        private var dates: [String: CivilDate?] = [:]
        private var typeSets: [String: [DisputeType]] = [:]

        init(countsAt: [Int64: Int64], policy: PolicyBook) {
            self.countsAt = countsAt
            self.policy = policy
        }

        /// A row of the report's query: org_id, kind, state, received_on, accepted_on,
        /// extended_days, mediation_applied_on, closed_on, outcome, recovered_fen, collective,
        /// workers_involved, amount_claimed_fen, channel, types.
        func add(_ row: PlainRow) throws {
            guard let at = countsAt[try row.int64(0)] else { return }
            let workflow = DisputeWorkflow(
                kind: DisputeRequestKind(rawValue: try row.string(1)) ?? .request,
                state: DisputeCaseState(rawValue: try row.string(2)) ?? .received,
                receivedOn: try date(row, 3) ?? CivilDate(daysSinceEpoch: 0), acceptedOn: try date(row, 4),
                extendedDays: try row.int(5), extensionReason: nil,
                mediationAppliedOn: try date(row, 6), oralApplication: false, terms: [],
                closedOn: try date(row, 7), outcome: try row.optionalString(8).flatMap(DisputeOutcome.init(rawValue:)),
                recovered: Money(fen: try row.int64(9)), note: nil)
            let stored = try row.string(14)
            let types: [DisputeType]
            if let known = typeSets[stored] {
                types = known
            } else {
                types = DisputeService.types(stored)
                typeSets[stored] = types
            }
            let facts = DisputeCaseFacts(workflow: workflow, collective: try row.bool(10), workersInvolved: try row.int(11),
                                         amountClaimed: Money(fen: try row.int64(12)),
                                         channel: try row.optionalString(13).flatMap(DisputeChannel.init(rawValue:)), types: types)
            figures[at, default: DisputeFigures()].add(facts, policy: policy)
        }

        /// A date column as `Rows.date` reads it, each distinct text parsed once.
        private func date(_ row: PlainRow, _ i: Int) throws -> CivilDate? {
            guard let text = try row.optionalString(i), !text.isEmpty else { return nil }
            if let known = dates[text] { return known }
            let parsed = try? CivilDate(parsing: text)
            dates[text] = parsed
            return parsed
        }
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
